import { describe, expect, it } from 'vitest';
import { arange, randn, tensor, zeros } from '../../creation';
import * as F from '../../functional/index';
import { manualSeed } from '../../random';
import { gradcheck } from '../../testing/gradcheck';
import { adaptiveAvgPool2dBackward, avgPool2dBackward } from './avg-pool2d';

const f64 = { dtype: 'float64' as const };
const grid = (rows: number, cols: number) => arange(1, rows * cols + 1, 1, f64).reshape([1, 1, rows, cols]);
const close = async (t: { tolist(): Promise<unknown> }, expected: number[][]) => {
	const got = ((await t.tolist()) as number[][][][])[0][0];
	expect(got.length).toBe(expected.length);
	got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
};

describe('avgPool2d: hand-worked values', () => {
	// x = 1 2 3 / 4 5 6 / 7 8 9
	it('2x2 windows with stride 1', async () => {
		await close(F.avgPool2d(grid(3, 3), 2, { stride: 1 }), [[3, 4], [6, 7]]);
	});
	it('padding 1, countIncludePad true vs false', async () => {
		// row windows [-1, 1) and [1, 3): clipped to {0} and {1, 2}; each has pool size 2 counting the padding
		// true:  x00 / 4,         (x01 + x02) / 4,   (x10 + x20) / 4,   (5 + 6 + 8 + 9) / 4
		// false: x00 / 1,         (2 + 3) / 2,       (4 + 7) / 2,       28 / 4
		await close(F.avgPool2d(grid(3, 3), 2, { padding: 1 }), [[0.25, 1.25], [2.75, 7]]);
		await close(F.avgPool2d(grid(3, 3), 2, { padding: 1, countIncludePad: false }), [[1, 2.5], [5.5, 7]]);
	});
	it('ceilMode: the last window is cut at the input (no padding), so it divides by what is left', async () => {
		// 3x3, kernel 2, stride 2: ceil gives windows {0, 1} and {2}; PyTorch clips the pool size to the
		// padded input, so the edge windows divide by 2 and the corner by 1
		await close(F.avgPool2d(grid(3, 3), 2, { ceilMode: true }), [[3, 4.5], [7.5, 9]]);
	});
	it('ceilMode windows that run past the padded input (4x4, kernel 3, stride 2, padding 1)', async () => {
		// x[i][j] = 4i + j + 1. Row windows: [-1, 2) -> {0, 1} pool 3; [1, 4) -> {1, 2, 3} pool 3;
		// [3, 6) clipped to the padded input [3, 5) -> {3} pool 2. Sums S (rows x cols):
		// 14 30 12 / 57 99 36 / 27 45 16; divisors with padding 3 3 2 per axis, without 2 3 1.
		const x = grid(4, 4);
		const o = { stride: 2, padding: 1, ceilMode: true };
		await close(F.avgPool2d(x, 3, o), [[14 / 9, 30 / 9, 12 / 6], [57 / 9, 99 / 9, 36 / 6], [27 / 6, 45 / 6, 16 / 4]]);
		await close(F.avgPool2d(x, 3, { ...o, countIncludePad: false }), [[3.5, 5, 6], [9.5, 11, 12], [13.5, 15, 16]]);
		await close(F.avgPool2d(x, 3, { ...o, divisorOverride: 2 }), [[7, 15, 6], [28.5, 49.5, 18], [13.5, 22.5, 8]]);
	});
	it('unbatched input', async () => {
		expect(await F.avgPool2d(grid(2, 2).reshape([1, 2, 2]), 2).tolist()).toEqual([[[2.5]]]);
	});
	it('NaN and inf stay inside their windows', async () => {
		const y = await F.avgPool2d(tensor([[[[NaN, 1, Infinity, 1]]]], f64), [1, 2]).tolist();
		expect(y).toEqual([[[[NaN, Infinity]]]]);
	});
});

