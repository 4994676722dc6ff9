import { describe, expect, it } from 'vitest';
import { ones, randn, tensor, zeros } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { batchNorm, layerNorm } from './normalization';

const f64 = (data: number[] | number[][], requiresGrad = false) => tensor(data, { dtype: 'float64', requiresGrad });
const close = (got: Tensor, expected: number[][] | number[], digits = 12) => {
	const g = Array.from(got.dataSync());
	const e = (expected as number[]).flat();
	expect(g.length).toBe(e.length);
	g.forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
};

// x: [4, 2]. Channel 0 holds 1, 3, 5, 7 (mean 4), channel 1 holds 2, 6, 4, 8 (mean 5); both have
// deviations ±3, ±1, so squared deviations sum to 20: biased variance 20/4 = 5, unbiased 20/3.
const X = [[1, 2], [3, 6], [5, 4], [7, 8]];
const S = Math.sqrt(5 + 1e-5);

describe('F.batchNorm', () => {
	it('normalises each channel with the batch mean and biased variance in training', () => {
		const y = batchNorm(f64(X), null, null, null, null, { training: true });
		close(y, [[-3 / S, -3 / S], [-1 / S, 1 / S], [1 / S, -1 / S], [3 / S, 3 / S]]);
	});

	it('applies weight and bias per channel', () => {
		// channel 0: 2 * d / S + 1; channel 1: 0.5 * d / S - 1
		const y = batchNorm(f64(X), null, null, f64([2, 0.5]), f64([1, -1]), { training: true });
		close(y, [
			[(2 * -3) / S + 1, (0.5 * -3) / S - 1],
			[(2 * -1) / S + 1, (0.5 * 1) / S - 1],
			[(2 * 1) / S + 1, (0.5 * -1) / S - 1],
			[(2 * 3) / S + 1, (0.5 * 3) / S - 1],
		]);
	});

	it('updates running stats in place with momentum and the unbiased variance', () => {
		const rm = zeros([2], { dtype: 'float64' });
		const rv = ones([2], { dtype: 'float64' });
		batchNorm(f64(X), rm, rv, null, null, { training: true });
		// mean: 0.9 * 0 + 0.1 * [4, 5]; var: 0.9 * 1 + 0.1 * 20/3
		close(rm, [0.4, 0.5]);
		close(rv, [0.9 + 2 / 3, 0.9 + 2 / 3]);
		batchNorm(f64(X), rm, rv, null, null, { training: true, momentum: 0.5 });
		// 0.5 * [0.4, 0.5] + 0.5 * [4, 5]; 0.5 * 1.5667 + 0.5 * 6.6667
		close(rm, [2.2, 2.75]);
		close(rv, [(0.9 + 2 / 3) / 2 + 10 / 3, (0.9 + 2 / 3) / 2 + 10 / 3]);
	});

	it('uses the running statistics when not training (the default), and leaves them alone', () => {
		const rm = f64([1, -2]);
		const rv = f64([4, 0.25]);
		const y = batchNorm(f64([[3, 0]]), rm, rv, f64([1, 2]), f64([0, 1]));
		// (3 - 1) / √(4 + eps) = 0.99999875; 2 * (0 + 2) / √(0.25 + eps) + 1
		close(y, [[2 / Math.sqrt(4 + 1e-5), (2 * 2) / Math.sqrt(0.25 + 1e-5) + 1]]);
		close(rm, [1, -2]);
		close(rv, [4, 0.25]);
	});

	it('normalises [N, C, L] and [N, C, H, W] over every dim but 1', () => {
		// [1, 2, 2]: channel 0 = [0, 2] (mean 1, var 1), channel 1 = [5, 5] (var 0, so 0 / √eps = 0)
		const y = batchNorm(tensor([[[0, 2], [5, 5]]], { dtype: 'float64' }), null, null, null, null, { training: true, eps: 0.5 });
		close(y, [-1 / Math.sqrt(1.5), 1 / Math.sqrt(1.5), 0, 0]);
		manualSeed(3);
		const x4 = randn([2, 3, 2, 2], { dtype: 'float64' });
		const y4 = batchNorm(x4, null, null, null, null, { training: true });
		const m = y4.mean([0, 2, 3]);
		const v = y4.var([0, 2, 3], { correction: 0 });
		close(m, [0, 0, 0]);
		m.dataSync().forEach((_, c) => expect(v.dataSync()[c]).toBeCloseTo(1, 3));
	});

	it('refuses one value per channel in training, as PyTorch', () => {
		expect(() => batchNorm(f64([[1, 2, 3]]), null, null, null, null, { training: true })).toThrow(
			'batchNorm: expected more than 1 value per channel when training, got input of shape [1, 3] (1 value per channel)',
		);
		// fine in eval, with running statistics
		expect(() => batchNorm(f64([[1, 2, 3]]), zeros([3]), ones([3]))).not.toThrow();
	});

	it('names the channel counts when the running stats or weight do not fit', () => {
		expect(() => batchNorm(f64(X), zeros([3]), ones([3]), null, null, { training: true })).toThrow(
			'batchNorm: input [4, 2] has 2 channels (dim 1) but runningMean has 3 elements (shape [3]); a layer built for 3 features expects inputs [N, 3, ...]',
		);
		expect(() => batchNorm(f64(X), null, null, ones([5]))).toThrow('but weight has 5 elements');
		expect(() => batchNorm(f64(X), null, null)).toThrow('runningMean and runningVar are null');
		expect(() => batchNorm(f64([1, 2]), null, null, null, null, { training: true })).toThrow('at least 2 dims, got shape [2]');
	});

	it('gradchecks x, weight and bias in training mode ([N, C], [N, C, L], [N, C, H, W])', () => {
		manualSeed(11);
		for (const shape of [[4, 3], [3, 2, 4], [2, 3, 2, 2]]) {
			const c = shape[1];
			const x = randn(shape, { dtype: 'float64', requiresGrad: true });
			const w = randn([c], { dtype: 'float64', requiresGrad: true });
			const b = randn([c], { dtype: 'float64', requiresGrad: true });
			const rm = zeros([c], { dtype: 'float64' });
			const rv = ones([c], { dtype: 'float64' });
			const r = gradcheck((x, w, b) => batchNorm(x, rm, rv, w, b, { training: true }), [x, w, b]);
			expect(r.ok, `${shape}: ${r.message}`).toBe(true);
		}
	});

	it('gradchecks x, weight and bias in eval mode', () => {
		manualSeed(12);
		const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const w = randn([4], { dtype: 'float64', requiresGrad: true });
		const b = randn([4], { dtype: 'float64', requiresGrad: true });
		const rm = randn([4], { dtype: 'float64' });
		const rv = f64([0.5, 1, 2, 3]);
		const r = gradcheck((x, w, b) => batchNorm(x, rm, rv, w, b), [x, w, b]);
		expect(r.ok, r.message).toBe(true);
	});
});

