import type { Tensor } from 'chainrule';
import type { AdamOptions, AdamState } from './solution';

/** Ways to get Adam wrong that the checks recognise by their values (each is a mistake id in checks.ts). */
export interface AdamVariant {
	noBiasCorrection?: boolean;
	epsInsideSqrt?: boolean;
	l2InsteadOfDecoupled?: boolean;
	counterFromZero?: boolean;
}

/** An `adamStep` with the given mistakes, written the way a learner would write it. */
export function adamStepVariant(variant: AdamVariant) {
	return (param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): { param: Tensor; state: AdamState } => {
		const t = variant.counterFromZero ? state.t : state.t + 1;
		let p = param;
		let g = grad;
		if (o.weightDecay !== 0) {
			if (o.decoupled && !variant.l2InsteadOfDecoupled) p = p.mul(1 - o.lr * o.weightDecay);
			else g = g.add(param.mul(o.weightDecay));
		}
		const m = state.m.mul(o.beta1).add(g.mul(1 - o.beta1));
		const v = state.v.mul(o.beta2).add(g.mul(g).mul(1 - o.beta2));
		const mHat = variant.noBiasCorrection ? m : m.div(1 - o.beta1 ** t);
		const vHat = variant.noBiasCorrection ? v : v.div(1 - o.beta2 ** t);
		const denom = variant.epsInsideSqrt ? vHat.add(o.eps).sqrt() : vHat.sqrt().add(o.eps);
		p = p.sub(mHat.div(denom).mul(o.lr));
		return { param: p, state: { m, v, t: state.t + 1 } };
	};
}
