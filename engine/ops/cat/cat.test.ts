import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { cat } from './cat';

const values = (t: Tensor) => Array.from(t.dataSync());

describeOp('cat dim 0', {
	run: (...xs) => cat(xs, 0),
	cases: [
		{ name: 'rows', inputs: [[[1, 2], [3, 4]], [[5, 6]]], expect: [[1, 2], [3, 4], [5, 6]] },
		{ name: 'three 1-D', inputs: [[1], [2, 3], [4, 5, 6]], expect: [1, 2, 3, 4, 5, 6] },
		{
			name: 'mismatch outside the dim',
			inputs: [[[1, 2, 3], [4, 5, 6]], [[1, 2, 3, 4]]],
			throws: "cat: tensor 1 has shape [1, 4], which does not match tensor 0's [2, 3] outside dim 0; all sizes except along the joined dim must agree",
		},
	],
	gradcheck: [{ shapes: [[2, 3], [1, 3], [4, 3]] }],
});

describeOp('cat dim -1', {
	run: (...xs) => cat(xs, -1),
	cases: [{ name: 'columns', inputs: [[[1, 2], [3, 4]], [[5], [6]]], expect: [[1, 2, 5], [3, 4, 6]] }],
	gradcheck: [{ shapes: [[2, 3, 1], [2, 3, 2]] }, { shapes: [[2, 2, 2], [2, 2, 1], [2, 2, 3]] }],
});

describe('cat', () => {
	it('sends each input the slice of the gradient that came from it', () => {
		// out = [a; b] along dim 1; weights w = [[1, 2, 3], [4, 5, 6]]: a gets columns 0..1, b column 2
		const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
		const b = tensor([[5], [6]], { requiresGrad: true });
		cat([a, b], 1).mul(tensor([[1, 2, 3], [4, 5, 6]])).sum().backward();
		expect(values(a.grad!)).toEqual([1, 2, 4, 5]);
		expect(values(b.grad!)).toEqual([3, 6]);
	});
	it('only inputs that require grad get one', () => {
		const a = tensor([1], { requiresGrad: true });
		const b = tensor([2]);
		cat([a, b]).sum().backward();
		expect(values(a.grad!)).toEqual([1]);
		expect(b.grad).toBeNull();
	});
	it('promotes dtypes and joins 0-size parts', () => {
		expect(cat([tensor([1], { dtype: 'float32' }), tensor([2], { dtype: 'float64' })]).dtype).toBe('float64');
		expect(values(cat([tensor([]), tensor([1, 2])]))).toEqual([1, 2]);
	});
	it('names what is wrong', () => {
		expect(() => cat([])).toThrow('cat: expected a non-empty list of tensors');
		expect(() => cat([tensor([1]), tensor([[1]])])).toThrow("cat: tensor 1 has shape [1, 1], which does not match tensor 0's [1]");
		expect(() => cat([tensor([1]), tensor([2])], 1)).toThrow('cat: dim 1 is out of range for a tensor of rank 1 (expected -1..0)');
	});
	it('one tensor is returned as is', () => {
		const a = tensor([1]);
		expect(cat([a])).toBe(a);
	});
});
