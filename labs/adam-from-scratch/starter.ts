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

/** Given: the state before the first step. */
export function initState(param: Tensor): AdamState {
	return { m: zerosLike(param), v: zerosLike(param), t: 0 };
}

/**
 * One Adam (or AdamW) step, as torch.optim defines it. Return the new parameter and the new state; don't
 * change the inputs in place.
 */
export function adamStep(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): { param: Tensor; state: AdamState } {
	throw new Error('TODO: adamStep: update m and v, correct their bias, and move the parameter');
}
