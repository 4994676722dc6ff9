import { data, F, nn, optim, RandomSource, tensor, zeros, type Tensor } from 'chainrule';
import { describe, expect, it } from 'vitest';
import { GENERATORS, type Value } from '../../src/lib/quiz/generators.ts';
import { pick } from '../../src/lib/quiz/generators/core.ts';

/**
 * Does every generator compute the answer an independent computation gives, over 200 seeds?
 * "Independent" means the engine where it fits: build the real nn.Conv2d / nn.LSTM and count
 * numParameters(), run F.conv2d on zeros and read the shape, step optim.Adam and read its state,
 * differentiate with autograd. A few answers are pure arithmetic on sizes too large to allocate
 * (activation memory, matmul FLOPs); those are checked against a second hand-written formula.
 */

const SEEDS = 200;
type V = Record<string, Value>;
const n = (v: V, k: string) => v[k] as number;
const list = (v: V, k: string) => v[k] as readonly number[];
// values come from the generators as (readonly) nested lists of numbers
const f64 = (x: unknown, requiresGrad = false) => tensor(x as number[], { dtype: 'float64', requiresGrad });
const first = (t: Tensor) => t.dataSync()[0]!;

// Building modules draws their initial weights; cache counts per configuration (many seeds repeat one).
const cache = new Map<string, number>();
function cached(key: string, compute: () => number): number {
	if (!cache.has(key)) cache.set(key, compute());
	return cache.get(key)!;
}

function paramParam(start: number) {
	return f64([start], true);
}

function runOptimizer(make: (p: Tensor) => optim.Optimizer<{ lr: number }>, start: number, grad: number, steps: number) {
	const p = paramParam(start);
	const opt = make(p);
	for (let t = 0; t < steps; t++) {
		p.grad = f64([grad]);
		opt.step();
	}
	return { p, state: opt.state.get(p)! };
}

function confusionArrays(v: V) {
	// yTrue, yPred as 0/1 tensors with the drawn counts (order shuffled: counting must not depend on it)
	const rows = [
		...Array(n(v, 'tp')).fill([1, 1]), ...Array(n(v, 'fp')).fill([0, 1]),
		...Array(n(v, 'fn')).fill([1, 0]), ...Array(n(v, 'tn')).fill([0, 0]),
	] as [number, number][];
	const order = new RandomSource(rows.length).permutation(rows.length);
	const yTrue = f64(Array.from(order, (i) => rows[i]![0]));
	const yPred = f64(Array.from(order, (i) => rows[i]![1]));
	const count = (t: Tensor) => first(t.sum());
	const one = f64(1);
	return {
		tp: count(yTrue.mul(yPred)),
		fp: count(one.sub(yTrue).mul(yPred)),
		fn: count(yTrue.mul(one.sub(yPred))),
		tn: count(one.sub(yTrue).mul(one.sub(yPred))),
	};
}

function recurrentCount(Kind: typeof nn.RNN | typeof nn.LSTM | typeof nn.GRU, v: V) {
	return cached(`${Kind.name}:${n(v, 'inputSize')}:${n(v, 'hiddenSize')}:${n(v, 'layers')}`, () =>
		new Kind(n(v, 'inputSize'), n(v, 'hiddenSize'), { numLayers: n(v, 'layers') }).numParameters(),
	);
}

