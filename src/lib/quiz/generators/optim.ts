import { defineGenerator, MIB, pick, pickWhere, type ParamRanges, type Rng } from './core.ts';

/**
 * Optimizers (as torch.optim: Adam's bias correction, SGD's momentum buffer starting at the first
 * gradient), learning-rate schedules (StepLR, CosineAnnealingLR, LinearLR warm-up), mini-batch
 * counts and gradient clipping (clip_grad_norm_ with its 1e-6).
 */

const gradient = { min: -2, max: 2, step: 0.25 } as const;
const nonZero = (x: number) => x !== 0;

const adamRanges = {
	grad: gradient,
	beta1: { oneOf: [0.9, 0.8, 0.5] },
	beta2: { oneOf: [0.999, 0.99, 0.9] },
	steps: [1, 5],
} satisfies ParamRanges;

/** One draw of Adam's setting: a constant non-zero gradient g, a β, a step count t, and β^t. */
function drawConstantGradient(p: ParamRanges, rng: Rng, which: 'beta1' | 'beta2') {
	const g = pickWhere(p.grad, rng, nonZero);
	const beta = pick(p[which], rng);
	const t = pick(p.steps, rng);
	return { g, beta, t, bt: beta ** t };
}

export const adamMRaw = defineGenerator({
	description: "Adam's first moment m_t (before bias correction) after t steps of a constant gradient g: (1 − β1^t)·g.",
	params: adamRanges,
	generate(p, rng) {
		const { g, beta: beta1, t, bt: b1t } = drawConstantGradient(p, rng, 'beta1');
		return { values: { grad: g, beta1, steps: t, b1t }, answer: (1 - b1t) * g };
	},
});

export const adamVRaw = defineGenerator({
	description: "Adam's second moment v_t (before bias correction) after t steps of a constant gradient g: (1 − β2^t)·g².",
	params: adamRanges,
	generate(p, rng) {
		const { g, beta: beta2, t, bt: b2t } = drawConstantGradient(p, rng, 'beta2');
		return { values: { grad: g, beta2, steps: t, b2t, gradSq: g * g }, answer: (1 - b2t) * g * g };
	},
});

export const adamMHat = defineGenerator({
	description: "Adam's bias-corrected m̂_t = m_t/(1 − β1^t) for a constant gradient: exactly g, whatever t.",
	params: adamRanges,
	generate(p, rng) {
		const { g, beta: beta1, t, bt: b1t } = drawConstantGradient(p, rng, 'beta1');
		return { values: { grad: g, beta1, steps: t, b1t, mRaw: (1 - b1t) * g }, answer: g };
	},
});

export const adamVHat = defineGenerator({
	description: "Adam's bias-corrected v̂_t = v_t/(1 − β2^t) for a constant gradient: exactly g².",
	params: adamRanges,
	generate(p, rng) {
		const { g, beta: beta2, t, bt: b2t } = drawConstantGradient(p, rng, 'beta2');
		return { values: { grad: g, beta2, steps: t, b2t, vRaw: (1 - b2t) * g * g }, answer: g * g };
	},
});

export const adamParamAfter = defineGenerator({
	description: 'A parameter after t Adam steps with a constant gradient g: p0 − t·lr·g/(|g| + ε), ε = 1e-8.',
	params: { start: { min: -1, max: 1, step: 0.5 }, grad: gradient, lr: { oneOf: [0.001, 0.01, 0.1] }, steps: [1, 5] },
	generate(p, rng) {
		const p0 = pick(p.start, rng);
		const g = pickWhere(p.grad, rng, nonZero);
		const lr = pick(p.lr, rng);
		const t = pick(p.steps, rng);
		const perStep = (lr * g) / (Math.abs(g) + 1e-8);
		return { values: { start: p0, grad: g, lr, steps: t, perStep }, answer: p0 - t * perStep };
	},
});

