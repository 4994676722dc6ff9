import { describe, expect, it } from 'vitest';
import { tensor, optim } from 'chainrule';

const param = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });
const grad = (values: number[]) => tensor(values, { dtype: 'float64' });

describe('Adam', () => {
	it('moves each parameter by lr · g / (|g| + eps) on the first step, whatever the size of g', () => {
		// bias correction: m / (1 - β1) = g and v / (1 - β2) = g², so the step is lr g / (|g| + eps) ≈ lr sign(g)
		const g = [0.5, -1e-3, 100, 0];
		const p = param([1, -2, 3, 4]);
		const opt = new optim.Adam([p], { lr: 0.1 });
		p.grad = grad(g);
		opt.step();
		const moved = [...p.dataSync()].map((v, i) => [1, -2, 3, 4][i] - v);
		moved.forEach((m, i) => expect(m, `element ${i}`).toBeCloseTo((0.1 * g[i]) / (Math.abs(g[i]) + 1e-8), 15));
		// so 0.1 for a gradient of 100 and 0.09999900001 for one of -0.001
		expect(moved[1]).toBeCloseTo(-0.1 * (1e-3 / (1e-3 + 1e-8)), 15);
	});
	it('adds eps after dividing √v by √(1 - β2ᵗ)', () => {
		// g = 1e-8, eps 1e-8: first step = lr · 1e-8 / (1e-8 + 1e-8) = lr / 2 (exactly half a step)
		const p = param([0]);
		const opt = new optim.Adam([p], { lr: 0.1 });
		p.grad = grad([1e-8]);
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(-0.05, 12);
	});
	it('second step by hand', () => {
		// β = (0.5, 0.5), lr 1, eps 0. g1 = 1: m = 0.5, v = 0.5, step 1 = (0.5 / 0.5) / √(0.5 / 0.5) = 1.
		// g2 = 3: m = 0.25 + 1.5 = 1.75, v = 0.25 + 4.5 = 4.75; m̂ = 1.75 / 0.75, v̂ = 4.75 / 0.75; step 2 = m̂ / √v̂
		const p = param([0]);
		const opt = new optim.Adam([p], { lr: 1, betas: [0.5, 0.5], eps: 0 });
		p.grad = grad([1]);
		opt.step(); // -1
		p.grad = grad([3]);
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(-1 - 1.75 / 0.75 / Math.sqrt(4.75 / 0.75), 14);
	});
	it('amsgrad divides by the running maximum of v', () => {
		// β2 = 0.5, β1 = 0, eps 0, lr 1: g1 = 2 → v = 2; g2 = 0.1 → v = 1.005 but v_max = 2;
		// step 2 = 0.1 / √(2 / 0.75) (amsgrad) instead of 0.1 / √(1.005 / 0.75)
		const p = param([0]);
		const opt = new optim.Adam([p], { lr: 1, betas: [0, 0.5], eps: 0, amsgrad: true });
		p.grad = grad([2]);
		opt.step(); // -1
		p.grad = grad([0.1]);
		opt.step();
		expect(p.dataSync()[0]).toBeCloseTo(-1 - 0.1 / Math.sqrt(2 / 0.75), 14);
	});
	it('weightDecay: Adam adds wd p to the gradient, AdamW shrinks p by lr wd p first', () => {
		// p = 2, g = 0.5, lr 0.1, wd 0.1. Adam: d = 0.5 + 0.2 = 0.7, p = 2 - 0.1 · 0.7 / (0.7 + 1e-8)
		const a = param([2]);
		const adam = new optim.Adam([a], { lr: 0.1, weightDecay: 0.1 });
		a.grad = grad([0.5]);
		adam.step();
		expect(a.dataSync()[0]).toBeCloseTo(2 - (0.1 * 0.7) / (0.7 + 1e-8), 15);
		// AdamW: p = 2 (1 - 0.01) = 1.98, then p = 1.98 - 0.1 · 0.5 / (0.5 + 1e-8)
		const w = param([2]);
		const adamw = new optim.AdamW([w], { lr: 0.1, weightDecay: 0.1 });
		w.grad = grad([0.5]);
		adamw.step();
		expect(w.dataSync()[0]).toBeCloseTo(1.98 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
	});
	it('AdamW decays by 0.01 by default', () => {
		const w = param([1]);
		const opt = new optim.AdamW([w], { lr: 0.5 });
		expect(opt.paramGroups[0].weightDecay).toBe(0.01);
		w.grad = grad([0]);
		opt.step();
		// g = 0: only the decay moves p: 1 (1 - 0.5 · 0.01)
		expect(w.dataSync()[0]).toBeCloseTo(0.995, 15);
	});
	it('rejects betas outside [0, 1)', () => {
		expect(() => new optim.Adam([param([1])], { betas: [1, 0.999] })).toThrow('Adam: invalid betas[0] 1; each beta must be in [0, 1)');
		expect(() => new optim.AdamW([param([1])], { eps: -1 })).toThrow('AdamW: invalid eps -1; it must be >= 0');
	});
});
