import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '../../creation';
import type { Tensor } from '../../tensor';
import { argmax } from './argmax';

const values = (t: Tensor) => Array.from(t.dataSync());

describe('argmax', () => {
	it('returns the first of ties', () => {
		expect(values(argmax(tensor([1, 3, 3, 2])))).toEqual([1]);
		expect(values(tensor([[1, 5, 5], [7, 0, 7]]).argmax(1))).toEqual([1, 0]);
		expect(values(tensor([[1, 5, 5], [7, 0, 7]]).argmax(0))).toEqual([1, 0, 1]);
	});
	it('treats NaN as the largest value, as PyTorch', () => {
		expect(values(argmax(tensor([1, NaN, 5, NaN])))).toEqual([1]);
	});
	it('over the flattened tensor when dim is omitted', () => {
		// [[1, 5], [7, 0]] flattened is [1, 5, 7, 0]: 7 is at 2
		expect(values(tensor([[1, 5], [7, 0]]).argmax())).toEqual([2]);
		expect(tensor([[1, 5], [7, 0]]).argmax().shape).toEqual([]);
	});
	it('keepdim, negative dim, int32 and no gradient', () => {
		const x = tensor([[1, 5, 2], [7, 0, 3]], { requiresGrad: true });
		const i = x.argmax(-1, true);
		expect(i.shape).toEqual([2, 1]);
		expect(i.dtype).toBe('int32');
		expect(i.requiresGrad).toBe(false);
		expect(values(i)).toEqual([1, 0]);
	});
	it('along the middle of a 3-D tensor', () => {
		// x[i][j][k] with j varying fastest in the middle; maxima at j = 2, 0 for i = 0 and j = 1, 1 for i = 1
		const x = tensor([[[0, 9], [1, 2], [5, 3]], [[0, 0], [8, 8], [8, 1]]]);
		expect(values(x.argmax(1))).toEqual([2, 0, 1, 1]);
	});
	it('argmin returns the first of ties', () => {
		expect(values(tensor([3, 1, 1]).argmin())).toEqual([1]);
		expect(values(tensor([[3, 1, 1], [0, 2, 0]]).argmin(1))).toEqual([1, 0]);
	});
	it('an empty dim has no argmax', () => {
		expect(() => zeros([2, 0]).argmax(1)).toThrow('argmax: cannot take the argmax of an empty dimension');
	});
});
