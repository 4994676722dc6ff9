import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { gather, scatterAdd } from './gather';

const values = (t: Tensor) => Array.from(t.dataSync());
const int = (data: number[][]) => tensor(data, { dtype: 'int32' });

describeOp('gather dim 1', {
	run: (x, index) => gather(x, 1, index),
	cases: [
		// out[i][j] = x[i][index[i][j]]: row 0 picks columns 2, 0; row 1 picks 1, 1
		{ name: 'hand-checked', inputs: [[[1, 2, 3], [4, 5, 6]], [[2, 0], [1, 1]]], expect: [[3, 1], [5, 5]] },
		// index may be smaller than x on the other dims: only row 0 is read
		{ name: 'smaller index', inputs: [[[1, 2, 3], [4, 5, 6]], [[2]]], expect: [[3]] },
		{ name: 'out of range', inputs: [[[1, 2, 3]], [[3]]], throws: 'gather: index 3 is out of bounds for dim 1 with size 3' },
		{ name: 'negative', inputs: [[[1, 2, 3]], [[-1]]], throws: 'gather: index -1 is out of bounds for dim 1 with size 3' },
	],
	// repeated and missing columns: the gradient must add up and leave zeros
	gradcheck: [{ shapes: [[3, 4]], extra: () => [int([[0, 2, 2, 1, 1], [3, 3, 3, 0, 0], [1, 0, 1, 2, 3]])] }],
});

describeOp('gather dim 0', {
	run: (x, index) => gather(x, 0, index),
	// out[0][j] = x[index[0][j]][j]
	cases: [{ name: 'hand-checked', inputs: [[[1, 2, 3], [4, 5, 6]], [[1, 0, 1]]], expect: [[4, 2, 6]] }],
	gradcheck: [{ shapes: [[2, 3, 2]], extra: () => [tensor([[[1, 0], [1, 1]], [[0, 0], [1, 0]]], { dtype: 'int32' })] }],
});

describeOp('scatterAdd', {
	run: (src, index) => scatterAdd(src, 1, index, [2, 3]),
	cases: [
		// row 0: src 1 and 2 go to column 0 (1 + 2 = 3), 3 to column 2; row 1: 4 + 5 + 6 = 15 into column 1
		{ name: 'repeated indices add up', inputs: [[[1, 2, 3], [4, 5, 6]], [[0, 0, 2], [1, 1, 1]]], expect: [[3, 0, 3], [0, 15, 0]] },
		{ name: 'out of range', inputs: [[[1]], [[3]]], throws: 'scatterAdd: index 3 is out of bounds for dim 1 with size 3' },
	],
	gradcheck: [{ shapes: [[2, 4]], extra: () => [int([[0, 0, 2, 1], [2, 2, 2, 2]])] }],
});

describe('gather', () => {
	it('accumulates the gradient of repeated indices', () => {
		// row 0 reads column 0 twice and column 2 once
		const x = tensor([[1, 2, 3]], { requiresGrad: true });
		gather(x, 1, int([[0, 0, 2]])).sum().backward();
		expect(values(x.grad!)).toEqual([2, 0, 1]);
	});
	it('keeps the input dtype and the index shape; a float index is cast', () => {
		const out = tensor([[1, 2], [3, 4]], { dtype: 'float64' }).gather(1, tensor([[1], [0]]));
		expect(out.dtype).toBe('float64');
		expect(out.shape).toEqual([2, 1]);
		expect(values(out)).toEqual([2, 3]);
	});
	it('names shapes that do not fit', () => {
		expect(() => gather(tensor([[1, 2]]), 1, int([[0], [0]]))).toThrow(
			'gather: index of shape [2, 1] does not fit input [1, 2] along dim 1: it needs the same rank and no larger size on the other dims',
		);
		expect(() => gather(tensor([[1, 2]]), 1, tensor([0], { dtype: 'int32' }))).toThrow('gather: index of shape [1] does not fit input [1, 2]');
		expect(() => gather(tensor([[1, 2]]), 2, int([[0]]))).toThrow('gather: dim 2 is out of range for a tensor of rank 2 (expected -2..1)');
	});
	it('max(dim) is built on it: the gradient goes to the first maximum', () => {
		const x = tensor([[1, 3, 3], [2, 2, 0]], { requiresGrad: true });
		const { values: v, indices } = x.max(1);
		expect(values(v)).toEqual([3, 2]);
		expect(values(indices)).toEqual([1, 0]);
		v.sum().backward();
		expect(values(x.grad!)).toEqual([0, 1, 0, 1, 0, 0]);
	});
});
