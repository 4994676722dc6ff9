import type { Tensor } from '../tensor';
import { lerpInPlace, Optimizer, type OptimizerParams, type ParamGroup, type ParamState } from './optimizer';

export interface RMSpropOptions {
	lr: number;
	/** Smoothing constant of the running average of squared gradients. */
	alpha: number;
	/** Added to the root of the average (outside the sqrt). */
	eps: number;
	weightDecay: number;
	momentum: number;
	/** Divide by an estimate of the variance (subtracting the squared running mean of the gradient). */
	centered: boolean;
	maximize: boolean;
}

const DEFAULTS: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/**
 * RMSprop, as `torch.optim.RMSprop`:
 *
 *     g ← ∇ (+ weightDecay · p)
 *     v ← alpha · v + (1 - alpha) · g²
 *     centered: ḡ ← alpha · ḡ + (1 - alpha) · g, and v̄ = v - ḡ², else v̄ = v
 *     momentum > 0: b ← momentum · b + g / (√v̄ + eps), p ← p - lr · b
 *     else:         p ← p - lr · g / (√v̄ + eps)
 *
 * ```ts
 * const opt = new optim.RMSprop(model.parameters(), { lr: 0.01 });
 * ```
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
	constructor(params: OptimizerParams<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
		super('RMSprop', params, { ...DEFAULTS, ...options });
	}

	protected validate(g: ParamGroup<RMSpropOptions>): void {
		for (const key of ['lr', 'eps', 'momentum', 'weightDecay', 'alpha'] as const) {
			if (!(g[key] >= 0)) throw new RangeError(`RMSprop: invalid ${key} ${g[key]}; it must be >= 0`);
		}
	}

	protected update(p: Tensor, grad: Tensor, state: ParamState, g: ParamGroup<RMSpropOptions>): void {
		if (state.step === undefined) {
			state.step = 0;
			state.squareAvg = this.stateTensor(p, 0);
			if (g.momentum > 0) state.momentumBuffer = this.stateTensor(p, 0);
			if (g.centered) state.gradAvg = this.stateTensor(p, 0);
		}
		state.step = (state.step as number) + 1;
		let d = g.maximize ? grad.neg() : grad;
		if (g.weightDecay !== 0) d = d.add(p.mul(g.weightDecay));
		const squareAvg = state.squareAvg as Tensor;
		squareAvg.copy_(squareAvg.mul(g.alpha).add(d.mul(d).mul(1 - g.alpha)));
		let avg: Tensor;
		if (g.centered) {
			const gradAvg = state.gradAvg as Tensor;
			lerpInPlace(gradAvg, d, 1 - g.alpha);
			avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
		} else {
			avg = squareAvg.sqrt();
		}
		// NOTE: eps is added after the square root, as PyTorch (not inside it)
		avg = avg.add(g.eps);
		if (g.momentum > 0) {
			const buf = state.momentumBuffer as Tensor;
			buf.copy_(buf.mul(g.momentum).add(d.div(avg)));
			p.copy_(p.add(buf.mul(-g.lr)));
		} else {
			p.copy_(p.add(d.div(avg).mul(-g.lr)));
		}
	}
}
