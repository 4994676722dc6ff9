import { describe, expect, it } from 'vitest';
import { tensor, optim } from 'chainrule';

const param = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });

describe('Adagrad', () => {
	it('adds eps outside the square root', () => {
		// g = 1e-5, eps 1e-6: sum = 1e-10, √sum + eps = 1.1e-5 (inside the root: √(1.01e-10)), p = 1 - 0.1 / 1.1
		const p = param([1]);
		const opt = new optim.Adagrad([p], { lr: 0.1, eps: 1e-6 });
		p.grad = tensor([1e-5], { dtype: 'float64' });
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(0.9090909090909091, 14);
	});
	it('two steps with lrDecay, weightDecay and an initial accumulator, by hand', () => {
		// lr 1, lrDecay 1, wd 0.5, initial 1, eps 0. Step 1: g = 1 + 0.5 * 2 = 2, clr = 1, sum = 1 + 4 = 5,
		// p = 2 - 2 / √5. Step 2: g = 1 + 0.5 p1, clr = 1 / 2, sum = 5 + g², p = p1 - 0.5 g / √sum
		const p = param([2]);
		const opt = new optim.Adagrad([p], { lr: 1, lrDecay: 1, weightDecay: 0.5, initialAccumulatorValue: 1, eps: 0 });
		p.grad = tensor([1], { dtype: 'float64' });
		opt.step();
		const p1 = 2 - 2 / Math.sqrt(5);
		expect(p.dataSync()[0]).toBeCloseTo(p1, 15);
		p.grad = tensor([1], { dtype: 'float64' });
		opt.step();
		const g2 = 1 + 0.5 * p1;
		expect(p.dataSync()[0]).toBeCloseTo(p1 - (0.5 * g2) / Math.sqrt(5 + g2 * g2), 15);
	});
	it('rejects negative settings', () => {
		expect(() => new optim.Adagrad([param([1])], { lrDecay: -1 })).toThrow('Adagrad: invalid lrDecay -1; it must be >= 0');
	});
});
