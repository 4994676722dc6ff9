/**
 * conv2d and its two gradients as primitives. conv2d could be written with existing ops (unfold by slicing,
 * then matmul), but that builds kH * kW slices per call and is far too slow to train a CNN on the CPU, so
 * it is a primitive for speed (im2col loops in conv2d-cpu.ts). Its gradients are primitives too, and each one's
 * backward is written with the other two, so gradients of gradients are exact:
 *
 *   y  = conv2d(x, w)                 dx = conv2dBackwardInput(dy, w)     dw = conv2dBackwardWeight(x, dy)
 *
 * All three are bilinear, and each is the adjoint of another in one argument, which gives every backward below.
 * The public, argument-checking API is `F.conv2d` / `F.convTranspose2d` in functional/conv.ts.
 */
import { defineOp, type Op } from '../../define-op';
import { formatShape } from '../../shape';
import type { Tensor } from '../../tensor';
import { stridedSlice } from '../slice/slice';
import { conv2dBackwardInputCpu, conv2dBackwardWeightCpu, conv2dCpu, type ConvAttrs } from './conv2d-cpu';
import { conv2dBackwardInputWasm, conv2dBackwardWeightWasm, conv2dWasm } from '../../backends/wasm/conv';
import { conv2dBackwardInputKernel, conv2dBackwardWeightKernel, conv2dKernel } from './conv2d-webgpu';

export type { ConvAttrs } from './conv2d-cpu';

type InputGradAttrs = ConvAttrs & { inputSize: [number, number] };
type WeightGradAttrs = ConvAttrs & { weightSize: [number, number] };

/**
 * PyTorch's convolution output size along one axis:
 *   out = floor((in + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1
 */
