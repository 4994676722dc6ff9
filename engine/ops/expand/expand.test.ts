import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { broadcastTo } from './expand';

describeOp('broadcastTo', {
	run: (x) => broadcastTo(x, [2, 3, 4]),
	cases: [
		// [3, 1] -> [2, 3, 4]: each row value repeated along the last dim, the whole block twice
		{
			name: '[3, 1] to [2, 3, 4]',
			inputs: [[[1], [2], [3]]],
			expect: [
				[[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]],
				[[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]],
			],
		},
		{ name: '0-D', inputs: [7], expect: [[[7, 7, 7, 7], [7, 7, 7, 7], [7, 7, 7, 7]], [[7, 7, 7, 7], [7, 7, 7, 7], [7, 7, 7, 7]]] },
		{ name: 'a size that is not 1 cannot grow', inputs: [[1, 2]], throws: 'expand: shapes [2] and [2, 3, 4] cannot be broadcast: dim -1 has sizes 2 and 4' },
	],
	gradcheck: [{ shapes: [[3, 1]] }, { shapes: [[4]] }, { shapes: [[]] }, { shapes: [[2, 1, 4]] }],
});

describe('expand', () => {
	it('-1 keeps a size; the gradient sums over the copies', () => {
		// [2, 1] expanded to [2, 3]: each element is copied 3 times, so its gradient is 3
		const x = tensor([[1], [2]], { requiresGrad: true });
		const y = x.expand(-1, 3);
		expect(y.shape).toEqual([2, 3]);
		expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 2, 2, 2]);
		y.sum().backward();
		expect(Array.from(x.grad!.dataSync())).toEqual([3, 3]);
	});
	it('expandAs and the identity case', () => {
		const x = tensor([1, 2]);
		expect(x.expandAs(tensor([[0, 0], [0, 0], [0, 0]])).shape).toEqual([3, 2]);
		expect(x.expand(2)).toBe(x);
	});
	it('names the shapes when it cannot expand', () => {
		expect(() => tensor([[1, 2, 3]]).expand(2, 2)).toThrow('expand: shapes [1, 3] and [2, 2] cannot be broadcast: dim -1 has sizes 3 and 2');
		expect(() => tensor([1, 2]).expand(1, 2).shape).not.toThrow();
		expect(() => tensor([[1, 2]]).expand(2)).toThrow('expand: cannot expand shape [1, 2] to [2], which has fewer dims; use reshape to drop dims');
		expect(() => tensor([1, 2]).expand(1)).toThrow('expand: cannot expand shape [2] to [1]; only size-1 dims can grow');
		expect(() => tensor([1, 2]).expand(-1, 2)).toThrow('expand: -1 is not allowed for the new leading dim 0 of [-1, 2]');
	});
});