/** For each generator: the expected answer from the drawn values, and the relative tolerance. */
const CHECKS: Record<string, { expected: (v: V) => number; rel?: number }> = {
	'dense-params': {
		expected: (v) =>
			cached(`lin:${n(v, 'inFeatures')}:${n(v, 'outFeatures')}:${n(v, 'bias')}`, () => {
				const lin = new nn.Linear(n(v, 'inFeatures'), n(v, 'outFeatures'), { bias: n(v, 'bias') === 1 });
				expect(lin.weight.shape).toEqual([n(v, 'outFeatures'), n(v, 'inFeatures')]); // [out, in]
				return lin.numParameters();
			}),
	},
	'mlp-params': {
		expected: (v) =>
			new nn.Sequential(
				new nn.Linear(n(v, 'input'), n(v, 'hidden1')), new nn.ReLU(),
				new nn.Linear(n(v, 'hidden1'), n(v, 'hidden2')), new nn.ReLU(),
				new nn.Linear(n(v, 'hidden2'), n(v, 'output')),
			).numParameters(),
	},
	'conv2d-params': {
		expected: (v) =>
			cached(`conv:${n(v, 'inChannels')}:${n(v, 'outChannels')}:${n(v, 'kernel')}:${n(v, 'groups')}:${n(v, 'bias')}`, () =>
				new nn.Conv2d(n(v, 'inChannels'), n(v, 'outChannels'), n(v, 'kernel'), { groups: n(v, 'groups'), bias: n(v, 'bias') === 1 }).numParameters(),
			),
	},
	'conv-output-size': {
		expected: (v) =>
			F.conv2d(zeros([1, 1, n(v, 'size'), n(v, 'size')]), zeros([1, 1, n(v, 'kernel'), n(v, 'kernel')]), null, {
				stride: n(v, 'stride'), padding: n(v, 'padding'), dilation: n(v, 'dilation'),
			}).shape[2]!,
	},
	'pool-output-size': {
		expected: (v) => F.maxPool2d(zeros([1, 1, n(v, 'size'), n(v, 'size')]), n(v, 'kernel'), { stride: n(v, 'stride') }).shape[2]!,
	},
	'conv-transpose-output-size': {
		expected: (v) =>
			F.convTranspose2d(zeros([1, 1, n(v, 'size'), n(v, 'size')]), zeros([1, 1, n(v, 'kernel'), n(v, 'kernel')]), null, {
				stride: n(v, 'stride'), padding: n(v, 'padding'), outputPadding: n(v, 'outputPadding'),
			}).shape[2]!,
	},
	'flatten-features': {
		// one channel through the engine for the spatial size; the channel count multiplies it
		expected: (v) => {
			const conv = F.conv2d(zeros([1, 1, n(v, 'size'), n(v, 'size')]), zeros([1, 1, n(v, 'kernel'), n(v, 'kernel')]), null, { padding: n(v, 'padding') });
			const pooled = F.maxPool2d(conv, 2);
			return n(v, 'channels') * pooled.shape[2]! * pooled.shape[3]!;
		},
	},
	'receptive-field': {
		// autograd: the inputs with a non-zero gradient for one output of a stack of all-ones conv1d
		expected: (v) => {
			const x = f64(new Array(256).fill(0), true);
			let h = x.reshape([1, 1, 256]);
			list(v, 'kernels').forEach((k, i) => (h = F.conv1d(h, f64(new Array(k).fill(1)).reshape([1, 1, k]), null, { stride: list(v, 'strides')[i] })));
			const mask = new Array(h.shape[2]).fill(0);
			mask[0] = 1;
			h.mul(f64(mask).reshape([1, 1, mask.length])).sum().backward();
			return [...x.grad!.dataSync()].filter((g) => g !== 0).length;
		},
	},
	'padding-same': {
		// the padding that keeps a 20×20 input 20×20, found by trying each
		expected: (v) => {
			for (let p = 0; p < 20; p++) {
				const out = F.conv2d(zeros([1, 1, 20, 20]), zeros([1, 1, n(v, 'kernel'), n(v, 'kernel')]), null, { padding: p, dilation: n(v, 'dilation') });
				if (out.shape[2] === 20) return p;
			}
			return Number.NaN;
		},
	},
	'batchnorm-params': { expected: (v) => new nn.BatchNorm2d(n(v, 'channels')).numParameters() },
	'embedding-params': { expected: (v) => cached(`emb:${n(v, 'vocab')}:${n(v, 'dim')}`, () => new nn.Embedding(n(v, 'vocab'), n(v, 'dim')).numParameters()) },
	'rnn-params': { expected: (v) => recurrentCount(nn.RNN, v) },
	'lstm-params': { expected: (v) => recurrentCount(nn.LSTM, v) },
	'gru-params': { expected: (v) => recurrentCount(nn.GRU, v) },
	'mha-params': {
		expected: (v) => cached(`mha:${n(v, 'embedDim')}:${n(v, 'heads')}`, () => new nn.MultiheadAttention(n(v, 'embedDim'), n(v, 'heads')).numParameters()),
	},
	'ffn-params': {
		expected: (v) =>
			cached(`ffn:${n(v, 'model')}:${n(v, 'ff')}`, () =>
				new nn.Sequential(new nn.Linear(n(v, 'model'), n(v, 'ff')), new nn.GELU(), new nn.Linear(n(v, 'ff'), n(v, 'model'))).numParameters(),
			),
	},
	'adam-m-raw': {
		expected: (v) => first(runOptimizer((p) => new optim.Adam([p], { betas: [n(v, 'beta1'), 0.999] }), 0, n(v, 'grad'), n(v, 'steps')).state.expAvg as Tensor),
		rel: 1e-12,
	},
	'adam-v-raw': {
		expected: (v) => first(runOptimizer((p) => new optim.Adam([p], { betas: [0.9, n(v, 'beta2')] }), 0, n(v, 'grad'), n(v, 'steps')).state.expAvgSq as Tensor),
		rel: 1e-10,
	},
	'adam-m-hat': {
		// the engine's m_t, corrected as Adam's step does (1 − β1^t)
		expected: (v) => {
			const { state } = runOptimizer((p) => new optim.Adam([p], { betas: [n(v, 'beta1'), 0.999] }), 0, n(v, 'grad'), n(v, 'steps'));
			return first(state.expAvg as Tensor) / (1 - n(v, 'beta1') ** (state.step as number));
		},
		rel: 1e-12,
	},
	'adam-v-hat': {
		expected: (v) => {
			const { state } = runOptimizer((p) => new optim.Adam([p], { betas: [0.9, n(v, 'beta2')] }), 0, n(v, 'grad'), n(v, 'steps'));
			return first(state.expAvgSq as Tensor) / (1 - n(v, 'beta2') ** (state.step as number));
		},
		rel: 1e-10,
	},
	'adam-param-after': {
		expected: (v) => first(runOptimizer((p) => new optim.Adam([p], { lr: n(v, 'lr') }), n(v, 'start'), n(v, 'grad'), n(v, 'steps')).p),
		rel: 1e-12,
	},
	'sgd-momentum-buffer': {
		expected: (v) => first(runOptimizer((p) => new optim.SGD([p], { lr: 0.1, momentum: n(v, 'momentum') }), 0, n(v, 'grad'), n(v, 'steps')).state.momentumBuffer as Tensor),
		rel: 1e-12,
	},
	'sgd-momentum-param': {
		expected: (v) => first(runOptimizer((p) => new optim.SGD([p], { lr: n(v, 'lr'), momentum: n(v, 'momentum') }), n(v, 'start'), n(v, 'grad'), n(v, 'steps')).p),
		rel: 1e-12,
	},
	'sgd-weight-decay': {
		expected: (v) => first(runOptimizer((p) => new optim.SGD([p], { lr: n(v, 'lr'), weightDecay: n(v, 'decay') }), n(v, 'start'), n(v, 'grad'), 1).p),
		rel: 1e-12,
	},
	'step-lr': {
		expected: (v) => {
			const opt = new optim.SGD([paramParam(0)], { lr: n(v, 'lr') });
			const s = new optim.lrScheduler.StepLR(opt, { stepSize: n(v, 'stepSize'), gamma: n(v, 'gamma') });
			for (let e = 0; e < n(v, 'epoch'); e++) s.step();
			return s.getLastLr()[0]!;
		},
		rel: 1e-9,
	},
	'cosine-lr': {
		expected: (v) => {
			const opt = new optim.SGD([paramParam(0)], { lr: n(v, 'lr') });
			const s = new optim.lrScheduler.CosineAnnealingLR(opt, { tMax: n(v, 'period'), etaMin: n(v, 'etaMin') });
			for (let e = 0; e < n(v, 'step'); e++) s.step();
			return s.getLastLr()[0]!;
		},
		rel: 1e-9,
	},
	'warmup-lr': {
		expected: (v) => {
			const opt = new optim.SGD([paramParam(0)], { lr: n(v, 'lr') });
			const s = new optim.lrScheduler.LinearLR(opt, { startFactor: n(v, 'startFactor'), endFactor: 1, totalIters: n(v, 'warmup') });
			for (let e = 0; e < n(v, 'step'); e++) s.step();
			return s.getLastLr()[0]!;
		},
		rel: 1e-9,
	},
	'batches-per-epoch': {
		expected: (v) => new data.DataLoader(new data.TensorDataset(zeros([n(v, 'samples'), 1])), { batchSize: n(v, 'batch'), dropLast: n(v, 'dropLast') === 1 }).length,
	},
	'optimizer-steps': {
		expected: (v) => n(v, 'epochs') * new data.DataLoader(new data.TensorDataset(zeros([n(v, 'samples'), 1])), { batchSize: n(v, 'batch') }).length,
	},
	'clip-grad-norm': {
		expected: (v) => {
			const g = list(v, 'grad');
			const p = f64(g.map(() => 0), true);
			p.grad = f64(g);
			nn.utils.clipGradNorm([p], n(v, 'maxNorm'));
			return p.grad!.dataSync()[n(v, 'index')]!;
		},
		rel: 1e-12,
	},
	'adam-training-memory': {
		// bytes of every tensor the training step keeps: weights, gradients, Adam's two moments
		expected: (v) =>
			cached(`mem:${n(v, 'inFeatures')}:${n(v, 'outFeatures')}`, () => {
				const lin = new nn.Linear(n(v, 'inFeatures'), n(v, 'outFeatures'));
				const opt = new optim.Adam(lin.parameters());
				for (const p of lin.parameters()) p.grad = zeros(p.shape);
				opt.step();
				const bytes = (t: Tensor) => t.dataSync().byteLength;
				let total = 0;
				for (const p of lin.parameters()) {
					const s = opt.state.get(p)!;
					total += bytes(p) + bytes(p.grad!) + bytes(s.expAvg as Tensor) + bytes(s.expAvgSq as Tensor);
				}
				return total / 2 ** 20;
			}),
		rel: 1e-12,
	},
	'softmax-prob': { expected: (v) => F.softmax(f64(list(v, 'logits')), 0).dataSync()[n(v, 'target')]!, rel: 1e-12 },
	'cross-entropy': {
		expected: (v) => first(F.crossEntropy(f64([list(v, 'logits')]), tensor([n(v, 'target')], { dtype: 'int32' }))),
		rel: 1e-12,
	},
	'cross-entropy-batch': {
		expected: (v) => first(F.crossEntropy(f64([list(v, 'logitsA'), list(v, 'logitsB')]), tensor([n(v, 'targetA'), n(v, 'targetB')], { dtype: 'int32' }))),
		rel: 1e-12,
	},
	'label-smoothing-ce': {
		expected: (v) => first(F.crossEntropy(f64([list(v, 'logits')]), tensor([n(v, 'target')], { dtype: 'int32' }), { labelSmoothing: n(v, 'smoothing') })),
		rel: 1e-12,
	},
	bce: { expected: (v) => first(F.binaryCrossEntropy(f64([n(v, 'prob')]), f64([n(v, 'label')]))), rel: 1e-12 },
	'bce-with-logits': { expected: (v) => first(F.binaryCrossEntropyWithLogits(f64([n(v, 'logit')]), f64([n(v, 'label')]))), rel: 1e-12 },
	mse: { expected: (v) => first(F.mseLoss(f64(list(v, 'yHat')), f64(list(v, 'y')))), rel: 1e-12 },
	huber: { expected: (v) => first(F.huberLoss(f64([n(v, 'prediction')]), f64([n(v, 'target')]), { delta: n(v, 'delta') })), rel: 1e-12 },
	'sigmoid-derivative': {
		expected: (v) => {
			const x = f64([n(v, 'x')], true);
			F.sigmoid(x).sum().backward();
			return first(x.grad!);
		},
		rel: 1e-12,
	},
	'tanh-derivative': {
		expected: (v) => {
			const x = f64([n(v, 'x')], true);
			F.tanh(x).sum().backward();
			return first(x.grad!);
		},
		rel: 1e-12,
	},
	'neuron-gradient': {
		expected: (v) => {
			const w = f64([n(v, 'w')], true);
			const a = F.sigmoid(w.mul(n(v, 'x')).add(n(v, 'b')));
			a.sub(n(v, 'y')).pow(2).mul(0.5).sum().backward();
			return first(w.grad!);
		},
		rel: 1e-12,
	},
	'relu-chain-gradient': {
		expected: (v) => {
			const w1 = f64([n(v, 'w1')], true);
			const h = F.relu(w1.mul(n(v, 'x')).add(n(v, 'b1')));
			const yHat = h.mul(n(v, 'w2')).add(n(v, 'b2'));
			yHat.sub(n(v, 'y')).pow(2).mul(0.5).sum().backward();
			return first(w1.grad!);
		},
		rel: 1e-12,
	},
	'vanishing-sigmoid': {
		// a chain of sigmoids kept at pre-activation 0: σ(σ(…σ(x − ½)…) − ½) at x = ½
		expected: (v) => {
			const x = f64([0.5], true);
			let h = x;
			for (let i = 0; i < n(v, 'layers'); i++) h = F.sigmoid(h.sub(0.5));
			h.sum().backward();
			return first(x.grad!);
		},
		rel: 1e-12,
	},
	'dropout-scale': {
		expected: (v) => {
			const kept = [...F.dropout(f64(new Array(400).fill(n(v, 'activation'))), n(v, 'p'), true).dataSync()].filter((x) => x !== 0);
			expect(new Set(kept).size).toBe(1);
			return kept[0]!;
		},
		rel: 1e-12,
	},
	'kaiming-std': { expected: (v) => nn.init.calculateGain('relu') / Math.sqrt(n(v, 'fanIn')), rel: 1e-12 },
	'xavier-bound': {
		// the largest |w| over 10 fills of U(−a, a) comes within 2 % of a and never exceeds it
		expected: (v) =>
			cached(`xavier:${n(v, 'fanIn')}:${n(v, 'fanOut')}`, () => {
				const w = zeros([n(v, 'fanOut'), n(v, 'fanIn')]);
				let max = 0;
				for (let i = 0; i < 10; i++) {
					nn.init.xavierUniform_(w);
					for (const x of w.dataSync()) max = Math.max(max, Math.abs(x));
				}
				expect(max).toBeLessThanOrEqual(Math.sqrt(6 / (n(v, 'fanIn') + n(v, 'fanOut'))) * (1 + 1e-6));
				return max;
			}),
		rel: 0.02,
	},
	// Too large to allocate (up to GiBs): a second formula, bytes per element from the engine's dtype.
	'activation-memory': {
		expected: (v) => (n(v, 'batch') * n(v, 'channels') * n(v, 'size') ** 2 * zeros([1]).dataSync().BYTES_PER_ELEMENT) / 1024 / 1024,
		rel: 1e-12,
	},
	'attention-matrix-memory': {
		expected: (v) => (n(v, 'batch') * n(v, 'heads') * n(v, 'seqLen') * n(v, 'seqLen') * n(v, 'bytes')) / 1024 / 1024,
		rel: 1e-12,
	},
	'model-size': {
		expected: (v) => {
			const Array_ = { 4: Float32Array, 2: Uint16Array, 1: Int8Array }[n(v, 'bytes') as 4 | 2 | 1];
			return (n(v, 'millions') * 1e6 * Array_.BYTES_PER_ELEMENT) / 1024 / 1024;
		},
		rel: 1e-12,
	},
	// Counting the multiply-adds of a naive loop: m·n outputs, k multiply-adds each.
	'matmul-gflop': { expected: (v) => (n(v, 'm') * n(v, 'n') * (n(v, 'k') + n(v, 'k'))) / 1e9, rel: 1e-12 },
	'matmul-time': { expected: (v) => (1000 * 2 * n(v, 'm') * n(v, 'n') * n(v, 'k')) / (n(v, 'tflops') * 1e12), rel: 1e-12 },
	'epoch-time': {
		expected: (v) => (new data.DataLoader(new data.TensorDataset(zeros([n(v, 'samples'), 1])), { batchSize: n(v, 'batch') }).length * n(v, 'stepMs')) / 1000,
		rel: 1e-12,
	},
	precision: { expected: (v) => ((c) => c.tp / (c.tp + c.fp))(confusionArrays(v)), rel: 1e-12 },
	recall: { expected: (v) => ((c) => c.tp / (c.tp + c.fn))(confusionArrays(v)), rel: 1e-12 },
	'f1-score': {
		expected: (v) => ((c) => { const P = c.tp / (c.tp + c.fp); const R = c.tp / (c.tp + c.fn); return (2 * P * R) / (P + R); })(confusionArrays(v)),
		rel: 1e-12,
	},
	accuracy: { expected: (v) => ((c) => (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn))(confusionArrays(v)), rel: 1e-12 },
	'standardize-value': {
		expected: (v) => data.standardize(f64(list(v, 'feature').map((x) => [x]))).X.dataSync()[n(v, 'index')]!,
		rel: 1e-12,
	},
	'minmax-value': {
		expected: (v) => data.minMaxScale(f64(list(v, 'feature').map((x) => [x]))).X.dataSync()[n(v, 'index')]!,
		rel: 1e-12,
	},
	'attention-score': {
		expected: (v) => first(f64([list(v, 'query')]).matmul(f64(list(v, 'key').map((x) => [x]))).div(Math.sqrt(n(v, 'dim')))),
		rel: 1e-12,
	},
	'attention-weight': {
		// values [1] and [0]: the output is the weight on the first key
		expected: (v) => first(F.scaledDotProductAttention(f64([[list(v, 'query')]]), f64([[list(v, 'key1'), list(v, 'key2')]]), f64([[[1], [0]]]))),
		rel: 1e-12,
	},
};

