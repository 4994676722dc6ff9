import { keep } from '../memory';
import type { Tensor } from '../tensor';
import { Optimizer, type OptimizerParams, type ParamGroup, type ParamState } from './optimizer';

export interface SGDOptions {
	/** Learning rate (default 1e-3, as PyTorch 2). */
	lr: number;
	momentum: number;
	/** Dampening for momentum: the new gradient enters the buffer scaled by (1 - dampening). */
	dampening: number;
	/** L2 penalty, added to the gradient as `weightDecay * p`. */
	weightDecay: number;
	nesterov: boolean;
	/** Maximize the objective instead of minimizing it. */
	maximize: boolean;
}

const DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent with optional momentum, as `torch.optim.SGD`:
 *
 *     g ← ∇ (+ weightDecay · p)
 *     b ← g on the first step, else momentum · b + (1 - dampening) · g
 *     g ← g + momentum · b (nesterov) or b
 *     p ← p - lr · g
 *
 * ```ts
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * ```
 */
export class SGD extends Optimizer<SGDOptions> {
	constructor(params: OptimizerParams<SGDOptions>, options: Partial<SGDOptions> = {}) {
		super('SGD', params, { ...DEFAULTS, ...options });
	}

	protected validate(g: ParamGroup<SGDOptions>): void {
		if (!(g.lr >= 0)) throw new RangeError(`SGD: invalid learning rate ${g.lr}; it must be >= 0`);
		if (!(g.momentum >= 0)) throw new RangeError(`SGD: invalid momentum ${g.momentum}; it must be >= 0`);
		if (!(g.weightDecay >= 0)) throw new RangeError(`SGD: invalid weightDecay ${g.weightDecay}; it must be >= 0`);
		if (g.nesterov && (g.momentum <= 0 || g.dampening !== 0)) {
			throw new RangeError(`SGD: nesterov needs momentum > 0 and dampening = 0, got momentum ${g.momentum} and dampening ${g.dampening}`);
		}
	}

	protected update(p: Tensor, grad: Tensor, state: ParamState, g: ParamGroup<SGDOptions>): void {
		let d = g.maximize ? grad.neg() : grad;
		if (g.weightDecay !== 0) d = d.add(p.mul(g.weightDecay));
		if (g.momentum !== 0) {
			let buf = state.momentumBuffer as Tensor | undefined;
			if (!buf) {
				// NOTE: the first step stores the gradient itself, without the (1 - dampening) factor, as PyTorch
				buf = keep(d.clone());
				state.momentumBuffer = buf;
			} else {
				buf.copy_(buf.mul(g.momentum).add(d.mul(1 - g.dampening)));
			}
			d = g.nesterov ? d.add(buf.mul(g.momentum)) : buf;
		}
		p.copy_(p.add(d.mul(-g.lr)));
	}
}
