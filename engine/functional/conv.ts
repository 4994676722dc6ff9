/**
 * Convolutions, as `torch.nn.functional`: conv2d and convTranspose2d check their arguments here and call the
 * primitives in ops/conv2d/; conv1d is conv2d over a height-1 axis; bias is a broadcast add (a composite).
 */
import { isFloat } from '../dtype';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import * as ops from '../ops/index';
import { conv2dBackwardInput, conv2dOp, convOutputSize, type ConvAttrs } from '../ops/conv2d/conv2d';
import { squeeze, unsqueeze } from './tensor-methods';

/** A number for both axes, or one per axis ([height, width]). */
export type Pair = number | readonly [number, number] | readonly number[];

export interface Conv2dOptions {
	stride?: Pair;
	/** Zero padding on each side, or 'valid' (none) or 'same' (output size = input size; stride 1 only). */
	padding?: Pair | 'valid' | 'same';
	dilation?: Pair;
	groups?: number;
}

export interface Conv1dOptions {
	stride?: number | readonly [number];
	padding?: number | readonly [number] | 'valid' | 'same';
	dilation?: number | readonly [number];
	groups?: number;
}

export interface ConvTranspose2dOptions {
	stride?: Pair;
	padding?: Pair;
	outputPadding?: Pair;
	groups?: number;
	dilation?: Pair;
}

/** Expands `n` or `[a, b]` to a pair of integers >= `min`, naming the op and the argument when it isn't one. */
export function pair(op: string, name: string, value: Pair, min: number, size = 2): number[] {
	const list = typeof value === 'number' ? new Array<number>(size).fill(value) : [...value];
	if (list.length === 1 && size > 1) list.push(list[0]);
	if (list.length !== size || list.some((v) => !Number.isInteger(v) || v < min)) {
		const what = min === 0 ? 'non-negative' : 'positive';
		throw new RangeError(`${op}: ${name} must be a ${what} integer or ${size} of them, got ${JSON.stringify(value)}`);
	}
	return list;
}

function checkGroups(op: string, groups: number): void {
	if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`${op}: groups must be a positive integer, got ${groups}`);
}

function checkFloat(op: string, input: Tensor, weight: Tensor): void {
	if (!isFloat(input.dtype) || !isFloat(weight.dtype)) {
		throw new TypeError(`${op}: input and weight must be float tensors, got ${input.dtype} and ${weight.dtype}; convert with .to('float32')`);
	}
}

/** Adds bias [C] along dim 1 of a 4-D output (broadcast add, so its gradient is the sum over N, H, W). */
function addBias(op: string, y: Tensor, bias: Tensor | null | undefined, channels: number): Tensor {
	if (!bias) return y;
	if (bias.ndim !== 1 || bias.shape[0] !== channels) {
		throw new RangeError(`${op}: bias has shape ${formatShape(bias.shape)} but the output has ${channels} channels; expected bias [${channels}]`);
	}
	return ops.add(y, ops.reshape(bias, [1, channels, 1, 1]));
}

/** Accepts 3-D (unbatched) or 4-D input, as PyTorch; returns the 4-D input and whether to drop the batch dim. */
function batched(op: string, input: Tensor, rank: number): { x: Tensor; unbatched: boolean } {
	if (input.ndim !== rank && input.ndim !== rank - 1) {
		const dims = rank === 4 ? '[N, C, H, W]' : '[N, C, L]';
		throw new RangeError(
			`${op}: expected ${rank - 1}-D (unbatched) or ${rank}-D (batched ${dims}) input, got shape ${formatShape(input.shape)}`,
		);
	}
	return input.ndim === rank ? { x: input, unbatched: false } : { x: unsqueeze(input, 0), unbatched: true };
}

/**
 * 'same' padding as PyTorch: total = dilation * (kernel - 1) per axis, split as floor(total / 2) before and
 * the rest after, so an odd total puts the extra row/column at the bottom/right.
 */
function resolvePadding(op: string, padding: Conv2dOptions['padding'], kernel: readonly number[], stride: number[], dilation: number[]): ConvAttrs['padding'] {
	if (padding === 'valid') return [0, 0, 0, 0];
	if (padding === 'same') {
		if (stride.some((s) => s !== 1)) {
			throw new RangeError(`${op}: padding='same' is not supported for strided convolutions (stride ${formatShape(stride)}); use stride 1 or give the padding as numbers`);
		}
		const total = kernel.map((k, i) => dilation[i] * (k - 1));
		const before = total.map((t) => Math.floor(t / 2));
		return [before[0], total[0] - before[0], before[1], total[1] - before[1]];
	}
	if (typeof padding === 'string') throw new RangeError(`${op}: padding must be a number, a pair, 'valid' or 'same', got '${padding}'`);
	const [ph, pw] = pair(op, 'padding', padding ?? 0, 0);
	return [ph, ph, pw, pw];
}

