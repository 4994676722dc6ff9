/**
 * WebGPU kernels of conv2d, conv2dBackwardInput and conv2dBackwardWeight, in two variants picked by the
 * backend's options (`conv`):
 * - 'direct' (software adapters such as SwiftShader, which emulate workgroup memory and barriers slowly): each
 *   invocation computes a 4 × 4 block of outputs (4 channels × 4 positions) straight from the tensors, with the
 *   weight regrouped first so that 4 channels are one vec4 load (conv2d-weights.wgsl).
 * - 'tiled' (GPUs): each op as an implicit matrix product, staged through workgroup memory in 64 × 64 tiles
 *   (conv2d-gemm-tiled.wgsl with one loader file per op).
 * conv2dBackwardWeight reduces over every position of the batch; it splits that sum into slices that run in
 * parallel and adds their partial sums in a second pass, in a fixed order (no atomics, so results repeat exactly).
 * Sizes live in uniforms, so one pipeline per variant serves every shape.
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
	type WebGpuKernelOptions,
	type WebGpuPass,
} from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import type { ConvAttrs } from './conv2d-cpu';
import weightsWgsl from './conv2d-weights.wgsl?raw';
import directWgsl from './conv2d-direct.wgsl?raw';
import inputDirectWgsl from './conv2d-backward-input-direct.wgsl?raw';
import weightDirectWgsl from './conv2d-backward-weight-direct.wgsl?raw';
import sumPartialsWgsl from './conv2d-sum-partials.wgsl?raw';
import gemmTiledWgsl from './conv2d-gemm-tiled.wgsl?raw';
import tiledForwardWgsl from './conv2d-tiled-forward.wgsl?raw';
import tiledInputWgsl from './conv2d-tiled-backward-input.wgsl?raw';
import tiledWeightWgsl from './conv2d-tiled-backward-weight.wgsl?raw';

const FIELDS = [
	'N', 'Cin', 'H', 'W', 'Cout', 'cinG', 'coutG', 'G', 'kH', 'kW', 'Ho', 'Wo', 'sh', 'sw', 'dh', 'dw', 'pt', 'pl',
	'total', 'blocks', 'cols', 'rows', 'splits', 'm', 'n',
] as const;
type Geometry = Record<(typeof FIELDS)[number], number>;
const STRUCT = `struct U { ${FIELDS.map((f) => `${f}: u32`).join(', ')} }`;

/** Threads per workgroup of the direct kernels (heavier per thread than an element-wise kernel). */
const DIRECT_WG = 64;
const MAX_GROUPS = 65535;
/** Invocations the direct weight gradient aims for (software adapters run a few hundred lanes at once). */
const DIRECT_WEIGHT_THREADS = 512;
/** Workgroups the tiled weight gradient aims for (enough to fill a GPU's compute units). */
const TILED_WEIGHT_GROUPS = 128;

/** Sizes of one call: image [N, Cin, H, W] (x or dx), weight [Cout, cinG, kH, kW], dy or y [N, Cout, Ho, Wo]. */
function geometry(image: readonly number[], weight: readonly number[], grad: readonly number[], a: ConvAttrs): Geometry {
	const [N, Cin, H, W] = image;
	const [Cout, cinG, kH, kW] = weight;
	const g = { N, Cin, H, W, Cout, cinG, coutG: Cout / a.groups, G: a.groups, kH, kW, Ho: grad[2], Wo: grad[3] };
	const rest = { total: 0, blocks: 0, cols: 0, rows: 0, splits: 1, m: 0, n: 0 };
	return { ...g, sh: a.stride[0], sw: a.stride[1], dh: a.dilation[0], dw: a.dilation[1], pt: a.padding[0], pl: a.padding[2], ...rest };
}

function uniforms(g: Geometry): Uint32Array {
	return new UniformWriter().u32(...FIELDS.map((f) => g[f])).build();
}

