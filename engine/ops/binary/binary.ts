import { defineOp, type Op } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { broadcastShapes } from '../../shape';
import type { DType } from '../../dtype';
import type { Tensor } from '../../tensor';
import { sumTo } from '../../functional/reduce-to';
import { broadcastLoop } from './broadcast-loop';
import { binaryWasm } from '../../backends/wasm/elementwise';

type Grads = (a: Tensor, b: Tensor, out: Tensor, dy: Tensor) => [Tensor | null, Tensor | null];

/**
 * One row per broadcasting binary op: scalar function, WGSL expression in `a` and `b` (f32), gradients.
 * NOTE: comparisons test NaN on the bits (`any_nan`): drivers may compile `a != b` as if NaN never occurs.
 * `wgslInt` computes int32 tensors in i32; without it they compute in f32, exact for |values| < 2^24.
 */
interface BinaryRow {
	readonly f: (a: number, b: number) => number;
	readonly wgsl: string;
	readonly wgslInt?: string;
	/** Gradients at the broadcast output shape; the op reduces them to each input's shape. */
	readonly grad: Grads | null;
	readonly onnx?: string;
	/** Output dtype from the (promoted) input dtype, when it is not that dtype. */
	readonly dtype?: (d: DType) => DType;
}

export const binaryTable = {
	add: { f: (a, b) => a + b, wgsl: 'a + b', wgslInt: 'a + b', grad: (_a, _b, _o, dy) => [dy, dy], onnx: 'Add' },
	sub: { f: (a, b) => a - b, wgsl: 'a - b', wgslInt: 'a - b', grad: (_a, _b, _o, dy) => [dy, dy.neg()], onnx: 'Sub' },
	mul: { f: (a, b) => a * b, wgsl: 'a * b', wgslInt: 'a * b', grad: (a, b, _o, dy) => [dy.mul(b), dy.mul(a)], onnx: 'Mul' },
	// True division, as PyTorch: int32 / int32 gives float32 (so `correct.sum().div(n)` is not truncated to 0).
	div: {
		f: (a, b) => a / b,
		wgsl: 'a / b',
		grad: (_a, b, out, dy) => [dy.div(b), dy.mul(out).div(b).neg()],
		onnx: 'Div',
		dtype: (d) => (d === 'int32' ? 'float32' : d),
	},
	// NOTE: as PyTorch, d/da is 0 where b == 0, and d/db is 0 where a == 0 and b >= 0 (instead of 0 * log 0 = NaN).
	pow: {
		// C's pow (and PyTorch) give 1 for 1^y and (-1)^±inf even when y is NaN or infinite; Math.pow gives NaN.
		f: (a, b) => (a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b)),
		wgsl: 'pow_signed(a, b)',
		grad: (a, b, out, dy) => [
			dy.mul(b).mul(a.pow(b.sub(1))).where(b.ne(0), 0),
			dy.mul(out).mul(a.log()).where(a.ne(0).maximum(b.lt(0)), 0),
		],
		onnx: 'Pow',
	},
	// NOTE: at ties the gradient is split in half between the operands, as in PyTorch. The losing side is
	// masked with where (not multiplied by 0, which would turn an infinite dy into NaN), and where an operand is
	// NaN both sides get dy, as PyTorch's `where(a == b, dy / 2, dy).masked_fill_(a < b, 0)` does.
	maximum: {
		f: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b)),
		wgsl: 'max_nan(a, b)',
		wgslInt: 'max(a, b)',
		grad: (a, b, _o, dy) => {
			const split = dy.mul(0.5).where(a.eq(b), dy);
			return [split.where(a.lt(b).eq(0), 0), split.where(a.gt(b).eq(0), 0)];
		},
		onnx: 'Max',
	},
	minimum: {
		f: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b)),
		wgsl: 'min_nan(a, b)',
		wgslInt: 'min(a, b)',
		grad: (a, b, _o, dy) => {
			const split = dy.mul(0.5).where(a.eq(b), dy);
			return [split.where(a.gt(b).eq(0), 0), split.where(a.lt(b).eq(0), 0)];
		},
		onnx: 'Min',
	},
	// Comparisons give 1 or 0 in the operands' dtype (the engine has no bool dtype) and have no gradient.
	gt: { f: (a, b) => (a > b ? 1 : 0), wgsl: 'select(0.0, 1.0, a > b && !any_nan(a, b))', wgslInt: 'select(0, 1, a > b)', grad: null, onnx: 'Greater' },
	ge: { f: (a, b) => (a >= b ? 1 : 0), wgsl: 'select(0.0, 1.0, a >= b && !any_nan(a, b))', wgslInt: 'select(0, 1, a >= b)', grad: null, onnx: 'GreaterOrEqual' },
	lt: { f: (a, b) => (a < b ? 1 : 0), wgsl: 'select(0.0, 1.0, a < b && !any_nan(a, b))', wgslInt: 'select(0, 1, a < b)', grad: null, onnx: 'Less' },
	le: { f: (a, b) => (a <= b ? 1 : 0), wgsl: 'select(0.0, 1.0, a <= b && !any_nan(a, b))', wgslInt: 'select(0, 1, a <= b)', grad: null, onnx: 'LessOrEqual' },
	eq: { f: (a, b) => (a === b ? 1 : 0), wgsl: 'select(0.0, 1.0, a == b && !any_nan(a, b))', wgslInt: 'select(0, 1, a == b)', grad: null, onnx: 'Equal' },
	ne: { f: (a, b) => (a !== b ? 1 : 0), wgsl: 'select(0.0, 1.0, a != b || any_nan(a, b))', wgslInt: 'select(0, 1, a != b)', grad: null },
} satisfies Record<string, BinaryRow>;

export type BinaryName = keyof typeof binaryTable;

function defineBinary(name: BinaryName): Op<Record<string, never>> {
	const row: BinaryRow = binaryTable[name];
	const f = row.f;
	const grad = row.grad;
	return defineOp({
		name,
		inputs: ['a', 'b'],
		shape: ([a, b]) => broadcastShapes(name, a, b),
		dtype: row.dtype ? ([d]) => row.dtype!(d) : undefined,
		cpu: (inputs, out) => broadcastLoop(inputs, out, f),
		wasm: binaryWasm(name),
		webgpu: elementwiseKernel({ name, names: ['a', 'b'], expr: row.wgsl, exprInt: row.wgslInt }),
		backward: grad
			? ({ inputs: [a, b], out }, dy) => {
					const [da, db] = grad(a, b, out, dy);
					return [da && sumTo(da, a.shape), db && sumTo(db, b.shape)];
				}
			: undefined,
		onnx: row.onnx ? { opType: row.onnx } : undefined,
	});
}

export const binaryOps = Object.fromEntries(
	Object.keys(binaryTable).map((name) => [name, defineBinary(name as BinaryName)]),
) as Record<BinaryName, Op<Record<string, never>>>;
