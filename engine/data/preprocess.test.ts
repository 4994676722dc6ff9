import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { minMaxScale, oneHot, standardize } from './preprocess';

const rounded = async (t: { tolist(): Promise<unknown> }) => JSON.parse(JSON.stringify(await t.tolist(), (_k, v) => (typeof v === 'number' ? +v.toFixed(12) : v)));

describe('standardize', () => {
	it('uses the per-feature mean and the population std (a hand example)', async () => {
		// feature 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5 (divide by N, not N - 1)
		// feature 1: 5, 5, 5, 5 → mean 5, variance 0 → std taken as 1, so the feature becomes 0
		const X = tensor([[1, 5], [2, 5], [3, 5], [6, 5]], { dtype: 'float64' });
		const { X: Z, mean, std } = standardize(X);
		expect(await mean.tolist()).toEqual([3, 5]);
		expect(await rounded(std)).toEqual([+Math.sqrt(3.5).toFixed(12), 1]);
		const s = Math.sqrt(3.5);
		expect(await rounded(Z)).toEqual([[-2 / s, 0], [-1 / s, 0], [0, 0], [3 / s, 0]].map((r) => r.map((v) => +v.toFixed(12) + 0)));
	});

	it('applies the training statistics to other data', async () => {
		const train = standardize(tensor([[0], [2], [4]], { dtype: 'float64' }));
		// mean 2, std sqrt(8 / 3)
		const test = standardize(tensor([[2], [6]], { dtype: 'float64' }), { mean: train.mean, std: train.std });
		expect(test.mean).toBe(train.mean);
		expect(await rounded(test.X)).toEqual([[0], [+(4 / Math.sqrt(8 / 3)).toFixed(12)]]);
	});

	it('gives each column mean 0 and std 1, and NaN-free output for a constant column in float32', async () => {
		const X = tensor([[0.1, 3], [0.2, 3], [0.7, 3], [0.4, 3], [0.3, 3]]);
		const { X: Z } = standardize(X);
		const m = await Z.mean(0).tolist();
		const v = await Z.var(0, { correction: 0 }).tolist();
		expect(Math.abs((m as number[])[0])).toBeLessThan(1e-6);
		expect((v as number[])[0]).toBeCloseTo(1, 5);
		expect(await Z.slice(1, 1, 2).reshape([5]).tolist()).toEqual([0, 0, 0, 0, 0]);
	});

	it('takes statistics over several dims (per channel of images) and converts int32 input', async () => {
		// [N=2, C=2, 2]: channel 0 holds 0, 2, 4, 6 (mean 3); channel 1 holds 1 everywhere
		const X = tensor([[[0, 2], [1, 1]], [[4, 6], [1, 1]]], { dtype: 'int32' });
		const { X: Z, mean, std } = standardize(X, { dim: [0, 2] });
		expect(Z.dtype).toBe('float32');
		expect(mean.shape).toEqual([2, 1]);
		expect(await mean.tolist()).toEqual([[3], [1]]);
		// population variance of 0, 2, 4, 6 is (9 + 1 + 1 + 9) / 4 = 5
		expect((await std.tolist()) as number[][]).toEqual([[Math.fround(Math.sqrt(5))], [1]]);
	});

	it('asks for both statistics or neither', () => {
		const X = tensor([[1], [2]]);
		expect(() => standardize(X, { mean: tensor([1]) })).toThrow('standardize: pass both mean and std');
	});
});

describe('minMaxScale', () => {
	it('maps each feature to [0, 1] by its min and max, a constant one to 0', async () => {
		const { X, min, max } = minMaxScale(tensor([[1, 5], [3, 5], [2, 5]], { dtype: 'float64' }));
		expect(await min.tolist()).toEqual([1, 5]);
		expect(await max.tolist()).toEqual([3, 5]);
		expect(await X.tolist()).toEqual([[0, 0], [1, 0], [0.5, 0]]);
	});

	it('maps to another range and reuses the training min and max', async () => {
		const train = minMaxScale(tensor([[0], [10]], { dtype: 'float64' }), { featureRange: [-1, 1] });
		expect(await train.X.tolist()).toEqual([[-1], [1]]);
		// 5 → 0, and 20 lies outside the training range: 2 · 20/10 - 1 = 3
		const test = minMaxScale(tensor([[5], [20]], { dtype: 'float64' }), { min: train.min, max: train.max, featureRange: [-1, 1] });
		expect(await test.X.tolist()).toEqual([[0], [3]]);
	});

	it('explains a backwards range', () => {
		expect(() => minMaxScale(tensor([[1]]), { featureRange: [1, 0] })).toThrow('minMaxScale: featureRange must be [low, high] with low < high, got [1, 0]');
	});
});

describe('oneHot', () => {
	it('turns class indices into int32 rows, inferring numClasses from the largest label', async () => {
		const y = tensor([0, 2, 1], { dtype: 'int32' });
		const h = oneHot(y);
		expect(h.dtype).toBe('int32');
		expect(await h.tolist()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
		expect(await oneHot(y, 4).tolist()).toEqual([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]]);
		// any shape: [2, 2] → [2, 2, 2]
		expect(oneHot(tensor([[0, 1], [1, 0]], { dtype: 'int32' }), 2).shape).toEqual([2, 2, 2]);
	});

	it('explains labels that do not fit, and float labels', () => {
		expect(() => oneHot(tensor([0, 3], { dtype: 'int32' }), 3)).toThrow('oneHot: label 3 does not fit numClasses = 3 (labels must be 0..2)');
		expect(() => oneHot(tensor([-1, 0], { dtype: 'int32' }))).toThrow('oneHot: labels must be >= 0, got -1');
		expect(() => oneHot(tensor([0, 1]))).toThrow("oneHot: labels must be int32 class indices, got float32; convert with y.to('int32')");
	});
});
