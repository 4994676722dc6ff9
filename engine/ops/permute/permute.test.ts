import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { permute } from './permute';

// x[i][j][k] = 100 i + 10 j + k for shape [2, 3, 2], so every value names its own index
const x3 = [
	[[0, 1], [10, 11], [20, 21]],
	[[100, 101], [110, 111], [120, 121]],
];

describeOp('permute', {
	run: (x) => permute(x, [2, 0, 1]),
	cases: [
		// out[k][i][j] = x[i][j][k]: out shape [2, 2, 3]
		{
			name: '[2, 3, 2] by (2, 0, 1)',
			inputs: [x3],
			expect: [
				[[0, 10, 20], [100, 110, 120]],
				[[1, 11, 21], [101, 111, 121]],
			],
		},
		{ name: 'wrong count', inputs: [[[1, 2]]], throws: 'permute: got 3 dims [2, 0, 1] for a tensor of rank 2 (shape [1, 2])' },
	],
	gradcheck: [{ shapes: [[2, 3, 4]] }],
});

describeOp('transpose', {
	run: (x) => x.transpose(0, -1),
	cases: [{ name: '2-D', inputs: [[[1, 2, 3], [4, 5, 6]]], expect: [[1, 4], [2, 5], [3, 6]] }],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[2, 3, 4]] }],
});

describe('permute and transposes', () => {
	it('accepts negative dims and is the identity for (0, 1, ..)', () => {
		const x = arange(24).reshape(2, 3, 4);
		expect(x.permute(-1, 0, 1).shape).toEqual([4, 2, 3]);
		expect(x.permute(0, 1, 2)).toBe(x);
	});
	it('sends the gradient through the inverse permutation', () => {
		// y = permute(x, (1, 2, 0)); sum(y * w) has d/dx[i][j][k] = w[j][k][i]
		const x = tensor(x3, { dtype: 'float64', requiresGrad: true });
		const w = arange(12, undefined, 1, { dtype: 'float64' }).reshape(3, 2, 2);
		x.permute(1, 2, 0).mul(w).sum().backward();
		const wv = w.dataSync();
		const expected = [];
		for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) expected.push(wv[j * 4 + k * 2 + i]);
		expect(Array.from(x.grad!.dataSync())).toEqual(expected);
	});
	it('t(), T and mT', () => {
		const m = tensor([[1, 2, 3], [4, 5, 6]]);
		expect(Array.from(m.t().dataSync())).toEqual([1, 4, 2, 5, 3, 6]);
		expect(m.T.shape).toEqual([3, 2]);
		expect(arange(24).reshape(2, 3, 4).T.shape).toEqual([4, 3, 2]);
		expect(arange(24).reshape(2, 3, 4).mT.shape).toEqual([2, 4, 3]);
		const v = tensor([1, 2]);
		expect(v.t()).toBe(v);
		expect(() => arange(8).reshape(2, 2, 2).t()).toThrow('t: expects a tensor with at most 2 dims, got [2, 2, 2]');
	});
	it('names bad dims', () => {
		const x = arange(6).reshape(2, 3);
		expect(() => x.permute(0, 0)).toThrow('permute: dims [0, 0] repeat a dimension');
		expect(() => x.permute(0, 2)).toThrow('permute: dim 2 is out of range for a tensor of rank 2 (expected -2..1)');
		expect(() => x.transpose(0, 3)).toThrow('transpose: dim 3 is out of range for a tensor of rank 2 (expected -2..1)');
	});
});
