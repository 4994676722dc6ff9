import { describe, expect, it } from 'vitest';
import { tensor, optim, type Tensor } from 'chainrule';

const param = (values: number[]) => tensor(values, { dtype: 'float64', requiresGrad: true });
const grad = (values: number[]) => tensor(values, { dtype: 'float64' });

/** Sets the gradient by hand, steps, and returns the parameter's values. */
function stepWith(opt: optim.Optimizer<{ lr: number }>, p: Tensor, g: number[]): number[] {
	p.grad = grad(g);
	opt.step();
	return [...p.dataSync()];
}

function expectNear(got: number[], want: number[]): void {
	got.forEach((v, i) => expect(v, `element ${i}`).toBeCloseTo(want[i], 14));
}

describe('SGD', () => {
	it('plain: p ← p - lr g', () => {
		const p = param([1, -2]);
		const opt = new optim.SGD([p], { lr: 0.1 });
		expectNear(stepWith(opt, p, [0.5, -1]), [0.95, -1.9]);
	});
	it('momentum with dampening: the first step stores g undamped, the second b = μ b + (1 - τ) g', () => {
		const p = param([1, -2]);
		const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.5 });
		// b = [0.5, -1]; p = [1 - 0.05, -2 + 0.1]
		expectNear(stepWith(opt, p, [0.5, -1]), [0.95, -1.9]);
		// b = 0.9 [0.5, -1] + 0.5 [1, 1] = [0.95, -0.4]; p = [0.95 - 0.095, -1.9 + 0.04]
		expectNear(stepWith(opt, p, [1, 1]), [0.855, -1.86]);
		expectNear([...(opt.state.get(p)!.momentumBuffer as Tensor).dataSync()], [0.95, -0.4]);
	});
	it('nesterov: steps along g + μ b', () => {
		const p = param([1, -2]);
		const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true });
		// b = g = [0.5, -1]; d = g + 0.9 b = [0.95, -1.9]; p = [1 - 0.095, -2 + 0.19]
		expectNear(stepWith(opt, p, [0.5, -1]), [0.905, -1.81]);
		// b = 0.9 [0.5, -1] + [1, 1] = [1.45, 0.1]; d = [1, 1] + 0.9 b = [2.305, 1.09]; p = [0.905 - 0.2305, -1.81 - 0.109]
		expectNear(stepWith(opt, p, [1, 1]), [0.6745, -1.919]);
	});
	it('weightDecay adds wd p to the gradient; maximize flips its sign', () => {
		const p = param([2]);
		// d = 0.5 + 0.1 * 2 = 0.7; p = 2 - 0.1 * 0.7
		expectNear(stepWith(new optim.SGD([p], { lr: 0.1, weightDecay: 0.1 }), p, [0.5]), [1.93]);
		const q = param([2]);
		// d = -0.5 + 0.1 * 2 = -0.3; q = 2 + 0.03
		expectNear(stepWith(new optim.SGD([q], { lr: 0.1, weightDecay: 0.1, maximize: true }), q, [0.5]), [2.03]);
	});
	it('rejects invalid settings, as PyTorch', () => {
		const p = param([1]);
		expect(() => new optim.SGD([p], { lr: -1 })).toThrow('SGD: invalid learning rate -1; it must be >= 0');
		expect(() => new optim.SGD([p], { nesterov: true })).toThrow('SGD: nesterov needs momentum > 0 and dampening = 0, got momentum 0 and dampening 0');
		expect(() => new optim.SGD([p], { momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow('nesterov needs momentum > 0 and dampening = 0');
	});
});
