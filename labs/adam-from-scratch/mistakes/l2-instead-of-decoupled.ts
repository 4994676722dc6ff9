// Known mistake: AdamW's decay added to the gradient, as Adam's L2 penalty.
import type { Tensor } from 'chainrule';
import type { AdamOptions, AdamState } from '../solution';
export { initState, type AdamOptions, type AdamState } from '../solution';

export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions) {
	const t = state.t + 1;
	const g = o.weightDecay !== 0 ? grad.add(param.mul(o.weightDecay)) : grad;
	const m = state.m.mul(o.beta1).add(g.mul(1 - o.beta1));
	const v = state.v.mul(o.beta2).add(g.mul(g).mul(1 - o.beta2));
	const mHat = m.div(1 - o.beta1 ** t);
	const vHat = v.div(1 - o.beta2 ** t);
	return { param: param.sub(mHat.div(vHat.sqrt().add(o.eps)).mul(o.lr)), state: { m, v, t } };
}
