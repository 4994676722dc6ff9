import { defineOp } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { broadcastShapes, formatShape, shapesEqual } from '../../shape';
import { sumTo } from '../../functional/reduce-to';
import type { Tensor } from '../../tensor';
import { broadcastLoop } from '../binary/broadcast-loop';
import { expandWasm } from '../../backends/wasm/elementwise';

const expandOp = defineOp<{ shape: number[] }>({
	name: 'expand',
	inputs: ['x'],
	shape: ([x], { shape }) => {
		if (shape.length < x.length) {
			throw new RangeError(`expand: cannot expand shape ${formatShape(x)} to ${formatShape(shape)}, which has fewer dims; use reshape to drop dims`);
		}
		const out = broadcastShapes('expand', x, shape);
		if (!shapesEqual(out, shape)) {
			throw new RangeError(`expand: cannot expand shape ${formatShape(x)} to ${formatShape(shape)}; only size-1 dims can grow`);
		}
		return out;
	},
	dtype: ([d]) => d,
	cpu: (inputs, out) => broadcastLoop(inputs, out, (v) => v),
	wasm: expandWasm,
	webgpu: elementwiseKernel({ name: 'expand', names: ['x'], expr: 'x', exprInt: 'x' }),
	backward: ({ inputs: [x] }, dy) => [sumTo(dy, x.shape)],
	onnx: { opType: 'Expand' },
});

/** Broadcasts `x` to `shape` (a copy; PyTorch makes a view). Sizes of -1 keep the input's size. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
	const offset = shape.length - x.ndim;
	const target = shape.map((d, i) => {
		if (d !== -1) return d;
		if (i < offset) throw new RangeError(`expand: -1 is not allowed for the new leading dim ${i} of ${formatShape(shape)}`);
		return x.shape[i - offset];
	});
	if (shapesEqual(target, x.shape)) return x;
	const out = expandOp([x], { shape: target });
	out.copiedFrom = 'expand';
	return out;
}
