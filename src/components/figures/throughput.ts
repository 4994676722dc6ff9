/**
 * Data for the throughput figure (chapter "gpu-computing"): operation counts and arithmetic
 * intensities of an n×n matrix product and an n×n element-wise addition (exact, for the table),
 * and a timer that measures how many operations per second the engine achieves for them on a
 * device. Timings are measured where the figure runs, never stored.
 */
import { randn, type Device, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const OP_KINDS = ['matmul', 'add'] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** Matrix sizes n measured (n×n operands). */
export const SIZES = [32, 64, 128, 256, 512] as const;

export const OP_LABELS: Record<OpKind, string> = {
	matmul: 'matrix product A·B',
	add: 'element-wise A + B',
};

export interface Work {
	/** Floating-point operations: 2n³ for the product, n² for the addition. */
	flops: number;
	/** Bytes moved at least once, float32: two operands read, one result written (3 · 4n²). */
	bytes: number;
	/** flops / bytes. */
	intensity: number;
}

/**
 * Operations and bytes of one n×n operation in float32.
 *
 * ```ts
 * work('matmul', 6).intensity; // 1 (n / 6)
 * work('add', 100).intensity; // 1 / 12
 * ```
 */
export function work(kind: OpKind, n: number): Work {
	if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`work: n must be a positive integer, got ${n}`);
	const flops = kind === 'matmul' ? 2 * n ** 3 : n ** 2;
	const bytes = 3 * 4 * n ** 2;
	return { flops, bytes, intensity: flops / bytes };
}

/** "134.2 M" style counts for the table. */
export function formatCount(value: number): string {
	if (value >= 1e9) return `${formatNumber(value / 1e9, 2)} G`;
	if (value >= 1e6) return `${formatNumber(value / 1e6, 2)} M`;
	if (value >= 1e3) return `${formatNumber(value / 1e3, 1)} k`;
	return formatNumber(value, 0);
}

/** The text alternative: what each measured operation costs, independent of the machine. */
export function throughputTable(sizes: readonly number[] = SIZES): FigureTable {
	const columns = ['n', 'Product: operations', 'Product: flop/byte', 'Addition: operations', 'Addition: flop/byte', 'Bytes moved (each)'];
	const rows = sizes.map((n) => {
		const mm = work('matmul', n);
		const add = work('add', n);
		return [String(n), formatCount(mm.flops), formatNumber(mm.intensity, 2), formatCount(add.flops), formatNumber(add.intensity, 3), `${formatCount(mm.bytes)}B`];
	});
	return { columns, rows };
}

export interface Measurement {
	kind: OpKind;
	n: number;
	device: Device;
	/** Repetitions timed together. */
	reps: number;
	/** Milliseconds per operation. */
	msPerOp: number;
	/** Billions of floating-point operations per second. */
	gflops: number;
}

export interface MeasureOptions {
	/** Keep doubling the repetitions until one timing lasts this long (default 120 ms). */
	minMs?: number;
	maxReps?: number;
	/** Clock (default performance.now). */
	now?: () => number;
}

/** Waits until the device has finished `t` (and everything queued before it). */
async function finish(t: Tensor): Promise<void> {
	if (t.device === 'cpu') return; // CPU kernels run synchronously
	await t.reshape(-1).slice(0, 0, 1).data(); // reading one number waits for the queue
}

/**
 * Times `kind` on n×n float32 operands on `device`: one warm-up run (compiles kernels and
 * pipelines), then batches of repetitions until a batch lasts `minMs`. GPU work is waited for
 * before the clock stops. The operands and results are disposed.
 */
export async function measure(kind: OpKind, n: number, device: Device = 'cpu', options: MeasureOptions = {}): Promise<Measurement> {
	const { minMs = 120, maxReps = 4096, now = () => performance.now() } = options;
	const A = randn([n, n], { device });
	const B = randn([n, n], { device });
	const run = (): Tensor => (kind === 'matmul' ? A.matmul(B) : A.add(B));
	try {
		const warm = run();
		await finish(warm);
		warm.dispose();
		let reps = 1;
		for (;;) {
			const t0 = now();
			let last: Tensor | null = null;
			for (let r = 0; r < reps; r++) {
				last?.dispose();
				last = run();
			}
			await finish(last!);
			const ms = now() - t0;
			last!.dispose();
			if (ms >= minMs || reps >= maxReps) {
				const msPerOp = ms / reps;
				return { kind, n, device, reps, msPerOp, gflops: work(kind, n).flops / (msPerOp * 1e6) };
			}
			// aim straight for minMs, at least doubling, so small sizes need few rounds
			reps = Math.min(maxReps, Math.max(2 * reps, Math.ceil((reps * minMs) / Math.max(ms, 0.05))));
		}
	} finally {
		A.dispose();
		B.dispose();
	}
}
