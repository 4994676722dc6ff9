import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../../creation';
import * as F from '../../functional/index';
import { manualSeed } from '../../random';
import { gradcheck } from '../../testing/gradcheck';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { conv2dBackwardInput, conv2dBackwardWeight, conv2dOp, type ConvAttrs } from './conv2d';

// x = 1 2 3     w = 1 2
//     4 5 6         3 4
//     7 8 9
// y[i][j] = x[i][j] * 1 + x[i][j+1] * 2 + x[i+1][j] * 3 + x[i+1][j+1] * 4 (cross-correlation: no kernel flip)
//   y[0][0] = 1 + 4 + 12 + 20 = 37     y[0][1] = 2 + 6 + 15 + 24 = 47
//   y[1][0] = 4 + 10 + 21 + 32 = 67    y[1][1] = 5 + 12 + 24 + 36 = 77
const x3 = [[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]];
const w2 = [[[[1, 2], [3, 4]]]];

describeOp('conv2d', {
	run: (x, w) => F.conv2d(x, w),
	cases: [
		{ name: '1 channel 3x3 input, 2x2 kernel (worked by hand)', inputs: [x3, w2], expect: [[[[37, 47], [67, 77]]]] },
		// two input channels, 1x1 kernel: y = 2 * ch0 - 1 * ch1
		{
			name: 'channels are summed',
			inputs: [[[[[1, 2]], [[10, 20]]]], [[[[2]], [[-1]]]]],
			expect: [[[[2 - 10, 4 - 20]]]],
		},
		{ name: 'channel mismatch', inputs: [[[[[1]], [[2]]]], [[[[1]]]]], throws: 'conv2d: input [1, 2, 1, 1] has 2 channels but weight [1, 1, 1, 1] expects 1 (Cin/groups = 1 with groups = 1)' },
	],
});

describe('conv2d: hand-worked settings', () => {
	const run = async (options: F.Conv2dOptions, x: number[][][][] = x3, w: number[][][][] = w2) =>
		F.conv2d(tensor(x, { dtype: 'float64' }), tensor(w, { dtype: 'float64' }), null, options).tolist();

	it('stride 2: Ho = floor((3 - 2) / 2) + 1 = 1, only the top-left window', async () => {
		expect(await run({ stride: 2 })).toEqual([[[[37]]]]);
	});

	it('padding 1: a ring of zeros, Ho = 3 + 2 - 2 + 1 = 4', async () => {
		// padded row 0 is zeros, so y[0][j] = 3 * x[0][j-1] + 4 * x[0][j]: 4, 3 + 8, 6 + 12, 9
		// y[1][0] = 2 * 1 + 4 * 4 = 18, y[1][3] = 1 * 3 + 3 * 6 = 21, y[2][0] = 2 * 4 + 4 * 7 = 36,
		// y[2][3] = 6 + 27 = 33, last row y[3][j] = x[2][j-1] + 2 x[2][j]: 14, 7 + 16, 8 + 18, 9
		expect(await run({ padding: 1 })).toEqual([[[[4, 11, 18, 9], [18, 37, 47, 21], [36, 67, 77, 33], [14, 23, 26, 9]]]]);
	});

	it('dilation 2: the 2x2 kernel reads the corners of the 3x3 input', async () => {
		// 1 * 1 + 2 * 3 + 3 * 7 + 4 * 9 = 64
		expect(await run({ dilation: 2 })).toEqual([[[[64]]]]);
	});

	it('groups = 2: each output channel sees only its own input channel', async () => {
		// ch0 = [[1, 2], [3, 4]] with w0 = [[1, 0], [0, 1]]: 1 + 4 = 5; ch1 = [[5, 6], [7, 8]] with w1 = [[0, 1], [1, 0]]: 6 + 7 = 13
		const x = [[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]];
		const w = [[[[1, 0], [0, 1]]], [[[0, 1], [1, 0]]]];
		expect(await run({ groups: 2 }, x, w)).toEqual([[[[5]], [[13]]]]);
	});

	it('depthwise with multiplier 2: groups = Cin = 2, Cout = 4', async () => {
		// output channels 0, 1 come from input channel 0 (x1, x2); 2, 3 from input channel 1 (x3, x4)
		const x = [[[[1, 2]], [[10, 20]]]];
		const w = [[[[1]]], [[[2]]], [[[3]]], [[[4]]]];
		expect(await run({ groups: 2 }, x, w)).toEqual([[[[1, 2]], [[2, 4]], [[30, 60]], [[40, 80]]]]);
	});

	it("padding 'same' with an even kernel puts the extra zero at the bottom/right", async () => {
		// total padding 1 per axis: 0 before, 1 after; so y = the valid result plus a last row/column read against zeros
		// y[0][2] = 3 * 1 + 6 * 3 = 21, y[2][0] = 7 + 2 * 8 = 23, y[2][2] = 9
		expect(await run({ padding: 'same' })).toEqual([[[[37, 47, 21], [67, 77, 33], [23, 26, 9]]]]);
		expect(await run({ padding: 'valid' })).toEqual([[[[37, 47], [67, 77]]]]);
	});

	it('bias is added per output channel, and unbatched input drops the batch dim', async () => {
		const y = F.conv2d(tensor(x3[0], { dtype: 'float64' }), tensor(w2, { dtype: 'float64' }), tensor([0.5], { dtype: 'float64' }));
		expect(await y.tolist()).toEqual([[[37.5, 47.5], [67.5, 77.5]]]);
	});
});

