import { defineGenerator, pick, pickMany, pickWhere, retry, sigmoid, softmax, sum, type Rng, type ParamRanges } from './core.ts';

/**
 * Losses (PyTorch's mean reduction), activation derivatives, gradients of a single neuron by the
 * chain rule, dropout scaling and initialiser scales.
 */

const logitRanges = { classes: [3, 4], logit: { min: -2, max: 3, step: 0.5 } } satisfies ParamRanges;

/** Logits with a unique maximum, so "the predicted class" is well defined. */
function drawLogits(p: ParamRanges, rng: Rng): number[] {
	const k = pick(p.classes, rng);
	return retry(() => pickMany(p.logit, k, rng), (z) => z.filter((v) => v === Math.max(...z)).length === 1, 'logits');
}

export const softmaxProb = defineGenerator({
	description: 'softmax(z)_k = e^{z_k} / Σ_j e^{z_j} for a class index k (0-based).',
	params: logitRanges,
	generate(p, rng) {
		const z = drawLogits(p, rng);
		const k = rng.int(0, z.length);
		const sumExp = sum(z.map(Math.exp));
		return { values: { logits: z, target: k, expTarget: Math.exp(z[k]!), sumExp }, answer: softmax(z)[k]! };
	},
});

export const crossEntropy = defineGenerator({
	description: 'Cross-entropy of one sample: −log softmax(z)_y (natural log).',
	params: logitRanges,
	generate(p, rng) {
		const z = drawLogits(p, rng);
		const y = rng.int(0, z.length);
		const prob = softmax(z)[y]!;
		return { values: { logits: z, target: y, prob, sumExp: sum(z.map(Math.exp)) }, answer: -Math.log(prob) };
	},
});

export const crossEntropyBatch = defineGenerator({
	description: 'Cross-entropy averaged over a batch of two samples (reduction "mean").',
	params: logitRanges,
	generate(p, rng) {
		const z1 = drawLogits(p, rng);
		const z2 = pickMany(p.logit, z1.length, rng);
		const y1 = rng.int(0, z1.length);
		const y2 = rng.int(0, z1.length);
		const l1 = -Math.log(softmax(z1)[y1]!);
		const l2 = -Math.log(softmax(z2)[y2]!);
		return { values: { logitsA: z1, targetA: y1, logitsB: z2, targetB: y2, lossA: l1, lossB: l2 }, answer: (l1 + l2) / 2 };
	},
});

export const labelSmoothingCe = defineGenerator({
	description: 'Cross-entropy with label smoothing ε over K classes: (1 − ε)(−log p_y) + (ε/K)·Σ_k(−log p_k).',
	params: { ...logitRanges, smoothing: { oneOf: [0.1, 0.2] } },
	generate(p, rng) {
		const z = drawLogits(p, rng);
		const y = rng.int(0, z.length);
		const eps = pick(p.smoothing, rng);
		const nll = softmax(z).map((q) => -Math.log(q));
		const K = z.length;
		return {
			values: { logits: z, target: y, smoothing: eps, classes: K, nllTarget: nll[y]!, nllSum: sum(nll) },
			answer: (1 - eps) * nll[y]! + (eps / K) * sum(nll),
		};
	},
});

export const bce = defineGenerator({
	description: 'Binary cross-entropy of a probability p for label y: −[y·ln p + (1 − y)·ln(1 − p)].',
	params: { prob: { min: 0.05, max: 0.95, step: 0.05 }, label: { oneOf: [0, 1] } },
	generate(p, rng) {
		const prob = pick(p.prob, rng);
		const y = pick(p.label, rng);
		const used = y === 1 ? prob : 1 - prob;
		return { values: { prob, label: y, used, usedText: y === 1 ? 'p' : '1 - p' }, answer: -Math.log(used) };
	},
});

export const bceWithLogits = defineGenerator({
	description: 'BCE with logits: −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))], computed stably.',
	params: { logit: { min: -4, max: 4, step: 0.5 }, label: { oneOf: [0, 1] } },
	generate(p, rng) {
		const z = pick(p.logit, rng);
		const y = pick(p.label, rng);
		const s = sigmoid(z);
		// max(z, 0) − z·y + log(1 + e^{−|z|}) never overflows
		const loss = Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
		return { values: { logit: z, label: y, sigma: s }, answer: loss };
	},
});

export const mse = defineGenerator({
	description: 'Mean squared error over n values: (1/n)·Σ (ŷ_i − y_i)².',
	params: { count: [3, 4], value: { min: -2, max: 3, step: 0.5 } },
	generate(p, rng) {
		const n = pick(p.count, rng);
		const yHat = pickMany(p.value, n, rng);
		const y = pickMany(p.value, n, rng);
		const sq = yHat.map((v, i) => (v - y[i]!) ** 2);
		return { values: { count: n, yHat, y, squares: sq, sumSq: sum(sq) }, answer: sum(sq) / n };
	},
});

