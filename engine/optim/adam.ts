import type { Tensor } from '../tensor';
import { lerpInPlace, Optimizer, type OptimizerParams, type ParamGroup, type ParamState } from './optimizer';

export interface AdamOptions {
	lr: number;
	/** Decay rates of the first and second moment averages. */
	betas: readonly [number, number];
	/** Added to the root of the bias-corrected second moment. */
	eps: number;
	/** Adam: L2 penalty added to the gradient. AdamW: decoupled decay of the weights. */
	weightDecay: number;
	/** Use the running maximum of the second moment (AMSGrad). */
	amsgrad: boolean;
	maximize: boolean;
	/** Decay the weights directly (AdamW) instead of adding `weightDecay · p` to the gradient. */
	decoupledWeightDecay: boolean;
}

const DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, decoupledWeightDecay: false };

/**
 * Adam, as `torch.optim.Adam` (with `decoupledWeightDecay`, AdamW):
 *
 *     g ← ∇ (+ weightDecay · p, or p ← p (1 - lr · weightDecay) when decoupled)
 *     m ← β1 m + (1 - β1) g,   v ← β2 v + (1 - β2) g²    (amsgrad: v̂max ← max(v̂max, v))
 *     p ← p - lr / (1 - β1ᵗ) · m / (√v / √(1 - β2ᵗ) + eps)
 *
 * NOTE: on the first step m / (1 - β1) = g and v / (1 - β2) = g², so each parameter moves by
 * lr · g / (|g| + eps): about lr in the direction of -sign(g), whatever the gradient's size.
 *
 * ```ts
 * const opt = new optim.Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999] });
 * ```
 */
export class Adam extends Optimizer<AdamOptions> {
	constructor(params: OptimizerParams<AdamOptions>, options: Partial<AdamOptions> = {}, name = 'Adam') {
		super(name, params, { ...DEFAULTS, ...options });
	}

	protected validate(g: ParamGroup<AdamOptions>): void {
		for (const key of ['lr', 'eps', 'weightDecay'] as const) {
			if (!(g[key] >= 0)) throw new RangeError(`${this.name}: invalid ${key} ${g[key]}; it must be >= 0`);
		}
		g.betas.forEach((b, i) => {
			if (!(b >= 0 && b < 1)) throw new RangeError(`${this.name}: invalid betas[${i}] ${b}; each beta must be in [0, 1)`);
		});
	}

	protected update(p: Tensor, grad: Tensor, state: ParamState, g: ParamGroup<AdamOptions>): void {
		if (state.step === undefined) {
			state.step = 0;
			state.expAvg = this.stateTensor(p, 0);
			state.expAvgSq = this.stateTensor(p, 0);
			if (g.amsgrad) state.maxExpAvgSq = this.stateTensor(p, 0);
		}
		const step = (state.step as number) + 1;
		state.step = step;
		const [beta1, beta2] = g.betas;
		let d = g.maximize ? grad.neg() : grad;
		if (g.weightDecay !== 0) {
			if (g.decoupledWeightDecay) p.copy_(p.mul(1 - g.lr * g.weightDecay));
			else d = d.add(p.mul(g.weightDecay));
		}
		const expAvg = state.expAvg as Tensor;
		const expAvgSq = state.expAvgSq as Tensor;
		lerpInPlace(expAvg, d, 1 - beta1);
		expAvgSq.copy_(expAvgSq.mul(beta2).add(d.mul(d).mul(1 - beta2)));
		const biasCorrection1 = 1 - beta1 ** step;
		const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
		const stepSize = g.lr / biasCorrection1;
		let second = expAvgSq;
		if (g.amsgrad) {
			const maxSq = state.maxExpAvgSq as Tensor;
			maxSq.copy_(maxSq.maximum(expAvgSq));
			second = maxSq;
		}
		// NOTE: eps is added after dividing the root by √(1 - β2ᵗ), as PyTorch
		const denom = second.sqrt().div(biasCorrection2Sqrt).add(g.eps);
		p.copy_(p.add(expAvg.div(denom).mul(-stepSize)));
	}
}
