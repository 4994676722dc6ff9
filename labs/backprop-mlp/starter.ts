import { eye, type Tensor } from 'chainrule';

/** What the forward pass kept: x [m, in], z1 and a1 [m, hidden], z2 and probs [m, classes]. */
export interface Cache {
	x: Tensor;
	z1: Tensor;
	a1: Tensor;
	z2: Tensor;
	probs: Tensor;
}

export interface Params {
	W1: Tensor;
	b1: Tensor;
	W2: Tensor;
	b2: Tensor;
}

export interface Grads {
	dW1: Tensor;
	db1: Tensor;
	dW2: Tensor;
	db2: Tensor;
}

/** Rows of the identity picked by the labels: y [m] (int32) → [m, classes]. Given; use it. */
export function oneHot(y: Tensor, classes: number): Tensor {
	// 0/1 are exact in float32; on the CPU, subtracting it from float64 probabilities promotes to float64
	return eye(classes, classes, { device: y.device }).indexSelect(0, y);
}

/** Mean cross-entropy: L = −(1/m) Σᵢ log probs[i, yᵢ]. Returns a scalar tensor. */
export function crossEntropy(probs: Tensor, y: Tensor): Tensor {
	throw new Error('TODO: crossEntropy: average −log of the probability of the true class');
}

/**
 * Gradients of the mean cross-entropy with respect to W1 [hidden, in], b1 [hidden], W2 [classes, hidden],
 * b2 [classes]. Each gradient has the shape of its parameter.
 */
export function backward(cache: Cache, params: Params, y: Tensor): Grads {
	throw new Error('TODO: backward: start from dz2 = (probs − Y) / m and apply the chain rule layer by layer');
}
