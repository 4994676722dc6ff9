/**
 * Saves the editor's text shortly after the learner stops typing (debounced), and at once when asked (on
 * pagehide, before a run). Pure: the store write and the timer are passed in.
 */
export interface DraftSaver {
	/** The text changed: save it after `delayMs` of quiet. */
	schedule(code: string): void;
	/** Save a pending change now (no-op when nothing is pending). */
	flush(): Promise<void>;
	/** Forget a pending change (after a reset to the starter). */
	cancel(): void;
	readonly pending: boolean;
}

export function createDraftSaver(options: {
	save: (code: string) => Promise<void>;
	delayMs?: number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
	onError?: (error: unknown) => void;
}): DraftSaver {
	const delayMs = options.delayMs ?? 500;
	const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
	const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
	let timer: unknown = null;
	let pendingCode: string | null = null;
	let lastSaved: string | null = null;

	const write = async () => {
		if (timer !== null) clearTimer(timer);
		timer = null;
		const code = pendingCode;
		pendingCode = null;
		if (code === null || code === lastSaved) return;
		try {
			await options.save(code);
			lastSaved = code;
		} catch (error) {
			options.onError?.(error);
		}
	};

	return {
		schedule(code) {
			pendingCode = code;
			if (timer !== null) clearTimer(timer);
			timer = setTimer(() => void write(), delayMs);
		},
		flush: write,
		cancel() {
			if (timer !== null) clearTimer(timer);
			timer = null;
			pendingCode = null;
			lastSaved = null;
		},
		get pending() {
			return pendingCode !== null;
		},
	};
}
