// Known mistake: the bias is never added.
import type { Tensor } from 'chainrule';
export { relu, softmax, type Params } from '../solution';
import { relu, softmax, type Params } from '../solution';

export function dense(x: Tensor, W: Tensor, _b: Tensor): Tensor {
	return x.matmul(W.t());
}

export function forward(x: Tensor, p: Params) {
	const z1 = dense(x, p.W1, p.b1);
	const a1 = relu(z1);
	const z2 = dense(a1, p.W2, p.b2);
	return { z1, a1, z2, probs: softmax(z2) };
}
