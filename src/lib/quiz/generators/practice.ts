import { defineGenerator, MIB, pick, pickMany, retry, softmax, sum, type ParamRanges } from './core.ts';

/**
 * Practice-side arithmetic: memory of tensors and models, matmul cost, epoch time, classification
 * metrics, feature scaling and attention scores.
 */

export const activationMemory = defineGenerator({
	description: 'Memory of a float32 activation tensor [B, C, H, W]: B·C·H·W·4 bytes, in MiB.',
	params: { batch: { oneOf: [8, 16, 32, 64, 128] }, channels: { oneOf: [16, 32, 64, 128, 256] }, size: { oneOf: [7, 14, 28, 56, 112, 224] }, bytes: 4 },
	generate(p, rng) {
		const [b, c, s, bytes] = [pick(p.batch, rng), pick(p.channels, rng), pick(p.size, rng), pick(p.bytes, rng)];
		const elements = b * c * s * s;
		return { values: { batch: b, channels: c, size: s, bytes, elements, totalBytes: elements * bytes }, answer: (elements * bytes) / MIB };
	},
});

export const attentionMatrixMemory = defineGenerator({
	description: 'Memory of attention scores [B, heads, L, L]: B·h·L²·bytes, in MiB.',
	params: { batch: { oneOf: [1, 8, 16, 32] }, heads: { oneOf: [8, 12, 16] }, seqLen: { oneOf: [512, 1024, 2048, 4096] }, bytes: { oneOf: [4, 2] } },
	generate(p, rng) {
		const [b, h, L, bytes] = [pick(p.batch, rng), pick(p.heads, rng), pick(p.seqLen, rng), pick(p.bytes, rng)];
		const elements = b * h * L * L;
		return { values: { batch: b, heads: h, seqLen: L, bytes, elements }, answer: (elements * bytes) / MIB };
	},
});

export const modelSize = defineGenerator({
	description: 'Size of P million parameters stored with `bytes` bytes each, in MiB.',
	params: { millions: { oneOf: [1, 5, 11, 25, 60, 110, 350] }, bytes: { oneOf: [4, 2, 1] } },
	generate(p, rng) {
		const m = pick(p.millions, rng);
		const bytes = pick(p.bytes, rng);
		const dtype = bytes === 4 ? 'float32' : bytes === 2 ? 'float16' : 'int8';
		return { values: { millions: m, bytes, dtype, totalBytes: m * 1e6 * bytes }, answer: (m * 1e6 * bytes) / MIB };
	},
});

const matmulRanges = { m: { oneOf: [512, 1024, 2048, 4096] }, n: { oneOf: [512, 1024, 2048, 4096] }, k: { oneOf: [256, 512, 1024, 4096] }, tflops: { oneOf: [10, 20, 50, 100] } } satisfies ParamRanges;

export const matmulGflop = defineGenerator({
	description: 'Floating-point operations of an [m, k] × [k, n] matmul: 2mnk (one multiply and one add per term), in GFLOP.',
	params: matmulRanges,
	generate(p, rng) {
		const [m, n, k] = [pick(p.m, rng), pick(p.n, rng), pick(p.k, rng)];
		return { values: { m, n, k, flops: 2 * m * n * k }, answer: (2 * m * n * k) / 1e9 };
	},
});

export const matmulTime = defineGenerator({
	description: 'Ideal time of an [m, k] × [k, n] matmul at a sustained rate of T TFLOP/s, in milliseconds.',
	params: matmulRanges,
	generate(p, rng) {
		const [m, n, k, T] = [pick(p.m, rng), pick(p.n, rng), pick(p.k, rng), pick(p.tflops, rng)];
		const flops = 2 * m * n * k;
		return { values: { m, n, k, tflops: T, gflop: flops / 1e9 }, answer: (flops / (T * 1e12)) * 1e3 };
	},
});

export const epochTime = defineGenerator({
	description: 'Time of one epoch: ⌈N/B⌉ steps × step time, in seconds.',
	params: { samples: [1000, 100000], batch: { oneOf: [32, 64, 128, 256] }, stepMs: { oneOf: [20, 50, 80, 120, 250] } },
	generate(p, rng) {
		const [n, b, ms] = [pick(p.samples, rng), pick(p.batch, rng), pick(p.stepMs, rng)];
		const steps = Math.ceil(n / b);
		return { values: { samples: n, batch: b, stepMs: ms, steps }, answer: (steps * ms) / 1000 };
	},
});

const confusionRanges = { tp: [5, 80], fp: [0, 30], fn: [0, 30], tn: [10, 200] } satisfies ParamRanges;

