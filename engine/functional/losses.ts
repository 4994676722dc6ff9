/**
 * Element-wise losses (regression, binary classification, KL divergence) as composites of primitives, with
 * PyTorch's exact definitions. Every one takes `{ reduction: 'mean' | 'sum' | 'none' }` (default 'mean').
 * nllLoss and crossEntropy live in nll-loss.ts.
 */
import type { Tensor } from '../tensor';
import * as ops from '../ops/index';
import { checkBroadcastsTo, checkReduction, checkRegressionShapes, checkSameShape, reduceLoss, type Reduction } from './loss-utils';

export interface LossOptions {
	reduction?: Reduction;
}

/**
 * Mean squared error: `(input - target)²`, reduced. Differentiable in both input and target.
 *
 * ```ts
 * F.mseLoss(tensor([1, 2]), tensor([1, 4])); // (0 + 4) / 2 = 2
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, { reduction = 'mean' }: LossOptions = {}): Tensor {
	checkReduction('mseLoss', reduction);
	checkRegressionShapes('mseLoss', input, target);
	const d = ops.sub(input, target);
	return reduceLoss(ops.mul(d, d), reduction);
}

/**
 * Mean absolute error: `|input - target|`, reduced; its gradient at a tie is 0, as PyTorch's.
 *
 * ```ts
 * F.l1Loss(tensor([1, 2]), tensor([0, 4])); // (1 + 2) / 2 = 1.5
 * ```
 */
export function l1Loss(input: Tensor, target: Tensor, { reduction = 'mean' }: LossOptions = {}): Tensor {
	checkReduction('l1Loss', reduction);
	checkRegressionShapes('l1Loss', input, target);
	return reduceLoss(ops.abs(ops.sub(input, target)), reduction);
}

/**
 * Huber loss: `0.5 z²` where `z = |input - target| < delta`, else `delta (z - 0.5 delta)`: quadratic near 0,
 * linear (slope ±delta) beyond, so outliers pull with bounded force.
 *
 * ```ts
 * F.huberLoss(tensor([0.5, 3]), tensor([0, 0]), { delta: 1 }); // (0.125 + 2.5) / 2 = 1.3125
 * ```
 */
export function huberLoss(input: Tensor, target: Tensor, { reduction = 'mean', delta = 1 }: LossOptions & { delta?: number } = {}): Tensor {
	checkReduction('huberLoss', reduction);
	if (!(delta > 0)) throw new RangeError(`huberLoss: delta must be positive, got ${delta}`);
	checkRegressionShapes('huberLoss', input, target);
	const d = ops.sub(input, target);
	const z = ops.abs(d);
	// d * d rather than z * z: the same value, and no abs in the gradient of the quadratic branch
	const quadratic = ops.mul(ops.mul(d, d), 0.5);
	const linear = ops.mul(ops.sub(z, 0.5 * delta), delta);
	return reduceLoss(ops.where(ops.lt(z, delta), quadratic, linear), reduction);
}

/**
 * Smooth L1 loss: `0.5 z² / beta` where `z = |input - target| < beta`, else `z - 0.5 beta`. It equals
 * `huberLoss(delta = beta) / beta`; with `beta = 0` it is the L1 loss, as in PyTorch.
 *
 * ```ts
 * F.smoothL1Loss(tensor([0.5, 3]), tensor([0, 0]), { beta: 1 }); // (0.125 + 2.5) / 2 = 1.3125
 * ```
 */
export function smoothL1Loss(input: Tensor, target: Tensor, { reduction = 'mean', beta = 1 }: LossOptions & { beta?: number } = {}): Tensor {
	checkReduction('smoothL1Loss', reduction);
	if (!(beta >= 0)) throw new RangeError(`smoothL1Loss: beta must be zero or positive, got ${beta}`);
	if (beta === 0) return l1Loss(input, target, { reduction });
	checkRegressionShapes('smoothL1Loss', input, target);
	const d = ops.sub(input, target);
	const z = ops.abs(d);
	const quadratic = ops.div(ops.mul(ops.mul(d, d), 0.5), beta);
	const linear = ops.sub(z, 0.5 * beta);
	return reduceLoss(ops.where(ops.lt(z, beta), quadratic, linear), reduction);
}

