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

/**
 * `x` where positive, `alpha * (exp(x) - 1)` elsewhere; the gradient at 0 is `alpha`, as in PyTorch.
 * NOTE: PyTorch computes `exp(x) - 1`, not `expm1(x)`, so we do too: for |x| < 1e-10 the two differ by more
 * than 1e-6 relative, and the checker compares against PyTorch. The unused branch sees 0 instead of
 * positive x (so exp never overflows), chosen with `where` rather than `minimum`, whose gradient would be
 * split in half at x = 0.
 */
export function elu(x: Tensor, alpha = 1): Tensor {
	const positive = ops.gt(x, 0);
	const negativePart = ops.where(positive, 0, x);
	return ops.where(positive, x, ops.mul(ops.sub(ops.exp(negativePart), 1), alpha));
}

/**
 * `log(1 + exp(beta x)) / beta`, and `x` itself where `beta x > threshold` (as PyTorch, for stability).
 * NOTE: the unused branch sees 0 where `beta x > threshold`, so exp never overflows into a NaN gradient;
 * `where` (not `minimum`, which splits the gradient at a tie) keeps the full gradient at `beta x == threshold`.
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
	const bx = ops.mul(x, beta);
	const linear = ops.gt(bx, threshold);
	const soft = ops.div(ops.log1p(ops.exp(ops.where(linear, 0, bx))), beta);
	return ops.where(linear, x, soft);
}

const SQRT1_2 = Math.SQRT1_2;
// PyTorch's kBeta = M_SQRT2 * M_2_SQRTPI * 0.5, computed the same way so the constant agrees to the last bit.
const SQRT_2_OVER_PI = Math.SQRT2 * 1.1283791670955126 * 0.5;

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