it('has an independent check for every generator', () => {
	expect(Object.keys(GENERATORS).filter((name) => !(name in CHECKS))).toEqual([]);
	expect(Object.keys(CHECKS).filter((name) => !(name in GENERATORS))).toEqual([]);
});

describe.each(Object.keys(GENERATORS))('generator %s', (name) => {
	const gen = GENERATORS[name]!;
	const check = CHECKS[name];

	it(`matches the independent computation over ${SEEDS} seeds`, () => {
		if (!check) throw new Error(`no check for ${name}`);
		for (let seed = 0; seed < SEEDS; seed++) {
			const { values, answer } = gen.generate(gen.params, new RandomSource(seed));
			const expected = check.expected(values);
			const rel = check.rel ?? 0;
			const where = `seed ${seed}: ${JSON.stringify(values)}`;
			expect(Number.isFinite(answer), where).toBe(true);
			if (rel === 0) expect(answer, where).toBe(expected);
			else expect(Math.abs(answer - expected), where).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-12);
		}
	});

	it('is reproducible for a seed', () => {
		expect(gen.generate(gen.params, new RandomSource(42))).toEqual(gen.generate(gen.params, new RandomSource(42)));
	});
});

describe('pick', () => {
	const rng = new RandomSource(1);
	it('draws inclusive integer ranges, lists and stepped ranges', () => {
		const ints = new Set(Array.from({ length: 300 }, () => pick([2, 4], rng)));
		expect([...ints].sort()).toEqual([2, 3, 4]);
		const stepped = new Set(Array.from({ length: 300 }, () => pick({ min: -1, max: 1, step: 0.5 }, rng)));
		expect([...stepped].sort((a, b) => a - b)).toEqual([-1, -0.5, 0, 0.5, 1]);
		expect(pick({ oneOf: [7] }, rng)).toBe(7);
		expect(pick(3, rng)).toBe(3);
	});
});
