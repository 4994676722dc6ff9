/**
 * 2-D average pooling (fixed and adaptive windows) as primitives, for speed: a composite would need one slice
 * per kernel element, and a separable matmul form would spread a NaN or inf to every window of its row.
 * Each is linear, so its backward is a second primitive that spreads dy / divisor over the window (the
 * adjoint), and that one's backward is the forward op again: gradients of gradients are exact.
 * The public API is `F.avgPool2d` and `F.adaptiveAvgPool2d` (functional/pooling.ts).
 */
import type { CpuArg } from '../../backends/backend';
import { defineOp, type Op } from '../../define-op';
import { formatShape } from '../../shape';
import { adaptivePoolWindows, avgPoolWindows, type AvgPoolAttrs, type AxisWindows } from './pool-windows';
import { avgPoolKernels } from './pool2d-webgpu';

export type { AvgPoolAttrs } from './pool-windows';

export interface AdaptiveAvgPoolAttrs {
	outputSize: [number, number];
}

type Windows<A> = (inHW: readonly number[], attrs: A) => [AxisWindows, AxisWindows];
type WithInput<A> = A & { inputSize: [number, number] };

/**
 * out[o] = sum(x over window o) / divisor, where divisor = divisorOverride, or rows.div[oh] * cols.div[ow]
 * (PyTorch's pool_size or the count of real elements). A window with no element gives 0, as PyTorch.
 */
function poolForward(x: CpuArg, out: CpuArg, rows: AxisWindows, cols: AxisWindows, divisorOverride: number | null): void {
	const [N, C, H, W] = x.shape;
	const Ho = rows.start.length;
	const Wo = cols.start.length;
	const xd = x.data;
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
					out.data[o] = 0;
					continue;
				}
				let s = 0;
				for (let r = r0; r < r1; r++) {
					const rowBase = base + r * W;
					for (let c = c0; c < c1; c++) s += xd[rowBase + c];
				}
				out.data[o] = s / (divisorOverride ?? rows.div[oh] * cols.div[ow]);
			}
		}
	}
}

/** dx[i] = sum over the windows o containing i of dy[o] / divisor(o). */
function poolBackward(dy: CpuArg, out: CpuArg, rows: AxisWindows, cols: AxisWindows, divisorOverride: number | null): void {
	const [N, C, H, W] = out.shape;
	const Ho = rows.start.length;
	const Wo = cols.start.length;
	const dx = out.data;
	dx.fill(0);
	let o = 0;
	for (let p = 0; p < N * C; p++) {
		const base = p * H * W;
		for (let oh = 0; oh < Ho; oh++) {
			const r0 = rows.start[oh];
			const r1 = rows.end[oh];
			for (let ow = 0; ow < Wo; ow++, o++) {
				const c0 = cols.start[ow];
				const c1 = cols.end[ow];
				if (r0 >= r1 || c0 >= c1) continue;
				const delta = dy.data[o] / (divisorOverride ?? rows.div[oh] * cols.div[ow]);
				for (let r = r0; r < r1; r++) {
					const rowBase = base + r * W;
					for (let c = c0; c < c1; c++) dx[rowBase + c] += delta;
				}
			}
		}
	}
}

/** Defines a linear pooling op and its adjoint from a window rule. */
function definePool<A extends object>(
	name: string,
	windows: Windows<A>,
	divisor: (a: A) => number | null,
	onnx?: { opType: string; attributes?: (a: A) => Record<string, unknown> },
): { forward: Op<A>; backward: Op<WithInput<A>> } {
	const pooled = (x: readonly number[], a: A): number[] => {
		if (x.length !== 4) throw new RangeError(`${name}: expected a 4-D input [N, C, H, W], got ${formatShape(x)}`);
		const [rows, cols] = windows(x.slice(2), a);
		return [x[0], x[1], rows.start.length, cols.start.length];
	};
	const strip = (a: WithInput<A>): A => {
		const { inputSize: _, ...rest } = a;
		return rest as unknown as A;
	};
	const forward: Op<A> = defineOp<A>({
		name,
		inputs: ['x'],
		shape: ([x], a) => pooled(x, a),
		cpu: ([x], out, a) => poolForward(x, out, ...windows(x.shape.slice(2), a), divisor(a)),
		webgpu: avgPoolKernels[name].forward,
		backward: ({ inputs: [x], attrs }, dy) => [backward([dy], { ...attrs, inputSize: [x.shape[2], x.shape[3]] })],
		onnx,
	});
	const backward: Op<WithInput<A>> = defineOp<WithInput<A>>({
		name: `${name}Backward`,
		inputs: ['dy'],
		shape: ([dy], a) => {
			const x = [dy[0], dy[1], ...a.inputSize];
			const expected = pooled(x, a);
			if (formatShape(dy) !== formatShape(expected)) {
				throw new RangeError(`${name}Backward: dy has shape ${formatShape(dy)} but pooling ${formatShape(x)} gives ${formatShape(expected)}`);
			}
			return x;
		},
		cpu: ([dy], out, a) => poolBackward(dy, out, ...windows(a.inputSize, a), divisor(a)),
		webgpu: avgPoolKernels[name].backward,
		backward: ({ attrs }, ddx) => [forward([ddx], strip(attrs))],
	});
	return { forward, backward };
}

const avg = definePool<AvgPoolAttrs>('avgPool2d', avgPoolWindows, (a) => a.divisorOverride, {
	opType: 'AveragePool',
	attributes: ({ kernel, stride, padding: [ph, pw], ceilMode, countIncludePad }) => ({
		kernel_shape: kernel,
		strides: stride,
		pads: [ph, pw, ph, pw],
		ceil_mode: ceilMode ? 1 : 0,
		count_include_pad: countIncludePad ? 1 : 0,
	}),
});

const adaptive = definePool<AdaptiveAvgPoolAttrs>('adaptiveAvgPool2d', (inHW, a) => adaptivePoolWindows(inHW, a.outputSize), () => null);

/** Average over each window of x [N, C, H, W] with PyTorch's divisor rules (see pool-windows.ts). */
export const avgPool2dOp: Op<AvgPoolAttrs> = avg.forward;
export const avgPool2dBackward: Op<WithInput<AvgPoolAttrs>> = avg.backward;
/** Average over windows [floor(i * H / out), ceil((i + 1) * H / out)) per axis. */
export const adaptiveAvgPool2dOp: Op<AdaptiveAvgPoolAttrs> = adaptive.forward;
export const adaptiveAvgPool2dBackward: Op<WithInput<AdaptiveAvgPoolAttrs>> = adaptive.backward;
