import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import { batchNorm } from '../functional/normalization';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { BatchNorm1d, BatchNorm2d, LayerNorm } from './normalization';

const values = (t: Tensor | null) => Array.from(t!.dataSync());
const expectClose = (got: Tensor | null, expected: number[], digits = 6) => {
	const g = values(got);
	expect(g.length).toBe(expected.length);
	g.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
};

// x: [4, 2]; channel 0 = 1, 3, 5, 7 (mean 4), channel 1 = 2, 6, 4, 8 (mean 5). Deviations are ±3, ±1 in both,
// so the biased variance is 20 / 4 = 5 and the unbiased one 20 / 3. 2x has mean [8, 10] and unbiased var 80 / 3.
const X = [[1, 2], [3, 6], [5, 4], [7, 8]];
const X2 = X.map((row) => row.map((v) => 2 * v));

describe('nn.BatchNorm1d', () => {
	it('has PyTorch’s parameters and buffers', () => {
		const bn = new BatchNorm1d(3);
		expect(bn.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [3]], ['bias', [3]]]);
		expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'runningMean', 'runningVar', 'numBatchesTracked']);
		expect(values(bn.weight)).toEqual([1, 1, 1]);
		expect(values(bn.bias)).toEqual([0, 0, 0]);
		expect(values(bn.runningMean)).toEqual([0, 0, 0]);
		expect(values(bn.runningVar)).toEqual([1, 1, 1]);
		expect(bn.numBatchesTracked!.dtype).toBe('int32');
		expect(bn.parameters()).not.toContain(bn.runningMean);
	});

	it('normalises with batch statistics in training and tracks running stats over two steps', () => {
		const bn = new BatchNorm1d(2);
		const s = Math.sqrt(5 + 1e-5);
		const y = bn.forward(tensor(X));
		expectClose(y, [-3 / s, -3 / s, -1 / s, 1 / s, 1 / s, -1 / s, 3 / s, 3 / s]);
		// step 1: 0.9 * 0 + 0.1 * [4, 5]; 0.9 * 1 + 0.1 * 20/3 = 1.566667
		expectClose(bn.runningMean, [0.4, 0.5]);
		expectClose(bn.runningVar, [0.9 + 2 / 3, 0.9 + 2 / 3]);
		expect(values(bn.numBatchesTracked)).toEqual([1]);
		bn.forward(tensor(X2));
		// step 2: 0.9 * [0.4, 0.5] + 0.1 * [8, 10] = [1.16, 1.45]; 0.9 * 1.566667 + 0.1 * 80/3 = 4.076667
		expectClose(bn.runningMean, [1.16, 1.45]);
		expectClose(bn.runningVar, [4.076667, 4.076667]);
		expect(values(bn.numBatchesTracked)).toEqual([2]);

		// eval: (x - running mean) / √(running var + eps), and the running stats stay put
		bn.eval();
		const r = Math.sqrt(4.0766666666 + 1e-5);
		expectClose(bn.forward(tensor([[2, 3]])), [(2 - 1.16) / r, (3 - 1.45) / r]);
		expectClose(bn.runningMean, [1.16, 1.45]);
		expect(values(bn.numBatchesTracked)).toEqual([2]);
	});

	it('keeps a cumulative average with momentum null', () => {
		const bn = new BatchNorm1d(2, { momentum: null });
		bn.forward(tensor(X));
		// factor 1/1: the first batch's stats
		expectClose(bn.runningMean, [4, 5]);
		expectClose(bn.runningVar, [20 / 3, 20 / 3]);
		bn.forward(tensor(X2));
		// factor 1/2: the mean of both batches' stats
		expectClose(bn.runningMean, [6, 7.5]);
		expectClose(bn.runningVar, [50 / 3, 50 / 3], 5);
	});

	it('normalises [N, C, L] per channel over N and L', () => {
		manualSeed(4);
		const bn = new BatchNorm1d(3).double();
		const x = randn([5, 3, 4], { dtype: 'float64' });
		const y = bn.forward(x);
		expectClose(y.mean([0, 2]), [0, 0, 0], 12);
		expectClose(y.var([0, 2], { correction: 0 }), [1, 1, 1], 3);
		// running mean = 0.1 * batch mean
		expectClose(bn.runningMean, values(x.mean([0, 2]).mul(0.1)), 12);
	});

	it('without running stats uses batch statistics in eval too, and saves no buffers', () => {
		const bn = new BatchNorm1d(2, { trackRunningStats: false });
		expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias']);
		const s = Math.sqrt(5 + 1e-5);
		expectClose(bn.eval().forward(tensor(X)), [-3 / s, -3 / s, -1 / s, 1 / s, 1 / s, -1 / s, 3 / s, 3 / s]);
	});

	it('has no parameters with affine: false', () => {
		const bn = new BatchNorm1d(2, { affine: false });
		expect(bn.parameters()).toEqual([]);
		expect(Object.keys(bn.stateDict())).toEqual(['runningMean', 'runningVar', 'numBatchesTracked']);
		expect(bn.forward(tensor(X)).shape).toEqual([4, 2]);
	});

	it('explains a channel count or rank that does not fit, and one value per channel', () => {
		const bn = new BatchNorm1d(4);
		expect(() => bn.forward(randn([8, 3]))).toThrow(
			'BatchNorm1d(4): input of shape [8, 3] has 3 channels in dim 1, but this layer normalises 4; build it as BatchNorm1d(3)',
		);
		expect(() => bn.forward(randn([2, 4, 3, 3]))).toThrow('BatchNorm1d: expected a 2-D [N, C] or 3-D [N, C, L] input, got 4-D [2, 4, 3, 3]; use BatchNorm2d');
		expect(() => bn.forward(randn([1, 4]))).toThrow('expected more than 1 value per channel when training');
		// the failed batch is not counted
		expect(values(bn.numBatchesTracked)).toEqual([0]);
		expect(bn.eval().forward(randn([1, 4])).shape).toEqual([1, 4]);
		expect(() => new BatchNorm1d(0)).toThrow('BatchNorm1d: numFeatures must be a positive integer (the channel count C), got 0');
	});

	it('round-trips running stats through stateDict', async () => {
		const a = new BatchNorm1d(2);
		a.forward(tensor(X));
		const b = new BatchNorm1d(2);
		b.loadStateDict(a.stateDict());
		expect(values(b.numBatchesTracked)).toEqual([1]);
		const x = tensor([[0, 1]]);
		expect(await b.eval().forward(x).tolist()).toEqual(await a.eval().forward(x).tolist());
	});

	it('gradchecks x, weight and bias in training and eval mode', () => {
		manualSeed(5);
		const bn = new BatchNorm1d(3).double();
		const w = randn([3], { dtype: 'float64', requiresGrad: true });
		const b = randn([3], { dtype: 'float64', requiresGrad: true });
		const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
		const train = gradcheck((x, w, b) => batchNorm(x, null, null, w, b, { training: true }), [x, w, b]);
		expect(train.ok, train.message).toBe(true);
		// through the module's own parameters (gradcheck perturbs them in place)
		bn.loadStateDict({ ...bn.stateDict(), weight: w, bias: b });
		const params = [x, bn.weight!, bn.bias!];
		const viaModule = gradcheck((x) => bn.forward(x), params);
		expect(viaModule.ok, viaModule.message).toBe(true);
		bn.eval();
		const evalMode = gradcheck((x) => bn.forward(x), params);
		expect(evalMode.ok, evalMode.message).toBe(true);
	});
});

