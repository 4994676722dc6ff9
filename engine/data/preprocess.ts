/**
 * Feature scaling that returns its statistics, so the transform fitted on the training set is applied
 * unchanged to the test set (as scikit-learn's StandardScaler and MinMaxScaler), and one-hot encoding.
 */
import { noGrad } from '../autograd';
import { arange } from '../creation';
import { isFloat } from '../dtype';
import * as ops from '../ops/index';
import { formatShape, normalizeDims } from '../shape';
import type { Tensor } from '../tensor';

export interface ScaleOptions {
	/** Dims the statistics are taken over (default 0: one statistic per feature, over the samples). */
	dim?: number | readonly number[];
}

/** Statistics over `dims`, keeping the reduced dims as 1 except the leading sample dim, so they broadcast. */
function statShape(x: Tensor, dims: number[]): number[] {
	const kept = x.shape.map((d, i) => (dims.includes(i) ? 1 : d));
	return dims.includes(0) ? kept.slice(1) : kept;
}

function asFloat(x: Tensor): Tensor {
	return isFloat(x.dtype) ? x.detach() : x.to('float32');
}

/** NOTE: a constant feature's std may come out as rounding noise rather than 0; treat that as 0 too. */
function guardScale(scale: Tensor, center: Tensor): Tensor {
	const eps = scale.dtype === 'float64' ? 2.220446049250313e-16 : 1.1920928955078125e-7;
	const tiny = ops.le(scale, ops.mul(ops.maximum(ops.abs(center), 1), 10 * eps));
	return ops.where(tiny, 1, scale);
}

/**
 * z-scores: `(X - mean) / std`, with the population std (divide by N, as scikit-learn's StandardScaler) and
 * std 1 where a feature is constant (so it becomes 0 instead of NaN). Pass the returned `mean` and `std` to
 * scale other data the same way. It is preprocessing: nothing here is recorded for autograd. Integer input is
 * converted to float32.
 *
 * ```ts
 * const train = data.standardize(XTrain);                                   // stats from the training set
 * const XTest = data.standardize(XTest0, { mean: train.mean, std: train.std }).X; // the same transform
 * ```
 */
export function standardize(X: Tensor, options: ScaleOptions & { mean?: Tensor; std?: Tensor } = {}): { X: Tensor; mean: Tensor; std: Tensor } {
	const x = asFloat(X);
	if ((options.mean === undefined) !== (options.std === undefined)) {
		throw new TypeError('standardize: pass both mean and std (the statistics of the training set) or neither');
	}
	return noGrad(() => {
		let { mean, std } = options;
		if (!mean || !std) {
			const dims = normalizeDims('standardize', options.dim ?? 0, x.ndim);
			const shape = statShape(x, dims);
			mean = x.mean(dims, true);
			std = guardScale(x.var(dims, { correction: 0, keepdim: true }).sqrt(), mean).reshape(shape);
			mean = mean.reshape(shape);
		}
		return { X: ops.div(ops.sub(x, mean), std), mean, std };
	});
}

/**
 * Scales each feature to `featureRange` (default [0, 1]) by its min and max, as scikit-learn's MinMaxScaler;
 * a constant feature maps to the low end of the range. Pass the returned `min` and `max` to scale other data
 * the same way (its values may then fall outside the range).
 *
 * ```ts
 * const train = data.minMaxScale(XTrain, { featureRange: [-1, 1] });
 * const XTest = data.minMaxScale(XTest0, { min: train.min, max: train.max, featureRange: [-1, 1] }).X;
 * ```
 */
export function minMaxScale(
	X: Tensor,
	options: ScaleOptions & { min?: Tensor; max?: Tensor; featureRange?: readonly [number, number] } = {},
): { X: Tensor; min: Tensor; max: Tensor } {
	const x = asFloat(X);
	const [low, high] = options.featureRange ?? [0, 1];
	if (!(low < high)) throw new RangeError(`minMaxScale: featureRange must be [low, high] with low < high, got [${low}, ${high}]`);
	if ((options.min === undefined) !== (options.max === undefined)) {
		throw new TypeError('minMaxScale: pass both min and max (the statistics of the training set) or neither');
	}
	return noGrad(() => {
		let { min, max } = options;
		if (!min || !max) {
			const dims = normalizeDims('minMaxScale', options.dim ?? 0, x.ndim);
			const shape = statShape(x, dims);
			min = x.amin(dims, true).reshape(shape);
			max = x.amax(dims, true).reshape(shape);
		}
		const range = ops.where(ops.eq(ops.sub(max, min), 0), 1, ops.sub(max, min));
		return { X: ops.add(ops.mul(ops.div(ops.sub(x, min), range), high - low), low), min, max };
	});
}

/**
 * One-hot rows for integer labels, as `torch.nn.functional.one_hot`: `y: [...]` → `[..., numClasses]` int32
 * (PyTorch gives int64; use `.float()` for a float target). `numClasses` defaults to the largest label + 1.
 *
 * ```ts
 * data.oneHot(tensor([0, 2], { dtype: 'int32' }), 3); // [[1, 0, 0], [0, 0, 1]]
 * ```
 */
export function oneHot(y: Tensor, numClasses = -1): Tensor {
	if (y.dtype !== 'int32') {
		throw new TypeError(`oneHot: labels must be int32 class indices, got ${y.dtype}; convert with y.to('int32')`);
	}
	// labels are checked on the host where they can be read synchronously (the CPU)
	if (y.device === 'cpu' && y.numel() > 0) {
		const values = y.dataSync();
		let lo = Infinity;
		let hi = -Infinity;
		for (const v of values) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		if (lo < 0) throw new RangeError(`oneHot: labels must be >= 0, got ${lo}`);
		if (numClasses === -1) numClasses = hi + 1;
		else if (hi >= numClasses) throw new RangeError(`oneHot: label ${hi} does not fit numClasses = ${numClasses} (labels must be 0..${numClasses - 1})`);
	}
	if (!Number.isInteger(numClasses) || numClasses < 1) {
		throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses} for labels of shape ${formatShape(y.shape)}`);
	}
	const classes = arange(numClasses, undefined, 1, { dtype: 'int32', device: y.device });
	return noGrad(() => ops.eq(y.unsqueeze(-1), classes));
}