/**
 * Binary cross-entropy of probabilities `input` (in [0, 1], e.g. after sigmoid) against targets `target`:
 * `-w (y log p + (1 - y) log(1 - p))`, each log clamped to >= -100 as PyTorch does, so p = 0 or 1 gives a
 * finite loss of at most 100. `weight` rescales each element (it broadcasts to the input's shape).
 *
 * ```ts
 * F.binaryCrossEntropy(tensor([0.8, 0.4]), tensor([1, 0])); // (-log 0.8 - log 0.6) / 2 ≈ 0.3670
 * ```
 */
export function binaryCrossEntropy(
	input: Tensor,
	target: Tensor,
	{ weight = null, reduction = 'mean' }: LossOptions & { weight?: Tensor | null } = {},
): Tensor {
	checkReduction('binaryCrossEntropy', reduction);
	checkSameShape('binaryCrossEntropy', input, target);
	let loss = ops.binaryCrossEntropyOp([input, target], {});
	if (weight) {
		checkBroadcastsTo('binaryCrossEntropy', 'weight', weight, input.shape);
		loss = ops.mul(loss, weight);
	}
	return reduceLoss(loss, reduction);
}

/** `log σ(x) = min(x, 0) - log(1 + exp(-|x|))`: never overflows, as PyTorch's log_sigmoid kernel. */
function logSigmoid(x: Tensor): Tensor {
	return ops.sub(ops.minimum(x, 0), ops.log1p(ops.exp(ops.neg(ops.abs(x)))));
}

/**
 * Binary cross-entropy on logits (sigmoid and BCE in one, numerically stable):
 * `(1 - y) x - (1 + (posWeight - 1) y) log σ(x)`, which without `posWeight` is
 * `max(x, 0) - x y + log(1 + exp(-|x|))`. `posWeight` (one per class, broadcast along the last dim) weighs the
 * positive term; `weight` rescales each element.
 *
 * ```ts
 * F.binaryCrossEntropyWithLogits(tensor([0]), tensor([1])); // log 2 ≈ 0.6931
 * ```
 */
export function binaryCrossEntropyWithLogits(
	input: Tensor,
	target: Tensor,
	{ weight = null, posWeight = null, reduction = 'mean' }: LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null } = {},
): Tensor {
	const op = 'binaryCrossEntropyWithLogits';
	checkReduction(op, reduction);
	checkSameShape(op, input, target);
	let logSig = logSigmoid(input);
	if (posWeight) {
		checkBroadcastsTo(op, 'posWeight', posWeight, input.shape);
		logSig = ops.mul(logSig, ops.add(ops.mul(ops.sub(posWeight, 1), target), 1));
	}
	let loss = ops.sub(ops.mul(ops.sub(1, target), input), logSig);
	if (weight) {
		checkBroadcastsTo(op, 'weight', weight, input.shape);
		loss = ops.mul(loss, weight);
	}
	return reduceLoss(loss, reduction);
}

/**
 * Kullback–Leibler divergence with `input` as log-probabilities: `target (log target - input)` per element
 * (`0` where target is 0), or `exp(target) (target - input)` with `logTarget: true`. Reduction 'batchmean'
 * (sum / batch size) gives the true KL divergence; 'mean' divides by every element, as PyTorch.
 *
 * ```ts
 * F.klDiv(tensor([0.5, 0.5]).log(), tensor([0.5, 0.5]), { reduction: 'batchmean' }); // 0
 * ```
 */
export function klDiv(
	input: Tensor,
	target: Tensor,
	{ reduction = 'mean', logTarget = false }: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {},
): Tensor {
	checkReduction('klDiv', reduction, ['batchmean']);
	checkRegressionShapes('klDiv', input, target);
	let loss: Tensor;
	if (logTarget) {
		loss = ops.mul(ops.exp(target), ops.sub(target, input));
	} else {
		// xlogy(t, t): 0 where t = 0; log reads 1 there so no -inf (and no NaN gradient) is ever formed
		const zero = ops.eq(target, 0);
		const xlogx = ops.where(zero, 0, ops.mul(target, ops.log(ops.where(zero, 1, target))));
		loss = ops.sub(xlogx, ops.mul(target, input));
	}
	if (reduction !== 'batchmean') return reduceLoss(loss, reduction);
	return ops.div(ops.sum(loss), input.ndim > 0 ? input.shape[0] : 1);
}
