/**
 * The WASM SIMD matmul and conv2d kernels against the TypeScript float64 reference, over shapes that cross the
 * micro-kernel (4×8) and cache-block (64×256, 2048 columns) edges, batched matmuls with broadcast batch dims,
 * and convolutions with stride, padding, dilation, groups and the 1×1 shortcut.
 *
 * Tolerance: each float32 result may differ from the exact sum of its `terms` products by the usual bound
 * terms · 2⁻²³ · Σ|products| (computed in float64 from |operands|), which is what float32 accumulation allows.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { RandomSource } from '../../random';
import type { Tensor } from '../../tensor';
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dOp, matmulOp } from '../../ops/index';
import { initWasm, useWasm, wasmInfo } from './runtime';

const EPS32 = 2 ** -23;

/** Random float32-representable numbers, so the float64 reference sees exactly the float32 operands. */
function operand(shape: number[], seed: number): { f32: Tensor; f64: Tensor; abs: Tensor } {
	const g = new RandomSource(seed);
	const n = shape.reduce((a, b) => a * b, 1);
	const values = Float32Array.from({ length: n }, () => g.normal());
	const f64 = Float64Array.from(values);
	return {
		f32: tensor(Array.from(values), { dtype: 'float32' }).reshape(shape),
		f64: tensor(Array.from(f64), { dtype: 'float64' }).reshape(shape),
		abs: tensor(Array.from(f64, Math.abs), { dtype: 'float64' }).reshape(shape),
	};
}

/** Checks got (float32, from WASM) against the float64 reference within terms · eps · magnitude. */
function expectWithin(got: Tensor, ref: Tensor, magnitude: Tensor, terms: number): void {
	expect(got.shape).toEqual(ref.shape);
	const g = got.dataSync();
	const r = ref.dataSync();
	const m = magnitude.dataSync();
	let worst = 0;
	for (let i = 0; i < r.length; i++) {
		const tol = (terms + 2) * EPS32 * m[i] + 1e-30;
		worst = Math.max(worst, Math.abs(g[i] - r[i]) / tol);
	}
	expect(worst).toBeLessThanOrEqual(1);
}

beforeAll(async () => {
	expect(await initWasm()).toBe(true);
});

afterEach(() => useWasm(true));

