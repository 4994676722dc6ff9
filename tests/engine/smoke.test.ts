import { describe, expect, it } from 'vitest';
import { tensor, randn, gradcheck, F } from 'chainrule';

describe('smoke', () => {
	it('adds and backprops', async () => {
		const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
		const b = tensor([10, 20]);
		const y = a.mul(b).sum();
		y.backward();
		expect(await y.item()).toBe(1 * 10 + 2 * 20 + 3 * 10 + 4 * 20);
		expect(await a.grad!.tolist()).toEqual([[10, 20], [10, 20]]);
		console.log(a.toString(), a.grad!.toString());
	});
	it('gradchecks a small net', () => {
		const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
		const w = randn([5, 3], { dtype: 'float64', requiresGrad: true });
		const b = randn([5], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, w, b) => F.logSoftmax(F.gelu(F.linear(x, w, b)), 1).pow(2).mean(0), [x, w, b]);
		expect(r.ok, r.message).toBe(true);
		const r2 = gradcheck((x) => x.max(1).values.mul(x.amax()).add(x.softmax(0).var()).add(x.slice(0, 1, 3).sum()), [x]);
		expect(r2.ok, r2.message).toBe(true);
	});
	it('matmul error', () => {
		expect(() => randn([32, 30]).matmul(randn([64, 32]))).toThrow('matmul: cannot multiply [32, 30] by [64, 32]: inner sizes 30 and 64 differ');
	});
});