const momentumRanges = {
	start: { min: -1, max: 1, step: 0.5 },
	grad: { min: -2, max: 2, step: 0.5 },
	lr: { oneOf: [0.1, 0.05, 0.01] },
	momentum: { oneOf: [0.9, 0.5, 0.8] },
	steps: [1, 4],
} satisfies ParamRanges;

/** PyTorch's buffer: b_1 = g, b_t = μ b_{t−1} + g, so b_t = g (1 − μ^t)/(1 − μ). */
const buffer = (g: number, mu: number, t: number) => (g * (1 - mu ** t)) / (1 - mu);

export const sgdMomentumBuffer = defineGenerator({
	description: 'SGD momentum buffer after t steps of a constant gradient (PyTorch: b₁ = g, b_t = μ·b_{t−1} + g).',
	params: momentumRanges,
	generate(p, rng) {
		const g = pickWhere(p.grad, rng, nonZero);
		const mu = pick(p.momentum, rng);
		const t = pick(p.steps, rng);
		return { values: { grad: g, momentum: mu, steps: t, muT: mu ** t }, answer: buffer(g, mu, t) };
	},
});

export const sgdMomentumParam = defineGenerator({
	description: 'A parameter after t SGD-with-momentum steps of a constant gradient: p0 − lr·Σ b_τ.',
	params: momentumRanges,
	generate(p, rng) {
		const p0 = pick(p.start, rng);
		const g = pickWhere(p.grad, rng, nonZero);
		const lr = pick(p.lr, rng);
		const mu = pick(p.momentum, rng);
		const t = pick(p.steps, rng);
		const buffers = Array.from({ length: t }, (_, i) => buffer(g, mu, i + 1));
		const total = buffers.reduce((a, b) => a + b, 0);
		return {
			values: { start: p0, grad: g, lr, momentum: mu, steps: t, buffers: buffers.map((b) => Number(b.toFixed(4))), bufferSum: total },
			answer: p0 - lr * total,
		};
	},
});

export const sgdWeightDecay = defineGenerator({
	description: 'One SGD step with L2 weight decay λ: p − lr·(g + λ·p).',
	params: { start: { min: -2, max: 2, step: 0.5 }, grad: { min: -1, max: 1, step: 0.25 }, lr: { oneOf: [0.1, 0.5, 0.01] }, decay: { oneOf: [0.01, 0.05, 0.1] } },
	generate(p, rng) {
		const p0 = pickWhere(p.start, rng, nonZero);
		const g = pick(p.grad, rng);
		const lr = pick(p.lr, rng);
		const wd = pick(p.decay, rng);
		return { values: { start: p0, grad: g, lr, decay: wd, effectiveGrad: g + wd * p0 }, answer: p0 - lr * (g + wd * p0) };
	},
});

export const stepLr = defineGenerator({
	description: 'StepLR: lr₀·γ^⌊epoch/stepSize⌋ after `epoch` scheduler steps.',
	params: { lr: { oneOf: [0.1, 0.05, 0.01] }, gamma: { oneOf: [0.1, 0.5] }, stepSize: { oneOf: [5, 10, 20, 30] }, epoch: [0, 100] },
	generate(p, rng) {
		const lr = pick(p.lr, rng);
		const gamma = pick(p.gamma, rng);
		const stepSize = pick(p.stepSize, rng);
		const epoch = pick(p.epoch, rng);
		const decays = Math.floor(epoch / stepSize);
		return { values: { lr, gamma, stepSize, epoch, decays }, answer: lr * gamma ** decays };
	},
});

export const cosineLr = defineGenerator({
	description: 'CosineAnnealingLR at step t ≤ T: η_min + (η_max − η_min)(1 + cos(πt/T))/2.',
	params: { lr: { oneOf: [0.1, 0.01, 0.001] }, minFraction: { oneOf: [0, 0, 0.1] }, period: { oneOf: [10, 20, 50] }, step: { min: 0, max: 1, step: 0.1 } },
	generate(p, rng) {
		const etaMax = pick(p.lr, rng);
		const etaMin = etaMax * pick(p.minFraction, rng);
		const T = pick(p.period, rng);
		const t = Math.round(pick(p.step, rng) * T);
		const cos = Math.cos((Math.PI * t) / T);
		return { values: { lr: etaMax, etaMin, period: T, step: t, cosine: cos }, answer: etaMin + ((etaMax - etaMin) * (1 + cos)) / 2 };
	},
});

