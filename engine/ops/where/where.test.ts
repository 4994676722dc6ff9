import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { where } from '../index';

describeOp('where', {
	run: (c, a, b) => where(c, a, b),
	cases: [
		// a where the condition is non-zero (any non-zero value counts, as a bool cast would)
		{ name: 'hand-checked', inputs: [[1, 0, -2, 0], [1, 2, 3, 4], [10, 20, 30, 40]], expect: [1, 20, 3, 40] },
		// condition [3, 1], a [1, 4], b 0-D: row i takes a's row where c[i] != 0, else b
		{
			name: 'broadcast [3, 1], [1, 4], 0-D',
			inputs: [[[1], [0], [1]], [[1, 2, 3, 4]], -1],
			expect: [[1, 2, 3, 4], [-1, -1, -1, -1], [1, 2, 3, 4]],
		},
		{ name: 'broadcast [2, 3, 4] condition with [4]', inputs: [[[[1, 0, 1, 0], [0, 0, 0, 0], [1, 1, 1, 1]], [[0, 1, 0, 1], [1, 0, 0, 0], [0, 0, 0, 1]]], [1, 2, 3, 4], 0], expect: [[[1, 0, 3, 0], [0, 0, 0, 0], [1, 2, 3, 4]], [[0, 2, 0, 4], [1, 0, 0, 0], [0, 0, 0, 4]]] },
	],
});

describeOp('where (random condition)', {
	// the condition is a normal sample > 0, so both sides get some of the gradient
	run: (c, a, b) => where(c.gt(0), a, b),
	gradcheck: [
		// the condition (input 0) is not differentiable; a and b broadcast against it
		{ shapes: [[3, 4], [3, 4], [3, 4]], constant: [0] },
		{ shapes: [[3, 1], [1, 4], [3, 4]], constant: [0] },
		{ shapes: [[2, 3, 4], [4], []], constant: [0] },
	],
});

describe('where', () => {
	it('sends the gradient to the selected side only', () => {
		// c = [1, 0, 1]: a gets dy at 0 and 2, b at 1; b is 0-D so its gradient sums to 1
		const a = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
		const b = tensor(5, { dtype: 'float64', requiresGrad: true });
		where(tensor([1, 0, 1], { dtype: 'float64' }), a, b).sum().backward();
		expect(Array.from(a.grad!.dataSync())).toEqual([1, 0, 1]);
		expect(Array.from(b.grad!.dataSync())).toEqual([1]);
	});
	it("has PyTorch's where trap: an unselected branch with an infinite local gradient gives NaN", () => {
		// where(x > 0, log(x), 0) at x = 0: where sends dy = 0 to log, whose backward is 0 / x = 0 / 0 = NaN.
		// PyTorch gives the same NaN (the fix is to make the branch safe: log(where(x > 0, x, 1))).
		const x = tensor([0, 2], { dtype: 'float64', requiresGrad: true });
		where(x.gt(0), x.log(), 0).sum().backward();
		expect(Array.from(x.grad!.dataSync())).toEqual([NaN, 0.5]);
		const safe = tensor([0, 2], { dtype: 'float64', requiresGrad: true });
		where(safe.gt(0), where(safe.gt(0), safe, 1).log(), 0).sum().backward();
		expect(Array.from(safe.grad!.dataSync())).toEqual([0, 0.5]);
	});
	it('Tensor.where is where(condition, this, other)', () => {
		const x = tensor([1, -2, 3]);
		expect(Array.from(x.where(x.gt(0), 0).dataSync())).toEqual([1, 0, 3]);
	});
	it('names the shapes when the operands do not broadcast', () => {
		expect(() => where(tensor([1, 0]), tensor([1, 2, 3]), 0)).toThrow(
			'where: shapes [2] and [3] cannot be broadcast: dim -1 has sizes 2 and 3',
		);
	});
});
