import { defineOp } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { broadcastShapes } from '../../shape';
import { sumTo } from '../../functional/reduce-to';
import { broadcastLoop } from '../binary/broadcast-loop';
import { whereWasm } from '../../backends/wasm/elementwise';

/**
 * `where(condition, a, b)`: `a` where `condition` is non-zero, else `b`, with broadcasting.
 *
 * ```ts
 * where(x.gt(0), x, x.mul(0.01)); // leaky ReLU
 * ```
 */
export const where = defineOp({
	name: 'where',
	inputs: ['condition', 'a', 'b'],
	shape: ([c, a, b]) => broadcastShapes('where', c, broadcastShapes('where', a, b)),
	cpu: (inputs, out) => broadcastLoop(inputs, out, (c, a, b) => (c !== 0 ? a : b)),
	wasm: whereWasm,
	webgpu: elementwiseKernel({ name: 'where', names: ['c', 'a', 'b'], expr: 'select(b, a, c != 0.0 || is_nan(c))', exprInt: 'select(b, a, c != 0)' }),
	backward: ({ inputs: [c, a, b] }, dy) => [
		null,
		sumTo(dy.where(c, 0), a.shape),
		sumTo(dy.where(c.eq(0), 0), b.shape),
	],
	onnx: { opType: 'Where' },
});
