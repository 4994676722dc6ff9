import { defineOp } from '../../define-op';
import { normalizeDim, sizeOf, stridesOf } from '../../shape';
import { grid, UniformWriter, webgpuKernel, wgslType } from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import argmaxWgsl from './argmax.wgsl?raw';
import type { Tensor } from '../../tensor';
import { reshape } from '../reshape/reshape';

/** Index of the first largest value along `dim` (int32); no gradient. */
const argmaxOp = defineOp<{ dim: number; keepdim: boolean }>({
	name: 'argmax',
	inputs: ['x'],
	shape: ([x], { dim, keepdim }) => {
		if (x[dim] === 0) throw new RangeError('argmax: cannot take the argmax of an empty dimension');
		return keepdim ? x.map((d, i) => (i === dim ? 1 : d)) : x.filter((_, i) => i !== dim);
	},
	dtype: () => 'int32',
	cpu: ([x], out, { dim }) => {
		const size = x.shape[dim];
		const inner = stridesOf(x.shape)[dim];
		const outer = x.data.length / (size * inner);
		for (let o = 0; o < outer; o++) {
			for (let j = 0; j < inner; j++) {
				const base = o * size * inner + j;
				let best = x.data[base];
				let bestK = 0;
				for (let k = 1; k < size; k++) {
					const v = x.data[base + k * inner];
					if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
						best = v;
						bestK = k;
					}
				}
				out.data[o * inner + j] = bestK;
			}
		}
	},
	webgpu: webgpuKernel<{ dim: number; keepdim: boolean }>(({ inputs: [x], out, attrs: { dim } }) => {
		const T = wgslType(x.dtype, 'argmax');
		const size = x.shape[dim];
		const inner = stridesOf(x.shape)[dim];
		const nOut = sizeOf(out.shape);
		const perThread = size <= 64;
		const wg = perThread ? 256 : 128;
		const source = () =>
			assemble({
				T,
				math: true,
				struct: 'struct U { n_out: u32, size: u32, inner: u32 }',
				buffers: [
					{ name: 'x', access: 'read', elem: T },
					{ name: 'out', access: 'write', elem: 'i32' },
				],
				body: [
					`const WG: u32 = ${wg}u;`,
					`const PER_THREAD: bool = ${perThread};`,
					`fn is_nan_t(v: T) -> bool { return ${T === 'f32' ? 'is_nan(v)' : 'false'}; }`,
					argmaxWgsl,
				].join('\n'),
			});
		return {
			passes: [
				{
					key: `argmax|${T}|${perThread ? 'thread' : 'group'}`,
					source,
					bindings: [0, 'out'],
					uniforms: new UniformWriter().u32(nOut, size, inner).build(),
					workgroups: grid(perThread ? Math.ceil(nOut / wg) : nOut),
				},
			],
		};
	}),
	onnx: { opType: 'ArgMax' },
});

/** Index of the largest value along `dim`; over the flattened tensor when `dim` is omitted. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
	if (dim === undefined) return argmaxOp([reshape(x, [-1])], { dim: 0, keepdim: false });
	return argmaxOp([x], { dim: normalizeDim('argmax', dim, x.ndim), keepdim });
}
