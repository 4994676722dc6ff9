import { describe, expect, it } from 'vitest';
import { noGrad } from '../autograd';
import { randn, tensor } from '../creation';
import { linear } from '../functional/linear';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import { Linear } from './linear';

describe('nn.Linear', () => {
	it('has weight [out, in] and bias [out], named as PyTorch', () => {
		const fc = new Linear(3, 2);
		expect(fc.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['weight', [2, 3]],
			['bias', [2]],
		]);
		expect(fc.weight.requiresGrad && fc.bias!.requiresGrad).toBe(true);
		expect(fc.numParameters()).toBe(8);
		expect(Object.keys(fc.stateDict())).toEqual(['weight', 'bias']);
	});

	it('draws weight and bias from U(-1/√in, 1/√in), reproducibly', () => {
		manualSeed(0);
		const a = new Linear(16, 32);
		const bound = 1 / Math.sqrt(16);
		for (const p of a.parameters()) {
			const v = Array.from(p.dataSync());
			expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
		}
		// 512 uniform draws spread over most of the interval
		expect(Math.max(...Array.from(a.weight.dataSync()))).toBeGreaterThan(0.9 * bound);
		manualSeed(0);
		const b = new Linear(16, 32);
		expect(Array.from(b.weight.dataSync())).toEqual(Array.from(a.weight.dataSync()));
		expect(Array.from(b.bias!.dataSync())).toEqual(Array.from(a.bias!.dataSync()));
	});

	it('computes x Wᵀ + b', async () => {
		const fc = new Linear(3, 2).double();
		noGrad(() => {
			fc.weight.copy_(tensor([[1, 2, 3], [0, -1, 0.5]]));
			fc.bias!.copy_(tensor([10, 20]));
		});
		// [1, 1, 1]: [1 + 2 + 3 + 10, 0 - 1 + 0.5 + 20]; [2, 0, -2]: [2 - 6 + 10, -1 + 20]
		const x = tensor([[1, 1, 1], [2, 0, -2]], { dtype: 'float64' });
		expect(await fc.forward(x).tolist()).toEqual([[16, 19.5], [6, 19]]);
		// any leading dims, and a 1-D input gives a 1-D output
		expect(fc.forward(randn([4, 5, 3], { dtype: 'float64' })).shape).toEqual([4, 5, 2]);
		expect(await fc.forward(tensor([1, 1, 1], { dtype: 'float64' })).tolist()).toEqual([16, 19.5]);
	});

	it('has no bias parameter with bias: false', async () => {
		const fc = new Linear(2, 2, { bias: false });
		expect(fc.bias).toBeNull();
		expect(fc.namedParameters().map(([n]) => n)).toEqual(['weight']);
		noGrad(() => fc.weight.copy_(tensor([[1, 0], [0, 1]])));
		expect(await fc.forward(tensor([[3, 4]])).tolist()).toEqual([[3, 4]]);
	});

	it('round-trips through stateDict', async () => {
		manualSeed(1);
		const a = new Linear(4, 3);
		const b = new Linear(4, 3);
		const x = randn([2, 4]);
		expect(await a.forward(x).tolist()).not.toEqual(await b.forward(x).tolist());
		b.loadStateDict(a.stateDict());
		expect(await b.forward(x).tolist()).toEqual(await a.forward(x).tolist());
		expect(() => new Linear(4, 2).loadStateDict(a.stateDict())).toThrow("loadStateDict: 'weight' has shape [3, 4] in the state but [2, 4] in the model");
	});

	it('names both shapes when the input does not fit', () => {
		const fc = new Linear(3, 2);
		expect(() => fc.forward(randn([5, 4]))).toThrow(
			'Linear(3 → 2): input of shape [5, 4] has 4 features in its last dim, but the weight [2, 3] expects 3; ' +
				'give an input [..., 3] or build the layer as Linear(4, 2)',
		);
		expect(() => linear(randn([5, 4]), randn([2, 3]))).toThrow('linear: input has 4 features (shape [5, 4]) but the weight [2, 3] expects 3');
		expect(() => new Linear(2.5, 1)).toThrow('Linear: inFeatures must be a non-negative integer, got 2.5');
	});

	it('gradchecks x, weight and bias (float64 after .double())', () => {
		manualSeed(2);
		const fc = new Linear(4, 3).double();
		const x = randn([5, 4], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, w, b) => linear(x, w, b), [x, fc.weight, fc.bias!]);
		expect(r.ok, r.message).toBe(true);
		const x3 = randn([2, 3, 4], { dtype: 'float64', requiresGrad: true });
		const r3 = gradcheck((x) => fc.forward(x), [x3]);
		expect(r3.ok, r3.message).toBe(true);
	});

	it('accumulates parameter gradients through backward', async () => {
		const fc = new Linear(2, 1).double();
		const x = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
		fc.forward(x).sum().backward();
		// d sum / dW = sum of the rows of x; d sum / db = batch size
		expect(await fc.weight.grad!.tolist()).toEqual([[4, 6]]);
		expect(await fc.bias!.grad!.tolist()).toEqual([2]);
	});
});