function confusion(p: ParamRanges, rng: { int(a: number, b: number): number; uniform(): number }) {
	return { tp: pick(p.tp, rng), fp: pick(p.fp, rng), fn: pick(p.fn, rng), tn: pick(p.tn, rng) };
}

export const precision = defineGenerator({
	description: 'Precision TP/(TP + FP) from confusion counts.',
	params: confusionRanges,
	generate(p, rng) {
		const c = confusion(p, rng);
		return { values: { ...c, predictedPositive: c.tp + c.fp }, answer: c.tp / (c.tp + c.fp) };
	},
});

export const recall = defineGenerator({
	description: 'Recall TP/(TP + FN) from confusion counts.',
	params: confusionRanges,
	generate(p, rng) {
		const c = confusion(p, rng);
		return { values: { ...c, actualPositive: c.tp + c.fn }, answer: c.tp / (c.tp + c.fn) };
	},
});

export const f1Score = defineGenerator({
	description: 'F1 = 2·P·R/(P + R) = 2TP/(2TP + FP + FN) from confusion counts.',
	params: confusionRanges,
	generate(p, rng) {
		const c = confusion(p, rng);
		const P = c.tp / (c.tp + c.fp);
		const R = c.tp / (c.tp + c.fn);
		return { values: { ...c, precision: P, recall: R }, answer: (2 * c.tp) / (2 * c.tp + c.fp + c.fn) };
	},
});

export const accuracy = defineGenerator({
	description: 'Accuracy (TP + TN)/total from confusion counts.',
	params: confusionRanges,
	generate(p, rng) {
		const c = confusion(p, rng);
		const total = c.tp + c.fp + c.fn + c.tn;
		return { values: { ...c, total }, answer: (c.tp + c.tn) / total };
	},
});

const featureRanges = { count: [4, 5], value: [0, 20] } satisfies ParamRanges;

export const standardizeValue = defineGenerator({
	description: 'Standardised value (x_i − mean)/std with the population std (divide by n), as scikit-learn and data.standardize.',
	params: featureRanges,
	generate(p, rng) {
		const xs = retry(() => pickMany(p.value, pick(p.count, rng), rng), (v) => new Set(v).size > 1, 'standardize-value');
		const i = rng.int(0, xs.length);
		const mean = sum(xs) / xs.length;
		const std = Math.sqrt(sum(xs.map((x) => (x - mean) ** 2)) / xs.length);
		return { values: { feature: xs, index: i, picked: xs[i]!, mean, std }, answer: (xs[i]! - mean) / std };
	},
});

export const minMaxValue = defineGenerator({
	description: 'Min-max scaled value (x_i − min)/(max − min).',
	params: featureRanges,
	generate(p, rng) {
		const xs = retry(() => pickMany(p.value, pick(p.count, rng), rng), (v) => new Set(v).size > 1, 'minmax-value');
		const i = rng.int(0, xs.length);
		const lo = Math.min(...xs);
		const hi = Math.max(...xs);
		return { values: { feature: xs, index: i, picked: xs[i]!, min: lo, max: hi }, answer: (xs[i]! - lo) / (hi - lo) };
	},
});

const attentionRanges = { dim: { oneOf: [2, 3, 4] }, entry: { min: -2, max: 2, step: 0.5 } } satisfies ParamRanges;

export const attentionScore = defineGenerator({
	description: 'Scaled dot-product score q·k/√d.',
	params: attentionRanges,
	generate(p, rng) {
		const d = pick(p.dim, rng);
		const q = pickMany(p.entry, d, rng);
		const k = pickMany(p.entry, d, rng);
		const dot = sum(q.map((v, i) => v * k[i]!));
		return { values: { dim: d, query: q, key: k, dot, sqrtDim: Math.sqrt(d) }, answer: dot / Math.sqrt(d) };
	},
});

export const attentionWeight = defineGenerator({
	description: 'Attention weight on the first of two keys: softmax over q·k_j/√d.',
	params: attentionRanges,
	generate(p, rng) {
		const d = pick(p.dim, rng);
		const q = pickMany(p.entry, d, rng);
		const k1 = pickMany(p.entry, d, rng);
		const k2 = pickMany(p.entry, d, rng);
		const s1 = sum(q.map((v, i) => v * k1[i]!)) / Math.sqrt(d);
		const s2 = sum(q.map((v, i) => v * k2[i]!)) / Math.sqrt(d);
		return { values: { dim: d, query: q, key1: k1, key2: k2, score1: s1, score2: s2 }, answer: softmax([s1, s2])[0]! };
	},
});
