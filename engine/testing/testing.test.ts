import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import { defineOp } from '../define-op';
import { allclose, compareArrays, compareTensors } from './compare';
import { gradcheck } from './gradcheck';

/** x², with a deliberately wrong gradient (3x instead of 2x), to see that gradcheck notices. */
const badSquare = defineOp({
	name: 'badSquare',
	inputs: ['x'],
	shape: ([x]) => [...x],
	cpu: ([x], out) => {
		for (let i = 0; i < x.data.length; i++) out.data[i] = x.data[i] * x.data[i];
	},
	backward: ({ inputs: [x] }, dy) => [dy.mul(x).mul(3)],
});

describe('gradcheck', () => {
	it('passes a correct gradient, for every input that requires grad', () => {
		const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const w = randn([4, 2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, w) => x.matmul(w).tanh(), [x, w]);
		expect(r.ok, r.message).toBe(true);
		expect(r.maxRelError).toBeLessThan(1e-6);
		expect(r.message).toMatch(/^gradcheck passed: max relative error/);
	});
	it('catches a wrong gradient and says where', () => {
		// at x = 2: autograd says 3 * 2 = 6, finite differences say d(x²)/dx = 4 (both times the random
		// projection weight gradcheck applies to the output, so compare their ratio)
		const x = tensor([2, 1], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x) => badSquare([x], {}).sum(), [x]);
		expect(r.ok).toBe(false);
		expect(r.worst!.analytic / r.worst!.numeric).toBeCloseTo(1.5, 6);
		expect(r.worst!.index).toEqual([0]); // the larger error is at x = 2
		expect(r.message).toMatch(/^gradcheck failed: input 0 \[2\] at \[0\]: autograd gives -?[\d.]+, finite differences give -?[\d.]+/);
	});
	it('leaves the inputs as they were', () => {
		const x = tensor([0.1, 0.2, 0.3], { dtype: 'float64', requiresGrad: true });
		gradcheck((x) => x.exp(), [x]);
		expect(Array.from(x.dataSync())).toEqual([0.1, 0.2, 0.3]);
	});
	it('skips inputs that do not require grad', () => {
		const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
		const c = tensor([3, 4], { dtype: 'float64' });
		expect(gradcheck((x, c) => x.mul(c), [x, c]).ok).toBe(true);
		expect(c.grad).toBeNull();
	});
	it('needs float64 inputs and an output that depends on them', () => {
		expect(() => gradcheck((x) => x, [tensor([1])])).toThrow("gradcheck: input 0 is float32 on cpu; use float64 CPU tensors (x.to('float64'))");
		const x = tensor([1], { dtype: 'float64', requiresGrad: true });
		expect(() => gradcheck(() => tensor([1], { dtype: 'float64' }), [x])).toThrow('gradcheck: the output does not require grad');
	});
});

describe('compare', () => {
	it('reports the worst element by its nested index', () => {
		// |got - expected| <= atol + rtol |expected| fails only at flat index 4 = [1, 1]
		const c = compareArrays([1, 2, 3, 4, 5.1, 6], [1, 2, 3, 4, 5, 6], [2, 3], { rtol: 1e-3, atol: 0 });
		expect(c.ok).toBe(false);
		expect(c.mismatched).toBe(1);
		expect(c.worst).toEqual({ index: [1, 1], got: 5.1, expected: 5 });
		expect(c.maxAbsError).toBeCloseTo(0.1, 12);
		// relative error as the grader defines it: |g - e| / (|g| + |e|)
		expect(c.maxRelError).toBeCloseTo(0.1 / 10.1, 12);
	});
	it('NaN matches NaN and equal infinities match; inf against -inf does not', () => {
		expect(compareArrays([NaN, Infinity], [NaN, Infinity], [2]).ok).toBe(true);
		expect(compareArrays([Infinity], [-Infinity], [1]).ok).toBe(false);
		expect(compareArrays([NaN], [1], [1]).ok).toBe(false);
		expect(compareArrays([5], [Infinity], [1]).ok).toBe(false);
		expect(compareArrays([Infinity], [5], [1]).worst).toEqual({ index: [0], got: Infinity, expected: 5 });
	});
	it('tensors: shape mismatch and allclose', async () => {
		const c = await compareTensors(tensor([1, 2]), tensor([[1, 2]]));
		expect(c.ok).toBe(false);
		expect(c.shapeMismatch).toEqual({ got: [2], expected: [1, 2] });
		expect(await allclose(tensor([1, 2]), tensor([1, 2.000001]))).toBe(true);
		expect(await allclose(tensor([1, 2]), tensor([1, 2.1]))).toBe(false);
		expect(await allclose(tensor([1, 2]), tensor([1, 2.1]), { atol: 0.2 })).toBe(true);
	});
});