/**
 * 2-D cross-correlation (what deep learning calls convolution), as `torch.nn.functional.conv2d`:
 * input [N, Cin, H, W] (or unbatched [Cin, H, W]), weight [Cout, Cin/groups, kH, kW], bias [Cout].
 * Output [N, Cout, Ho, Wo] with Ho = floor((H + 2 * padding - dilation * (kH - 1) - 1) / stride) + 1.
 *
 * ```ts
 * const x = randn([1, 3, 8, 8]);
 * const w = randn([16, 3, 3, 3]);
 * F.conv2d(x, w, null, { padding: 1 }).shape; // [1, 16, 8, 8]
 * ```
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
	const op = 'conv2d';
	const { x, unbatched } = batched(op, input, 4);
	checkFloat(op, input, weight);
	if (weight.ndim !== 4) {
		throw new RangeError(`${op}: expected a 4-D weight [Cout, Cin/groups, kH, kW], got ${formatShape(weight.shape)}`);
	}
	const groups = options.groups ?? 1;
	checkGroups(op, groups);
	const cin = x.shape[1];
	const [cout, cinG] = weight.shape;
	if (cout % groups !== 0) {
		throw new RangeError(`${op}: weight ${formatShape(weight.shape)} has Cout = ${cout} output channels, which groups = ${groups} does not divide`);
	}
	if (cin !== cinG * groups) {
		throw new RangeError(
			`${op}: input ${formatShape(input.shape)} has ${cin} channels but weight ${formatShape(weight.shape)} expects ` +
				`${cinG * groups} (Cin/groups = ${cinG} with groups = ${groups}); weight is [Cout, Cin/groups, kH, kW]`,
		);
	}
	const stride = pair(op, 'stride', options.stride ?? 1, 1);
	const dilation = pair(op, 'dilation', options.dilation ?? 1, 1);
	const padding = resolvePadding(op, options.padding, weight.shape.slice(2), stride, dilation);
	const attrs: ConvAttrs = { stride: [stride[0], stride[1]], padding, dilation: [dilation[0], dilation[1]], groups };
	const y = addBias(op, conv2dOp([x, weight], attrs), bias, cout);
	return unbatched ? squeeze(y, 0) : y;
}

/**
 * 1-D cross-correlation, as `torch.nn.functional.conv1d`: input [N, Cin, L] (or [Cin, L]), weight
 * [Cout, Cin/groups, k]. Computed as conv2d over a height-1 axis, so Lo = floor((L + 2p - d(k - 1) - 1) / s) + 1.
 *
 * ```ts
 * F.conv1d(randn([2, 4, 10]), randn([6, 4, 3]), null, { padding: 'same' }).shape; // [2, 6, 10]
 * ```
 */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv1dOptions = {}): Tensor {
	const op = 'conv1d';
	const { x, unbatched } = batched(op, input, 3);
	if (weight.ndim !== 3) throw new RangeError(`${op}: expected a 3-D weight [Cout, Cin/groups, k], got ${formatShape(weight.shape)}`);
	const one = (name: string, v: number | readonly number[] | undefined, min: number) => pair(op, name, v ?? min, min, 1)[0];
	const stride = one('stride', options.stride, 1);
	const dilation = one('dilation', options.dilation, 1);
	const padding = typeof options.padding === 'string' ? options.padding : one('padding', options.padding, 0);
	if (typeof padding === 'string' && padding !== 'valid' && padding !== 'same') {
		throw new RangeError(`${op}: padding must be a number, 'valid' or 'same', got '${padding}'`);
	}
	if (padding === 'same' && stride !== 1) {
		throw new RangeError(`${op}: padding='same' is not supported for strided convolutions (stride ${stride}); use stride 1 or a number`);
	}
	const groups = options.groups ?? 1;
	checkGroups(op, groups);
	if (x.shape[1] !== weight.shape[1] * groups) {
		throw new RangeError(
			`${op}: input ${formatShape(input.shape)} has ${x.shape[1]} channels but weight ${formatShape(weight.shape)} expects ` +
				`${weight.shape[1] * groups} (Cin/groups = ${weight.shape[1]} with groups = ${groups}); weight is [Cout, Cin/groups, k]`,
		);
	}
	const [cout, , k] = weight.shape;
	if (cout % groups !== 0) {
		throw new RangeError(`${op}: weight ${formatShape(weight.shape)} has Cout = ${cout} output channels, which groups = ${groups} does not divide`);
	}
	// Lo = floor((L + 2 * padding - dilation * (k - 1) - 1) / stride) + 1 must be at least 1
	const padded = x.shape[2] + (typeof padding === 'number' ? 2 * padding : padding === 'same' ? dilation * (k - 1) : 0);
	if (padded < dilation * (k - 1) + 1) {
		throw new RangeError(
			`${op}: the padded input has length ${padded} but the (dilated) kernel covers ${dilation * (k - 1) + 1}, so the output ` +
				`would be empty; use a smaller kernel or dilation, more padding, or a longer input`,
		);
	}
	const y = conv2d(unsqueeze(x, 2), unsqueeze(weight, 2), bias, {
		stride: [1, stride],
		dilation: [1, dilation],
		padding: typeof padding === 'string' ? padding : [0, padding],
		groups,
	});
	const out = squeeze(y, 2);
	return unbatched ? squeeze(out, 0) : out;
}

