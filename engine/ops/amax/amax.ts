import { defineOp } from '../../define-op';
import { normalizeDims } from '../../shape';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../expand/expand';
import { reshape } from '../reshape/reshape';
import { sum } from '../sum/sum';
import { reducedShape, reductionOffsets, type ReduceAttrs } from '../sum/reduce-loop';
import { reduceKernel } from '../sum/reduce-webgpu';

const amaxOp = defineOp<ReduceAttrs>({
	name: 'amax',
	inputs: ['x'],
	shape: ([x], { dims, keepdim }) => {
		if (x.reduce((a, b) => a * b, 1) === 0) throw new RangeError('amax: cannot take the maximum of an empty tensor');
		return reducedShape(x, dims, keepdim);
	},
	cpu: ([x], out, { dims }) => {
		// int32 can't hold -Infinity (Int32Array stores it as 0, which beat all-negative rows): use its minimum
		out.data.fill(out.data instanceof Int32Array ? -2147483648 : -Infinity);
		const offsets = reductionOffsets(x.shape, dims);
		for (let i = 0; i < x.data.length; i++) {
			const v = x.data[i];
			const o = offsets[i];
			// NaN propagates, as in PyTorch
			if (v > out.data[o] || Number.isNaN(v)) out.data[o] = v;
		}
	},
	// NaN propagates, as on the CPU; -inf (int32: its minimum) is the identity
	webgpu: reduceKernel('amax', {
		f32: { combine: 'if (is_nan(a) || is_nan(b)) { return nan_f(); } return max(a, b);', identity: 'return -inf_f();' },
		i32: { combine: 'return max(a, b);', identity: 'return bitcast<i32>(0x80000000u);' },
	}),
	// NOTE: ties share the gradient evenly, as PyTorch's amax and full max() do.
	backward: ({ inputs: [x], out, attrs: { dims } }, dy) => {
		const keptShape = reducedShape(x.shape, dims, true);
		const mask = x.eq(broadcastTo(reshape(out, keptShape), x.shape));
		const count = sum(mask, dims, true);
		return [mask.mul(reshape(dy, keptShape).div(count))];
	},
	onnx: { opType: 'ReduceMax' },
});

/** Largest value over `dims` (all when omitted). */
export function amax(x: Tensor, dims?: number | readonly number[], keepdim = false): Tensor {
	return amaxOp([x], { dims: normalizeDims('amax', dims, x.ndim), keepdim });
}
