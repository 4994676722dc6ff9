import { defineOp } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { formatShape, normalizeDim, stridesOf } from '../../shape';
import type { Tensor } from '../../tensor';
import { permuteWasm } from '../../backends/wasm/elementwise';

const permuteOp = defineOp<{ dims: number[] }>({
	name: 'permute',
	inputs: ['x'],
	shape: ([x], { dims }) => dims.map((d) => x[d]),
	dtype: ([d]) => d,
	cpu: ([x], out, { dims }) => {
		const rank = dims.length;
		const inStrides = stridesOf(x.shape);
		const strides = dims.map((d) => inStrides[d]); // input stride for each output dim
		const shape = out.shape;
		const index = new Array<number>(rank).fill(0);
		let offset = 0;
		const dst = out.data;
		const src = x.data;
		for (let i = 0; i < dst.length; i++) {
			dst[i] = src[offset];
			for (let d = rank - 1; d >= 0; d--) {
				index[d]++;
				offset += strides[d];
				if (index[d] < shape[d]) break;
				offset -= strides[d] * shape[d];
				index[d] = 0;
			}
		}
	},
	wasm: permuteWasm,
	// a copy that reads the input with its strides permuted: out dim d walks input dim dims[d]
	webgpu: elementwiseKernel<{ dims: number[] }>({
		name: 'permute',
		names: ['x'],
		expr: 'x',
		exprInt: 'x',
		views: ({ inputs: [x], attrs: { dims } }) => {
			const strides = stridesOf(x.shape);
			return [{ offset: 0, strides: dims.map((d) => strides[d]) }];
		},
	}),
	backward: ({ attrs: { dims } }, dy) => {
		const inverse = new Array<number>(dims.length);
		dims.forEach((d, i) => (inverse[d] = i));
		return [permute(dy, inverse)];
	},
	onnx: { opType: 'Transpose', attributes: ({ dims }) => ({ perm: dims }) },
});

/** Reorders dimensions: `x.permute(2, 0, 1)` turns `[H, W, C]` into `[C, H, W]` (a copy). */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
	if (dims.length !== x.ndim) {
		throw new RangeError(`permute: got ${dims.length} dims ${formatShape(dims)} for a tensor of rank ${x.ndim} (shape ${formatShape(x.shape)})`);
	}
	const norm = dims.map((d) => normalizeDim('permute', d, x.ndim));
	if (new Set(norm).size !== norm.length) throw new RangeError(`permute: dims ${formatShape(dims)} repeat a dimension`);
	if (norm.every((d, i) => d === i)) return x;
	const out = permuteOp([x], { dims: norm });
	out.copiedFrom = 'permute';
	return out;
}
