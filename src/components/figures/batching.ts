/**
 * Data for the batching figure (chapter "deployment"): a multilayer perceptron in evaluation
 * mode, the work one batch of B requests costs (exact, for the table), and a timer for how
 * long the engine takes per batch on this machine. Timings are measured where the figure runs.
 */
import { manualSeed, nn, noGrad, randn } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';
import { formatCount } from './throughput.ts';

/** Layer widths: 64 inputs, two hidden layers of 256, 10 outputs. */
export const LAYER_SIZES = [64, 256, 256, 10] as const;
export const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

/** The served model, with fixed initial weights, in evaluation mode. */
export function buildModel(): nn.Sequential {
	manualSeed(0);
	const layers: nn.Module[] = [];
	for (let i = 0; i + 1 < LAYER_SIZES.length; i++) {
		layers.push(new nn.Linear(LAYER_SIZES[i], LAYER_SIZES[i + 1]));
		if (i + 2 < LAYER_SIZES.length) layers.push(new nn.ReLU());
	}
	return new nn.Sequential(...layers).eval();
}

/** Weights and biases of the model. */
export function parameterCount(): number {
	let total = 0;
	for (let i = 0; i + 1 < LAYER_SIZES.length; i++) total += LAYER_SIZES[i] * LAYER_SIZES[i + 1] + LAYER_SIZES[i + 1];
	return total;
}

export interface BatchWork {
	batch: number;
	/** Multiply-adds of the three matrix products, counted as 2 flops each. */
	flops: number;
	/** Bytes of float32 parameters read once per batch. */
	weightBytes: number;
	/** Bytes of inputs, hidden activations and outputs written or read (float32, each once). */
	activationBytes: number;
	/** flops / (weight + activation bytes). */
	intensity: number;
}

/**
 * The work of one forward pass over a batch.
 *
 * ```ts
 * batchWork(1).flops; // 2 · (64·256 + 256·256 + 256·10) = 169,984
 * ```
 */
export function batchWork(batch: number): BatchWork {
	if (!(Number.isInteger(batch) && batch > 0)) throw new RangeError(`batchWork: the batch size must be a positive integer, got ${batch}`);
	let macs = 0;
	for (let i = 0; i + 1 < LAYER_SIZES.length; i++) macs += LAYER_SIZES[i] * LAYER_SIZES[i + 1];
	const flops = 2 * batch * macs;
	const weightBytes = 4 * parameterCount();
	const activationBytes = 4 * batch * LAYER_SIZES.reduce((a, b) => a + b, 0);
	return { batch, flops, weightBytes, activationBytes, intensity: flops / (weightBytes + activationBytes) };
}

/** The text alternative: what one batch costs, independent of the machine. */
export function batchingTable(sizes: readonly number[] = BATCH_SIZES): FigureTable {
	const columns = ['Batch size', 'Operations', 'Weight bytes read', 'Activation bytes', 'flop/byte'];
	const rows = sizes.map((b) => {
		const w = batchWork(b);
		return [String(b), formatCount(w.flops), `${formatCount(w.weightBytes)}B`, `${formatCount(w.activationBytes)}B`, formatNumber(w.intensity, 2)];
	});
	return { columns, rows };
}

export interface BatchTiming {
	batch: number;
	reps: number;
	msPerBatch: number;
	/** Requests per second if every batch is full. */
	requestsPerSecond: number;
}

/**
 * Times `net.forward` under `noGrad` on a random batch: a warm-up call, then repetitions until
 * one timing lasts `minMs`, then `rounds` timings of that many repetitions, keeping the fastest
 * (the one least disturbed by other work on the machine). The model runs on the CPU backend.
 */
export function timeBatch(net: nn.Module, batch: number, { minMs = 40, maxReps = 4096, rounds = 3, now = () => performance.now() } = {}): BatchTiming {
	const X = randn([batch, LAYER_SIZES[0]]);
	const forward = () => noGrad(() => net.forward(X)).dispose();
	const timed = (reps: number) => {
		const t0 = now();
		for (let r = 0; r < reps; r++) forward();
		return now() - t0;
	};
	forward();
	let reps = 1;
	let ms = timed(reps);
	while (ms < minMs && reps < maxReps) {
		reps = Math.min(maxReps, Math.max(2 * reps, Math.ceil((reps * minMs) / Math.max(ms, 0.05))));
		ms = timed(reps);
	}
	for (let round = 1; round < rounds; round++) ms = Math.min(ms, timed(reps));
	X.dispose();
	const msPerBatch = ms / reps;
	return { batch, reps, msPerBatch, requestsPerSecond: (1000 * batch) / msPerBatch };
}
