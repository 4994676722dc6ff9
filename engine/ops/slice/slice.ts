import { defineOp, type Op } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { checkRank, DIMS, grid, UniformWriter, webgpuKernel, wgslType, WORKGROUP } from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import sliceBackwardWgsl from './slice-backward.wgsl?raw';
import { sizeOf, stridesOf } from '../../shape';
import type { Tensor } from '../../tensor';

/** A strided window: along each dim d, elements `starts[d] + k * steps[d]` for k < outShape[d]. */
interface SliceAttrs {
	starts: number[];
	steps: number[];
	outShape: number[];
	inShape: number[];
}

/** Visits matching (input offset, output offset) pairs of a strided window. */
function forEachWindowPair(attrs: SliceAttrs, visit: (inOffset: number, outOffset: number) => void): void {
	const { starts, steps, outShape, inShape } = attrs;
	const rank = outShape.length;
	const inStrides = stridesOf(inShape);
	const total = outShape.reduce((a, b) => a * b, 1);
	if (total === 0) return;
	const index = new Array<number>(rank).fill(0);
	let inOffset = starts.reduce((acc, s, d) => acc + s * inStrides[d], 0);
	for (let i = 0; i < total; i++) {
		visit(inOffset, i);
		for (let d = rank - 1; d >= 0; d--) {
			index[d]++;
			inOffset += steps[d] * inStrides[d];
			if (index[d] < outShape[d]) break;
			inOffset -= steps[d] * inStrides[d] * outShape[d];
			index[d] = 0;
		}
	}
}

const sliceOp: Op<SliceAttrs> = defineOp<SliceAttrs>({
	name: 'slice',
	inputs: ['x'],
	shape: (_s, { outShape }) => [...outShape],
	dtype: ([d]) => d,
	cpu: ([x], out, attrs) => forEachWindowPair(attrs, (i, o) => (out.data[o] = x.data[i])),
	// a copy that reads the input from the window's first element with strides scaled by the steps
	webgpu: elementwiseKernel<SliceAttrs>({
		name: 'slice',
		names: ['x'],
		expr: 'x',
		exprInt: 'x',
		views: ({ attrs: { starts, steps, inShape } }) => {
			const strides = stridesOf(inShape);
			return [{ offset: starts.reduce((acc, s, d) => acc + s * strides[d], 0), strides: steps.map((s, d) => s * strides[d]) }];
		},
	}),
	backward: ({ attrs }, dy) => [sliceBackward([dy], attrs)],
	onnx: { opType: 'Slice' },
});

/** Scatters a window's gradient back into zeros of the input's shape. */
const sliceBackward: Op<SliceAttrs> = defineOp<SliceAttrs>({
	name: 'sliceBackward',
	inputs: ['dy'],
	shape: (_s, { inShape }) => [...inShape],
	dtype: ([d]) => d,
	cpu: ([dy], out, attrs) => {
		out.data.fill(0);
		forEachWindowPair(attrs, (i, o) => (out.data[i] = dy.data[o]));
	},
	webgpu: webgpuKernel<SliceAttrs>(({ out, attrs }) => {
		checkRank('sliceBackward', out.shape);
		const T = wgslType(out.dtype, 'sliceBackward');
		const n = sizeOf(out.shape);
		const uniforms = new UniformWriter().u32(n, out.shape.length).dims(attrs.inShape).dims(attrs.starts);
		uniforms.dims(attrs.steps).dims(attrs.outShape);
		const source = () =>
			assemble({
				T,
				struct: `struct U { n: u32, rank: u32, shape: ${DIMS}, starts: ${DIMS}, steps: ${DIMS}, win: ${DIMS} }`,
				buffers: [
					{ name: 'dy', access: 'read', elem: T },
					{ name: 'out', access: 'write', elem: T },
				],
				body: sliceBackwardWgsl,
			});
		const workgroups = grid(Math.ceil(n / WORKGROUP));
		return { passes: [{ key: `sliceBackward|${T}`, source, bindings: [0, 'out'], uniforms: uniforms.build(), workgroups }] };
	}),
	backward: ({ attrs }, ddy) => [sliceOp([ddy], attrs)],
});

/** Takes a strided window of `x`; `starts`, `steps` and `outShape` are already checked and normalised. */
export function stridedSlice(x: Tensor, starts: number[], steps: number[], outShape: number[]): Tensor {
	const out = sliceOp([x], { starts, steps, outShape, inShape: [...x.shape] });
	out.copiedFrom = 'slice';
	return out;
}
