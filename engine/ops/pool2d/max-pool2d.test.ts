import { describe, expect, it } from 'vitest';
import { arange, randn, tensor, zeros } from '../../creation';
import * as F from '../../functional/index';
import { manualSeed } from '../../random';
import { gradcheck } from '../../testing/gradcheck';
import { maxPool2dBackward, maxPool2dSelect, type MaxPoolAttrs } from './max-pool2d';
import { poolOutputSize } from './pool-windows';

const f64 = { dtype: 'float64' as const };
//  1  2  3  4
//  5  6  7  8
//  9 10 11 12
// 13 14 15 16
const x4 = () => arange(1, 17, 1, f64).reshape([1, 1, 4, 4]);

describe('maxPool2d: hand-worked values', () => {
	it('2x2 windows, stride = kernel by default', async () => {
		expect(await F.maxPool2d(x4(), 2).tolist()).toEqual([[[[6, 8], [14, 16]]]]);
	});
	it('stride 1: overlapping windows', async () => {
		expect(await F.maxPool2d(x4(), 2, { stride: 1 }).tolist()).toEqual([[[[6, 7, 8], [10, 11, 12], [14, 15, 16]]]]);
	});
	it('padding 1 counts as -inf, even for negative inputs', async () => {
		// row windows {0}, {1, 2}, {3} (the padded ones never win); same for columns
		expect(await F.maxPool2d(x4(), 2, { padding: 1 }).tolist()).toEqual([[[[1, 3, 4], [9, 11, 12], [13, 15, 16]]]]);
		expect(await F.maxPool2d(x4().neg(), 2, { padding: 1 }).tolist()).toEqual([[[[-1, -2, -4], [-5, -6, -8], [-13, -14, -16]]]]);
	});
	it('dilation 2: each window reads rows {o, o + 2} and columns {o, o + 2}', async () => {
		// [0][0] = max(x00, x02, x20, x22) = 11
		expect(await F.maxPool2d(x4(), 2, { stride: 1, dilation: 2 }).tolist()).toEqual([[[[11, 12], [15, 16]]]]);
	});
	it('ceilMode keeps a last window that runs past the edge', async () => {
		// floor((4 - 3) / 2) + 1 = 1 window per axis; ceil mode: 2, the second covering rows {2, 3}
		expect(await F.maxPool2d(x4(), 3, { stride: 2 }).tolist()).toEqual([[[[11]]]]);
		expect(await F.maxPool2d(x4(), 3, { stride: 2, ceilMode: true }).tolist()).toEqual([[[[11, 12], [15, 16]]]]);
	});
	it('unbatched [C, H, W] input', async () => {
		expect(await F.maxPool2d(x4().reshape([1, 4, 4]), [2, 4]).tolist()).toEqual([[[8], [16]]]);
	});
	it('NaN propagates (and wins the gradient)', async () => {
		const x = tensor([[[[1, NaN], [3, 2]]]], { ...f64, requiresGrad: true });
		const y = F.maxPool2d(x, 2);
		expect(Number.isNaN((await y.data())[0])).toBe(true);
		y.sum().backward();
		expect(await x.grad!.tolist()).toEqual([[[[0, 1], [0, 0]]]]);
	});
});

