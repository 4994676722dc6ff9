/** Activation functions, as composites of primitives (PyTorch's torch.nn.functional names, camelCased). */
import * as ops from '../ops/index';
import type { Tensor } from '../tensor';
import { logSoftmax as logSoftmaxImpl, softmax as softmaxImpl } from './tensor-methods';

export const relu = (x: Tensor): Tensor => ops.relu(x);
export const sigmoid = (x: Tensor): Tensor => ops.sigmoid(x);
export const tanh = (x: Tensor): Tensor => ops.tanh(x);

/** `x` where positive, `negativeSlope * x` elsewhere; the gradient at 0 is `negativeSlope`, as in PyTorch. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
	return ops.where(ops.gt(x, 0), x, ops.mul(x, negativeSlope));
}

/** `x` where positive, `alpha * (exp(x) - 1)` elsewhere. */
export function elu(x: Tensor, alpha = 1): Tensor {
	return ops.where(ops.gt(x, 0), x, ops.mul(ops.expm1(ops.minimum(x, 0)), alpha));
}

/**
 * `log(1 + exp(beta x)) / beta`, and `x` itself where `beta x > threshold` (as PyTorch, for stability).
 * The exponent is clamped first so the unused branch never overflows into a NaN gradient.
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
	const bx = ops.mul(x, beta);
	const soft = ops.div(ops.log1p(ops.exp(ops.minimum(bx, threshold))), beta);
	return ops.where(ops.gt(bx, threshold), x, soft);
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GELU: exact `x Φ(x)` by default, or the tanh approximation with `approximate: 'tanh'`. */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
	if (approximate === 'tanh') {
		const inner = ops.mul(ops.add(x, ops.mul(ops.mul(ops.mul(x, x), x), 0.044715)), SQRT_2_OVER_PI);
		return ops.mul(ops.mul(x, 0.5), ops.add(ops.tanh(inner), 1));
	}
	if (approximate !== 'none') throw new RangeError(`gelu: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`);
	return ops.mul(ops.mul(x, 0.5), ops.add(ops.erf(ops.mul(x, SQRT1_2)), 1));
}

export function softmax(x: Tensor, dim: number): Tensor {
	return softmaxImpl(x, dim);
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
	return logSoftmaxImpl(x, dim);
}
