import { formatShape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { reshape } from '../ops/reshape/reshape';
import { sum } from '../ops/sum/sum';

/** Sums a broadcast gradient back down to `shape` (the inverse of broadcasting). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
	if (shapesEqual(g.shape, shape)) return g;
	const lead = g.ndim - shape.length;
	if (lead < 0) throw new Error(`internal: sumTo cannot grow ${formatShape(g.shape)} to ${formatShape(shape)}`);
	const dims: number[] = [];
	for (let i = 0; i < g.ndim; i++) {
		if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
	}
	return reshape(dims.length ? sum(g, dims, true) : g, shape);
}