describe('maxPool2d: gradient ties and overlaps (PyTorch CPU rule: first maximum in row-major order)', () => {
	const gradOf = async (x: number[][], k: number, options: F.MaxPool2dOptions = {}) => {
		const t = tensor([[x]], { ...f64, requiresGrad: true });
		F.maxPool2d(t, k, options).sum().backward();
		return ((await t.grad!.tolist()) as number[][][][])[0][0];
	};
	it('a window of equal values sends the whole gradient to its first element', async () => {
		expect(await gradOf([[7, 7], [7, 7]], 2)).toEqual([[1, 0], [0, 0]]);
	});
	it('a window of all -inf also picks its first element', async () => {
		expect(await gradOf([[-Infinity, -Infinity], [-Infinity, -Infinity]], 2)).toEqual([[1, 0], [0, 0]]);
	});
	it('overlapping windows (stride < kernel) accumulate on a shared maximum', async () => {
		// windows at columns 0-1 and 1-2 both pick the 3
		expect(await gradOf([[1, 3, 2], [0, 0, 0]], 2, { stride: 1 })).toEqual([[0, 2, 0], [0, 0, 0]]);
		// all equal: each window takes its own first element
		expect(await gradOf([[5, 5, 5], [5, 5, 5]], 2, { stride: 1 })).toEqual([[1, 1, 0], [0, 0, 0]]);
		// a tie between rows: the earlier row wins
		expect(await gradOf([[0, 4], [4, 0]], 2)).toEqual([[0, 1], [0, 0]]);
	});
	it('a window entirely in the padding gives -inf and no gradient', async () => {
		// H = 1, kernel 2, dilation 2, padding 1: the only window reads rows -1 and 1, both outside
		const x = tensor([[[[3]]]], { ...f64, requiresGrad: true });
		const y = F.maxPool2d(x, [2, 1], { dilation: [2, 1], padding: [1, 0] });
		expect(await y.tolist()).toEqual([[[[-Infinity]]]]);
		y.sum().backward();
		expect(await x.grad!.tolist()).toEqual([[[[0]]]]);
	});
});

describe('maxPool2d: output size', () => {
	it('matches counting windows one by one, in floor and ceil mode', () => {
		for (let H = 1; H <= 8; H++)
			for (let k = 1; k <= 4; k++)
				for (let s = 1; s <= 3; s++)
					for (let p = 0; p <= Math.floor(k / 2); p++)
						for (let d = 1; d <= 2; d++)
							for (const ceilMode of [false, true]) {
								const eff = d * (k - 1) + 1;
								const L = H + 2 * p;
								// floor: window o fits in the padded input; ceil: the previous window stopped short of the end
								// (so in ceil mode a kernel longer than the input still gives one window), and window o starts
								// inside the input or its left padding
								let count = 0;
								while (ceilMode ? (count - 1) * s + eff < L && count * s - p < H : count * s + eff <= L) count++;
								const size = poolOutputSize(H, k, s, p, d, ceilMode);
								const where = `H=${H} k=${k} s=${s} p=${p} d=${d} ceil=${ceilMode}`;
								if (count >= 1) expect(size, where).toBe(count);
								else expect(size, where).toBeLessThan(1);
								const x = zeros([1, 1, H, 2]);
								const run = () => F.maxPool2d(x, [k, 1], { stride: [s, 1], padding: [p, 0], dilation: [d, 1], ceilMode });
								if (count >= 1) expect(run().shape).toEqual([1, 1, count, 2]);
								else expect(run).toThrow('maxPool2d: input [1, 1, ');
							}
	});
	it('known PyTorch sizes', () => {
		expect(poolOutputSize(5, 2, 2, 0, 1, true)).toBe(3);
		// ceil gives 4, but the 4th window would start at 6 - 1 = 5, past the input: dropped
		expect(poolOutputSize(5, 2, 2, 1, 1, true)).toBe(3);
		expect(poolOutputSize(6, 3, 3, 1, 1, true)).toBe(3);
		expect(poolOutputSize(6, 3, 3, 1, 1, false)).toBe(2);
		// ceil mode allows a kernel longer than the input: MaxPool2d(2, ceil_mode=True) on 1 x 1 gives 1 x 1
		expect(poolOutputSize(1, 2, 2, 0, 1, true)).toBe(1);
		expect(poolOutputSize(1, 2, 2, 0, 1, false)).toBe(0);
	});
});

