import { defineOp } from '../../define-op';
import { formatShape, normalizeDim, sizeOf } from '../../shape';
import type { Tensor } from '../../tensor';
import { stridedSlice } from '../slice/slice';
import { grid, UniformWriter, webgpuKernel, wgslType, WORKGROUP } from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import catWgsl from './cat.wgsl?raw';

function catShape(shapes: readonly (readonly number[])[], dim: number): number[] {
	const first = shapes[0];
	shapes.forEach((s, k) => {
		if (s.length !== first.length || s.some((d, i) => i !== dim && d !== first[i])) {
			throw new RangeError(
				`cat: tensor ${k} has shape ${formatShape(s)}, which does not match tensor 0's ${formatShape(first)} ` +
					`outside dim ${dim}; all sizes except along the joined dim must agree`,
			);
		}
	});
	const out = [...first];
	out[dim] = shapes.reduce((acc, s) => acc + s[dim], 0);
	return out;
}

function makeCat(count: number) {
	return defineOp<{ dim: number }>({
		name: 'cat',
		inputs: Array.from({ length: count }, (_, i) => `tensors[${i}]`),
		shape: (shapes, { dim }) => catShape(shapes, dim),
		cpu: (inputs, out, { dim }) => {
			const outer = sizeOf(out.shape.slice(0, dim));
			const inner = sizeOf(out.shape.slice(dim + 1));
			const rowOut = out.shape[dim] * inner;
			let offset = 0;
			for (const x of inputs) {
				const row = x.shape[dim] * inner;
				for (let o = 0; o < outer; o++) out.data.set(x.data.subarray(o * row, (o + 1) * row), o * rowOut + offset);
				offset += row;
			}
		},
		// one pass per input, each copying into its column range of the output
		webgpu: webgpuKernel<{ dim: number }>(({ inputs, out, attrs: { dim } }) => {
			const T = wgslType(out.dtype, 'cat');
			const inner = sizeOf(out.shape.slice(dim + 1));
			const rowOut = out.shape[dim] * inner;
			const source = () =>
				assemble({
					T,
					struct: 'struct U { n: u32, row: u32, row_out: u32, offset: u32 }',
					buffers: [
						{ name: 'x', access: 'read', elem: T },
						{ name: 'out', access: 'write', elem: T },
					],
					body: catWgsl,
				});
			let offset = 0;
			const passes = inputs.map((x, k) => {
				const row = x.shape[dim] * inner;
				const n = sizeOf(x.shape);
				const uniforms = new UniformWriter().u32(n, row, rowOut, offset).build();
				offset += row;
				return { key: `cat|${T}`, source, bindings: [k, 'out' as const], uniforms, workgroups: grid(Math.ceil(n / WORKGROUP)) };
			});
			return { passes };
		}),
		backward: ({ inputs, attrs: { dim } }, dy) => {
			let start = 0;
			return inputs.map((x) => {
				const starts = dy.shape.map((_, i) => (i === dim ? start : 0));
				start += x.shape[dim];
				return stridedSlice(dy, starts, dy.shape.map(() => 1), [...x.shape]);
			});
		},
		onnx: { opType: 'Concat', attributes: ({ dim }) => ({ axis: dim }) },
	});
}

const catOps = new Map<number, ReturnType<typeof makeCat>>();

/** Joins tensors along an existing dim: `cat([a, b], 0)`. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
	if (tensors.length === 0) throw new RangeError('cat: expected a non-empty list of tensors');
	const d = normalizeDim('cat', dim, tensors[0].ndim);
	if (tensors.length === 1) return tensors[0];
	let op = catOps.get(tensors.length);
	if (!op) catOps.set(tensors.length, (op = makeCat(tensors.length)));
	return op(tensors, { dim: d });
}
