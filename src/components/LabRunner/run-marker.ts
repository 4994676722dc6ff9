/**
 * Notices a run that took the whole page down. Chromium runs dedicated workers in the page's process, and a
 * worker that exhausts the JavaScript heap (a plain array growing in an endless loop) crashes the tab rather
 * than only the worker. Nothing on the page survives that, so a marker in sessionStorage (kept by the browser
 * across the crash and the reload) says a run had started and never ended; the next load reports it.
 */
export interface RunMarker {
	begin(kind: 'run' | 'check'): void;
	end(): void;
	/** The run that was still marked when the page loaded (and clears it), or null. */
	takePrevious(): { kind: 'run' | 'check'; at: number } | null;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createRunMarker(storage: StorageLike | null, labId: string, now = () => Date.now()): RunMarker {
	const key = `chainrule:running:${labId}`;
	const safe = <T>(fn: () => T, fallback: T): T => {
		try {
			return storage ? fn() : fallback;
		} catch {
			return fallback; // storage disabled
		}
	};
	return {
		begin: (kind) => safe(() => storage!.setItem(key, JSON.stringify({ kind, at: now() })), undefined),
		end: () => safe(() => storage!.removeItem(key), undefined),
		takePrevious() {
			const raw = safe(() => storage!.getItem(key), null);
			safe(() => storage!.removeItem(key), undefined);
			if (!raw) return null;
			try {
				const value = JSON.parse(raw) as { kind?: unknown; at?: unknown };
				return (value.kind === 'run' || value.kind === 'check') && typeof value.at === 'number' ? { kind: value.kind, at: value.at } : null;
			} catch {
				return null;
			}
		},
	};
}

export function crashMessage(kind: 'run' | 'check'): string {
	return (
		`Your last ${kind === 'run' ? 'Run' : 'Check'} stopped the whole page: the browser ended it, most likely because your code ran out of memory ` +
		'(for example an array that grows inside an endless loop). Your code was saved before it ran; look for a loop that never ends or a structure that keeps growing.'
	);
}

/** The tab's sessionStorage, or null where storage is disabled. */
export function sessionStorageOrNull(): Storage | null {
	try {
		return sessionStorage;
	} catch {
		return null;
	}
}
