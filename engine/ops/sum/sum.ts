import { defineOp } from '../../define-op';
import { normalizeDims } from '../../shape';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../expand/expand';
import { reshape } from '../reshape/reshape';
import { reducedShape, reductionOffsets, type ReduceAttrs } from './reduce-loop';
import { reduceKernel } from './reduce-webgpu';
import { sumWasm } from '../../backends/wasm/reduce';

const sumOp = defineOp<ReduceAttrs>({
	name: 'sum',
	inputs: ['x'],
	shape: ([x], { dims, keepdim }) => reducedShape(x, dims, keepdim),
	cpu: ([x], out, { dims }) => {
		out.data.fill(0);
		if (out.data.length === 1) {
			let s = 0;
			for (let i = 0; i < x.data.length; i++) s += x.data[i];
			out.data[0] = s;
			return;
		}
		const offsets = reductionOffsets(x.shape, dims);
		for (let i = 0; i < x.data.length; i++) out.data[offsets[i]] += x.data[i];
	},
	wasm: sumWasm,
	webgpu: reduceKernel('sum', {
		f32: { combine: 'return a + b;', identity: 'return 0.0;' },
		i32: { combine: 'return a + b;', identity: 'return 0;' },
	}),
	backward: ({ inputs: [x], attrs: { dims } }, dy) => [broadcastTo(reshape(dy, reducedShape(x.shape, dims, true)), x.shape)],
	onnx: { opType: 'ReduceSum' },
});

/** Sum over `dims` (all when omitted); `keepdim` keeps them with size 1. */
export function sum(x: Tensor, dims?: number | readonly number[], keepdim = false): Tensor {
	return sumOp([x], { dims: normalizeDims('sum', dims, x.ndim), keepdim });
}
