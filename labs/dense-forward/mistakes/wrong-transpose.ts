// Known mistake: multiplies by W instead of Wᵀ (only shape-compatible when W is square).
import type { Tensor } from 'chainrule';
export { relu, softmax, forward, type Params } from '../solution';

export function dense(x: Tensor, W: Tensor, b: Tensor): Tensor {
	return x.matmul(W).add(b);
}
