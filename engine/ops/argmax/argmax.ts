import { defineOp } from '../../define-op';
import { normalizeDim, stridesOf } from '../../shape';
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
	webgpu: { kind: 'argmax' },
	onnx: { opType: 'ArgMax' },
});

/** Index of the largest value along `dim`; over the flattened tensor when `dim` is omitted. */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
	if (dim === undefined) return argmaxOp([reshape(x, [-1])], { dim: 0, keepdim: false });
	return argmaxOp([x], { dim: normalizeDim('argmax', dim, x.ndim), keepdim });
}
