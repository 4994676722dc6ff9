/**
 * The WASM kernel of sum over dims (float32 in and out, float64 accumulators). Returns false when it does not
 * apply, and the TypeScript kernel runs.
 */
import type { CpuArg } from '../backend';
import { copyIn, copyOut, reserve, wasmKernels, writeI32 } from './runtime';

/**
 * The input shape with size-1 dims dropped and adjacent dims of the same kind (reduced or kept) merged, and
 * each merged dim's stride in the output (0 where reduced): sum of [128, 8, 28, 28] over [0, 2, 3] walks
 * [128, 8, 784] with output strides [0, 1, 0].
 */
export function mergeReduceDims(shape: readonly number[], dims: readonly number[]): { shape: number[]; outStrides: number[] } {
	const reduced = new Set(dims);
	const merged: number[] = [];
	const kinds: boolean[] = [];
	shape.forEach((size, d) => {
		if (size === 1) return;
		const kind = reduced.has(d);
		if (kinds.length > 0 && kinds[kinds.length - 1] === kind) merged[merged.length - 1] *= size;
		else {
			merged.push(size);
			kinds.push(kind);
		}
	});
	if (merged.length === 0) return { shape: [1], outStrides: [0] };
	const outStrides = new Array<number>(merged.length).fill(0);
	let s = 1;
	for (let d = merged.length - 1; d >= 0; d--) {
		if (kinds[d]) continue;
		outStrides[d] = s;
		s *= merged[d];
	}
	return { shape: merged, outStrides };
}

export function sumWasm([x]: CpuArg[], out: CpuArg, { dims }: { dims: readonly number[] }): boolean {
	if (!(x.data instanceof Float32Array && out.data instanceof Float32Array)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	if (x.data.length === 0) {
		out.data.fill(0);
		return true;
	}
	const { shape, outStrides } = mergeReduceDims(x.shape, dims);
	const meta = [...shape, ...outStrides];
	const outSize = out.data.length;
	const at = reserve(wasm, [meta.length * 4, x.data.length * 4, outSize * 4, outSize * 8]);
	if (!at) return false;
	const [pm, px, po, acc] = at;
	writeI32(wasm, pm, meta);
	copyIn(wasm, px, x.data);
	wasm.sumDims(shape.length, pm, px, po, outSize, acc);
	copyOut(wasm, po, out.data);
	return true;
}
