import { zerosLike, type Tensor } from 'chainrule';

/** Adam's running state for one parameter: first and second moment estimates and the step count. */
export interface AdamState {
	m: Tensor;
	v: Tensor;
	/** Steps taken so far (0 before the first step). */
	t: number;
}

export interface AdamOptions {
	lr: number;
	beta1: number;
	beta2: number;
	eps: number;
	weightDecay: number;
	/** true: AdamW's decoupled decay p ← p − lr·λ·p; false: Adam's L2, g ← g + λ·p. */
	decoupled: boolean;
}

export function initState(param: Tensor): AdamState {
	return { m: zerosLike(param), v: zerosLike(param), t: 0 };
}

/**
 * One Adam (or AdamW) step, as torch.optim defines it. Returns the new parameter and state; changes nothing
 * in place.
 */
export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): { param: Tensor; state: AdamState } {
	const t = state.t + 1;
	let p = param;
	let g = grad;
	if (o.weightDecay !== 0) {
		if (o.decoupled) p = p.mul(1 - o.lr * o.weightDecay);
		else g = g.add(param.mul(o.weightDecay));
	}
	const m = state.m.mul(o.beta1).add(g.mul(1 - o.beta1));
	const v = state.v.mul(o.beta2).add(g.mul(g).mul(1 - o.beta2));
	const mHat = m.div(1 - o.beta1 ** t);
	const vHat = v.div(1 - o.beta2 ** t);
	p = p.sub(mHat.div(vHat.sqrt().add(o.eps)).mul(o.lr));
	return { param: p, state: { m, v, t } };
}