export const huber = defineGenerator({
	description: 'Huber loss of one residual r = ŷ − y with threshold δ: ½r² if |r| < δ, else δ(|r| − ½δ).',
	params: { prediction: { min: -3, max: 3, step: 0.5 }, target: { min: -3, max: 3, step: 0.5 }, delta: { oneOf: [0.5, 1, 2] } },
	generate(p, rng) {
		const yHat = pick(p.prediction, rng);
		const y = pick(p.target, rng);
		const delta = pick(p.delta, rng);
		const r = Math.abs(yHat - y);
		const quadratic = r < delta;
		return {
			values: { prediction: yHat, target: y, delta, residual: r, branch: quadratic ? 'quadratic' : 'linear' },
			answer: quadratic ? 0.5 * r * r : delta * (r - 0.5 * delta),
		};
	},
});

export const sigmoidDerivative = defineGenerator({
	description: "σ'(x) = σ(x)(1 − σ(x)).",
	params: { x: { min: -4, max: 4, step: 0.5 } },
	generate(p, rng) {
		const x = pick(p.x, rng);
		const s = sigmoid(x);
		return { values: { x, sigma: s }, answer: s * (1 - s) };
	},
});

export const tanhDerivative = defineGenerator({
	description: "tanh'(x) = 1 − tanh²(x).",
	params: { x: { min: -3, max: 3, step: 0.5 } },
	generate(p, rng) {
		const x = pick(p.x, rng);
		const t = Math.tanh(x);
		return { values: { x, tanh: t }, answer: 1 - t * t };
	},
});

export const neuronGradient = defineGenerator({
	description: '∂L/∂w for a = σ(wx + b), L = ½(a − y)²: (a − y)·a(1 − a)·x.',
	params: { x: { min: -2, max: 2, step: 0.5 }, w: { min: -1.5, max: 1.5, step: 0.5 }, b: { min: -1, max: 1, step: 0.5 }, y: { oneOf: [0, 1] } },
	generate(p, rng) {
		const x = pickWhere(p.x, rng, (v) => v !== 0);
		const w = pick(p.w, rng);
		const b = pick(p.b, rng);
		const y = pick(p.y, rng);
		const z = w * x + b;
		const a = sigmoid(z);
		return { values: { x, w, b, y, z, a, dLda: a - y, dadz: a * (1 - a) }, answer: (a - y) * a * (1 - a) * x };
	},
});

export const reluChainGradient = defineGenerator({
	description: '∂L/∂w₁ for h = ReLU(w₁x + b₁), ŷ = w₂h + b₂, L = ½(ŷ − y)² (ReLU′(0) = 0 as in PyTorch).',
	params: { x: { min: -2, max: 2, step: 0.5 }, w1: { min: -2, max: 2, step: 0.5 }, b1: { min: -1, max: 1, step: 0.5 }, w2: { min: -2, max: 2, step: 0.5 }, b2: { min: -1, max: 1, step: 0.5 }, y: { min: -1, max: 2, step: 0.5 } },
	generate(p, rng) {
		const x = pickWhere(p.x, rng, (v) => v !== 0);
		const [w1, b1, w2, b2, y] = [pick(p.w1, rng), pick(p.b1, rng), pick(p.w2, rng), pick(p.b2, rng), pick(p.y, rng)];
		const pre = w1 * x + b1;
		const h = Math.max(pre, 0);
		const yHat = w2 * h + b2;
		const active = pre > 0 ? 1 : 0;
		return {
			values: { x, w1, b1, w2, b2, y, pre, h, yHat, err: yHat - y, active, activeText: active ? 'positive, so ReLU passes the gradient (slope 1)' : 'not positive, so ReLU blocks the gradient (slope 0)' },
			answer: (yHat - y) * w2 * active * x,
		};
	},
});

export const vanishingSigmoid = defineGenerator({
	description: "Largest possible product of L sigmoid derivatives: σ'(0)^L = 0.25^L.",
	params: { layers: [2, 12] },
	generate(p, rng) {
		const L = pick(p.layers, rng);
		return { values: { layers: L }, answer: 0.25 ** L };
	},
});

export const dropoutScale = defineGenerator({
	description: 'Inverted dropout in training: a kept activation a becomes a/(1 − p).',
	params: { p: { oneOf: [0.1, 0.2, 0.25, 0.5] }, activation: { min: 0.5, max: 3, step: 0.5 } },
	generate(p, rng) {
		const drop = pick(p.p, rng);
		const a = pick(p.activation, rng);
		return { values: { p: drop, activation: a, keep: 1 - drop }, answer: a / (1 - drop) };
	},
});

export const kaimingStd = defineGenerator({
	description: 'Kaiming (He) normal std for ReLU, fan-in mode: √(2/fanIn).',
	params: { fanIn: { oneOf: [64, 128, 256, 512, 784, 1024] } },
	generate(p, rng) {
		const fanIn = pick(p.fanIn, rng);
		return { values: { fanIn }, answer: Math.sqrt(2 / fanIn) };
	},
});

export const xavierBound = defineGenerator({
	description: 'Xavier (Glorot) uniform bound a in U(−a, a): √(6/(fanIn + fanOut)).',
	params: { fanIn: { oneOf: [64, 128, 256, 512] }, fanOut: { oneOf: [10, 64, 128, 256] } },
	generate(p, rng) {
		const fanIn = pick(p.fanIn, rng);
		const fanOut = pick(p.fanOut, rng);
		return { values: { fanIn, fanOut }, answer: Math.sqrt(6 / (fanIn + fanOut)) };
	},
});