function checkFloat32(op: string, operands: readonly GpuOperand[]): void {
	for (const x of operands) {
		if (x.dtype !== 'float32') {
			throw new WebGpuUnsupportedError(`${op}: ${x.dtype} is not supported on 'webgpu'; use float32 there (or run it on the CPU)`);
		}
	}
}

function variant(options: WebGpuKernelOptions): 'direct' | 'tiled' {
	return options.conv ?? (options.matmul === 'tiled' ? 'tiled' : 'direct');
}

const read = (name: string): BindingDecl => ({ name, access: 'read', elem: 'f32' });
const write = (name: string, elem = 'f32'): BindingDecl => ({ name, access: 'write', elem });

function pass(key: string, buffers: BindingDecl[], body: string, bindings: BindingRef[], u: Uint32Array, workgroups: [number, number, number]): WebGpuPass {
	return { key, source: () => assemble({ struct: STRUCT, buffers, body }), bindings, uniforms: u, workgroups };
}

/** The pass that regroups w into `wt` (scratch 0) for the direct kernels. */
function weightPass(forward: boolean, g: Geometry, count: number): WebGpuPass {
	const body = `const WT_FORWARD = ${forward};\n${weightsWgsl}`;
	return pass(`conv2d|weights|${forward ? 'fwd' : 'input'}`, [read('w'), write('wt')], body, [1, { scratch: 0 }], uniforms(g), grid(Math.ceil(count / 256)));
}

/** A tiled implicit product over wid.z = `depth` (groups, times slices of k for the weight gradient). */
function tiledPass(key: string, names: [string, string], loaders: string, g: Geometry, depth: number, out: BindingRef): WebGpuPass | null {
	const groups: [number, number, number] = [Math.ceil(g.n / 64), Math.ceil(g.m / 64), depth];
	if (groups.some((n) => n > MAX_GROUPS)) return null; // too many tiles for one dispatch: the direct kernel runs instead
	return pass(key, [read(names[0]), read(names[1]), write('out')], `${loaders}\n${gemmTiledWgsl}`, [0, 1, out], uniforms(g), groups);
}

/** y [N, Cout, Ho, Wo] from x [N, Cin, H, W] and w [Cout, cinG, kH, kW]. */
export const conv2dKernel: WebGpuKernel<ConvAttrs> = webgpuKernel(({ inputs: [x, w], out, attrs, options }) => {
	checkFloat32('conv2d', [x, w]);
	const g = geometry(x.shape, w.shape, out.shape, attrs);
	if (variant(options) === 'tiled') {
		const tiled = tiledPass('conv2d|tiled', ['x', 'w'], tiledForwardWgsl, { ...g, m: g.N * g.Ho * g.Wo, n: g.coutG }, g.G, 'out');
		if (tiled) return { passes: [tiled] };
	}
	const K = g.cinG * g.kH * g.kW;
	g.blocks = Math.ceil(g.coutG / 4);
	g.cols = Math.ceil(g.Wo / 4);
	g.total = g.N * g.G * g.blocks * g.Ho * g.cols;
	const wtSize = Math.max(4, g.G * K * g.blocks * 4);
	const main = pass('conv2d|direct', [read('x'), write('wt', 'vec4<f32>'), write('out')], directWgsl, [0, { scratch: 0 }, 'out'], uniforms(g), grid(Math.ceil(g.total / DIRECT_WG)));
	return { passes: [weightPass(true, g, g.G * K * g.blocks * 4), main], scratch: [{ dtype: 'float32', size: wtSize }] };
});

