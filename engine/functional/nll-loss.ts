/**
 * Classification losses over C classes: nllLoss (on log-probabilities) and crossEntropy (on logits), with
 * PyTorch's definitions of weights, ignoreIndex, label smoothing and the 'mean' reduction.
 */
import { formatShape, shapesEqual, stridesOf } from '../shape';
import type { Tensor } from '../tensor';
import * as ops from '../ops/index';
import { isFloat } from '../dtype';
import { checkReduction, type Reduction } from './loss-utils';
import { logSoftmax, squeeze, unsqueeze } from './tensor-methods';

export interface NllLossOptions {
	/** One weight per class, shape [C]. */
	weight?: Tensor | null;
	/** Targets equal to this are skipped: no loss, no gradient, and not counted by 'mean' (default -100). */
	ignoreIndex?: number;
	reduction?: Reduction;
}

export interface CrossEntropyOptions extends NllLossOptions {
	/** Mixes the target with the uniform distribution: `(1 - ε) target + ε / C` (default 0). */
	labelSmoothing?: number;
}

/** The per-sample pieces both losses need, with the input batched as [N, C, ...]. */
interface Picked {
	/** -w[y] x[n, y] for each sample, 0 where ignored: [N, ...]. */
	loss: Tensor;
	/** w[y] (or 1) for each sample, 0 where ignored: [N, ...]; its sum divides under 'mean'. */
	weights: Tensor;
	/** 1 where the target is not ignored: [N, ...] in the input's dtype. */
	keep: Tensor;
}

function describeInput(input: Tensor): string {
	const extra = input.shape.slice(2);
	return `[N = ${input.shape[0]}, C = ${input.shape[1]}${extra.length ? `, ${extra.join(', ')}` : ''}]`;
}

/** Shape, dtype and range checks on class-index targets (values are checked where they can be read: the CPU). */
function checkIndexTarget(op: string, input: Tensor, target: Tensor, ignoreIndex: number): void {
	const expected = input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)];
	if (!shapesEqual(target.shape, expected)) {
		const what = input.ndim === 1 ? 'an unbatched input [C] takes a single class index, shape []' : `input ${formatShape(input.shape)} is ${describeInput(input)}, so the target should be ${formatShape(expected)} class indices`;
		const probs = op === 'crossEntropy' ? `, or class probabilities of the input's shape ${formatShape(input.shape)}` : '';
		throw new RangeError(`${op}: ${what}${probs}; got target ${formatShape(target.shape)}`);
	}
	if (target.device !== 'cpu') return;
	const C = input.shape[input.ndim === 1 ? 0 : 1];
	const values = target.dataSync();
	const strides = stridesOf(target.shape);
	const at = (i: number) => `[${strides.map((s, d) => Math.floor(i / s) % target.shape[d]).join(', ')}]`;
	for (let i = 0; i < values.length; i++) {
		const k = values[i];
		if (!Number.isInteger(k)) {
			throw new RangeError(`${op}: target holds ${k} at ${at(i)}, but class indices must be whole numbers (int32, or a float tensor of integer values)`);
		}
		if (k !== ignoreIndex && (k < 0 || k >= C)) {
			throw new RangeError(`${op}: target class ${k} at ${at(i)} is out of range for C = ${C} classes (valid: 0..${C - 1}, or ignoreIndex ${ignoreIndex})`);
		}
	}
}

function checkWeight(op: string, weight: Tensor | null, C: number): void {
	if (weight && (weight.ndim !== 1 || weight.shape[0] !== C)) {
		throw new RangeError(`${op}: weight must be 1-D with one entry per class (C = ${C}), got shape ${formatShape(weight.shape)}`);
	}
}

/** x: [N, C, ...] log-probabilities; target: [N, ...] checked class indices. */
function pick(x: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): Picked {
	const index = ops.cast(target, 'int32');
	const valid = ops.ne(index, ignoreIndex);
	// ignored targets may hold any value (-100); read class 0 there and mask it out
	const safe = ops.where(valid, index, 0);
	const keep = ops.cast(valid, x.dtype);
	const chosen = squeeze(ops.gather(x, 1, unsqueeze(safe, 1)), 1);
	const weights = weight ? ops.mul(ops.reshape(ops.indexSelect(weight, 0, ops.reshape(safe, [-1])), safe.shape), keep) : keep;
	return { loss: ops.neg(ops.mul(chosen, weights)), weights, keep };
}

/** Batched view of an unbatched ([C] with a scalar target) call, and the way back for reduction 'none'. */
function batch(input: Tensor, target: Tensor): { x: Tensor; t: Tensor; unbatch: (loss: Tensor) => Tensor } {
	if (input.ndim !== 1) return { x: input, t: target, unbatch: (l) => l };
	return { x: unsqueeze(input, 0), t: ops.reshape(target, [1]), unbatch: (l) => ops.reshape(l, []) };
}

function checkInputRank(op: string, input: Tensor): void {
	if (input.ndim === 0) throw new RangeError(`${op}: input must be [C], [N, C] or [N, C, d1, ...], got a scalar`);
}

