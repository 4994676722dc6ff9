import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { indexSelect } from './index-select';

const values = (t: Tensor) => Array.from(t.dataSync());
const idx = (data: number[]) => tensor(data, { dtype: 'int32' });

describeOp('indexSelect dim 0', {
	run: (x, index) => indexSelect(x, 0, index),
	cases: [
		// rows 2, 0, 2 of [[1, 2], [3, 4], [5, 6]]
		{ name: 'repeated rows', inputs: [[[1, 2], [3, 4], [5, 6]], [2, 0, 2]], expect: [[5, 6], [1, 2], [5, 6]] },
		{ name: 'out of range', inputs: [[[1, 2], [3, 4], [5, 6]], [3]], throws: 'indexSelect: index 3 is out of range for dim 0 of size 3' },
		{ name: 'negative', inputs: [[[1, 2]], [-1]], throws: 'indexSelect: index -1 is out of range for dim 0 of size 1' },
		{ name: '2-D index', inputs: [[[1, 2]], [[0, 0]]], throws: 'indexSelect: index must be 1-D, got shape [1, 2]' },
	],
	gradcheck: [{ shapes: [[4, 3]], extra: () => [idx([3, 0, 3, 3, 1])] }],
});

describeOp('indexSelect dim 1', {
	run: (x, index) => indexSelect(x, 1, index),
	// columns 1, 1, 0 of each row
	cases: [{ name: 'columns', inputs: [[[1, 2], [3, 4]], [1, 1, 0]], expect: [[2, 2, 1], [4, 4, 3]] }],
	gradcheck: [{ shapes: [[2, 3, 2]], extra: () => [idx([2, 2, 0])] }],
});

describe('indexSelect', () => {
	it('accumulates the gradient of repeated indices (an embedding lookup of one token twice)', () => {
		// row 2 is picked twice and row 0 once; row 1 never
		const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
		x.indexSelect(0, idx([2, 0, 2])).mul(tensor([[1, 1], [10, 10], [100, 100]])).sum().backward();
		expect(values(x.grad!)).toEqual([10, 10, 0, 0, 101, 101]);
	});
	it('an empty index gives an empty dim', () => {
		expect(indexSelect(tensor([[1, 2], [3, 4]]), 0, idx([])).shape).toEqual([0, 2]);
	});
	it('keeps the dtype of the input', () => {
		expect(indexSelect(tensor([1, 2], { dtype: 'int32' }), 0, idx([1])).dtype).toBe('int32');
		expect(indexSelect(tensor([1, 2], { dtype: 'float64' }), 0, idx([1])).dtype).toBe('float64');
	});
});
