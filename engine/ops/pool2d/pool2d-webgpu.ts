/**
 * WebGPU kernels of the pooling primitives, with the CPU kernels' exact window rules (pool-windows.ts): one
 * invocation per output element for the forward ops and maxPool2dSelect, and one per input element for the
 * backward ops, which gather the windows covering them (no atomics: float32 sums are added in the CPU's
 * order). maxPool2dBackward first writes every window's winner to a scratch buffer. All barrier-free, so
 * the same kernels serve GPUs and software adapters.
 */
import {
	grid,
	UniformWriter,
	webgpuKernel,
	WebGpuUnsupportedError,
	type BindingDecl,
	type BindingRef,
	type GpuOperand,
	type WebGpuKernel,
	type WebGpuPass,
} from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import { sizeOf } from '../../shape';
import type { AvgPoolAttrs, MaxPoolAttrs } from './pool-windows';
import maxWindowWgsl from './max-pool2d-window.wgsl?raw';
import maxPoolWgsl from './max-pool2d.wgsl?raw';
import maxWinnersWgsl from './max-pool2d-winners.wgsl?raw';
import maxBackwardWgsl from './max-pool2d-backward.wgsl?raw';
import avgWindowWgsl from './avg-pool2d-window.wgsl?raw';
import avgPoolWgsl from './avg-pool2d.wgsl?raw';
import avgBackwardWgsl from './avg-pool2d-backward.wgsl?raw';

const FIELDS = ['planes', 'H', 'W', 'Ho', 'Wo', 'kH', 'kW', 'sh', 'sw', 'ph', 'pw', 'dh', 'dw', 'adaptive', 'cip', 'has_div', 'total'] as const;
type Geometry = Record<(typeof FIELDS)[number], number> & { divisor: number };
const STRUCT = `struct U { ${FIELDS.map((f) => `${f}: u32`).join(', ')}, divisor: f32 }`;

function uniforms(g: Geometry): Uint32Array {
	return new UniformWriter().u32(...FIELDS.map((f) => g[f])).f32(g.divisor).build();
}

/** Geometry from the input x [N, C, H, W] and the pooled [N, C, Ho, Wo] shapes; `total` is set per pass. */
function geometry(input: readonly number[], pooled: readonly number[], window: Partial<Geometry>): Geometry {
	const [N, C, H, W] = input;
	const base = { planes: N * C, H, W, Ho: pooled[2], Wo: pooled[3], kH: 1, kW: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1 };
	return { ...base, adaptive: 0, cip: 0, has_div: 0, total: 0, divisor: 0, ...window };
}

function checkFloat32(op: string, operands: readonly GpuOperand[]): void {
	for (const x of operands) {
		if (x.dtype !== 'float32') {
			throw new WebGpuUnsupportedError(`${op}: ${x.dtype} is not supported on 'webgpu'; use float32 there (or run it on the CPU)`);
		}
	}
}

const read = (name: string, elem = 'f32'): BindingDecl => ({ name, access: 'read', elem });
const write = (name: string, elem = 'f32'): BindingDecl => ({ name, access: 'write', elem });

function pass(key: string, buffers: BindingDecl[], body: string, bindings: BindingRef[], g: Geometry, total: number): WebGpuPass {
	return {
		key,
		source: () => assemble({ struct: STRUCT, buffers, math: true, body }),
		bindings,
		uniforms: uniforms({ ...g, total }),
		workgroups: grid(Math.ceil(total / 256)),
	};
}

const maxWindow = (a: MaxPoolAttrs): Partial<Geometry> => ({
	kH: a.kernel[0], kW: a.kernel[1], sh: a.stride[0], sw: a.stride[1], ph: a.padding[0], pw: a.padding[1], dh: a.dilation[0], dw: a.dilation[1],
});

