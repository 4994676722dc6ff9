import { defineOp, type Op } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import type { Tensor } from '../../tensor';
import { full } from '../assign/assign';
import { unaryWasm } from '../../backends/wasm/elementwise';

type Grad = (x: Tensor, out: Tensor, dy: Tensor) => Tensor | null;

/**
 * One row per element-wise op: its scalar function, its WGSL expression in `x` (f32; helpers such as `log_f`
 * are in kernels/webgpu/math.wgsl), and its gradient. `wgslInt` computes int32 tensors in i32; without it
 * they compute in f32, exact for |x| < 2^24.
 */
interface UnaryRow {
	readonly f: (x: number) => number;
	readonly wgsl: string;
	readonly wgslInt?: string;
	readonly grad: Grad | null;
	readonly onnx?: string;
	/** The op maps integers to integers (neg, abs, sign, floor, relu); the others give float32 for int32, as PyTorch. */
	readonly keepsInt?: boolean;
}

const SQRT_2_OVER_PI = 2 / Math.sqrt(Math.PI);

// NOTE: relu's gradient at 0 is 0, and abs's gradient at 0 is 0, as in PyTorch.
export const unaryTable = {
	neg: { f: (x) => -x, wgsl: '-x', wgslInt: '-x', grad: (_x, _o, dy) => dy.neg(), onnx: 'Neg', keepsInt: true },
	exp: { f: Math.exp, wgsl: 'exp_f(x)', grad: (_x, out, dy) => dy.mul(out), onnx: 'Exp' },
	log: { f: Math.log, wgsl: 'log_f(x)', grad: (x, _o, dy) => dy.div(x), onnx: 'Log' },
	log1p: { f: Math.log1p, wgsl: 'log1p_f(x)', grad: (x, _o, dy) => dy.div(x.add(1)) },
	expm1: { f: Math.expm1, wgsl: 'expm1_f(x)', grad: (_x, out, dy) => dy.mul(out.add(1)) },
	sqrt: { f: Math.sqrt, wgsl: 'sqrt_f(x)', grad: (_x, out, dy) => dy.div(out.mul(2)), onnx: 'Sqrt' },
	abs: { f: Math.abs, wgsl: 'abs(x)', wgslInt: 'abs(x)', grad: (x, _o, dy) => dy.mul(x.sign()), onnx: 'Abs', keepsInt: true },
	// NOTE: sign(NaN) is 0, as PyTorch's `(0 < x) - (x < 0)`. sign and floor have a zero gradient (not none), as in
	// PyTorch: their output requires grad and backward through them gives zeros.
	sign: { f: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), wgsl: 'sign_f(x)', wgslInt: 'sign(x)', grad: (x, _o, dy) => zerosFor(x, dy), onnx: 'Sign', keepsInt: true },
	floor: { f: Math.floor, wgsl: 'floor(x)', wgslInt: 'x', grad: (x, _o, dy) => zerosFor(x, dy), onnx: 'Floor', keepsInt: true },
	sin: { f: Math.sin, wgsl: 'sin_f(x)', grad: (x, _o, dy) => dy.mul(x.cos()), onnx: 'Sin' },
	cos: { f: Math.cos, wgsl: 'cos_f(x)', grad: (x, _o, dy) => dy.mul(x.sin()).neg(), onnx: 'Cos' },
	tanh: { f: Math.tanh, wgsl: 'tanh_f(x)', grad: (_x, out, dy) => dy.mul(out.mul(out).neg().add(1)), onnx: 'Tanh' },
	// Promoted to a primitive for stability: 1/(1+exp(-x)) overflows for very negative x in float32.
	sigmoid: {
		f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
		wgsl: 'select(exp_f(x) / (1.0 + exp_f(x)), 1.0 / (1.0 + exp_f(-x)), x >= 0.0)',
		grad: (_x, out, dy) => dy.mul(out.mul(out.neg().add(1))),
		onnx: 'Sigmoid',
	},
	// NOTE: relu(NaN) is NaN (PyTorch's clamp_min propagates it), and its backward is PyTorch's threshold_backward,
	// `out <= 0 ? 0 : dy`, a select rather than dy * (out > 0), which would turn an infinite dy into NaN.
	relu: {
		f: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
		wgsl: 'select(0.0, x, x > 0.0 || is_nan(x))',
		wgslInt: 'max(x, 0)',
		grad: (_x, out, dy) => dy.where(out.le(0).eq(0), 0),
		onnx: 'Relu',
		keepsInt: true,
	},
	erf: { f: erf, wgsl: 'erf_f(x)', grad: (x, _o, dy) => dy.mul(x.mul(x).neg().exp().mul(SQRT_2_OVER_PI)), onnx: 'Erf' },
} satisfies Record<string, UnaryRow>;

export type UnaryName = keyof typeof unaryTable;

/** Zeros of x's shape in dy's dtype (not `dy.mul(0)`, which is NaN where dy is infinite). */
function zerosFor(x: Tensor, dy: Tensor): Tensor {
	return full(x.shape, 0, dy.dtype, dy.device);
}

function defineUnary(name: UnaryName): Op<Record<string, never>> {
	const row: UnaryRow = unaryTable[name];
	const f = row.f;
	const grad = row.grad;
	return defineOp({
		name,
		inputs: ['x'],
		shape: ([x]) => [...x],
		dtype: row.keepsInt ? undefined : ([d]) => (d === 'int32' ? 'float32' : d),
		cpu: ([x], out) => {
			const src = x.data;
			const dst = out.data;
			for (let i = 0; i < dst.length; i++) dst[i] = f(src[i]);
		},
		wasm: unaryWasm(name),
		webgpu: elementwiseKernel({ name, names: ['x'], expr: row.wgsl, exprInt: row.wgslInt }),
		backward: grad ? ({ inputs: [x], out }, dy) => [grad(x, out, dy)] : undefined,
		onnx: row.onnx ? { opType: row.onnx } : undefined,
	});
}

export const unaryOps = Object.fromEntries(
	Object.keys(unaryTable).map((name) => [name, defineUnary(name as UnaryName)]),
) as Record<UnaryName, Op<Record<string, never>>>;

/**
 * The error function to float64 precision. Uses the series for |x| < 2.5 and a continued fraction of erfc beyond
 * (Abramowitz & Stegun 7.1.5 and 7.1.14); relative error below 1e-15 over the real line.
 */
export function erf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	const ax = Math.abs(x);
	if (ax < 2.5) {
		// erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
		let term = ax;
		let sum = ax;
		const x2 = ax * ax;
		for (let n = 1; n < 200; n++) {
			term *= -x2 / n;
			const add = term / (2 * n + 1);
			sum += add;
			if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
		}
		return Math.sign(x) * sum * SQRT_2_OVER_PI;
	}
	if (ax > 6) return Math.sign(x);
	// erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) evaluated bottom-up
	let f = 0;
	for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
	const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
	return Math.sign(x) * (1 - erfc);
}
