/**
 * 2-D max pooling as primitives (for speed: a composite would need one slice per kernel element). Three ops
 * share one "which input element wins each window" loop:
 *   maxPool2d(x)                the pooled values
 *   maxPool2dBackward(dy, x)    dx: each window's gradient added to its winner (overlapping windows accumulate)
 *   maxPool2dSelect(v, x)       v read at the winners of x's windows (the adjoint of maxPool2dBackward in dy)
 * The winners are piecewise constant in x, so no gradient flows through them to x; with these three, gradients
 * of gradients are exact. The public API is `F.maxPool2d` (functional/pooling.ts).
 */
import type { CpuArg } from '../../backends/backend';
import { defineOp, type Op } from '../../define-op';
import { formatShape } from '../../shape';
import { maxPoolWindows, type MaxPoolAttrs } from './pool-windows';
import { maxPool2dBackwardWasm, maxPool2dSelectWasm, maxPool2dWasm } from './max-pool2d-wasm';
import { maxPool2dBackwardKernel, maxPool2dKernel, maxPool2dSelectKernel } from './pool2d-webgpu';

export type { MaxPoolAttrs } from './pool-windows';

/**
 * For each output element of x [N, C, H, W], the flat index in x of its window's maximum, or -1 for a window
 * with no element inside the input. As PyTorch's CPU kernel: scanning rows then columns, an element wins when
 * it is greater than the best so far or is NaN, starting from best = -inf at the window's first element; so
 * ties go to the first maximum, a window of all -inf picks its first element, and NaN propagates.
 */
function windowArgmax(x: CpuArg, a: MaxPoolAttrs): { index: Int32Array; Ho: number; Wo: number } {
	const [N, C, H, W] = x.shape;
	const [rows, cols] = maxPoolWindows([H, W], a);
	const Ho = rows.start.length;
	const Wo = cols.start.length;
	const index = new Int32Array(N * C * Ho * Wo);
	const xd = x.data;
	const dh = rows.step;
	const dw = cols.step;
	let o = 0;
	for (let p = 0; p < N * C; p++) {
		const base = p * H * W;
		for (let oh = 0; oh < Ho; oh++) {
			const r0 = rows.start[oh];
			const r1 = rows.end[oh];
			for (let ow = 0; ow < Wo; ow++, o++) {
				const c0 = cols.start[ow];
				const c1 = cols.end[ow];
				if (r0 >= r1 || c0 >= c1) {
					index[o] = -1;
					continue;
				}
				let best = base + r0 * W + c0;
				let bestVal = -Infinity;
				for (let r = r0; r < r1; r += dh) {
					const rowBase = base + r * W;
					for (let c = c0; c < c1; c += dw) {
						const v = xd[rowBase + c];
						if (v > bestVal || v !== v) {
							bestVal = v;
							best = rowBase + c;
						}
					}
				}
				index[o] = best;
			}
		}
	}
	return { index, Ho, Wo };
}

function pooledShape(op: string, x: readonly number[], a: MaxPoolAttrs): number[] {
	if (x.length !== 4) throw new RangeError(`${op}: expected a 4-D input [N, C, H, W], got ${formatShape(x)}`);
	const [rows, cols] = maxPoolWindows(x.slice(2), a);
	return [x[0], x[1], rows.start.length, cols.start.length];
}

/** Max over each window of x [N, C, H, W]; a window entirely in the padding gives -inf. */
export const maxPool2dOp: Op<MaxPoolAttrs> = defineOp<MaxPoolAttrs>({
	name: 'maxPool2d',
	inputs: ['x'],
	shape: ([x], a) => pooledShape('maxPool2d', x, a),
	cpu: ([x], out, a) => {
		const { index } = windowArgmax(x, a);
		for (let i = 0; i < index.length; i++) out.data[i] = index[i] >= 0 ? x.data[index[i]] : -Infinity;
	},
	wasm: maxPool2dWasm,
	webgpu: maxPool2dKernel,
	backward: ({ inputs: [x], attrs }, dy) => [maxPool2dBackward([dy, x], attrs)],
	onnx: {
		opType: 'MaxPool',
		attributes: ({ kernel, stride, padding: [ph, pw], dilation, ceilMode }) => ({
			kernel_shape: kernel,
			strides: stride,
			pads: [ph, pw, ph, pw],
			dilations: dilation,
			ceil_mode: ceilMode ? 1 : 0,
		}),
	},
});

/** dx [N, C, H, W]: zeros with dy [N, C, Ho, Wo] added at each window's winner in x. */
export const maxPool2dBackward: Op<MaxPoolAttrs> = defineOp<MaxPoolAttrs>({
	name: 'maxPool2dBackward',
	inputs: ['dy', 'x'],
	shape: ([dy, x], a) => {
		const pooled = pooledShape('maxPool2dBackward', x, a);
		if (formatShape(dy) !== formatShape(pooled)) {
			throw new RangeError(`maxPool2dBackward: dy has shape ${formatShape(dy)} but pooling x ${formatShape(x)} gives ${formatShape(pooled)}`);
		}
		return [...x];
	},
	cpu: ([dy, x], out, a) => {
		const { index } = windowArgmax(x, a);
		const dx = out.data;
		dx.fill(0);
		for (let i = 0; i < index.length; i++) if (index[i] >= 0) dx[index[i]] += dy.data[i];
	},
	wasm: maxPool2dBackwardWasm,
	webgpu: maxPool2dBackwardKernel,
	backward: ({ inputs: [, x], attrs }, ddx) => [maxPool2dSelect([ddx, x], attrs), null],
});

/** v [N, C, H, W] read at the winners of x's windows: [N, C, Ho, Wo] (0 for windows with no element). */
export const maxPool2dSelect: Op<MaxPoolAttrs> = defineOp<MaxPoolAttrs>({
	name: 'maxPool2dSelect',
	inputs: ['v', 'x'],
	shape: ([v, x], a) => {
		if (formatShape(v) !== formatShape(x)) throw new RangeError(`maxPool2dSelect: v ${formatShape(v)} and x ${formatShape(x)} must have the same shape`);
		return pooledShape('maxPool2dSelect', x, a);
	},
	cpu: ([v, x], out, a) => {
		const { index } = windowArgmax(x, a);
		for (let i = 0; i < index.length; i++) out.data[i] = index[i] >= 0 ? v.data[index[i]] : 0;
	},
	wasm: maxPool2dSelectWasm,
	webgpu: maxPool2dSelectKernel,
	backward: ({ inputs: [, x], attrs }, dy) => [maxPool2dBackward([dy, x], attrs), null],
});
