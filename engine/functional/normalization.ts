/**
 * Batch and layer normalisation as composites of primitives: gradients come from autograd, so there is
 * no hand-written backward to get wrong. NOTE: both compute the variance in two passes (mean first, then
 * the mean of squared deviations), which is as stable as PyTorch's kernels; float64 gradchecks pass at 1e-6.
 */
import { noGrad } from '../autograd';
import * as ops from '../ops/index';
import { formatShape, sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { mean } from './tensor-methods';

export interface BatchNormOptions {
	/** Normalise with this batch's statistics (and update the running ones); default false, as PyTorch. */
	training?: boolean;
	/** Weight of the new batch in the running averages (default 0.1). */
	momentum?: number;
	/** Added to the variance before the square root (default 1e-5). */
	eps?: number;
}

/**
 * Internal form of `batchNorm` whose momentum may be a tensor: `BatchNorm` with `momentum: null` passes
 * `1 / numBatchesTracked` as a tensor, so the cumulative average needs no read back from the device.
 */
export function batchNormWithFactor(
	x: Tensor,
	runningMean: Tensor | null | undefined,
	runningVar: Tensor | null | undefined,
	weight: Tensor | null | undefined,
	bias: Tensor | null | undefined,
	training: boolean,
	factor: number | Tensor,
	eps: number,
): Tensor {
	if (x.ndim < 2) {
		throw new RangeError(`batchNorm: expected an input [N, C, *] with at least 2 dims, got shape ${formatShape(x.shape)}`);
	}
	const channels = x.shape[1];
	const perChannel = { runningMean, runningVar, weight, bias };
	for (const [name, t] of Object.entries(perChannel)) {
		if (t && t.numel() !== channels) {
			throw new RangeError(
				`batchNorm: input ${formatShape(x.shape)} has ${channels} channels (dim 1) but ${name} has ` +
					`${t.numel()} elements (shape ${formatShape(t.shape)}); a layer built for ${t.numel()} features ` +
					`expects inputs [N, ${t.numel()}, ...]`,
			);
		}
	}
	if (Boolean(runningMean) !== Boolean(runningVar)) {
		throw new TypeError('batchNorm: pass both runningMean and runningVar, or neither');
	}
	// [1, C, 1, ...]: per-channel vectors broadcast against [N, C, *]
	const channelShape = x.shape.map((d, i) => (i === 1 ? d : 1));
	const asChannel = (t: Tensor) => ops.reshape(t, channelShape);
	let normalized: Tensor;
	if (training) {
		const count = sizeOf(x.shape) / channels;
		if (count <= 1) {
			throw new RangeError(
				`batchNorm: expected more than 1 value per channel when training, got input of shape ` +
					`${formatShape(x.shape)} (${count} value per channel); use a batch of at least 2, or call ` +
					`model.eval() to normalise with the running statistics`,
			);
		}
		const dims = x.shape.map((_, i) => i).filter((i) => i !== 1);
		const batchMean = mean(x, dims, true);
		const centered = ops.sub(x, batchMean);
		// biased variance (divide by count) normalises, as PyTorch does
		const batchVar = mean(ops.mul(centered, centered), dims, true);
		normalized = ops.div(centered, ops.sqrt(ops.add(batchVar, eps)));
		if (runningMean && runningVar) {
			noGrad(() => {
				const keep = typeof factor === 'number' ? 1 - factor : ops.sub(1, factor);
				// the running variance is the unbiased one: count / (count - 1) times the biased
				const unbiased = ops.mul(batchVar.detach(), count / (count - 1));
				runningMean.copy_(ops.add(ops.mul(runningMean, keep), ops.mul(ops.reshape(batchMean.detach(), runningMean.shape), factor)));
				runningVar.copy_(ops.add(ops.mul(runningVar, keep), ops.mul(ops.reshape(unbiased, runningVar.shape), factor)));
			});
		}
	} else {
		if (!runningMean || !runningVar) {
			throw new TypeError(
				'batchNorm: with training false the running statistics are used, but runningMean and runningVar are ' +
					'null; pass them, or pass { training: true } to use batch statistics',
			);
		}
		const centered = ops.sub(x, asChannel(runningMean));
		normalized = ops.div(centered, ops.sqrt(ops.add(asChannel(runningVar), eps)));
	}
	let out = normalized;
	if (weight) out = ops.mul(out, asChannel(weight));
	if (bias) out = ops.add(out, asChannel(bias));
	return out;
}

/**
 * Batch normalisation over dim 1 of `[N, C, *]`, as `torch.nn.functional.batch_norm`. In training it
 * normalises with the batch's mean and biased variance and updates `runningMean`/`runningVar` in place
 * (`running = (1 - momentum) * running + momentum * batch`, with the unbiased variance); otherwise it
 * normalises with the running statistics.
 *
 * ```ts
 * const y = F.batchNorm(x, runningMean, runningVar, gamma, beta, { training: true }); // x: [N, C]
 * ```
 */
export function batchNorm(
	x: Tensor,
	runningMean: Tensor | null | undefined,
	runningVar: Tensor | null | undefined,
	weight?: Tensor | null,
	bias?: Tensor | null,
	{ training = false, momentum = 0.1, eps = 1e-5 }: BatchNormOptions = {},
): Tensor {
	return batchNormWithFactor(x, runningMean, runningVar, weight, bias, training, momentum, eps);
}

/** `normalizedShape` as a list (a single number means the last dim). */
export function toShapeList(normalizedShape: number | readonly number[]): number[] {
	return typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
}

/**
 * Layer normalisation over the last `normalizedShape.length` dims, as `torch.nn.functional.layer_norm`:
 * each sample is normalised with its own mean and biased variance, then scaled by `weight` and shifted by
 * `bias` (both of shape `normalizedShape`).
 *
 * ```ts
 * const y = F.layerNorm(x, [4], gamma, beta); // x: [batch, 4]
 * ```
 */
export function layerNorm(
	x: Tensor,
	normalizedShape: number | readonly number[],
	weight?: Tensor | null,
	bias?: Tensor | null,
	eps = 1e-5,
): Tensor {
	const shape = toShapeList(normalizedShape);
	const k = shape.length;
	const trailing = x.shape.slice(x.ndim - k);
	if (k === 0 || k > x.ndim || trailing.some((d, i) => d !== shape[i])) {
		throw new RangeError(
			`layerNorm: given normalizedShape ${formatShape(shape)}, expected an input of shape ` +
				`[*, ${shape.join(', ')}], but got ${formatShape(x.shape)}; normalizedShape must be the input's last dims`,
		);
	}
	for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
		if (t && (t.ndim !== k || t.shape.some((d, i) => d !== shape[i]))) {
			throw new RangeError(`layerNorm: ${name} has shape ${formatShape(t.shape)} but normalizedShape is ${formatShape(shape)}; they must be equal`);
		}
	}
	const dims = shape.map((_, i) => x.ndim - k + i);
	const centered = ops.sub(x, mean(x, dims, true));
	const variance = mean(ops.mul(centered, centered), dims, true);
	let out = ops.div(centered, ops.sqrt(ops.add(variance, eps)));
	if (weight) out = ops.mul(out, weight);
	if (bias) out = ops.add(out, bias);
	return out;
}
