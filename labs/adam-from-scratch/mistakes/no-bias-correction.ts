// Known mistake: uses the raw moment estimates, without dividing by 1 − βᵗ.
import type { Tensor } from 'chainrule';
import type { AdamOptions, AdamState } from '../solution';
export { initState, type AdamOptions, type AdamState } from '../solution';

export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions) {
	let p = param;
	let g = grad;
	if (o.weightDecay !== 0) {
		if (o.decoupled) p = p.mul(1 - o.lr * o.weightDecay);
		else g = g.add(param.mul(o.weightDecay));
	}
	const m = state.m.mul(o.beta1).add(g.mul(1 - o.beta1));
	const v = state.v.mul(o.beta2).add(g.mul(g).mul(1 - o.beta2));
	p = p.sub(m.div(v.sqrt().add(o.eps)).mul(o.lr));
	return { param: p, state: { m, v, t: state.t + 1 } };
}
