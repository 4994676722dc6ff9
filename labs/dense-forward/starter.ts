import type { Tensor } from 'chainrule';

/**
 * A dense layer on a batch: `z = x Wᵀ + b`.
 * x: [batch, in], W: [out, in], b: [out] → z: [batch, out]
 * Useful: x.matmul(y), W.t() (transpose), z.add(b) (b broadcasts over the batch).
 */
export function dense(x: Tensor, W: Tensor, b: Tensor): Tensor {
	throw new Error('TODO: dense: return x Wᵀ + b');
}

/** ReLU, element-wise: max(z, 0). Useful: z.maximum(0). */
export function relu(z: Tensor): Tensor {
	throw new Error('TODO: relu');
}

/**
 * Softmax over each row (dim 1) of z: [batch, classes], so each row of the result sums to 1.
 * It must stay finite for large logits such as [1000, 1001, 1002].
 * Useful: z.amax(1, true) (row max, kept as [batch, 1]), .exp(), .sum(1, true), .div(...).
 */
export function softmax(z: Tensor): Tensor {
	throw new Error('TODO: softmax');
}

export interface Params {
	W1: Tensor;
	b1: Tensor;
	W2: Tensor;
	b2: Tensor;
}

/** The two-layer network: z1 = dense(x), a1 = relu(z1), z2 = dense(a1), probs = softmax(z2). */
export function forward(x: Tensor, p: Params): { z1: Tensor; a1: Tensor; z2: Tensor; probs: Tensor } {
	throw new Error('TODO: forward: chain dense, relu, dense, softmax');
}
