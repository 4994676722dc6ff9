import {
	checkRank,
	DIMS,
	grid,
	UniformWriter,
	webgpuKernel,
	wgslType,
	type WebGpuKernel,
} from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import { sizeOf, stridesOf } from '../../shape';
import type { ReduceAttrs } from './reduce-loop';
import reduceWgsl from './reduce.wgsl?raw';

/** Reductions with at most this many elements per output run one thread per output. */
const PER_THREAD_MAX = 64;
const WG_REDUCE = 128;

/** WGSL of `combine(a, b)` and `identity()` for each element type. */
export interface Reducer {
	readonly f32: { combine: string; identity: string };
	readonly i32: { combine: string; identity: string };
}

/** The WebGPU kernel of a reduction over `attrs.dims` (see reduce.wgsl). */
export function reduceKernel(name: string, reducer: Reducer): WebGpuKernel<ReduceAttrs> {
	return webgpuKernel<ReduceAttrs>(({ inputs: [x], out, attrs: { dims } }) => {
		checkRank(name, x.shape);
		const T = wgslType(x.dtype, name);
		const reduced = new Set(dims);
		const strides = stridesOf(x.shape);
		const kept = x.shape.map((_, d) => d).filter((d) => !reduced.has(d));
		const nOut = sizeOf(out.shape);
		const count = sizeOf(dims.map((d) => x.shape[d]));
		const perThread = count <= PER_THREAD_MAX;
		const wg = perThread ? 256 : WG_REDUCE;
		const uniforms = new UniformWriter().u32(nOut, count, kept.length, dims.length);
		uniforms.dims(kept.map((d) => x.shape[d])).dims(kept.map((d) => strides[d]));
		uniforms.dims(dims.map((d) => x.shape[d])).dims(dims.map((d) => strides[d]));
		const { combine, identity } = reducer[T];
		const source = () =>
			assemble({
				T,
				math: true,
				struct:
					'struct U { n_out: u32, count: u32, kept_rank: u32, red_rank: u32, ' +
					`kshape: ${DIMS}, kstrides: ${DIMS}, rshape: ${DIMS}, rstrides: ${DIMS} }`,
				buffers: [
					{ name: 'x', access: 'read', elem: T },
					{ name: 'out', access: 'write', elem: T },
				],
				body: [
					`const WG: u32 = ${wg}u;`,
					`const PER_THREAD: bool = ${perThread};`,
					`fn combine(a: T, b: T) -> T { ${combine} }`,
					`fn identity() -> T { ${identity} }`,
					reduceWgsl,
				].join('\n'),
			});
		return {
			passes: [
				{
					key: `reduce|${name}|${T}|${perThread ? 'thread' : 'group'}`,
					source,
					bindings: [0, 'out'],
					uniforms: uniforms.build(),
					workgroups: grid(perThread ? Math.ceil(nOut / wg) : nOut),
				},
			],
		};
	});
}