/** dx [N, Cin, H, W] from dy [N, Cout, Ho, Wo] and w (attrs.inputSize fixes H and W). */
export const conv2dBackwardInputKernel: WebGpuKernel<ConvAttrs> = webgpuKernel(({ inputs: [dy, w], out, attrs, options }) => {
	checkFloat32('conv2dBackwardInput', [dy, w]);
	const g = geometry(out.shape, w.shape, dy.shape, attrs);
	if (variant(options) === 'tiled') {
		const tiled = tiledPass('conv2dBackwardInput|tiled', ['dy', 'w'], tiledInputWgsl, { ...g, m: g.N * g.H * g.W, n: g.cinG }, g.G, 'out');
		if (tiled) return { passes: [tiled] };
	}
	const taps = g.kH * g.kW;
	g.blocks = Math.ceil(g.cinG / 4);
	g.cols = g.sw * Math.ceil(g.W / (4 * g.sw));
	g.total = g.N * g.G * g.blocks * g.H * g.cols;
	const wtSize = Math.max(4, g.Cout * taps * g.blocks * 4);
	const main = pass(
		'conv2dBackwardInput|direct',
		[read('dy'), write('wt', 'vec4<f32>'), write('out')],
		inputDirectWgsl,
		[0, { scratch: 0 }, 'out'],
		uniforms(g),
		grid(Math.ceil(g.total / DIRECT_WG)),
	);
	return { passes: [weightPass(false, g, g.Cout * taps * g.blocks * 4), main], scratch: [{ dtype: 'float32', size: wtSize }] };
});

/** Splits `length` rows into at most `wanted` slices of whole `multiple`s: [rows per slice, slices]. */
function slices(length: number, wanted: number, multiple: number): [number, number] {
	const count = Math.max(1, Math.min(wanted, Math.ceil(length / multiple)));
	const rows = Math.max(multiple, Math.ceil(length / count / multiple) * multiple);
	return [rows, Math.max(1, Math.ceil(length / rows))];
}

/** The pass adding the slices' partial sums (scratch 0, [splits, Cout * K]) into dw. */
function sumPass(g: Geometry, size: number): WebGpuPass {
	const u = uniforms({ ...g, total: size });
	return pass('conv2dBackwardWeight|sum', [write('part'), write('out')], sumPartialsWgsl, [{ scratch: 0 }, 'out'], u, grid(Math.ceil(size / 256)));
}

/** dw [Cout, cinG, kH, kW] from x [N, Cin, H, W] and dy [N, Cout, Ho, Wo], summed over the batch. */
export const conv2dBackwardWeightKernel: WebGpuKernel<ConvAttrs> = webgpuKernel(({ inputs: [x, dy], out, attrs, options }) => {
	checkFloat32('conv2dBackwardWeight', [x, dy]);
	const g = geometry(x.shape, out.shape, dy.shape, attrs);
	const K = g.cinG * g.kH * g.kW;
	const size = g.Cout * K;
	if (variant(options) === 'tiled') {
		const positions = g.N * g.Ho * g.Wo;
		const tiles = Math.ceil(g.coutG / 64) * Math.ceil(K / 64) * g.G;
		const [rows, splits] = slices(positions, Math.ceil(TILED_WEIGHT_GROUPS / tiles), 256);
		const t = { ...g, m: g.coutG, n: K, rows, splits };
		const tiled = tiledPass('conv2dBackwardWeight|tiled', ['x', 'dy'], tiledWeightWgsl, t, g.G * splits, splits > 1 ? { scratch: 0 } : 'out');
		if (tiled) {
			if (splits === 1) return { passes: [tiled] };
			return { passes: [tiled, sumPass(t, size)], scratch: [{ dtype: 'float32', size: splits * size }] };
		}
	}
	g.blocks = Math.ceil(g.coutG / 4);
	g.cols = Math.ceil(K / 4);
	const base = g.G * g.blocks * g.cols;
	[g.rows, g.splits] = slices(g.N * g.Ho, Math.ceil(DIRECT_WEIGHT_THREADS / Math.max(1, base)), 1);
	g.total = g.splits * base;
	const partial: BindingRef = g.splits > 1 ? { scratch: 0 } : 'out';
	const main = pass('conv2dBackwardWeight|direct', [read('x'), read('dy'), write('out')], weightDirectWgsl, [0, 1, partial], uniforms(g), grid(Math.ceil(g.total / DIRECT_WG)));
	if (g.splits === 1) return { passes: [main] };
	return { passes: [main, sumPass(g, size)], scratch: [{ dtype: 'float32', size: g.splits * size }] };
});
