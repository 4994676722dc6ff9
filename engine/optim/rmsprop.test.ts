import { describe, expect, it } from 'vitest';
import { tensor, optim } from 'chainrule';

const param = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });

describe('RMSprop', () => {
	it('adds eps outside the square root', () => {
		// g = 1e-4, alpha 0.99: v = 0.01 * 1e-8 = 1e-10, √v = 1e-5, denominator 1e-5 + 1e-8 (eps inside the root
		// would give √(1.01e-8) ≈ 1.005e-4 instead). p = 1 - 0.01 * 1e-4 / 1.001e-5 = 1 - 0.0999000999...
		const p = param([1]);
		const opt = new optim.RMSprop([p], { lr: 0.01 });
		p.grad = tensor([1e-4], { dtype: 'float64' });
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(0.9000999000999001, 14);
	});
	it('two steps with momentum and centering, by hand', () => {
		// alpha 0.5, lr 0.1, momentum 0.5, centered, eps 0.
		// step 1, g = 2: v = 0.5 * 4 = 2, ḡ = 0.5 * 2 = 1, v - ḡ² = 1, b = 2 / 1 = 2, p = 1 - 0.2 = 0.8
		// step 2, g = 1: v = 0.5 * 2 + 0.5 = 1.5, ḡ = 0.5 + 0.5 = 1, v - ḡ² = 0.5, b = 0.5 * 2 + 1 / √0.5 = 1 + √2,
		// p = 0.8 - 0.1 (1 + √2)
		const p = param([1]);
		const opt = new optim.RMSprop([p], { lr: 0.1, alpha: 0.5, eps: 0, momentum: 0.5, centered: true });
		p.grad = tensor([2], { dtype: 'float64' });
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(0.8, 15);
		p.grad = tensor([1], { dtype: 'float64' });
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(0.8 - 0.1 * (1 + Math.SQRT2), 15);
		expect(opt.state.get(p)!.step).toBe(2);
	});
	it('rejects negative settings', () => {
		expect(() => new optim.RMSprop([param([1])], { alpha: -0.1 })).toThrow('RMSprop: invalid alpha -0.1; it must be >= 0');
	});
});