describe('maxPool2d: gradcheck', () => {
	const settings: [string, number | number[], F.MaxPool2dOptions][] = [
		['2x2', 2, {}],
		['3x3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
		['overlapping stride 1', [2, 3], { stride: 1 }],
		['dilation 2', 2, { dilation: 2, stride: 1 }],
		['ceilMode', 2, { ceilMode: true, padding: 1, stride: 2 }],
	];
	for (const [name, k, options] of settings) {
		it(name, () => {
			manualSeed(31);
			const x = randn([2, 2, 5, 5], { ...f64, requiresGrad: true });
			const r = gradcheck((x) => F.maxPool2d(x, k, options), [x]);
			expect(r.ok, r.message).toBe(true);
		});
	}
	it('the gradient ops are each other\'s adjoints (gradients of gradients)', () => {
		manualSeed(32);
		const a: MaxPoolAttrs = { kernel: [3, 2], stride: [1, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true };
		const x = randn([1, 2, 4, 5], f64);
		const y = F.maxPool2d(x, [3, 2], { stride: [1, 2], padding: 1, ceilMode: true });
		const dy = randn(y.shape, { ...f64, requiresGrad: true });
		const r1 = gradcheck((dy) => maxPool2dBackward([dy, x], a), [dy]);
		expect(r1.ok, r1.message).toBe(true);
		const v = randn(x.shape, { ...f64, requiresGrad: true });
		const r2 = gradcheck((v) => maxPool2dSelect([v, x], a), [v]);
		expect(r2.ok, r2.message).toBe(true);
	});
});

describe('maxPool1d', () => {
	it('hand-worked', async () => {
		const x = tensor([[[1, 5, 2, 4, 3]]], f64);
		expect(await F.maxPool1d(x, 2).tolist()).toEqual([[[5, 4]]]);
		expect(await F.maxPool1d(x, 2, { ceilMode: true }).tolist()).toEqual([[[5, 4, 3]]]);
		expect(await F.maxPool1d(x, 3, { stride: 1, padding: 1 }).tolist()).toEqual([[[5, 5, 5, 4, 4]]]);
		expect(await F.maxPool1d(tensor([[1, 5, 2, 4, 3]], f64), 2, { stride: 1, dilation: 2 }).tolist()).toEqual([[2, 5, 3]]);
	});
	it('gradcheck', () => {
		manualSeed(33);
		const x = randn([2, 3, 7], { ...f64, requiresGrad: true });
		const r = gradcheck((x) => F.maxPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), [x]);
		expect(r.ok, r.message).toBe(true);
	});
});

describe('maxPool2d: errors', () => {
	it('wrong rank', () => {
		expect(() => F.maxPool2d(zeros([4, 4]), 2)).toThrow('maxPool2d: expected a non-empty 3-D [C, H, W] or 4-D [N, C, H, W] input, got shape [4, 4]');
		expect(() => F.maxPool1d(zeros([4]), 2)).toThrow('maxPool1d: expected a non-empty 2-D [C, L] or 3-D [N, C, L] input, got shape [4]');
	});
	it('padding more than half the kernel', () => {
		expect(() => F.maxPool2d(zeros([1, 1, 4, 4]), 2, { padding: 2 })).toThrow('maxPool2d: padding [2, 2] must be at most half the kernel size [2, 2]');
	});
	it('kernel larger than the padded input', () => {
		expect(() => F.maxPool2d(zeros([1, 1, 2, 2]), 3)).toThrow(
			'maxPool2d: input [1, 1, 2, 2] is too small: with kernel [3, 3], stride [3, 3], padding [0, 0] and dilation [1, 1] the output would be 0 x 0',
		);
	});
	it('bad kernel or stride', () => {
		expect(() => F.maxPool2d(zeros([1, 1, 2, 2]), 0)).toThrow('maxPool2d: kernelSize must be a positive integer');
		expect(() => F.maxPool2d(zeros([1, 1, 2, 2]), 2, { stride: 0 })).toThrow('maxPool2d: stride must be a positive integer');
	});
});