describe('WASM matmul', () => {
	it('is ready in Node with a SIMD variant', () => {
		const info = wasmInfo();
		expect(info.ready).toBe(true);
		expect(['simd', 'relaxed-simd']).toContain(info.variant);
	});

	const cases: [string, number[], number[]][] = [
		['1×1 by 1×1', [1, 1], [1, 1]],
		['1×N by N×1 (a dot product)', [1, 300], [300, 1]],
		['N×1 by 1×N (an outer product)', [37, 1], [1, 29]],
		['exact 4×8 blocks', [8, 16], [16, 24]],
		['odd sizes below one block', [3, 5], [5, 7]],
		['crossing the 64-row and 256-deep blocks', [65, 257], [257, 9]],
		['k = 600 (three depth blocks) and m = 70', [33, 600], [600, 70]],
		['more than 2048 columns (two column blocks)', [5, 3], [3, 2100]],
		['batched [2, 3, 4, 5] @ shared [5, 6]', [2, 3, 4, 5], [5, 6]],
		['batch broadcast [2, 1, 4, 5] @ [3, 5, 6]', [2, 1, 4, 5], [3, 5, 6]],
		['batch broadcast [4, 5] @ [2, 5, 6]', [4, 5], [2, 5, 6]],
		['batched 128×96 @ 96×40 with batch 3 on both sides', [3, 128, 96], [3, 96, 40]],
	];
	for (const [name, sa, sb] of cases) {
		it(`agrees with the float64 reference: ${name}`, () => {
			const a = operand(sa, 1);
			const b = operand(sb, 2);
			const got = matmulOp([a.f32, b.f32], {});
			const ref = matmulOp([a.f64, b.f64], {});
			expectWithin(got, ref, matmulOp([a.abs, b.abs], {}), sa[sa.length - 1]);
		});
	}

	it('k = 0 gives zeros, and empty outputs are empty', () => {
		const zeros = matmulOp([tensor([]).reshape([2, 0]), tensor([]).reshape([0, 3])], {});
		expect(zeros.shape).toEqual([2, 3]);
		expect(Array.from(zeros.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
		expect(matmulOp([tensor([]).reshape([0, 4]), operand([4, 3], 3).f32], {}).shape).toEqual([0, 3]);
	});

	it('keeps 0 · inf = NaN and propagates NaN, as the TypeScript kernel', () => {
		const a = tensor([[0, 1], [1, 1]]);
		const b = tensor([[Infinity, 1], [NaN, 2]]);
		const got = matmulOp([a, b], {}).dataSync();
		useWasm(false);
		const ref = matmulOp([a, b], {}).dataSync();
		expect(Array.from(got)).toEqual(Array.from(ref));
		expect(Array.from(got)).toEqual([NaN, 2, NaN, 3]);
	});

	it('grows its memory for large operands and stays within the float32 bound', () => {
		const before = wasmInfo().memoryBytes;
		const a = operand([150, 400], 4);
		const b = operand([400, 300], 5);
		const got = matmulOp([a.f32, b.f32], {});
		expect(wasmInfo().memoryBytes).toBeGreaterThanOrEqual(Math.max(before, (150 * 400 + 400 * 300 + 150 * 300) * 4));
		expectWithin(got, matmulOp([a.f64, b.f64], {}), matmulOp([a.abs, b.abs], {}), 400);
	});
});

type Conv = { stride: [number, number]; padding: [number, number, number, number]; dilation: [number, number]; groups: number };
const conv = (stride = 1, pad: number | [number, number, number, number] = 0, dilation = 1, groups = 1): Conv => ({
	stride: [stride, stride],
	padding: typeof pad === 'number' ? [pad, pad, pad, pad] : pad,
	dilation: [dilation, dilation],
	groups,
});

describe('WASM conv2d and its gradients', () => {
	const cases: [string, number[], number[], Conv][] = [
		['3×3, same padding (the CNN benchmark layer)', [4, 1, 28, 28], [8, 1, 3, 3], conv(1, 1)],
		['3×3 valid, 3 input channels', [2, 3, 9, 7], [5, 3, 3, 3], conv()],
		['stride 2 and padding 2 with a 5×5 kernel', [2, 2, 11, 10], [3, 2, 5, 5], conv(2, 2)],
		['dilation 2', [1, 3, 12, 12], [4, 3, 3, 3], conv(1, 1, 2)],
		['groups 2', [2, 4, 8, 8], [6, 2, 3, 3], conv(1, 1, 1, 2)],
		['depthwise (groups = channels) with stride 3', [2, 3, 10, 10], [3, 1, 3, 3], conv(3, 1, 1, 3)],
		['1×1 pointwise (no im2col)', [3, 16, 5, 6], [8, 16, 1, 1], conv()],
		['asymmetric padding [0, 2, 1, 0] and a 2×3 kernel', [1, 2, 6, 7], [3, 2, 2, 3], conv(1, [0, 2, 1, 0])],
	];
	for (const [name, xs, ws, a] of cases) {
		it(`forward, input and weight gradients agree with the float64 reference: ${name}`, () => {
			const x = operand(xs, 10);
			const w = operand(ws, 11);
			const K = ws[1] * ws[2] * ws[3];
			const y = conv2dOp([x.f32, w.f32], a);
			expectWithin(y, conv2dOp([x.f64, w.f64], a), conv2dOp([x.abs, w.abs], a), K);

			const dy = operand(y.shape as number[], 12);
			const inputSize: [number, number] = [xs[2], xs[3]];
			const weightSize: [number, number] = [ws[2], ws[3]];
			const coutG = ws[0] / a.groups;
			const P = y.shape[2] * y.shape[3];
			expectWithin(
				conv2dBackwardInput([dy.f32, w.f32], { ...a, inputSize }),
				conv2dBackwardInput([dy.f64, w.f64], { ...a, inputSize }),
				conv2dBackwardInput([dy.abs, w.abs], { ...a, inputSize }),
				coutG * ws[2] * ws[3],
			);
			expectWithin(
				conv2dBackwardWeight([x.f32, dy.f32], { ...a, weightSize }),
				conv2dBackwardWeight([x.f64, dy.f64], { ...a, weightSize }),
				conv2dBackwardWeight([x.abs, dy.abs], { ...a, weightSize }),
				xs[0] * P,
			);
		});
	}
});
