import type { CpuArg } from '../../backends/backend';
import { broadcastStrides } from '../../shape';

/**
 * Applies `f` element-wise over operands broadcast to `out.shape`. Same-shape and scalar operands take a
 * straight loop; other shapes walk the output with per-operand strides (0 on broadcast dims).
 */
export function broadcastLoop(inputs: readonly CpuArg[], out: CpuArg, f: (...v: number[]) => number): void {
	const n = out.data.length;
	const dst = out.data;
	if (inputs.length === 2) {
		const a = inputs[0].data;
		const b = inputs[1].data;
		if (a.length === n && b.length === n) {
			for (let i = 0; i < n; i++) dst[i] = f(a[i], b[i]);
			return;
		}
		if (b.length === 1 && a.length === n) {
			const y = b[0];
			for (let i = 0; i < n; i++) dst[i] = f(a[i], y);
			return;
		}
		if (a.length === 1 && b.length === n) {
			const x = a[0];
			for (let i = 0; i < n; i++) dst[i] = f(x, b[i]);
			return;
		}
	}
	const rank = out.shape.length;
	const strides = inputs.map((x) => broadcastStrides(x.shape, out.shape));
	const offsets = new Array<number>(inputs.length).fill(0);
	const index = new Array<number>(rank).fill(0);
	const values = new Array<number>(inputs.length);
	for (let i = 0; i < n; i++) {
		for (let k = 0; k < inputs.length; k++) values[k] = inputs[k].data[offsets[k]];
		dst[i] = f(...values);
		// advance the multi-index like an odometer, updating each operand's offset
		for (let d = rank - 1; d >= 0; d--) {
			index[d]++;
			for (let k = 0; k < inputs.length; k++) offsets[k] += strides[k][d];
			if (index[d] < out.shape[d]) break;
			for (let k = 0; k < inputs.length; k++) offsets[k] -= strides[k][d] * out.shape[d];
			index[d] = 0;
		}
	}
}
