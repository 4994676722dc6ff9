import type { LogEntry } from '../../../labs/_kit/sandbox/console-capture';

/**
 * Groups console lines into few messages, so a print loop in learner code cannot flood the page with
 * thousands of postMessage calls: lines go out when `maxBatch` have piled up or `intervalMs` has passed since
 * the last send, and whatever is left when the run ends goes out with `flush()`. The capture itself keeps at
 * most 500 lines per run (labs/_kit/sandbox/console-capture.ts).
 */
export class LogBatcher {
	private buffer: LogEntry[] = [];
	private lastSent = -Infinity;
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly send: (entries: LogEntry[]) => void,
		private readonly options: {
			maxBatch?: number;
			intervalMs?: number;
			now?: () => number;
			setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
			clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
		} = {},
	) {}

	push(entry: LogEntry): void {
		this.buffer.push(entry);
		const { maxBatch = 100, intervalMs = 100 } = this.options;
		const now = (this.options.now ?? Date.now)();
		if (this.buffer.length >= maxBatch || now - this.lastSent >= intervalMs) {
			this.flush();
			return;
		}
		// a synchronous loop never lets this timer fire; the run's end flushes instead
		if (this.timer === null) {
			const setTimer = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
			this.timer = setTimer(() => {
				this.timer = null;
				this.flush();
			}, intervalMs);
		}
	}

	flush(): void {
		if (this.timer !== null) {
			(this.options.clearTimer ?? clearTimeout)(this.timer);
			this.timer = null;
		}
		if (this.buffer.length === 0) return;
		const entries = this.buffer;
		this.buffer = [];
		this.lastSent = (this.options.now ?? Date.now)();
		this.send(entries);
	}
}
