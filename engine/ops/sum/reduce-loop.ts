import { stridesOf } from '../../shape';

/**
 * Walks every element of an input of `shape` and yields the offset of the output element it reduces into
 * (reduced dims get output stride 0). Shared by sum, amax and argmax.
 */
export function reductionOffsets(shape: readonly number[], dims: readonly number[]): Int32Array {
	const rank = shape.length;
	const reduced = new Set(dims);
	const keptShape = shape.map((d, i) => (reduced.has(i) ? 1 : d));
	const outStrides = stridesOf(keptShape).map((s, i) => (reduced.has(i) ? 0 : s));
	const total = shape.reduce((a, b) => a * b, 1);
	const offsets = new Int32Array(total);
	const index = new Array<number>(rank).fill(0);
	let offset = 0;
	for (let i = 0; i < total; i++) {
		offsets[i] = offset;
		for (let d = rank - 1; d >= 0; d--) {
			index[d]++;
			offset += outStrides[d];
			if (index[d] < shape[d]) break;
			offset -= outStrides[d] * shape[d];
			index[d] = 0;
		}
	}
	return offsets;
}

export function reducedShape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
	const reduced = new Set(dims);
	return keepdim ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
}

export interface ReduceAttrs {
	/** Normalised, sorted dims to reduce. */
	dims: number[];
	keepdim: boolean;
}
