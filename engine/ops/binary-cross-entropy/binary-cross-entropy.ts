import { defineOp } from '../../define-op';
import { formatShape, shapesEqual } from '../../shape';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';

// NOTE: PyTorch's binary_cross_entropy_backward divides by max((1 - p) p, EPSILON) with EPSILON = 1e-12, so the
// gradient stays finite at p = 0 and p = 1 where d/dp of -log(p) is infinite.
const EPSILON = 1e-12;

function notAProbability(i: number, p: number): string {
	return (
		`binaryCrossEntropy: every input must be a probability in [0, 1], but element ${i} is ${p}; ` +
		'apply sigmoid first, or pass the logits to binaryCrossEntropyWithLogits (more stable)'
	);
}

/**
 * Element-wise binary cross-entropy of probabilities `input` against `target`, unreduced and unweighted:
 * `-(y max(log p, -100) + (1 - y) max(log(1 - p), -100))`, as PyTorch's `binary_cross_entropy` kernel.
 *
 * A primitive for numerical stability, not speed: written with `log` and `where`, the gradient at p = 0 or 1
 * would be 0 × ∞ = NaN, and `-y/p + (1-y)/(1-p)` cancels badly when p ≈ y. This op uses PyTorch's own gradient
 * `(p - y) / max(p (1 - p), 1e-12)` and, for the target, `-logit(p)`.
 *
 * ```ts
 * binaryCrossEntropyOp([tensor([0.8]), tensor([1])], {}); // [0.2231] = -log 0.8
 * ```
 * Use `F.binaryCrossEntropy`, which adds weights, reduction and shape checks.
 */
export const binaryCrossEntropyOp = defineOp({
	name: 'binaryCrossEntropy',
	inputs: ['input', 'target'],
	shape: ([x, y]) => {
		if (!shapesEqual(x, y)) {
			throw new RangeError(`binaryCrossEntropy: input ${formatShape(x)} and target ${formatShape(y)} must have the same shape`);
		}
		return [...x];
	},
	cpu: ([x, y], out) => {
		for (let i = 0; i < out.data.length; i++) {
			const p = x.data[i];
			// the negated test also rejects NaN, as PyTorch's check does
			if (!(p >= 0 && p <= 1)) {
				throw new RangeError(notAProbability(i, p));
			}
			const t = y.data[i];
			out.data[i] = (t - 1) * Math.max(Math.log1p(-p), -100) - t * Math.max(Math.log(p), -100);
		}
	},
	// the range check runs on the GPU too; it fails at the next read (`await t.data()`)
	webgpu: elementwiseKernel({
		name: 'binaryCrossEntropy',
		names: ['p', 't'],
		expr: '(t - 1.0) * max(log1p_f(-p), -100.0) - t * max(log_f(p), -100.0)',
		guard: { cond: 'is_nan(p) || p < 0.0 || p > 1.0', message: (i, p) => notAProbability(i, p) },
	}),
	backward: ({ inputs: [x, y] }, dy) => [
		dy.mul(x.sub(y)).div(x.neg().add(1).mul(x).maximum(EPSILON)),
		// d/dy = log(1 - p) - log(p) = -logit(p), unclamped, as PyTorch's binary_cross_entropy_target_backward
		dy.mul(x.div(x.neg().add(1)).log().neg()),
	],
});
