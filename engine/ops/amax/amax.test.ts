import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { amax } from './amax';

const values = (t: Tensor) => Array.from(t.dataSync());
const m = [[1, 5, 2], [7, 0, 7]];

describeOp('amax dim 1', {
	run: (x) => amax(x, 1),
	cases: [
		{ name: 'rows', inputs: [m], expect: [5, 7] },
		// NaN propagates, as in PyTorch
		{ name: 'NaN', inputs: [[[1, NaN, 3], [-Infinity, -Infinity, -Infinity]]], expect: [NaN, -Infinity] },
	],
	// normal samples have no ties, so the gradient is smooth
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('amax dims [0, 2] keepdim', {
	run: (x) => amax(x, [0, 2], true),
	// for each j: max over i, k of 12i + 4j + k is at i = 1, k = 3: 15 + 4j
	cases: [
		{
			name: 'hand-checked',
			inputs: [[[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]],
			expect: [[[15], [19], [23]]],
		},
	],
	gradcheck: [{ shapes: [[2, 3, 4]] }],
});

describeOp('amax all', {
	run: (x) => amax(x),
	cases: [{ name: 'all', inputs: [m], expect: 7 }],
	gradcheck: [{ shapes: [[3, 4]] }],
});

/** Gradient of sum(f(x)). */
function gradOf(f: (x: Tensor) => Tensor, data: number[][] | number[]): number[] {
	const x = tensor(data, { dtype: 'float64', requiresGrad: true });
	f(x).sum().backward();
	return values(x.grad!);
}

describe('amax', () => {
	it('dims and keepdim', () => {
		expect(values(tensor(m).amax(0))).toEqual([7, 5, 7]);
		expect(tensor(m).amax([0, 1], true).shape).toEqual([1, 1]);
		expect(tensor(m).amax(-1, true).shape).toEqual([2, 1]);
		expect(values(arange(24).reshape(2, 3, 4).amax([0, 1]))).toEqual([20, 21, 22, 23]);
	});
	it('ties share the gradient evenly, as PyTorch', () => {
		// row 0: 3 appears twice -> 1/2 each; row 1: 2 three times -> 1/3 each
		expect(gradOf((x) => x.amax(1), [[1, 3, 3], [2, 2, 2]])).toEqual([0, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3]);
		// over everything: 3 appears twice
		expect(gradOf((x) => x.amax(), [1, 3, 3])).toEqual([0, 0.5, 0.5]);
		// the full max() is the same reduction (PyTorch's evenly_distribute_backward)
		expect(gradOf((x) => x.max(), [1, 3, 3])).toEqual([0, 0.5, 0.5]);
		expect(gradOf((x) => x.amin(), [1, 1, 3, 1])).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
	});
	it('amin, min() and max() values', () => {
		expect(values(tensor(m).amin(1))).toEqual([1, 0]);
		expect(values(tensor(m).min())).toEqual([0]);
		expect(values(tensor(m).max())).toEqual([7]);
	});
	it('an empty tensor has no maximum', () => {
		expect(() => zeros([0]).amax()).toThrow('amax: cannot take the maximum of an empty tensor');
	});
});