/**
 * Negative log-likelihood of class indices under log-probabilities `input` ([N, C], [N, C, d1, ...] or an
 * unbatched [C]): `-weight[y] input[n, y]`. 'mean' divides by the summed weights of the non-ignored targets.
 *
 * ```ts
 * F.nllLoss(tensor([[0.5, 0.3, 0.2]]).log(), tensor([0], { dtype: 'int32' })); // -log 0.5 ≈ 0.6931
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, { weight = null, ignoreIndex = -100, reduction = 'mean' }: NllLossOptions = {}): Tensor {
	checkReduction('nllLoss', reduction);
	checkInputRank('nllLoss', input);
	checkIndexTarget('nllLoss', input, target, ignoreIndex);
	checkWeight('nllLoss', weight, input.shape[input.ndim === 1 ? 0 : 1]);
	const { x, t, unbatch } = batch(input, target);
	const { loss, weights } = pick(x, t, weight, ignoreIndex);
	if (reduction === 'mean') return ops.div(ops.sum(loss), ops.sum(weights));
	return reduction === 'sum' ? ops.sum(loss) : unbatch(loss);
}

/**
 * Cross-entropy of logits `input` ([N, C], [N, C, d1, ...] or [C]) against class indices ([N], [N, d1, ...] or a
 * scalar) or class probabilities (the input's shape): `logSoftmax` then the negative log-likelihood.
 * With `labelSmoothing` ε the target becomes `(1 - ε) target + ε / C`; for class indices that is
 * `(1 - ε) nll + (ε / C) Σ_c -w[c] log p[c]`, and 'mean' divides both terms by the summed weights of the
 * targets, exactly as PyTorch (for probabilities 'mean' divides by the number of samples, weights or not).
 *
 * ```ts
 * F.crossEntropy(logits, labels, { labelSmoothing: 0.1 }); // logits [N, C], labels [N] (int32)
 * ```
 */
export function crossEntropy(
	input: Tensor,
	target: Tensor,
	{ weight = null, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 }: CrossEntropyOptions = {},
): Tensor {
	const op = 'crossEntropy';
	checkReduction(op, reduction);
	checkInputRank(op, input);
	if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
		throw new RangeError(`${op}: labelSmoothing must be between 0 and 1, got ${labelSmoothing}`);
	}
	const classDim = input.ndim === 1 ? 0 : 1;
	const C = input.shape[classDim];
	checkWeight(op, weight, C);
	if (shapesEqual(input.shape, target.shape)) return probabilityTarget(input, target, weight, ignoreIndex, reduction, labelSmoothing);
	checkIndexTarget(op, input, target, ignoreIndex);
	const { x, t, unbatch } = batch(input, target);
	const logp = logSoftmax(x, 1);
	const { loss, weights, keep } = pick(logp, t, weight, ignoreIndex);
	const eps = labelSmoothing;
	// smooth: -Σ_c w[c] log p[c] per sample (every class, whatever the target), 0 where the target is ignored
	const weighted = weight ? ops.mul(logp, ops.reshape(weight, [1, C, ...x.shape.slice(2).map(() => 1)])) : logp;
	const smooth = eps > 0 ? ops.mul(ops.neg(ops.sum(weighted, [1])), keep) : null;
	if (reduction === 'none') {
		return unbatch(smooth ? ops.add(ops.mul(loss, 1 - eps), ops.mul(smooth, eps / C)) : loss);
	}
	const total = (l: Tensor) => (reduction === 'sum' ? ops.sum(l) : ops.div(ops.sum(l), ops.sum(weights)));
	const nll = total(loss);
	return smooth ? ops.add(ops.mul(nll, 1 - eps), ops.mul(total(smooth), eps / C)) : nll;
}

/** Soft targets: `-Σ_c w[c] t[c] log p[c]` per sample; 'mean' divides by the number of samples. */
function probabilityTarget(input: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number, reduction: Reduction, eps: number): Tensor {
	const op = 'crossEntropy';
	if (!isFloat(target.dtype)) {
		throw new TypeError(
			`${op}: a target of the input's shape ${formatShape(input.shape)} is read as class probabilities and must be float, ` +
				`got ${target.dtype}; for class indices the target should be ${formatShape(input.ndim === 1 ? [] : [input.shape[0], ...input.shape.slice(2)])}`,
		);
	}
	if (ignoreIndex >= 0) throw new RangeError(`${op}: ignoreIndex (${ignoreIndex}) only applies to class-index targets, not to class probabilities`);
	const classDim = input.ndim === 1 ? 0 : 1;
	const C = input.shape[classDim];
	const logp = logSoftmax(input, classDim);
	const t = eps > 0 ? ops.add(ops.mul(target, 1 - eps), eps / C) : target;
	let prod = ops.mul(logp, t);
	if (weight) prod = ops.mul(prod, input.ndim === 1 ? weight : ops.reshape(weight, [1, C, ...input.shape.slice(2).map(() => 1)]));
	if (reduction === 'none') return ops.neg(ops.sum(prod, [classDim]));
	const sum = ops.neg(ops.sum(prod));
	return reduction === 'sum' ? sum : ops.div(sum, input.numel() / C);
}