export function convOutputSize(size: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
	return Math.floor((size + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
}

function outputHW(op: string, inHW: readonly number[], kHW: readonly number[], a: ConvAttrs): [number, number] {
	const [pt, pb, pl, pr] = a.padding;
	const paddedH = inHW[0] + pt + pb;
	const paddedW = inHW[1] + pl + pr;
	const effH = a.dilation[0] * (kHW[0] - 1) + 1;
	const effW = a.dilation[1] * (kHW[1] - 1) + 1;
	if (paddedH < effH || paddedW < effW) {
		throw new RangeError(
			`${op}: the padded input is ${paddedH} x ${paddedW} per channel but the (dilated) kernel covers ` +
				`${effH} x ${effW}, so the output would have size ${convOutputSize(inHW[0], kHW[0], a.stride[0], pt, pb, a.dilation[0])} x ` +
				`${convOutputSize(inHW[1], kHW[1], a.stride[1], pl, pr, a.dilation[1])}; use a smaller kernel or dilation, more padding, or a larger input`,
		);
	}
	return [
		convOutputSize(inHW[0], kHW[0], a.stride[0], pt, pb, a.dilation[0]),
		convOutputSize(inHW[1], kHW[1], a.stride[1], pl, pr, a.dilation[1]),
	];
}

/** Channel checks shared by the three ops: x has cinG * groups channels, dy has Cout, Cout divides by groups. */
function checkChannels(op: string, xChannels: number, weight: readonly number[], groups: number, what: string): void {
	if (weight.length !== 4) throw new RangeError(`${op}: expected a 4-D weight [Cout, Cin/groups, kH, kW], got ${formatShape(weight)}`);
	if (weight[0] % groups !== 0) {
		throw new RangeError(`${op}: weight ${formatShape(weight)} has ${weight[0]} output channels, which groups = ${groups} does not divide`);
	}
	if (xChannels !== weight[1] * groups) {
		throw new RangeError(
			`${op}: ${what} has ${xChannels} channels but weight ${formatShape(weight)} expects ${weight[1] * groups} ` +
				`(Cin/groups = ${weight[1]} with groups = ${groups})`,
		);
	}
}

/** Checks that dy's positions fit windows inside the padded input (dy may be smaller than conv2d's output). */
function checkGradSize(op: string, dy: readonly number[], inHW: readonly number[], kHW: readonly number[], a: ConvAttrs): void {
	const [ho, wo] = outputHW(op, inHW, kHW, a);
	if (dy[2] > ho || dy[3] > wo) {
		throw new RangeError(`${op}: dy ${formatShape(dy)} is larger than conv2d's output ${ho} x ${wo} for input size ${inHW[0]} x ${inHW[1]}`);
	}
}

/** Drops the trailing rows/columns of a conv2d output that lie past dy (they exist when dy is smaller). */
function fitTo(y: Tensor, shape: readonly number[]): Tensor {
	if (y.shape[2] === shape[2] && y.shape[3] === shape[3]) return y;
	return stridedSlice(y, [0, 0, 0, 0], [1, 1, 1, 1], [...shape]);
}

const strip = ({ stride, padding, dilation, groups }: ConvAttrs): ConvAttrs => ({ stride, padding, dilation, groups });

/** y [N, Cout, Ho, Wo] = cross-correlation of x [N, Cin, H, W] with w [Cout, Cin/groups, kH, kW]. */
export const conv2dOp: Op<ConvAttrs> = defineOp<ConvAttrs>({
	name: 'conv2d',
	inputs: ['x', 'weight'],
	promote: false,
	shape: ([x, w], a) => {
		if (x.length !== 4) throw new RangeError(`conv2d: expected a 4-D input [N, Cin, H, W], got ${formatShape(x)}`);
		checkChannels('conv2d', x[1], w, a.groups, `input ${formatShape(x)}`);
		return [x[0], w[0], ...outputHW('conv2d', x.slice(2), w.slice(2), a)];
	},
	cpu: ([x, w], out, a) => conv2dCpu(x, w, out, a),
	wasm: conv2dWasm,
	webgpu: conv2dKernel,
	backward: ({ inputs: [x, w], attrs }, dy) => [
		x.requiresGrad ? conv2dBackwardInput([dy, w], { ...strip(attrs), inputSize: [x.shape[2], x.shape[3]] }) : null,
		w.requiresGrad ? conv2dBackwardWeight([x, dy], { ...strip(attrs), weightSize: [w.shape[2], w.shape[3]] }) : null,
	],
	onnx: {
		opType: 'Conv',
		attributes: ({ stride, padding: [t, b, l, r], dilation, groups }) => ({ strides: stride, pads: [t, l, b, r], dilations: dilation, group: groups }),
	},
});

/**
 * dx [N, Cin, H, W] from dy [N, Cout, Ho, Wo] and w [Cout, Cin/groups, kH, kW]: the gradient of conv2d in its
 * input, and convTranspose2d's forward. `inputSize` is [H, W], which dy alone does not fix (stride > 1 floors).
 */
export const conv2dBackwardInput: Op<InputGradAttrs> = defineOp<InputGradAttrs>({
	name: 'conv2dBackwardInput',
	inputs: ['dy', 'weight'],
	promote: false,
	shape: ([dy, w], a) => {
		if (dy.length !== 4) throw new RangeError(`conv2dBackwardInput: expected a 4-D dy [N, Cout, Ho, Wo], got ${formatShape(dy)}`);
		if (w.length !== 4 || dy[1] !== w[0]) {
			throw new RangeError(`conv2dBackwardInput: dy ${formatShape(dy)} has ${dy[1]} channels but weight ${formatShape(w)} has ${w[0]} output channels`);
		}
		checkChannels('conv2dBackwardInput', w[1] * a.groups, w, a.groups, 'dx');
		checkGradSize('conv2dBackwardInput', dy, a.inputSize, w.slice(2), a);
		return [dy[0], w[1] * a.groups, ...a.inputSize];
	},
	cpu: ([dy, w], out, a) => conv2dBackwardInputCpu(dy, w, out, a),
	wasm: conv2dBackwardInputWasm,
	webgpu: conv2dBackwardInputKernel,
	// dx is bilinear in (dy, w): <ddx, dx> = <conv2d(ddx, w), dy>, so d/d(dy) = conv2d(ddx, w) and
	// d/dw = conv2dBackwardWeight(ddx, dy).
	backward: ({ inputs: [dy, w], attrs }, ddx) => [
		dy.requiresGrad ? fitTo(conv2dOp([ddx, w], strip(attrs)), dy.shape) : null,
		w.requiresGrad ? conv2dBackwardWeight([ddx, dy], { ...strip(attrs), weightSize: [w.shape[2], w.shape[3]] }) : null,
	],
	onnx: {
		opType: 'ConvTranspose',
		attributes: ({ stride, padding: [t, b, l, r], dilation, groups }) => ({ strides: stride, pads: [t, l, b, r], dilations: dilation, group: groups }),
	},
});

/** dw [Cout, Cin/groups, kH, kW] from x [N, Cin, H, W] and dy [N, Cout, Ho, Wo], summed over the batch. */
export const conv2dBackwardWeight: Op<WeightGradAttrs> = defineOp<WeightGradAttrs>({
	name: 'conv2dBackwardWeight',
	inputs: ['x', 'dy'],
	promote: false,
	shape: ([x, dy], a) => {
		if (x.length !== 4 || dy.length !== 4 || x[0] !== dy[0]) {
			throw new RangeError(`conv2dBackwardWeight: expected x [N, Cin, H, W] and dy [N, Cout, Ho, Wo] with the same N, got ${formatShape(x)} and ${formatShape(dy)}`);
		}
		const w = [dy[1], x[1] / a.groups, ...a.weightSize];
		if (x[1] % a.groups !== 0) throw new RangeError(`conv2dBackwardWeight: x ${formatShape(x)} has ${x[1]} channels, which groups = ${a.groups} does not divide`);
		checkChannels('conv2dBackwardWeight', x[1], w, a.groups, `x ${formatShape(x)}`);
		checkGradSize('conv2dBackwardWeight', dy, x.slice(2), a.weightSize, a);
		return w;
	},
	cpu: ([x, dy], out, a) => conv2dBackwardWeightCpu(x, dy, out, a),
	wasm: conv2dBackwardWeightWasm,
	webgpu: conv2dBackwardWeightKernel,
	// dw is bilinear in (x, dy): <ddw, dw> = <conv2d(x, ddw), dy>, so d/dx = conv2dBackwardInput(dy, ddw) and
	// d/d(dy) = conv2d(x, ddw).
	backward: ({ inputs: [x, dy], attrs }, ddw) => [
		x.requiresGrad ? conv2dBackwardInput([dy, ddw], { ...strip(attrs), inputSize: [x.shape[2], x.shape[3]] }) : null,
		dy.requiresGrad ? fitTo(conv2dOp([x, ddw], strip(attrs)), dy.shape) : null,
	],
});