/** maxPool2d (reads x, -inf for an empty window) or maxPool2dSelect (reads v, 0 for an empty window). */
function maxGather(op: 'maxPool2d' | 'maxPool2dSelect'): WebGpuKernel<MaxPoolAttrs> {
	const select = op === 'maxPool2dSelect';
	return webgpuKernel(({ inputs, out, attrs }) => {
		checkFloat32(op, inputs);
		const x = inputs[select ? 1 : 0];
		const g = geometry(x.shape, out.shape, maxWindow(attrs));
		const glue = select
			? 'fn src_at(i: u32) -> f32 { return v[i]; }\nfn empty_value() -> f32 { return 0.0; }'
			: 'fn src_at(i: u32) -> f32 { return x[i]; }\nfn empty_value() -> f32 { return -inf_f(); }';
		const buffers = select ? [read('v'), read('x'), write('out')] : [read('x'), write('out')];
		const bindings: BindingRef[] = select ? [0, 1, 'out'] : [0, 'out'];
		return { passes: [pass(op, buffers, [maxWindowWgsl, glue, maxPoolWgsl].join('\n'), bindings, g, sizeOf(out.shape))] };
	});
}

export const maxPool2dKernel = maxGather('maxPool2d');
export const maxPool2dSelectKernel = maxGather('maxPool2dSelect');

/** dx [N, C, H, W] from dy [N, C, Ho, Wo] and x: winners first (scratch), then a gather per input element. */
export const maxPool2dBackwardKernel: WebGpuKernel<MaxPoolAttrs> = webgpuKernel(({ inputs: [dy, x], out, attrs }) => {
	checkFloat32('maxPool2dBackward', [dy, x]);
	const g = geometry(x.shape, dy.shape, maxWindow(attrs));
	const windows = sizeOf(dy.shape);
	return {
		passes: [
			pass('maxPool2dBackward|winners', [read('x'), write('win', 'i32')], `${maxWindowWgsl}\n${maxWinnersWgsl}`, [1, { scratch: 0 }], g, windows),
			pass('maxPool2dBackward|gather', [write('win', 'i32'), read('dy'), write('out')], maxBackwardWgsl, [{ scratch: 0 }, 0, 'out'], g, sizeOf(out.shape)),
		],
		scratch: [{ dtype: 'int32', size: Math.max(1, windows) }],
	};
});

type AvgWindow<A> = (a: A) => Partial<Geometry>;

const fixedWindow: AvgWindow<AvgPoolAttrs> = (a) => ({
	kH: a.kernel[0], kW: a.kernel[1], sh: a.stride[0], sw: a.stride[1], ph: a.padding[0], pw: a.padding[1],
	cip: a.countIncludePad ? 1 : 0, has_div: a.divisorOverride === null ? 0 : 1, divisor: a.divisorOverride ?? 0,
});
const adaptiveWindow: AvgWindow<unknown> = () => ({ adaptive: 1 });

/** The forward and backward kernels of a linear pooling op from its window rule. */
function avgKernels<A>(op: string, window: AvgWindow<A>): { forward: WebGpuKernel<A>; backward: WebGpuKernel<A> } {
	const forward = webgpuKernel<A>(({ inputs: [x], out, attrs }) => {
		checkFloat32(op, [x]);
		const g = geometry(x.shape, out.shape, window(attrs));
		return { passes: [pass(`${op}|avg`, [read('x'), write('out')], `${avgWindowWgsl}\n${avgPoolWgsl}`, [0, 'out'], g, sizeOf(out.shape))] };
	});
	const backward = webgpuKernel<A>(({ inputs: [dy], out, attrs }) => {
		checkFloat32(`${op}Backward`, [dy]);
		const g = geometry(out.shape, dy.shape, window(attrs));
		const body = `${avgWindowWgsl}\n${avgBackwardWgsl}`;
		return { passes: [pass(`${op}|avg-backward`, [read('dy'), write('out')], body, [0, 'out'], g, sizeOf(out.shape))] };
	});
	return { forward, backward };
}

export const avgPool2dKernels = avgKernels<AvgPoolAttrs>('avgPool2d', fixedWindow);
export const adaptiveAvgPool2dKernels = avgKernels<unknown>('adaptiveAvgPool2d', adaptiveWindow);

/** The linear pooling ops' kernels by op name (avg-pool2d.ts defines both ops from one template). */
export const avgPoolKernels: Record<string, { forward: unknown; backward: unknown }> = {
	avgPool2d: avgPool2dKernels,
	adaptiveAvgPool2d: adaptiveAvgPool2dKernels,
};