describe('nn.BatchNorm2d', () => {
	it('normalises each channel of [N, C, H, W] over N, H and W', () => {
		manualSeed(6);
		const bn = new BatchNorm2d(3).double();
		const x = randn([2, 3, 4, 4], { dtype: 'float64' }).mul(3).add(1);
		const y = bn.forward(x);
		expect(y.shape).toEqual([2, 3, 4, 4]);
		expectClose(y.mean([0, 2, 3]), [0, 0, 0], 12);
		// 32 values per channel: unbiased = biased * 32 / 31
		const biased = values(x.var([0, 2, 3], { correction: 0 }));
		expectClose(bn.runningVar, biased.map((v) => 0.9 + (0.1 * v * 32) / 31), 12);
	});

	it('explains a non-4-D input', () => {
		expect(() => new BatchNorm2d(3).forward(randn([2, 3]))).toThrow(
			'BatchNorm2d: expected a 4-D input [N, C, H, W], got 2-D [2, 3]; use BatchNorm1d for [N, C] or [N, C, L]',
		);
	});

	it('gradchecks x, weight and bias in training mode', () => {
		manualSeed(7);
		const bn = new BatchNorm2d(2).double();
		const x = randn([2, 2, 3, 3], { dtype: 'float64', requiresGrad: true });
		const w = randn([2], { dtype: 'float64', requiresGrad: true });
		const b = randn([2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, w, b) => batchNorm(x, bn.runningMean, bn.runningVar, w, b, { training: true }), [x, w, b]);
		expect(r.ok, r.message).toBe(true);
	});
});

describe('nn.LayerNorm', () => {
	it('has weight (ones) and bias (zeros) of normalizedShape', () => {
		const ln = new LayerNorm([3, 4]);
		expect(ln.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [3, 4]], ['bias', [3, 4]]]);
		expect(new LayerNorm(5, { bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight']);
		expect(new LayerNorm(5, { elementwiseAffine: false }).parameters()).toEqual([]);
	});

	it('normalises each sample over the last dim', () => {
		// [1, 2, 3, 4]: mean 2.5, biased variance 1.25
		const s = Math.sqrt(1.25 + 1e-5);
		expectClose(new LayerNorm(4).forward(tensor([[1, 2, 3, 4]])), [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
		// train and eval behave the same (no running statistics)
		expectClose(new LayerNorm(4).eval().forward(tensor([[1, 2, 3, 4]])), [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
	});

	it('explains an input whose last dims are not normalizedShape', () => {
		expect(() => new LayerNorm(8).forward(randn([2, 4]))).toThrow(
			'layerNorm: given normalizedShape [8], expected an input of shape [*, 8], but got [2, 4]',
		);
	});

	it('gradchecks through the module parameters', () => {
		manualSeed(8);
		const ln = new LayerNorm([2, 3]).double();
		ln.loadStateDict({ weight: randn([2, 3]), bias: randn([2, 3]) });
		const x = randn([4, 2, 3], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x) => ln.forward(x), [x, ln.weight!, ln.bias!]);
		expect(r.ok, r.message).toBe(true);
	});
});
