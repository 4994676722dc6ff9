import { defineOp, type Op } from '../../define-op';
import { formatShape, normalizeDim, sizeOf, stridesOf } from '../../shape';
import type { Tensor } from '../../tensor';
import { checkRank, DIMS, grid, UniformWriter, webgpuKernel, wgslType, WORKGROUP } from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import gatherWgsl from './gather.wgsl?raw';
import scatterAddWgsl from './scatter-add.wgsl?raw';

/** For each element of `index` (shape S), the offset in a tensor of shape `full` with `dim` replaced by the index value. */
function forEachGatherPair(
	op: string,
	full: readonly number[],
	indexShape: readonly number[],
	index: ArrayLike<number>,
	dim: number,
	visit: (fullOffset: number, i: number) => void,
): void {
	const rank = indexShape.length;
	const strides = stridesOf(full);
	const pos = new Array<number>(rank).fill(0);
	for (let i = 0; i < index.length; i++) {
		const k = index[i];
		if (k < 0 || k >= full[dim]) {
			throw new RangeError(`${op}: index ${k} is out of bounds for dim ${dim} with size ${full[dim]}`);
		}
		let offset = k * strides[dim];
		for (let d = 0; d < rank; d++) if (d !== dim) offset += pos[d] * strides[d];
		visit(offset, i);
		for (let d = rank - 1; d >= 0; d--) {
			if (++pos[d] < indexShape[d]) break;
			pos[d] = 0;
		}
	}
}

function checkGatherShapes(op: string, full: readonly number[], index: readonly number[], dim: number): void {
	if (index.length !== full.length || index.some((s, d) => d !== dim && s > full[d])) {
		throw new RangeError(
			`${op}: index of shape ${formatShape(index)} does not fit input ${formatShape(full)} along dim ${dim}: ` +
				`it needs the same rank and no larger size on the other dims`,
		);
	}
}

const gatherOp: Op<{ dim: number }> = defineOp<{ dim: number }>({
	name: 'gather',
	inputs: ['x', 'index'],
	indexInputs: ['index'],
	shape: ([x, index], { dim }) => {
		checkGatherShapes('gather', x, index, dim);
		return [...index];
	},
	cpu: ([x, index], out, { dim }) =>
		forEachGatherPair('gather', x.shape, index.shape, index.data, dim, (f, i) => (out.data[i] = x.data[f])),
	webgpu: webgpuKernel<{ dim: number }>(({ inputs: [x, index], out, attrs: { dim } }) => {
		checkRank('gather', x.shape);
		const T = wgslType(out.dtype, 'gather');
		const n = sizeOf(out.shape);
		const uniforms = new UniformWriter().u32(n, x.shape.length, dim, x.shape[dim]).dims(index.shape).dims(stridesOf(x.shape));
		const source = () =>
			assemble({
				T,
				struct: `struct U { n: u32, rank: u32, dim: u32, size: u32, ishape: ${DIMS}, xstrides: ${DIMS} }`,
				buffers: [
					{ name: 'x', access: 'read', elem: T },
					{ name: 'index', access: 'read', elem: 'i32' },
					{ name: 'out', access: 'write', elem: T },
				],
				check: true,
				body: gatherWgsl,
			});
		return {
			passes: [
				{
					key: `gather|${T}`,
					source,
					bindings: [0, 1, 'out'],
					uniforms: uniforms.build(),
					workgroups: grid(Math.ceil(n / WORKGROUP)),
					check: ([, k]) => `gather: index ${k | 0} is out of bounds for dim ${dim} with size ${x.shape[dim]}`,
				},
			],
		};
	}),
	backward: ({ inputs: [x, index], attrs: { dim } }, dy) => [scatterAddOp([dy, index], { dim, shape: [...x.shape] }), null],
	onnx: { opType: 'GatherElements', attributes: ({ dim }) => ({ axis: dim }) },
});

/** Adds each value of `src` into zeros of `shape` at the position `index` names along `dim`. */
const scatterAddOp: Op<{ dim: number; shape: number[] }> = defineOp<{ dim: number; shape: number[] }>({
	name: 'scatterAdd',
	inputs: ['src', 'index'],
	indexInputs: ['index'],
	shape: ([_src, index], { dim, shape }) => {
		checkGatherShapes('scatterAdd', shape, index, dim);
		return [...shape];
	},
	cpu: ([src, index], out, { dim }) => {
		out.data.fill(0);
		forEachGatherPair('scatterAdd', out.shape, index.shape, index.data, dim, (f, i) => (out.data[f] += src.data[i]));
	},
	webgpu: webgpuKernel<{ dim: number; shape: number[] }>(({ inputs: [, index], out, attrs: { dim } }) => {
		checkRank('scatterAdd', out.shape);
		const T = wgslType(out.dtype, 'scatterAdd');
		const n = sizeOf(out.shape);
		const uniforms = new UniformWriter().u32(n, out.shape.length, dim, out.shape[dim], index.shape[dim]);
		uniforms.dims(out.shape).dims(index.shape).dims(stridesOf(index.shape));
		const source = () =>
			assemble({
				T,
				struct: `struct U { n: u32, rank: u32, dim: u32, size: u32, count: u32, oshape: ${DIMS}, ishape: ${DIMS}, istrides: ${DIMS} }`,
				buffers: [
					{ name: 'src', access: 'read', elem: T },
					{ name: 'index', access: 'read', elem: 'i32' },
					{ name: 'out', access: 'write', elem: T },
				],
				check: true,
				body: scatterAddWgsl,
			});
		return {
			passes: [
				{
					key: `scatterAdd|${T}`,
					source,
					bindings: [0, 1, 'out'],
					uniforms: uniforms.build(),
					workgroups: grid(Math.ceil(n / WORKGROUP)),
					check: ([, k]) => `scatterAdd: index ${k | 0} is out of bounds for dim ${dim} with size ${out.shape[dim]}`,
				},
			],
		};
	}),
	backward: ({ inputs: [, index], attrs: { dim } }, dy) => [gatherOp([dy, index], { dim }), null],
});

/** `out[i][j] = x[i][index[i][j]]` for dim 1 (PyTorch's `gather`). */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
	return gatherOp([x, index], { dim: normalizeDim('gather', dim, x.ndim) });
}

/** `scatterAdd(src, dim, index, shape)`: zeros of `shape` with `src` added where `index` points. */
export function scatterAdd(src: Tensor, dim: number, index: Tensor, shape: readonly number[]): Tensor {
	return scatterAddOp([src, index], { dim: normalizeDim('scatterAdd', dim, shape.length), shape: [...shape] });
}
