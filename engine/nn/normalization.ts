import { noGrad } from '../autograd';
import { ones, tensor, zeros } from '../creation';
import { batchNormWithFactor, layerNorm, toShapeList } from '../functional/normalization';
import * as ops from '../ops/index';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { Module } from './module';
import { Parameter } from './parameter';

export interface BatchNormOptions {
	/** Added to the variance before the square root (default 1e-5). */
	eps?: number;
	/** Weight of each new batch in the running statistics (default 0.1); `null` keeps a cumulative average. */
	momentum?: number | null;
	/** Learn a per-channel scale `weight` (ones) and shift `bias` (zeros) (default true). */
	affine?: boolean;
	/** Keep running statistics for eval mode (default true); without them eval uses batch statistics too. */
	trackRunningStats?: boolean;
}

/**
 * What BatchNorm1d and BatchNorm2d share (PyTorch's `_BatchNorm`): parameters `weight` and `bias` of shape
 * `[numFeatures]`, buffers `runningMean`, `runningVar` and `numBatchesTracked` (int32).
 */
abstract class BatchNormBase extends Module {
	readonly numFeatures: number;
	readonly eps: number;
	momentum: number | null;
	readonly affine: boolean;
	readonly trackRunningStats: boolean;
	weight: Tensor | null;
	bias: Tensor | null;

	constructor(numFeatures: number, { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true }: BatchNormOptions = {}) {
		super();
		if (!Number.isInteger(numFeatures) || numFeatures <= 0) {
			throw new RangeError(`${this.constructor.name}: numFeatures must be a positive integer (the channel count C), got ${numFeatures}`);
		}
		this.numFeatures = numFeatures;
		this.eps = eps;
		this.momentum = momentum;
		this.affine = affine;
		this.trackRunningStats = trackRunningStats;
		this.weight = affine ? Parameter(ones([numFeatures])) : null;
		this.bias = affine ? Parameter(zeros([numFeatures])) : null;
		this.registerBuffer('runningMean', trackRunningStats ? zeros([numFeatures]) : null);
		this.registerBuffer('runningVar', trackRunningStats ? ones([numFeatures]) : null);
		this.registerBuffer('numBatchesTracked', trackRunningStats ? tensor(0, { dtype: 'int32' }) : null);
	}

	get runningMean(): Tensor | null {
		return this.getBuffer('runningMean');
	}
	get runningVar(): Tensor | null {
		return this.getBuffer('runningVar');
	}
	get numBatchesTracked(): Tensor | null {
		return this.getBuffer('numBatchesTracked');
	}

	/** Running mean back to 0, running variance to 1, batch count to 0. */
	resetRunningStats(): void {
		noGrad(() => {
			this.runningMean?.zero_();
			this.runningVar?.fill_(1);
			this.numBatchesTracked?.zero_();
		});
	}

	resetParameters(): void {
		this.resetRunningStats();
		noGrad(() => {
			this.weight?.fill_(1);
			this.bias?.zero_();
		});
	}

	/** Throws when `x` has the wrong number of dims for this layer. */
	protected abstract checkInputDim(x: Tensor): void;

	forward(x: Tensor): Tensor {
		this.checkInputDim(x);
		if (x.shape[1] !== this.numFeatures) {
			throw new RangeError(
				`${this.constructor.name}(${this.numFeatures}): input of shape ${formatShape(x.shape)} has ${x.shape[1]} ` +
					`channels in dim 1, but this layer normalises ${this.numFeatures}; build it as ` +
					`${this.constructor.name}(${x.shape[1]}) or check which dim holds the channels`,
			);
		}
		const runningMean = this.runningMean;
		const runningVar = this.runningVar;
		const counter = this.numBatchesTracked;
		let factor: number | Tensor = this.momentum ?? 0;
		// Count the batch only when the batch norm will run (one value per channel is an error below).
		if (this.training && this.trackRunningStats && counter && x.numel() > x.shape[1]) {
			noGrad(() => counter.add_(1));
			// momentum null: the cumulative average, factor 1 / batches seen (a tensor, so no read back)
			if (this.momentum === null) factor = ops.div(1, counter.to(runningMean?.dtype ?? x.dtype));
		}
		// As PyTorch: batch statistics in training, and in eval too when no running statistics are kept.
		const useBatchStats = this.training || (!runningMean && !runningVar);
		const passStats = !this.training || this.trackRunningStats;
		return batchNormWithFactor(
			x,
			passStats ? runningMean : null,
			passStats ? runningVar : null,
			this.weight,
			this.bias,
			useBatchStats,
			factor,
			this.eps,
		);
	}
}