describe('F.layerNorm', () => {
	it('normalises each sample over the last dim', () => {
		// [1, 2, 3, 4]: mean 2.5, deviations ±1.5, ±0.5, biased variance (2.25 + 0.25) * 2 / 4 = 1.25
		const s = Math.sqrt(1.25 + 1e-5);
		const y = layerNorm(f64([[1, 2, 3, 4], [10, 10, 10, 10]]), 4);
		close(y, [[-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s], [0, 0, 0, 0]]);
	});

	it('normalises over several trailing dims, then scales and shifts element-wise', () => {
		// [[1, 2], [3, 4]] over shape [2, 2] is the same set of numbers: mean 2.5, variance 1.25
		const s = Math.sqrt(1.25 + 0.01);
		const w = f64([[1, 2], [3, 4]]);
		const b = f64([[0, 0], [1, 1]]);
		const y = layerNorm(tensor([[[1, 2], [3, 4]]], { dtype: 'float64' }), [2, 2], w, b, 0.01);
		expect(y.shape).toEqual([1, 2, 2]);
		close(y, [(1 * -1.5) / s, (2 * -0.5) / s, (3 * 0.5) / s + 1, (4 * 1.5) / s + 1]);
	});

	it('explains a normalizedShape that is not the trailing dims', () => {
		expect(() => layerNorm(randn([2, 3]), [4])).toThrow(
			'layerNorm: given normalizedShape [4], expected an input of shape [*, 4], but got [2, 3]',
		);
		expect(() => layerNorm(randn([2, 4]), [4], ones([3]))).toThrow('layerNorm: weight has shape [3] but normalizedShape is [4]');
	});

	it('gradchecks x, weight and bias over one and two trailing dims', () => {
		manualSeed(21);
		for (const normalized of [[4], [3, 4]]) {
			const x = randn([2, 3, 4], { dtype: 'float64', requiresGrad: true });
			const w = randn(normalized, { dtype: 'float64', requiresGrad: true });
			const b = randn(normalized, { dtype: 'float64', requiresGrad: true });
			const r = gradcheck((x, w, b) => layerNorm(x, normalized, w, b), [x, w, b]);
			expect(r.ok, `${normalized}: ${r.message}`).toBe(true);
		}
	});
});
