/**
 * Pooling, as `torch.nn.functional`: the 2-D functions check their arguments and call the primitives in
 * ops/pool2d/; the 1-D ones are the 2-D ones over a height-1 axis (as PyTorch computes avg_pool1d).
 * Output sizes (PyTorch's pooling_output_shape), per axis:
 *   out = floor((in + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1,
 *   minus 1 in ceil mode when (out - 1) * stride >= in + padding (the last window must start inside the input
 *   or its left padding). Adaptive pooling: window i is [floor(i * in / out), ceil((i + 1) * in / out)).
 */
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { maxPool2dOp } from '../ops/pool2d/max-pool2d';
import { adaptiveAvgPool2dOp, avgPool2dOp } from '../ops/pool2d/avg-pool2d';
import { poolOutputSize } from '../ops/pool2d/pool-windows';
import { pair, type Pair } from './conv';
import { squeeze, unsqueeze } from './tensor-methods';

export interface MaxPool2dOptions {
	/** Default: the kernel size. */
	stride?: Pair | null;
	/** Implicit -inf padding on each side; at most half the kernel size. */
	padding?: Pair;
	dilation?: Pair;
	/** Round the output size up instead of down (windows may then run past the right edge). */
	ceilMode?: boolean;
}

export interface AvgPool2dOptions {
	stride?: Pair | null;
	/** Implicit zero padding on each side; at most half the kernel size. */
	padding?: Pair;
	ceilMode?: boolean;
	/** Count padding positions in the divisor (default true). */
	countIncludePad?: boolean;
	/** Divide every window's sum by this instead. */
	divisorOverride?: number | null;
}

export interface MaxPool1dOptions {
	stride?: number | null;
	padding?: number;
	dilation?: number;
	ceilMode?: boolean;
}

export interface AvgPool1dOptions {
	stride?: number | null;
	padding?: number;
	ceilMode?: boolean;
	countIncludePad?: boolean;
}

/** Accepts [C, H, W] (unbatched) or [N, C, H, W] with non-zero C, H, W, as PyTorch. */
function batched(op: string, input: Tensor): { x: Tensor; unbatched: boolean } {
	if ((input.ndim !== 3 && input.ndim !== 4) || input.shape.slice(-3).some((d) => d === 0)) {
		throw new RangeError(`${op}: expected a non-empty 3-D [C, H, W] or 4-D [N, C, H, W] input, got shape ${formatShape(input.shape)}`);
	}
	return input.ndim === 4 ? { x: input, unbatched: false } : { x: unsqueeze(input, 0), unbatched: true };
}

interface Window {
	kernel: [number, number];
	stride: [number, number];
	padding: [number, number];
	dilation: [number, number];
}

/** Normalises and checks kernel, stride, padding and dilation, and that the output is at least 1 x 1. */
function window(op: string, x: Tensor, kernelSize: Pair, options: { stride?: Pair | null; padding?: Pair; dilation?: Pair; ceilMode?: boolean }): Window {
	const kernel = pair(op, 'kernelSize', kernelSize, 1);
	const stride = options.stride == null || (Array.isArray(options.stride) && options.stride.length === 0) ? kernel : pair(op, 'stride', options.stride, 1);
	const padding = pair(op, 'padding', options.padding ?? 0, 0);
	const dilation = pair(op, 'dilation', options.dilation ?? 1, 1);
	if (padding.some((p, i) => p > Math.floor(kernel[i] / 2))) {
		throw new RangeError(
			`${op}: padding ${formatShape(padding)} must be at most half the kernel size ${formatShape(kernel)} ` +
				`(here at most ${formatShape(kernel.map((k) => Math.floor(k / 2)))})`,
		);
	}
	const [H, W] = x.shape.slice(2);
	const out = [H, W].map((s, i) => poolOutputSize(s, kernel[i], stride[i], padding[i], dilation[i], options.ceilMode ?? false));
	if (out.some((o) => o < 1)) {
		throw new RangeError(
			`${op}: input ${formatShape(x.shape)} is too small: with kernel ${formatShape(kernel)}, stride ${formatShape(stride)}, ` +
				`padding ${formatShape(padding)} and dilation ${formatShape(dilation)} the output would be ${out[0]} x ${out[1]}; ` +
				`use a smaller kernel or a larger input`,
		);
	}
	const two = (v: number[]) => [v[0], v[1]] as [number, number];
	return { kernel: two(kernel), stride: two(stride), padding: two(padding), dilation: two(dilation) };
}

function maxPool(op: string, input: Tensor, kernelSize: Pair, options: MaxPool2dOptions): Tensor {
	const { x, unbatched } = batched(op, input);
	const w = window(op, x, kernelSize, options);
	const y = maxPool2dOp([x], { ...w, ceilMode: options.ceilMode ?? false });
	return unbatched ? squeeze(y, 0) : y;
}

function avgPool(op: string, input: Tensor, kernelSize: Pair, options: AvgPool2dOptions): Tensor {
	const { x, unbatched } = batched(op, input);
	const { kernel, stride, padding } = window(op, x, kernelSize, { ...options, dilation: 1 });
	const divisorOverride = options.divisorOverride ?? null;
	if (divisorOverride === 0) throw new RangeError(`${op}: divisorOverride must not be zero`);
	const y = avgPool2dOp([x], {
		kernel,
		stride,
		padding,
		ceilMode: options.ceilMode ?? false,
		countIncludePad: options.countIncludePad ?? true,
		divisorOverride,
	});
	return unbatched ? squeeze(y, 0) : y;
}

