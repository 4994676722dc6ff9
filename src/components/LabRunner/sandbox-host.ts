/**
 * The page's side of the sandbox: one fresh worker per request (a spare is started ahead of time so a run does
 * not wait for the engine to load), a time limit enforced by terminating the worker, and crash detection.
 * Every message is validated (protocol.ts) and must carry the current run's id; anything else is dropped.
 */
import { parseSandboxMessage, type SandboxMessage, type SandboxRequest } from './protocol';

/** How a request ended. */
export type RunEnd =
	| { kind: 'done'; message: Extract<SandboxMessage, { kind: 'done' }> }
	| { kind: 'timeout'; limitMs: number }
	| { kind: 'crashed'; message: string }
	| { kind: 'error'; message: Extract<SandboxMessage, { kind: 'error' }> }
	| { kind: 'cancelled' };

/** The parts of a Worker the host uses (a fake in unit tests). */
export interface WorkerLike {
	postMessage(message: unknown, transfer: Transferable[]): void;
	terminate(): void;
	addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export interface SandboxHostOptions {
	createWorker: () => WorkerLike;
	/** How long a new worker may take to load the engine before the sandbox counts as broken. */
	startupTimeoutMs?: number;
	/** Most messages accepted per run; past it, only the end of the run is listened for (a flood guard). */
	maxMessagesPerRun?: number;
	createChannel?: () => { port1: MessagePort; port2: MessagePort };
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
}

interface Slot {
	worker: WorkerLike;
	port: MessagePort;
	/** Resolves when the worker said `ready`, rejects with a message when it died first. */
	ready: Promise<void>;
	/** Set while a request runs: where messages and a crash go. */
	listener: ((message: SandboxMessage) => void) | null;
	onCrash: ((message: string) => void) | null;
	dead: boolean;
}

let runCounter = 0;
const newRunId = () => `${Date.now().toString(36)}-${(++runCounter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export class SandboxHost {
	private spare: Slot | null = null;
	private current: { slot: Slot; finish: (end: RunEnd) => void } | null = null;
	private readonly options: Required<Omit<SandboxHostOptions, 'createWorker'>> & Pick<SandboxHostOptions, 'createWorker'>;

	constructor(options: SandboxHostOptions) {
		this.options = {
			startupTimeoutMs: 30_000,
			maxMessagesPerRun: 2_000,
			createChannel: () => new MessageChannel(),
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
			...options,
		};
	}

	/** Starts the next worker now, so the next run finds the engine loaded. */
	prewarm(): void {
		if (!this.spare || this.spare.dead) this.spare = this.spawn();
	}

	get running(): boolean {
		return this.current !== null;
	}

	/**
	 * Runs one request in a fresh worker. `onMessage` gets the streamed messages (log, device, started, check);
	 * the promise resolves with how the run ended. The worker is always terminated afterwards.
	 */
	run(request: Omit<SandboxRequest, 'runId'>, timeLimitMs: number, onMessage: (message: SandboxMessage) => void): Promise<RunEnd> {
		if (this.current) this.cancel();
		const slot = this.spare && !this.spare.dead ? this.spare : this.spawn();
		this.spare = null;
		const runId = newRunId();
		const { setTimer, clearTimer, startupTimeoutMs, maxMessagesPerRun } = this.options;
		return new Promise<RunEnd>((resolve) => {
			let timer: unknown = null;
			let finished = false;
			let count = 0;
			const finish = (end: RunEnd) => {
				if (finished) return;
				finished = true;
				if (timer !== null) clearTimer(timer);
				slot.listener = null;
				slot.onCrash = null;
				this.kill(slot);
				if (this.current?.slot === slot) this.current = null;
				this.prewarm();
				resolve(end);
			};
			this.current = { slot, finish };
			slot.onCrash = (message) => finish({ kind: 'crashed', message });
			slot.listener = (message) => {
				if (message.kind === 'ready' || message.runId !== runId) {
					if (message.kind === 'error' && message.runId === null) finish({ kind: 'error', message });
					return;
				}
				if (message.kind === 'done') return finish({ kind: 'done', message });
				if (message.kind === 'error') return finish({ kind: 'error', message });
				if (++count > maxMessagesPerRun && message.kind === 'log') return;
				onMessage(message);
			};
			// The startup wait does not count against the learner's time limit.
			timer = setTimer(() => finish({ kind: 'crashed', message: `The sandbox did not start within ${Math.round(startupTimeoutMs / 1000)} s.` }), startupTimeoutMs);
			slot.ready.then(
				() => {
					if (finished) return;
					clearTimer(timer);
					timer = setTimer(() => finish({ kind: 'timeout', limitMs: timeLimitMs }), timeLimitMs);
					slot.port.postMessage({ ...request, runId } satisfies SandboxRequest);
				},
				(message: string) => finish({ kind: 'crashed', message }),
			);
		});
	}

	/** Stops the running request (its promise resolves with `cancelled`). */
	cancel(): void {
		this.current?.finish({ kind: 'cancelled' });
	}

	dispose(): void {
		this.cancel();
		if (this.spare) this.kill(this.spare);
		this.spare = null;
	}

	private spawn(): Slot {
		const { port1, port2 } = this.options.createChannel();
		const worker = this.options.createWorker();
		let markReady: () => void = () => {};
		let markDead: (message: string) => void = () => {};
		let started = false;
		const slot: Slot = {
			worker,
			port: port1,
			ready: new Promise<void>((resolve, reject) => {
				markReady = resolve;
				markDead = reject;
			}),
			listener: null,
			onCrash: null,
			dead: false,
		};
		slot.ready.catch(() => {}); // a spare may die unobserved
		port1.onmessage = (event: MessageEvent) => {
			const message = parseSandboxMessage(event.data);
			if (!message) return;
			if (message.kind === 'ready') {
				started = true;
				markReady();
			}
			slot.listener?.(message);
		};
		worker.addEventListener('error', (event) => {
			// Our worker handles learner errors itself; an error event here means it could not load or it died
			// (Chromium ends a worker that exhausts its heap).
			const text = (event as ErrorEvent).message;
			const detail = text ? ` (${text})` : '';
			const message = started
				? `The sandbox ran out of memory or crashed${detail}. A fresh one has been started; run again.`
				: `The sandbox could not start${detail}. Reload the page; if it persists, your browser may block module workers.`;
			slot.dead = true;
			markDead(message);
			slot.onCrash?.(message);
			if (this.spare === slot) this.spare = null;
		});
		worker.postMessage({ kind: 'init' }, [port2]);
		return slot;
	}

	private kill(slot: Slot): void {
		slot.dead = true;
		slot.port.onmessage = null;
		try {
			slot.port.close();
		} catch {
			/* already closed */
		}
		slot.worker.terminate();
	}
}

/** What the learner reads when a run hits the time limit. */
export function timeLimitMessage(limitMs: number): string {
	const seconds = limitMs >= 1000 ? `${Number((limitMs / 1000).toFixed(1))} s` : `${limitMs} ms`;
	return `Your code ran longer than ${seconds} and was stopped; an endless loop? (A loop whose condition never becomes false, or a promise that never resolves.)`;
}