export const warmupLr = defineGenerator({
	description: 'Linear warm-up (LinearLR, end factor 1): lr·(s + (1 − s)·min(t, W)/W) at step t.',
	params: { lr: { oneOf: [0.001, 0.01, 0.1] }, startFactor: { oneOf: [0.1, 0.25, 0.5] }, warmup: { oneOf: [4, 5, 10] }, step: [0, 12] },
	generate(p, rng) {
		const lr = pick(p.lr, rng);
		const s = pick(p.startFactor, rng);
		const W = pick(p.warmup, rng);
		const t = pick(p.step, rng);
		const factor = s + ((1 - s) * Math.min(t, W)) / W;
		return { values: { lr, startFactor: s, warmup: W, step: t, factor }, answer: lr * factor };
	},
});

const loaderRanges = { samples: [500, 60000], batch: { oneOf: [16, 32, 64, 100, 128, 256] }, dropLast: { oneOf: [0, 1] }, epochs: [1, 50] } satisfies ParamRanges;

export const batchesPerEpoch = defineGenerator({
	description: 'Mini-batches per epoch: ⌈N/B⌉, or ⌊N/B⌋ with dropLast.',
	params: loaderRanges,
	generate(p, rng) {
		const n = pick(p.samples, rng);
		const b = pick(p.batch, rng);
		const dropLast = pick(p.dropLast, rng);
		return {
			values: { samples: n, batch: b, dropLast, dropText: dropLast ? 'with `dropLast: true`' : 'keeping the last, smaller batch', remainder: n % b },
			answer: dropLast ? Math.floor(n / b) : Math.ceil(n / b),
		};
	},
});

export const optimizerSteps = defineGenerator({
	description: 'Optimizer steps in E epochs with one step per mini-batch: E·⌈N/B⌉.',
	params: loaderRanges,
	generate(p, rng) {
		const n = pick(p.samples, rng);
		const b = pick(p.batch, rng);
		const e = pick(p.epochs, rng);
		return { values: { samples: n, batch: b, epochs: e, perEpoch: Math.ceil(n / b) }, answer: e * Math.ceil(n / b) };
	},
});

export const clipGradNorm = defineGenerator({
	description: 'clip_grad_norm_: one gradient component after scaling by min(1, maxNorm/(‖g‖ + 1e-6)).',
	params: { dims: [2, 3], component: { min: -4, max: 4, step: 1 }, maxNorm: { oneOf: [1, 2, 0.5] } },
	generate(p, rng) {
		const dims = pick(p.dims, rng);
		let g: number[];
		do g = Array.from({ length: dims }, () => pick(p.component, rng));
		while (g.every((x) => x === 0));
		const index = rng.int(0, dims);
		const maxNorm = pick(p.maxNorm, rng);
		const norm = Math.hypot(...g);
		const coef = Math.min(1, maxNorm / (norm + 1e-6));
		return { values: { grad: g, index, maxNorm, norm, coef, picked: g[index]! }, answer: g[index]! * coef };
	},
});

export const adamTrainingMemory = defineGenerator({
	description: 'Memory of weights + gradients + Adam m and v for Linear(in, out) in float32: 16 bytes per parameter, in MiB.',
	params: { inFeatures: { oneOf: [256, 512, 1024, 2048] }, outFeatures: { oneOf: [256, 512, 1024, 2048] } },
	generate(p, rng) {
		const inF = pick(p.inFeatures, rng);
		const outF = pick(p.outFeatures, rng);
		const params = inF * outF + outF;
		return { values: { inFeatures: inF, outFeatures: outF, params, bytes: 16 * params }, answer: (16 * params) / MIB };
	},
});