/**
 * Batch normalisation of `[N, C]` or `[N, C, L]` inputs over the batch (and length), per channel, as
 * `torch.nn.BatchNorm1d`. Training mode normalises with batch statistics and updates the running ones;
 * `eval()` normalises with the running statistics.
 *
 * ```ts
 * const bn = new nn.BatchNorm1d(4);
 * bn.forward(randn([16, 4])); // training: batch mean/variance per feature
 * bn.eval().forward(randn([1, 4])); // eval: running mean/variance
 * ```
 */
export class BatchNorm1d extends BatchNormBase {
	protected checkInputDim(x: Tensor): void {
		if (x.ndim !== 2 && x.ndim !== 3) {
			throw new RangeError(
				`BatchNorm1d: expected a 2-D [N, C] or 3-D [N, C, L] input, got ${x.ndim}-D ${formatShape(x.shape)}` +
					(x.ndim === 4 ? '; use BatchNorm2d for [N, C, H, W] images' : ''),
			);
		}
	}
}

/**
 * Batch normalisation of images `[N, C, H, W]` per channel, over batch and pixels, as `torch.nn.BatchNorm2d`.
 *
 * ```ts
 * const bn = new nn.BatchNorm2d(8);
 * bn.forward(randn([4, 8, 5, 5])); // [4, 8, 5, 5]
 * ```
 */
export class BatchNorm2d extends BatchNormBase {
	protected checkInputDim(x: Tensor): void {
		if (x.ndim !== 4) {
			throw new RangeError(
				`BatchNorm2d: expected a 4-D input [N, C, H, W], got ${x.ndim}-D ${formatShape(x.shape)}` +
					(x.ndim === 2 || x.ndim === 3 ? '; use BatchNorm1d for [N, C] or [N, C, L]' : ''),
			);
		}
	}
}

export interface LayerNormOptions {
	/** Added to the variance before the square root (default 1e-5). */
	eps?: number;
	/** Learn `weight` (ones) and `bias` (zeros) of shape normalizedShape (default true). */
	elementwiseAffine?: boolean;
	/** With elementwiseAffine, also learn the bias (default true). */
	bias?: boolean;
}

/**
 * Layer normalisation over the last dims (`normalizedShape`), per sample, as `torch.nn.LayerNorm`.
 *
 * ```ts
 * const ln = new nn.LayerNorm(16);
 * ln.forward(randn([2, 10, 16])); // each of the 20 vectors normalised over its 16 features
 * ```
 */
export class LayerNorm extends Module {
	readonly normalizedShape: readonly number[];
	readonly eps: number;
	readonly elementwiseAffine: boolean;
	weight: Tensor | null;
	bias: Tensor | null;

	constructor(normalizedShape: number | readonly number[], { eps = 1e-5, elementwiseAffine = true, bias = true }: LayerNormOptions = {}) {
		super();
		const shape = toShapeList(normalizedShape);
		if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
			throw new RangeError(`LayerNorm: normalizedShape must be a positive integer or a list of them, got ${JSON.stringify(normalizedShape)}`);
		}
		this.normalizedShape = Object.freeze(shape);
		this.eps = eps;
		this.elementwiseAffine = elementwiseAffine;
		this.weight = elementwiseAffine ? Parameter(ones(shape)) : null;
		this.bias = elementwiseAffine && bias ? Parameter(zeros(shape)) : null;
	}

	resetParameters(): void {
		noGrad(() => {
			this.weight?.fill_(1);
			this.bias?.zero_();
		});
	}

	forward(x: Tensor): Tensor {
		return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
	}
}
