import type { Tensor } from 'chainrule';

/**
 * A dense layer on a batch: `z = x Wᵀ + b`.
 * x: [batch, in], W: [out, in], b: [out] → z: [batch, out]
 */
export function dense(x: Tensor, W: Tensor, b: Tensor): Tensor {
	return x.matmul(W.t()).add(b);
}

/** ReLU, element-wise: max(z, 0). */
export function relu(z: Tensor): Tensor {
	return z.maximum(0);
}

/**
 * Softmax over each row (dim 1) of z: [batch, classes]. Subtract each row's max first so exp never overflows;
 * the result is unchanged because softmax(z - c) = softmax(z).
 */
export function softmax(z: Tensor): Tensor {
	const shifted = z.sub(z.amax(1, true));
	const e = shifted.exp();
	return e.div(e.sum(1, true));
}

export interface Params {
	W1: Tensor;
	b1: Tensor;
	W2: Tensor;
	b2: Tensor;
}

/** The two-layer network: z1 = dense(x), a1 = relu(z1), z2 = dense(a1), probs = softmax(z2). */
export function forward(x: Tensor, p: Params): { z1: Tensor; a1: Tensor; z2: Tensor; probs: Tensor } {
	const z1 = dense(x, p.W1, p.b1);
	const a1 = relu(z1);
	const z2 = dense(a1, p.W2, p.b2);
	return { z1, a1, z2, probs: softmax(z2) };
}