/** conv2d straight from its definition (float64, asymmetric padding), to check the im2col kernels against. */
function reference(x: Tensor, w: Tensor, a: ConvAttrs): number[] {
	const [N, Cin, H, W] = x.shape;
	const [Cout, cinG, kH, kW] = w.shape;
	const [pt, pb, pl, pr] = a.padding;
	const Ho = Math.floor((H + pt + pb - a.dilation[0] * (kH - 1) - 1) / a.stride[0]) + 1;
	const Wo = Math.floor((W + pl + pr - a.dilation[1] * (kW - 1) - 1) / a.stride[1]) + 1;
	const xd = x.dataSync();
	const wd = w.dataSync();
	const out: number[] = [];
	for (let n = 0; n < N; n++)
		for (let co = 0; co < Cout; co++)
			for (let oh = 0; oh < Ho; oh++)
				for (let ow = 0; ow < Wo; ow++) {
					const g = Math.floor(co / (Cout / a.groups));
					let s = 0;
					for (let c = 0; c < cinG; c++)
						for (let i = 0; i < kH; i++)
							for (let j = 0; j < kW; j++) {
								const ih = oh * a.stride[0] - pt + i * a.dilation[0];
								const iw = ow * a.stride[1] - pl + j * a.dilation[1];
								if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
								s += xd[((n * Cin + g * cinG + c) * H + ih) * W + iw] * wd[((co * cinG + c) * kH + i) * kW + j];
							}
					out.push(s);
				}
	return out;
}

describe('conv2d: im2col kernels against the definition', () => {
	it('matches on 40 random settings (stride, asymmetric padding, dilation, groups)', () => {
		manualSeed(7);
		let seed = 1;
		const pick = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
		for (let t = 0; t < 40; t++) {
			const groups = 1 + pick(3);
			const a: ConvAttrs = {
				stride: [1 + pick(3), 1 + pick(3)],
				padding: [pick(3), pick(3), pick(3), pick(3)],
				dilation: [1 + pick(2), 1 + pick(3)],
				groups,
			};
			const k = [1 + pick(3), 1 + pick(3)];
			const x = randn([1 + pick(2), groups * (1 + pick(2)), 5 + pick(4), 4 + pick(5)], { dtype: 'float64' });
			const w = randn([groups * (1 + pick(2)), x.shape[1] / groups, k[0], k[1]], { dtype: 'float64' });
			const y = conv2dOp([x, w], a).dataSync();
			const ref = reference(x, w, a);
			expect(y.length).toBe(ref.length);
			ref.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
		}
	});
});

describe('conv2d: output size', () => {
	it('is floor((H + 2p - d(k - 1) - 1) / s) + 1, i.e. the number of windows that fit in the padded input', () => {
		for (let H = 1; H <= 7; H++)
			for (let k = 1; k <= 3; k++)
				for (let s = 1; s <= 3; s++)
					for (let p = 0; p <= 2; p++)
						for (let d = 1; d <= 2; d++) {
							const eff = d * (k - 1) + 1;
							let fits = 0; // windows o with o * s + eff <= H + 2p, counted one by one
							while (fits * s + eff <= H + 2 * p) fits++;
							const x = randn([1, 1, H, 3]);
							const w = randn([1, 1, k, 1]);
							if (fits === 0) {
								expect(() => F.conv2d(x, w, null, { stride: [s, 1], padding: [p, 0], dilation: [d, 1] })).toThrow(/conv2d: the padded input is/);
							} else {
								expect(F.conv2d(x, w, null, { stride: [s, 1], padding: [p, 0], dilation: [d, 1] }).shape).toEqual([1, 1, fits, 3]);
							}
						}
	});
});