/**
 * Transposed convolution, as `torch.nn.functional.conv_transpose2d`: the gradient of conv2d with respect to
 * its input. input [N, Cin, H, W] (or [Cin, H, W]), weight [Cin, Cout/groups, kH, kW], bias [Cout]; output
 *   Ho = (H - 1) * stride - 2 * padding + dilation * (kH - 1) + outputPadding + 1.
 *
 * ```ts
 * F.convTranspose2d(randn([1, 8, 4, 4]), randn([8, 3, 2, 2]), null, { stride: 2 }).shape; // [1, 3, 8, 8]
 * ```
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: ConvTranspose2dOptions = {}): Tensor {
	const op = 'convTranspose2d';
	const { x, unbatched } = batched(op, input, 4);
	checkFloat(op, input, weight);
	if (weight.ndim !== 4) {
		throw new RangeError(`${op}: expected a 4-D weight [Cin, Cout/groups, kH, kW], got ${formatShape(weight.shape)}`);
	}
	const groups = options.groups ?? 1;
	checkGroups(op, groups);
	const [cin, coutG, kH, kW] = weight.shape;
	if (x.shape[1] !== cin) {
		throw new RangeError(
			`${op}: input ${formatShape(input.shape)} has ${x.shape[1]} channels but weight ${formatShape(weight.shape)} expects ${cin}; ` +
				`weight is [Cin, Cout/groups, kH, kW]`,
		);
	}
	if (cin % groups !== 0) throw new RangeError(`${op}: weight ${formatShape(weight.shape)} has Cin = ${cin}, which groups = ${groups} does not divide`);
	const stride = pair(op, 'stride', options.stride ?? 1, 1);
	const padding = pair(op, 'padding', options.padding ?? 0, 0);
	const dilation = pair(op, 'dilation', options.dilation ?? 1, 1);
	const outputPadding = pair(op, 'outputPadding', options.outputPadding ?? 0, 0);
	for (let i = 0; i < 2; i++) {
		if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
			throw new RangeError(
				`${op}: outputPadding ${formatShape(outputPadding)} must be smaller than either stride ${formatShape(stride)} ` +
					`or dilation ${formatShape(dilation)} in each dim`,
			);
		}
	}
	const k = [kH, kW];
	// Ho = (H - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1
	const size = [0, 1].map((i) => (x.shape[2 + i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (k[i] - 1) + outputPadding[i] + 1);
	if (size.some((s) => s < 1)) {
		throw new RangeError(
			`${op}: input ${formatShape(input.shape)} with stride ${formatShape(stride)}, padding ${formatShape(padding)}, dilation ` +
				`${formatShape(dilation)} and kernel ${kH} x ${kW} gives an output of ${size[0]} x ${size[1]}; it must be at least 1 x 1 (reduce padding)`,
		);
	}
	const attrs = {
		stride: [stride[0], stride[1]] as [number, number],
		padding: [padding[0], padding[0], padding[1], padding[1]] as ConvAttrs['padding'],
		dilation: [dilation[0], dilation[1]] as [number, number],
		groups,
		inputSize: [size[0], size[1]] as [number, number],
	};
	const y = addBias(op, conv2dBackwardInput([x, weight], attrs), bias, coutG * groups);
	return unbatched ? squeeze(y, 0) : y;
}

export { convOutputSize };