describe('avgPool2d: gradcheck', () => {
	const settings: [string, number | number[], F.AvgPool2dOptions][] = [
		['2x2', 2, {}],
		['3x3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
		['exclude padding, ceilMode', 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
		['ceilMode with padding', [3, 2], { stride: [2, 3], padding: [1, 1], ceilMode: true }],
		['divisorOverride', 2, { stride: 1, divisorOverride: 3 }],
	];
	for (const [name, k, options] of settings) {
		it(name, () => {
			manualSeed(41);
			const x = randn([2, 2, 5, 5], { ...f64, requiresGrad: true });
			// linear in x, so a large finite-difference step is exact and keeps round-off small
			const r = gradcheck((x) => F.avgPool2d(x, k, options), [x], { eps: 1e-3 });
			expect(r.ok, r.message).toBe(true);
		});
	}
	it('the backward op has the forward as its gradient', () => {
		manualSeed(42);
		const a = { kernel: [3, 2] as [number, number], stride: [2, 1] as [number, number], padding: [1, 1] as [number, number], ceilMode: true, countIncludePad: false, divisorOverride: null, inputSize: [5, 4] as [number, number] };
		const dy = randn([1, 2, 3, 5], { ...f64, requiresGrad: true });
		const r = gradcheck((dy) => avgPool2dBackward([dy], a), [dy], { eps: 1e-3 });
		expect(r.ok, r.message).toBe(true);
		const r2 = gradcheck((dy) => adaptiveAvgPool2dBackward([dy], { outputSize: [3, 5], inputSize: [5, 4] }), [dy], { eps: 1e-3 });
		expect(r2.ok, r2.message).toBe(true);
	});
});

describe('adaptiveAvgPool2d', () => {
	it('non-divisible sizes: windows [floor(i * in / out), ceil((i + 1) * in / out))', async () => {
		// 5 -> 3: [0, 2), [1, 4), [3, 5): overlapping windows
		await close(F.adaptiveAvgPool2d(tensor([[[[1, 2, 3, 4, 5]]]], f64), [1, 3]), [[1.5, 3, 4.5]]);
		// x[i][j] = 10 i + j, 5 x 4 -> 3 x 2: mean i over rows 0.5, 2, 3.5; mean j over cols 0.5, 2.5
		const x = tensor(Array.from({ length: 5 }, (_, i) => Array.from({ length: 4 }, (_, j) => 10 * i + j)), f64).reshape([1, 1, 5, 4]);
		await close(F.adaptiveAvgPool2d(x, [3, 2]), [[5.5, 7.5], [20.5, 22.5], [35.5, 37.5]]);
		// 7 -> 3: [0, 3), [2, 5), [4, 7)
		await close(F.adaptiveAvgPool2d(tensor([[[[1, 2, 3, 4, 5, 6, 7]]]], f64), [1, 3]), [[2, 4, 6]]);
	});
	it('output larger than the input repeats and averages neighbours', async () => {
		// 2 -> 3: [0, 1), [0, 2), [1, 2)
		await close(F.adaptiveAvgPool2d(tensor([[[[1, 3]]]], f64), [1, 3]), [[1, 2, 3]]);
	});
	it('a number means a square output, null keeps the input size, 1 is global average pooling', async () => {
		const x = randn([2, 3, 5, 6], f64);
		expect(F.adaptiveAvgPool2d(x, 2).shape).toEqual([2, 3, 2, 2]);
		expect(F.adaptiveAvgPool2d(x, [null, 4]).shape).toEqual([2, 3, 5, 4]);
		const g = F.adaptiveAvgPool2d(x, 1);
		const mean = x.mean([2, 3], true);
		expect(g.sub(mean).abs().amax().dataSync()[0]).toBeLessThan(1e-12);
	});
	it('gradcheck (non-divisible, and upsampling)', () => {
		manualSeed(43);
		const x = randn([2, 2, 5, 7], { ...f64, requiresGrad: true });
		for (const size of [[3, 4], [6, 2], [1, 1]]) {
			const r = gradcheck((x) => F.adaptiveAvgPool2d(x, size), [x], { eps: 1e-3 });
			expect(r.ok, r.message).toBe(true);
		}
	});
});

describe('1-D average pooling', () => {
	it('avgPool1d hand-worked', async () => {
		const x = tensor([[[1, 2, 3, 4, 5]]], f64);
		expect(await F.avgPool1d(x, 2).tolist()).toEqual([[[1.5, 3.5]]]);
		// ceil: a last window {4} of pool size 1
		expect(await F.avgPool1d(x, 2, { ceilMode: true }).tolist()).toEqual([[[1.5, 3.5, 5]]]);
		// padding 1: [0 1 2] [2 3 4] [4 5 0] / 3, or without padding in the count / 2, 3, 2
		expect(await F.avgPool1d(x, 3, { stride: 2, padding: 1 }).tolist()).toEqual([[[1, 3, 3]]]);
		expect(await F.avgPool1d(x, 3, { stride: 2, padding: 1, countIncludePad: false }).tolist()).toEqual([[[1.5, 3, 4.5]]]);
	});
	it('adaptiveAvgPool1d hand-worked, unbatched', async () => {
		expect(await F.adaptiveAvgPool1d(tensor([[1, 2, 3, 4, 5]], f64), 3).tolist()).toEqual([[1.5, 3, 4.5]]);
	});
	it('gradchecks', () => {
		manualSeed(44);
		const x = randn([2, 3, 7], { ...f64, requiresGrad: true });
		const r1 = gradcheck((x) => F.avgPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [x], { eps: 1e-3 });
		expect(r1.ok, r1.message).toBe(true);
		const r2 = gradcheck((x) => F.adaptiveAvgPool1d(x, 4), [x], { eps: 1e-3 });
		expect(r2.ok, r2.message).toBe(true);
	});
});

describe('average pooling: errors', () => {
	it('wrong rank', () => {
		expect(() => F.avgPool2d(zeros([4, 4]), 2)).toThrow('avgPool2d: expected a non-empty 3-D [C, H, W] or 4-D [N, C, H, W] input, got shape [4, 4]');
		expect(() => F.adaptiveAvgPool2d(zeros([1, 1, 1, 4, 4]), 2)).toThrow('adaptiveAvgPool2d: expected a non-empty 3-D');
	});
	it('padding, divisor and too-small input', () => {
		expect(() => F.avgPool2d(zeros([1, 1, 4, 4]), 3, { padding: 2 })).toThrow('avgPool2d: padding [2, 2] must be at most half the kernel size [3, 3]');
		expect(() => F.avgPool2d(zeros([1, 1, 4, 4]), 2, { divisorOverride: 0 })).toThrow('avgPool2d: divisorOverride must not be zero');
		expect(() => F.avgPool2d(zeros([1, 1, 2, 4]), 3)).toThrow('avgPool2d: input [1, 1, 2, 4] is too small');
		expect(() => F.avgPool1d(zeros([1, 1, 2]), 3)).toThrow('avgPool1d: input [1, 1, 1, 2] is too small');
		expect(() => F.adaptiveAvgPool2d(zeros([1, 1, 4, 4]), -1)).toThrow('adaptiveAvgPool2d: outputSize must be a non-negative integer');
	});
});