// NOTE: conv2d is linear in each single element of x, w and b, so central differences have no truncation
// error at any step; a step of 1e-3 (instead of 1e-6) keeps their round-off far below the 1e-6 tolerance.
const eps = 1e-3;

describe('conv2d: gradients (float64 gradcheck of input, weight and bias)', () => {
	const settings: [string, number[], number[], F.Conv2dOptions][] = [
		['plain 3x3', [2, 2, 5, 5], [3, 2, 3, 3], {}],
		['stride 2, padding 1', [2, 2, 5, 5], [3, 2, 3, 3], { stride: 2, padding: 1 }],
		['dilation 2, non-square', [1, 2, 6, 5], [2, 2, 2, 3], { dilation: [2, 1], padding: [1, 0] }],
		['groups 2', [2, 4, 4, 4], [4, 2, 2, 2], { groups: 2, stride: [1, 2] }],
		['depthwise', [1, 3, 4, 5], [6, 1, 3, 3], { groups: 3, padding: 1 }],
		["padding 'same', even kernel", [1, 2, 4, 5], [2, 2, 2, 4], { padding: 'same' }],
		['stride 3 leaves rows unused', [1, 1, 6, 7], [2, 1, 2, 2], { stride: 3 }],
	];
	for (const [name, xs, ws, options] of settings) {
		it(name, () => {
			manualSeed(11);
			const x = randn(xs, { dtype: 'float64', requiresGrad: true });
			const w = randn(ws, { dtype: 'float64', requiresGrad: true });
			const b = randn([ws[0]], { dtype: 'float64', requiresGrad: true });
			const r = gradcheck((x, w, b) => F.conv2d(x, w, b, options), [x, w, b], { eps });
			expect(r.ok, r.message).toBe(true);
		});
	}

	it('unbatched input', () => {
		const x = randn([2, 4, 4], { dtype: 'float64', requiresGrad: true });
		const w = randn([3, 2, 2, 2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, w) => F.conv2d(x, w, null, { padding: 1 }), [x, w], { eps });
		expect(r.ok, r.message).toBe(true);
	});

	it('skips the input gradient when the input does not require grad', () => {
		const x = randn([1, 1, 4, 4]);
		const w = randn([1, 1, 2, 2], { requiresGrad: true });
		F.conv2d(x, w).sum().backward();
		expect(w.grad!.shape).toEqual([1, 1, 2, 2]);
		expect(x.grad).toBeNull();
	});
});

describe('conv2d: the gradient primitives have exact gradients too', () => {
	const a: ConvAttrs = { stride: [2, 1], padding: [1, 1, 0, 1], dilation: [1, 2], groups: 2 };
	it('conv2dBackwardInput in dy and weight', () => {
		manualSeed(3);
		const dy = randn([2, 4, 3, 2], { dtype: 'float64', requiresGrad: true });
		const w = randn([4, 1, 2, 2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((dy, w) => conv2dBackwardInput([dy, w], { ...a, inputSize: [5, 3] }), [dy, w], { eps });
		expect(r.ok, r.message).toBe(true);
	});
	it('conv2dBackwardWeight in x and dy', () => {
		manualSeed(4);
		const x = randn([2, 2, 5, 3], { dtype: 'float64', requiresGrad: true });
		const dy = randn([2, 4, 3, 2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x, dy) => conv2dBackwardWeight([x, dy], { ...a, weightSize: [2, 2] }), [x, dy], { eps });
		expect(r.ok, r.message).toBe(true);
	});
	it('with dy smaller than conv2d would give (convTranspose2d with outputPadding >= stride)', () => {
		manualSeed(5);
		const b: ConvAttrs = { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [3, 1], groups: 1 };
		// inputSize 6 = (2 - 1) * 1 + 3 * (2 - 1) + 1 + 1 (outputPadding 1 < dilation 3); conv2d of 6 rows gives 3 > 2
		const dy = randn([1, 2, 2, 2], { dtype: 'float64', requiresGrad: true });
		const w = randn([2, 1, 2, 2], { dtype: 'float64', requiresGrad: true });
		const r1 = gradcheck((dy, w) => conv2dBackwardInput([dy, w], { ...b, inputSize: [6, 3] }), [dy, w], { eps });
		expect(r1.ok, r1.message).toBe(true);
		const x = randn([1, 1, 6, 3], { dtype: 'float64', requiresGrad: true });
		const r2 = gradcheck((x, dy) => conv2dBackwardWeight([x, dy], { ...b, weightSize: [2, 2] }), [x, dy], { eps });
		expect(r2.ok, r2.message).toBe(true);
	});
});
