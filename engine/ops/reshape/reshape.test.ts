import { describe, expect, it } from 'vitest';
import { noGrad } from '../../autograd';
import { arange, tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { reshape } from './reshape';

describeOp('reshape', {
	run: (x) => reshape(x, [3, -1]),
	cases: [
		// row-major: [[1, 2, 3], [4, 5, 6]] read in order 1..6, refilled 2 per row
		{ name: '[2, 3] to [3, -1] = [3, 2]', inputs: [[[1, 2, 3], [4, 5, 6]]], expect: [[1, 2], [3, 4], [5, 6]] },
		{ name: 'size mismatch', inputs: [[1, 2, 3, 4]], throws: 'reshape: cannot reshape [4] (4 elements) into [3, -1]' },
	],
	gradcheck: [{ shapes: [[2, 3]] }, { shapes: [[6, 1]] }],
});

describe('reshape', () => {
	it('infers one -1 and handles 0-D', () => {
		expect(arange(24).reshape(2, -1, 4).shape).toEqual([2, 3, 4]);
		expect(arange(24).view([4, 6]).shape).toEqual([4, 6]);
		expect(tensor(5).reshape([1, 1]).shape).toEqual([1, 1]);
		expect(tensor([5]).reshape([]).shape).toEqual([]);
	});
	it('is a view: it shares storage with its input', () => {
		const x = tensor([1, 2, 3, 4]);
		const y = x.reshape(2, 2);
		noGrad(() => x.mul_(10));
		expect(Array.from(y.dataSync())).toEqual([10, 20, 30, 40]);
	});
	it('sends the gradient back in the input shape', () => {
		const x = tensor([1, 2, 3, 4], { requiresGrad: true });
		x.reshape(2, 2).mul(tensor([[1, 2], [3, 4]])).sum().backward();
		expect(x.grad!.shape).toEqual([4]);
		expect(Array.from(x.grad!.dataSync())).toEqual([1, 2, 3, 4]);
	});
	it('names the shapes in its errors', () => {
		expect(() => arange(6).reshape(4, 2)).toThrow('reshape: cannot reshape [6] (6 elements) into [4, 2] (8 elements)');
		expect(() => arange(6).reshape(-1, -1)).toThrow('reshape: only one dimension can be -1, got [-1, -1]');
		expect(() => arange(6).reshape(4, -1)).toThrow('reshape: cannot reshape [6] (6 elements) into [4, -1]');
	});
});
