import type { Tensor } from '../tensor';
import { Optimizer, type OptimizerParams, type ParamGroup, type ParamState } from './optimizer';

export interface AdagradOptions {
	lr: number;
	/** The step size decays as lr / (1 + (t - 1) · lrDecay). */
	lrDecay: number;
	weightDecay: number;
	/** Starting value of the sum of squared gradients. */
	initialAccumulatorValue: number;
	/** Added to the root of the sum (outside the sqrt). */
	eps: number;
	maximize: boolean;
}

const DEFAULTS: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad, as `torch.optim.Adagrad`:
 *
 *     g ← ∇ (+ weightDecay · p)
 *     γ̃ = lr / (1 + (t - 1) · lrDecay)
 *     s ← s + g²
 *     p ← p - γ̃ · g / (√s + eps)
 *
 * ```ts
 * const opt = new optim.Adagrad(model.parameters(), { lr: 0.1 });
 * ```
 */
export class Adagrad extends Optimizer<AdagradOptions> {
	constructor(params: OptimizerParams<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
		super('Adagrad', params, { ...DEFAULTS, ...options });
	}

	protected validate(g: ParamGroup<AdagradOptions>): void {
		for (const key of ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) {
			if (!(g[key] >= 0)) throw new RangeError(`Adagrad: invalid ${key} ${g[key]}; it must be >= 0`);
		}
	}

	protected update(p: Tensor, grad: Tensor, state: ParamState, g: ParamGroup<AdagradOptions>): void {
		if (state.step === undefined) {
			state.step = 0;
			state.sum = this.stateTensor(p, g.initialAccumulatorValue);
		}
		const step = (state.step as number) + 1;
		state.step = step;
		let d = g.maximize ? grad.neg() : grad;
		if (g.weightDecay !== 0) d = d.add(p.mul(g.weightDecay));
		const clr = g.lr / (1 + (step - 1) * g.lrDecay);
		const sum = state.sum as Tensor;
		sum.copy_(sum.add(d.mul(d)));
		// NOTE: eps is added after the square root, as PyTorch
		const std = sum.sqrt().add(g.eps);
		p.copy_(p.add(d.div(std).mul(-clr)));
	}
}
