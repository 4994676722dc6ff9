import { defineOp, type Op } from '../../define-op';
import { formatShape, normalizeDim, sizeOf } from '../../shape';
import type { Tensor } from '../../tensor';
import { grid, UniformWriter, webgpuKernel, wgslType, WORKGROUP, type GpuOperand, type WebGpuPass } from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import indexSelectWgsl from './index-select.wgsl?raw';
import indexAddWgsl from './index-add.wgsl?raw';

/** One WebGPU pass over `out` viewed as [outer, rows or count, inner] (see the two .wgsl files). */
function slicesPass(op: 'indexSelect' | 'indexAdd', body: string, big: readonly number[], out: GpuOperand, count: number, dim: number): WebGpuPass {
	const T = wgslType(out.dtype, op);
	const n = sizeOf(out.shape);
	const rows = big[dim];
	const source = () =>
		assemble({
			T,
			struct: 'struct U { n: u32, inner: u32, count: u32, rows: u32 }',
			buffers: [
				{ name: op === 'indexSelect' ? 'x' : 'src', access: 'read', elem: T },
				{ name: 'index', access: 'read', elem: 'i32' },
				{ name: 'out', access: 'write', elem: T },
			],
			check: true,
			body,
		});
	return {
		key: `${op}|${T}`,
		source,
		bindings: [0, 1, 'out'],
		uniforms: new UniformWriter().u32(n, sizeOf(big.slice(dim + 1)), count, rows).build(),
		workgroups: grid(Math.ceil(n / WORKGROUP)),
		check: ([, k]) => `${op}: index ${k | 0} is out of range for dim ${dim} of size ${rows}`,
	};
}

/** Copies (or, when `accumulate`, adds) whole slices along `dim`: slice `index[i]` of `from` ↔ slice `i` of `to`. */
function moveSlices(
	op: string,
	from: { data: ArrayLike<number>; shape: readonly number[] },
	to: { data: Float32Array | Float64Array | Int32Array; shape: readonly number[] },
	index: ArrayLike<number>,
	dim: number,
	direction: 'select' | 'add',
): void {
	const big = direction === 'select' ? from.shape : to.shape;
	const outer = sizeOf(big.slice(0, dim));
	const inner = sizeOf(big.slice(dim + 1));
	const bigRows = big[dim];
	const smallRows = index.length;
	for (let i = 0; i < smallRows; i++) {
		const k = index[i];
		if (!Number.isInteger(k) || k < 0 || k >= bigRows) {
			throw new RangeError(`${op}: index ${k} is out of range for dim ${dim} of size ${bigRows}`);
		}
		for (let o = 0; o < outer; o++) {
			const bigBase = (o * bigRows + k) * inner;
			const smallBase = (o * smallRows + i) * inner;
			if (direction === 'select') {
				for (let j = 0; j < inner; j++) to.data[smallBase + j] = from.data[bigBase + j];
			} else {
				for (let j = 0; j < inner; j++) to.data[bigBase + j] += from.data[smallBase + j];
			}
		}
	}
}

function checkIndex(op: string, index: readonly number[]): void {
	if (index.length !== 1) throw new RangeError(`${op}: index must be 1-D, got shape ${formatShape(index)}`);
}

const indexSelectOp: Op<{ dim: number }> = defineOp<{ dim: number }>({
	name: 'indexSelect',
	inputs: ['x', 'index'],
	indexInputs: ['index'],
	shape: ([x, index], { dim }) => {
		checkIndex('indexSelect', index);
		return x.map((d, i) => (i === dim ? index[0] : d));
	},
	cpu: ([x, index], out, { dim }) => moveSlices('indexSelect', x, out, index.data, dim, 'select'),
	webgpu: webgpuKernel<{ dim: number }>(({ inputs: [x, index], out, attrs: { dim } }) => ({
		passes: [slicesPass('indexSelect', indexSelectWgsl, x.shape, out, index.shape[0], dim)],
	})),
	backward: ({ inputs: [x, index], attrs: { dim } }, dy) => [indexAddOp([dy, index], { dim, size: x.shape[dim] }), null],
	onnx: { opType: 'Gather', attributes: ({ dim }) => ({ axis: dim }) },
});

const indexAddOp: Op<{ dim: number; size: number }> = defineOp<{ dim: number; size: number }>({
	name: 'indexAdd',
	inputs: ['src', 'index'],
	indexInputs: ['index'],
	shape: ([src, index], { dim, size }) => {
		checkIndex('indexAdd', index);
		return src.map((d, i) => (i === dim ? size : d));
	},
	cpu: ([src, index], out, { dim }) => {
		out.data.fill(0);
		moveSlices('indexAdd', src, out, index.data, dim, 'add');
	},
	webgpu: webgpuKernel<{ dim: number; size: number }>(({ inputs: [, index], out, attrs: { dim } }) => ({
		passes: [slicesPass('indexAdd', indexAddWgsl, out.shape, out, index.shape[0], dim)],
	})),
	backward: ({ inputs: [, index], attrs: { dim } }, dy) => [indexSelectOp([dy, index], { dim }), null],
});

/** Picks whole slices along `dim` by a 1-D index (what an embedding lookup does). */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
	return indexSelectOp([x, index], { dim: normalizeDim('indexSelect', dim, x.ndim) });
}
