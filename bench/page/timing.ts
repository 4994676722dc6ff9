/**
 * Timing for the benchmark page: a case runs `step()` (one iteration, no readback) and `read()` (reads the last
 * result back, so asynchronous backends have finished). Each timed batch is `reps` steps and one read; the
 * reported time per step is the batch time / reps, as a median with min and max over the runs.
 */

export interface BenchCase {
	step(): void | Promise<void>;
	read(): Promise<void>;
	dispose(): void;
}

export interface Timing {
	/** Milliseconds per step: median, min, max over the runs. */
	median: number;
	min: number;
	max: number;
	runs: number;
	/** Steps per timed batch. */
	reps: number;
}

export interface MeasureOptions {
	/** Timed batches after warm-up. */
	runs: number;
	/** Target length of one batch, in ms: reps is chosen from the warm-up step's time. */
	batchMs: number;
	/** Warm-up steps (each followed by a read) before timing. */
	warmup: number;
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Lets the page breathe between batches (GC, GPU callbacks) without timing it. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Warm-up: runs `warmup` steps (each read back); picks reps per batch and the number of runs from the last one. */
export async function warm(c: BenchCase, o: MeasureOptions): Promise<{ reps: number; runs: number; lastMs: number }> {
	let last = 0;
	for (let i = 0; i < Math.max(1, o.warmup); i++) {
		const t0 = performance.now();
		await c.step();
		await c.read();
		last = performance.now() - t0;
		// a step of seconds (software WebGPU) is not worth a second warm-up step
		if (last > 2000) break;
	}
	const reps = Math.max(1, Math.min(200, Math.round(o.batchMs / Math.max(last, 0.01))));
	// slow cases (seconds per step: plain loops on a 1024 matmul) get fewer runs, to keep the bench short
	const runs = last > 10_000 ? 0 : last > 1000 ? Math.min(o.runs, 3) : o.runs;
	return { reps, runs, lastMs: last };
}

/** One timed batch: `reps` steps and one readback; returns ms per step. */
export async function batch(c: BenchCase, reps: number): Promise<number> {
	await yieldToBrowser();
	const t0 = performance.now();
	for (let i = 0; i < reps; i++) await c.step();
	await c.read();
	return (performance.now() - t0) / reps;
}

export function summarize(times: number[], reps: number): Timing {
	return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs: times.length, reps };
}

/** Time of one call, start to finish (first-step latency). */
export async function once(fn: () => Promise<void>): Promise<number> {
	const t0 = performance.now();
	await fn();
	return performance.now() - t0;
}
