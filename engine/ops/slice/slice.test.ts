import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { stridedSlice } from './slice';

const values = (t: Tensor) => Array.from(t.dataSync());
// m[i][j] = 4i + j
const m = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]];

describeOp('stridedSlice', {
	// rows 0 and 2 (start 0, step 2), columns 1..3 (start 1, step 1, 3 of them)
	run: (x) => stridedSlice(x, [0, 1], [2, 1], [2, 3]),
	cases: [{ name: 'rows 0, 2; columns 1..3', inputs: [m], expect: [[1, 2, 3], [9, 10, 11]] }],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('slice (Tensor.slice)', {
	// columns -5.. with step 2 of a [3, 7]: start 2, so columns 2, 4, 6
	run: (x) => x.slice(1, -5, undefined, 2),
	cases: [{ name: 'negative start with a step', inputs: [[[0, 1, 2, 3, 4, 5, 6]]], expect: [[2, 4, 6]] }],
	gradcheck: [{ shapes: [[3, 7]] }, { shapes: [[2, 7, 2]] }],
});

describe('slice', () => {
	const x = arange(10); // 0..9
	it('steps and negative indices, with Python clamping', () => {
		expect(values(x.slice(0, 2, 8, 2))).toEqual([2, 4, 6]);
		expect(values(x.slice(0, -3))).toEqual([7, 8, 9]); // x[-3:]
		expect(values(x.slice(0, -4, -1))).toEqual([6, 7, 8]); // x[-4:-1]
		expect(values(x.slice(0, 1, 100, 3))).toEqual([1, 4, 7]); // end clamped to 10
		expect(values(x.slice(0, -100, 2))).toEqual([0, 1]); // start clamped to 0
		expect(values(x.slice(0, 0, undefined, 3))).toEqual([0, 3, 6, 9]);
		expect(x.slice(0, 8, 2).shape).toEqual([0]); // empty, as x[8:2]
		expect(x.slice(0)).toBe(x); // the whole dim
	});
	it('along an inner dim', () => {
		expect(values(tensor(m).slice(1, 1, 4, 2))).toEqual([1, 3, 5, 7, 9, 11]);
		expect(values(tensor(m).slice(-2, -1))).toEqual([8, 9, 10, 11]);
	});
	it('sends the gradient to the picked elements only', () => {
		// picks elements 1, 4, 7 with weights 1, 2, 3
		const v = arange(10, undefined, 1, { requiresGrad: true });
		v.slice(0, 1, 8, 3).mul(tensor([1, 2, 3])).sum().backward();
		expect(values(v.grad!)).toEqual([0, 1, 0, 0, 2, 0, 0, 3, 0, 0]);
	});
	it('rejects a step that is not a positive integer', () => {
		expect(() => x.slice(0, 0, 5, 0)).toThrow('slice: step must be a positive integer, got 0');
		expect(() => x.slice(0, 5, 0, -1)).toThrow('slice: step must be a positive integer, got -1');
		expect(() => x.slice(1)).toThrow('slice: dim 1 is out of range for a tensor of rank 1 (expected -1..0)');
	});
});

describe('narrow, split and chunk', () => {
	it('narrow, with a negative start', () => {
		expect(values(tensor(m).narrow(1, 1, 2))).toEqual([1, 2, 5, 6, 9, 10]);
		expect(values(tensor(m).narrow(1, -2, 2))).toEqual([2, 3, 6, 7, 10, 11]);
		expect(() => tensor(m).narrow(1, 3, 2)).toThrow('narrow: start 3 + length 2 exceeds dim 1 of size 4');
	});
	it('split by size or by a list of sizes', () => {
		const x = arange(10);
		expect(x.split(4).map(values)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
		expect(x.split([2, 3, 5]).map((t) => t.shape[0])).toEqual([2, 3, 5]);
		expect(tensor(m).split(2, 1).map((t) => t.shape)).toEqual([[3, 2], [3, 2]]);
		expect(() => x.split([2, 3])).toThrow("split: sizes [2, 3] add up to 5, not dim 0's size 10");
		expect(() => x.split(0)).toThrow('split: splitSize must be a positive integer, got 0');
	});
	it('chunk uses chunks of ceil(size / chunks), as PyTorch', () => {
		// 10 in 3 chunks: ceil(10/3) = 4 -> 4, 4, 2; 6 in 4 chunks: ceil(6/4) = 2 -> three chunks of 2
		expect(arange(10).chunk(3).map((t) => t.shape[0])).toEqual([4, 4, 2]);
		expect(arange(6).chunk(4).map((t) => t.shape[0])).toEqual([2, 2, 2]);
		expect(() => arange(6).chunk(0)).toThrow('chunk: chunks must be a positive integer, got 0');
	});
	it('the gradients of the parts land in their places', () => {
		const x = arange(6, undefined, 1, { dtype: 'float64', requiresGrad: true });
		const [a, b] = x.split([2, 4]);
		a.mul(10).sum().add(b.mul(-1).sum()).backward();
		expect(values(x.grad!)).toEqual([10, 10, -1, -1, -1, -1]);
	});
});
