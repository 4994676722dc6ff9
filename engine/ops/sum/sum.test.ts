import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { sum } from './sum';

const values = (t: Tensor) => Array.from(t.dataSync());
const m = [[1, 2, 3], [4, 5, 6]];
// cube[i][j][k] = 12 i + 4 j + k, shape [2, 3, 4]
const cube = () => arange(24, undefined, 1, { dtype: 'float64' }).reshape(2, 3, 4);

describeOp('sum all', {
	run: (x) => sum(x),
	cases: [
		{ name: '1 + ... + 6 = 21', inputs: [m], expect: 21 },
		{ name: '0-D', inputs: [5], expect: 5 },
	],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[]] }],
});

describeOp('sum dim 1', {
	run: (x) => sum(x, 1),
	cases: [{ name: 'rows: 1+2+3, 4+5+6', inputs: [m], expect: [6, 15] }],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('sum dims [0, 2] keepdim', {
	run: (x) => sum(x, [0, 2], true),
	// for each j: sum over i in {0, 1}, k in {0..3} of 12i + 4j + k = 48 + 32j + 12 = 60 + 32j
	cases: [
		{
			name: 'hand-checked',
			inputs: [[[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]],
			expect: [[[60], [92], [124]]],
		},
	],
	gradcheck: [{ shapes: [[2, 3, 4]] }],
});

describe('sum', () => {
	it('dims, negative dims and keepdim', () => {
		const x = tensor(m);
		expect(values(x.sum(0))).toEqual([5, 7, 9]);
		expect(values(x.sum(-1))).toEqual([6, 15]);
		expect(x.sum(1, true).shape).toEqual([2, 1]);
		expect(x.sum([0, 1], true).shape).toEqual([1, 1]);
		expect(x.sum().shape).toEqual([]);
		expect(cube().sum([2, 0]).shape).toEqual([3]);
		expect(values(cube().sum([-1, -3]))).toEqual([60, 92, 124]);
	});
	it('of an empty tensor is 0', () => {
		expect(values(zeros([0, 3]).sum())).toEqual([0]);
		expect(values(zeros([0, 3]).sum(0))).toEqual([0, 0, 0]);
	});
	it('keeps int32', () => {
		const s = tensor([1, 2, 3], { dtype: 'int32' }).sum();
		expect(s.dtype).toBe('int32');
		expect(values(s)).toEqual([6]);
	});
	it('broadcasts the gradient back over the reduced dims', () => {
		// y = sum_k x[i][j][k] * w[j], w = [1, 2, 3]: dy/dx[i][j][k] = w[j]
		const x = cube().requiresGrad_();
		x.sum(2).mul(tensor([1, 2, 3], { dtype: 'float64' })).sum().backward();
		expect(values(x.grad!)).toEqual(Array.from({ length: 24 }, (_, n) => Math.floor(n / 4) % 3 + 1));
	});
	it('names bad dims', () => {
		expect(() => tensor(m).sum([0, 0])).toThrow('sum: dims [0, 0] repeat a dimension');
		expect(() => tensor(m).sum(2)).toThrow('sum: dim 2 is out of range for a tensor of rank 2 (expected -2..1)');
	});
});
