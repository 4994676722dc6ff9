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

/** Rows of the identity picked by the labels: y [m] (int32) → [m, classes]. */
export function oneHot(y: Tensor, classes: number): Tensor {
	// 0/1 are exact in float32; on the CPU, subtracting it from float64 probabilities promotes to float64
	return eye(classes, classes, { device: y.device }).indexSelect(0, y);
}

/** Mean cross-entropy: L = −(1/m) Σᵢ log probs[i, yᵢ]. */
export function crossEntropy(probs: Tensor, y: Tensor): Tensor {
	const m = probs.shape[0];
	return probs.log().mul(oneHot(y, probs.shape[1])).sum().div(-m);
}

/**
 * Gradients of the mean cross-entropy with respect to every parameter, by the chain rule:
 * dz2 = (probs − Y) / m, dW2 = dz2ᵀ a1, db2 = Σᵢ dz2, da1 = dz2 W2, dz1 = da1 ⊙ [z1 > 0], dW1 = dz1ᵀ x, db1 = Σᵢ dz1.
 */
export function backward(cache: Cache, params: Params, y: Tensor): Grads {
	const m = cache.x.shape[0];
	const dz2 = cache.probs.sub(oneHot(y, cache.probs.shape[1])).div(m);
	const dW2 = dz2.t().matmul(cache.a1);
	const db2 = dz2.sum(0);
	const da1 = dz2.matmul(params.W2);
	const dz1 = da1.mul(cache.z1.gt(0));
	const dW1 = dz1.t().matmul(cache.x);
	const db1 = dz1.sum(0);
	return { dW1, db1, dW2, db2 };
}
