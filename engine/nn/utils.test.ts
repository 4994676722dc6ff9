import { describe, expect, it } from 'vitest';
import { tensor, nn, type Tensor } from 'chainrule';

const withGrad = (values: number[], grad: number[]): Tensor => {
	const p = tensor(values, { dtype: 'float64', requiresGrad: true });
	p.grad = tensor(grad, { dtype: 'float64' });
	return p;
};
const gradOf = (p: Tensor) => [...p.grad!.dataSync()];

describe('nn.utils.clipGradNorm', () => {
	it('scales every gradient by maxNorm / (total + 1e-6) and returns the total norm', () => {
		// grads [3, 4] and [12]: total 2-norm √(9 + 16 + 144) = 13; maxNorm 6.5 gives a factor of 6.5 / (13 + 1e-6)
		const a = withGrad([0, 0], [3, 4]);
		const b = withGrad([0], [12]);
		const total = nn.utils.clipGradNorm([a, b], 6.5);
		expect(total.dataSync()[0]).toBe(13);
		const c = 6.5 / (13 + 1e-6);
		expect(gradOf(a)).toEqual([3 * c, 4 * c]);
		expect(gradOf(b)).toEqual([12 * c]);
	});
	it('leaves gradients under the limit alone (the factor is clamped to 1)', () => {
		const a = withGrad([0, 0], [3, 4]);
		expect(nn.utils.clipGradNorm(a, 100).dataSync()[0]).toBe(5);
		expect(gradOf(a)).toEqual([3, 4]);
	});
	it('takes other norms: 1, Infinity, and p in general', () => {
		// 1-norm 3 + 4 + 12 = 19; max norm 12; 3-norm (27 + 64 + 1728)^(1/3)
		expect(nn.utils.clipGradNorm([withGrad([0, 0], [3, -4]), withGrad([0], [12])], 100, 1).dataSync()[0]).toBe(19);
		const a = withGrad([0, 0], [3, -4]);
		const b = withGrad([0], [-12]);
		expect(nn.utils.clipGradNorm([a, b], 6, Infinity).dataSync()[0]).toBe(12);
		expect(gradOf(b)[0]).toBeCloseTo((-12 * 6) / (12 + 1e-6), 15);
		expect(nn.utils.clipGradNorm(withGrad([0, 0, 0], [3, 4, 12]), 100, 3).dataSync()[0]).toBeCloseTo(Math.cbrt(1819), 13);
	});
	it('skips parameters without a gradient, and returns 0 when none has one', () => {
		const a = withGrad([0, 0], [3, 4]);
		const none = tensor([1], { requiresGrad: true });
		expect(nn.utils.clipGradNorm([a, none], 1).dataSync()[0]).toBe(5);
		expect(nn.utils.clipGradNorm([none], 1).dataSync()[0]).toBe(0);
	});
	it('scales each gradient once, even when backward handed several leaves one gradient', () => {
		// d(x + y)/dx and d/dy are the same dy = [1, 1]; the total norm is 2, each grad becomes [1, 1] / (2 + 1e-6)
		const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
		const y = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
		x.add(y).sum().backward();
		nn.utils.clipGradNorm([x, y], 1);
		const c = 1 / (2 + 1e-6);
		expect(gradOf(x)).toEqual([c, c]);
		expect(gradOf(y)).toEqual([c, c]);
	});
	it('throws on a non-finite norm when asked to', () => {
		expect(() => nn.utils.clipGradNorm(withGrad([0], [Infinity]), 1, 2, true)).toThrow('clipGradNorm: the total norm of order 2 of the gradients is Infinity');
		// without the flag, as PyTorch: the factor is 1 / (inf + 1e-6) = 0, so inf · 0 = NaN and 1 · 0 = 0
		const a = withGrad([0, 0], [Infinity, 1]);
		expect(nn.utils.clipGradNorm(a, 1).dataSync()[0]).toBe(Infinity);
		expect(gradOf(a)).toEqual([NaN, 0]);
	});
});

describe('nn.utils.clipGradValue', () => {
	it('clamps each gradient element to [-clip, clip]', () => {
		const a = withGrad([0, 0, 0], [-3, 0.5, 2]);
		nn.utils.clipGradValue([a], 1);
		expect(gradOf(a)).toEqual([-1, 0.5, 1]);
	});
});
