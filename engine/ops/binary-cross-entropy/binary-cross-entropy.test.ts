import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { binaryCrossEntropyOp } from './binary-cross-entropy';

describeOp('binaryCrossEntropy', {
	run: (p, y) => binaryCrossEntropyOp([p, y], {}),
	cases: [
		// -log 0.8, -log 0.6, -(0.5 log 0.5 + 0.5 log 0.5) = log 2
		{ name: 'known values', inputs: [[0.8, 0.4, 0.5], [1, 0, 0.5]], expect: [-Math.log(0.8), -Math.log(0.6), Math.LN2] },
		// each log is clamped at -100: (p, y) = (0, 1) and (1, 0) cost 100, (0, 0) and (1, 1) cost 0
		{ name: 'clamped at p = 0 and 1', inputs: [[0, 1, 0, 1], [1, 0, 0, 1]], expect: [100, 100, 0, 0] },
		{ name: 'rejects p outside [0, 1]', inputs: [[-0.1], [1]], throws: 'element 0 is -0.1' },
		{ name: 'rejects mismatched shapes', inputs: [[[0.5], [0.5]], [1, 0]], throws: 'input [2, 1] and target [2] must have the same shape' },
	],
	// p in (0.05, 0.95) so the finite differences stay away from the clamp; both inputs are differentiated
	gradcheck: [{ shapes: [[3, 4], [3, 4]], sample: (x) => x.sigmoid().mul(0.9).add(0.05) }],
});

describe('binaryCrossEntropy gradient at the edges', () => {
	it('is (p - y) / max(p (1 - p), 1e-12), as PyTorch, and -logit(p) for the target', async () => {
		const p = tensor([0, 1, 0.25], { dtype: 'float64', requiresGrad: true });
		const y = tensor([1, 0, 0.75], { dtype: 'float64', requiresGrad: true });
		binaryCrossEntropyOp([p, y], {}).sum().backward();
		// (0 - 1) / 1e-12, (1 - 0) / 1e-12, (0.25 - 0.75) / (0.25 * 0.75) = -2/0.75
		expect(await p.grad!.tolist()).toEqual([-1e12, 1e12, -0.5 / 0.1875]);
		// -logit(0) = +inf, -logit(1) = -inf (unclamped, as PyTorch), -logit(0.25) = log 3
		const gy = await y.grad!.data();
		expect([gy[0], gy[1]]).toEqual([Infinity, -Infinity]);
		expect(gy[2]).toBeCloseTo(Math.log(3), 15);
	});
});