function adaptiveAvgPool(op: string, input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
	const { x, unbatched } = batched(op, input);
	const given = typeof outputSize === 'number' ? [outputSize, outputSize] : [...outputSize];
	if (given.length === 1) given.push(given[0]);
	// null keeps the input's size along that axis, as None does in PyTorch
	const size = given.map((s, i) => (s == null ? x.shape[2 + i] : s));
	if (size.length !== 2 || size.some((s) => !Number.isInteger(s) || s < 0)) {
		throw new RangeError(`${op}: outputSize must be a non-negative integer or 2 of them (null keeps the input size), got ${JSON.stringify(outputSize)}`);
	}
	const y = adaptiveAvgPool2dOp([x], { outputSize: [size[0], size[1]] });
	return unbatched ? squeeze(y, 0) : y;
}

/** Puts a length axis L of [N, C, L] or [C, L] at the end of a height-1 image. */
function as2d(op: string, input: Tensor): Tensor {
	if ((input.ndim !== 2 && input.ndim !== 3) || input.shape.some((d, i) => d === 0 && i > 0)) {
		throw new RangeError(`${op}: expected a non-empty 2-D [C, L] or 3-D [N, C, L] input, got shape ${formatShape(input.shape)}`);
	}
	return unsqueeze(input, -2);
}

function scalar(op: string, name: string, v: number | readonly number[] | null | undefined): number | null {
	if (v == null) return null;
	const list = typeof v === 'number' ? [v] : v;
	if (list.length !== 1) throw new RangeError(`${op}: ${name} must be one integer, got ${JSON.stringify(v)}`);
	return list[0];
}

/**
 * Max over windows of a [N, C, H, W] (or [C, H, W]) input, as `torch.nn.functional.max_pool2d`. Padding counts
 * as -inf; the gradient goes to the first maximum of each window (row-major), and overlapping windows add up.
 *
 * ```ts
 * F.maxPool2d(randn([1, 3, 8, 8]), 2).shape; // [1, 3, 4, 4]
 * ```
 */
export function maxPool2d(input: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): Tensor {
	return maxPool('maxPool2d', input, kernelSize, options);
}

/**
 * Mean over windows, as `torch.nn.functional.avg_pool2d`: divisor = divisorOverride, or the window size
 * clipped to the padded input (countIncludePad, the default), or the count of real input elements.
 *
 * ```ts
 * F.avgPool2d(randn([1, 3, 8, 8]), 3, { stride: 2, padding: 1 }).shape; // [1, 3, 4, 4]
 * ```
 */
export function avgPool2d(input: Tensor, kernelSize: Pair, options: AvgPool2dOptions = {}): Tensor {
	return avgPool('avgPool2d', input, kernelSize, options);
}

/**
 * Mean over `outputSize` windows that tile the input, as `torch.nn.functional.adaptive_avg_pool2d`.
 *
 * ```ts
 * F.adaptiveAvgPool2d(randn([1, 3, 7, 5]), [3, 2]).shape; // [1, 3, 3, 2]
 * ```
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
	return adaptiveAvgPool('adaptiveAvgPool2d', input, outputSize);
}

/**
 * 1-D max pooling over [N, C, L] (or [C, L]), as `torch.nn.functional.max_pool1d`.
 *
 * ```ts
 * F.maxPool1d(randn([2, 4, 10]), 3, { stride: 2 }).shape; // [2, 4, 4]
 * ```
 */
export function maxPool1d(input: Tensor, kernelSize: number | readonly number[], options: MaxPool1dOptions = {}): Tensor {
	const op = 'maxPool1d';
	const k = scalar(op, 'kernelSize', kernelSize)!;
	const stride = scalar(op, 'stride', options.stride);
	const y = maxPool(op, as2d(op, input), [1, k], {
		stride: stride == null ? null : [1, stride],
		padding: [0, scalar(op, 'padding', options.padding) ?? 0],
		dilation: [1, scalar(op, 'dilation', options.dilation) ?? 1],
		ceilMode: options.ceilMode,
	});
	return squeeze(y, -2);
}

/**
 * 1-D average pooling over [N, C, L] (or [C, L]), as `torch.nn.functional.avg_pool1d`.
 *
 * ```ts
 * F.avgPool1d(randn([2, 4, 10]), 2).shape; // [2, 4, 5]
 * ```
 */
export function avgPool1d(input: Tensor, kernelSize: number | readonly number[], options: AvgPool1dOptions = {}): Tensor {
	const op = 'avgPool1d';
	const k = scalar(op, 'kernelSize', kernelSize)!;
	const stride = scalar(op, 'stride', options.stride);
	const y = avgPool(op, as2d(op, input), [1, k], {
		stride: stride == null ? null : [1, stride],
		padding: [0, scalar(op, 'padding', options.padding) ?? 0],
		ceilMode: options.ceilMode,
		countIncludePad: options.countIncludePad,
	});
	return squeeze(y, -2);
}

/**
 * 1-D adaptive average pooling over [N, C, L] (or [C, L]), as `torch.nn.functional.adaptive_avg_pool1d`.
 *
 * ```ts
 * F.adaptiveAvgPool1d(randn([2, 4, 10]), 3).shape; // [2, 4, 3]
 * ```
 */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number | readonly number[]): Tensor {
	const op = 'adaptiveAvgPool1d';
	return squeeze(adaptiveAvgPool(op, as2d(op, input), [1, scalar(op, 'outputSize', outputSize)!]), -2);
}
