import { describe, expect, it } from 'vitest';
import { randn, tensor, zeros } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import * as F from './index';

// conv is linear in each single element, so central differences are exact up to round-off at any step
const eps = 1e-3;
const f64 = { dtype: 'float64' as const };

describe('conv1d', () => {
	it('hand-worked: [1, 2, 3, 4] with kernel [1, -1] gives differences, padding 1 adds the ends', async () => {
		const x = tensor([[[1, 2, 4, 7]]], f64);
		const w = tensor([[[1, -1]]], f64);
		// y[j] = x[j] - x[j+1]
		expect(await F.conv1d(x, w).tolist()).toEqual([[[-1, -2, -3]]]);
		// padded [0, 1, 2, 4, 7, 0]: 0 - 1, 1 - 2, 2 - 4, 4 - 7, 7 - 0
		expect(await F.conv1d(x, w, null, { padding: 1 }).tolist()).toEqual([[[-1, -1, -2, -3, 7]]]);
		// stride 2, dilation 2: x[0] - x[2] = -3 only (Lo = floor((4 - 2 - 1) / 2) + 1 = 1)
		expect(await F.conv1d(x, w, null, { stride: 2, dilation: 2 }).tolist()).toEqual([[[-3]]]);
		// 'same' with an even kernel: the extra zero goes on the right
		expect(await F.conv1d(x, w, null, { padding: 'same' }).tolist()).toEqual([[[-1, -2, -3, 7]]]);
	});

	it('unbatched [Cin, L] input and bias', async () => {
		const y = F.conv1d(tensor([[1, 2, 4]], f64), tensor([[[1, 1]], [[2, 0]]], f64), tensor([10, 20], f64));
		expect(await y.tolist()).toEqual([[13, 16], [22, 24]]);
	});

	it('gradcheck with groups, stride, dilation and bias', () => {
		manualSeed(21);
		const x = randn([2, 4, 9], { ...f64, requiresGrad: true });
		const w = randn([6, 2, 3], { ...f64, requiresGrad: true });
		const b = randn([6], { ...f64, requiresGrad: true });
		const r = gradcheck((x, w, b) => F.conv1d(x, w, b, { groups: 2, stride: 2, dilation: 2, padding: 1 }), [x, w, b], { eps });
		expect(r.ok, r.message).toBe(true);
	});

	it('errors', () => {
		expect(() => F.conv1d(zeros([1, 3, 5]), zeros([2, 2, 3]))).toThrow('conv1d: input [1, 3, 5] has 3 channels but weight [2, 2, 3] expects 2 (Cin/groups = 2 with groups = 1)');
		expect(() => F.conv1d(zeros([1, 2, 2]), zeros([2, 2, 3]))).toThrow('conv1d: the padded input has length 2 but the (dilated) kernel covers 3');
		expect(() => F.conv1d(zeros([1, 2, 5]), zeros([2, 2, 3]), null, { padding: 'same', stride: 2 })).toThrow("conv1d: padding='same' is not supported for strided convolutions");
		expect(() => F.conv1d(zeros([1, 1, 2, 2]), zeros([2, 1, 3]))).toThrow('conv1d: expected 2-D (unbatched) or 3-D (batched [N, C, L]) input, got shape [1, 1, 2, 2]');
	});
});

describe('conv2d errors', () => {
	it('wrong rank of input or weight', () => {
		expect(() => F.conv2d(zeros([5, 5]), zeros([1, 1, 3, 3]))).toThrow('conv2d: expected 3-D (unbatched) or 4-D (batched [N, C, H, W]) input, got shape [5, 5]');
		expect(() => F.conv2d(zeros([1, 1, 5, 5]), zeros([1, 3, 3]))).toThrow('conv2d: expected a 4-D weight [Cout, Cin/groups, kH, kW], got [1, 3, 3]');
	});
	it('channel mismatch names Cin/groups', () => {
		expect(() => F.conv2d(zeros([1, 3, 5, 5]), zeros([8, 4, 3, 3]))).toThrow(
			'conv2d: input [1, 3, 5, 5] has 3 channels but weight [8, 4, 3, 3] expects 4 (Cin/groups = 4 with groups = 1)',
		);
		expect(() => F.conv2d(zeros([1, 4, 5, 5]), zeros([8, 4, 3, 3]), null, { groups: 2 })).toThrow(
			'conv2d: input [1, 4, 5, 5] has 4 channels but weight [8, 4, 3, 3] expects 8 (Cin/groups = 4 with groups = 2)',
		);
		expect(() => F.conv2d(zeros([1, 4, 5, 5]), zeros([3, 2, 3, 3]), null, { groups: 2 })).toThrow('which groups = 2 does not divide');
	});
	it('kernel larger than the padded input', () => {
		expect(() => F.conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3]))).toThrow(
			'conv2d: the padded input is 2 x 2 per channel but the (dilated) kernel covers 3 x 3, so the output would have size 0 x 0',
		);
		expect(() => F.conv2d(zeros([1, 1, 4, 4]), zeros([1, 1, 3, 3]), null, { dilation: 2 })).toThrow('the (dilated) kernel covers 5 x 5');
		expect(F.conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3]), null, { padding: 1 }).shape).toEqual([1, 1, 2, 2]);
	});
	it('bad options and bias', () => {
		expect(() => F.conv2d(zeros([1, 1, 5, 5]), zeros([1, 1, 3, 3]), null, { stride: 0 })).toThrow('conv2d: stride must be a positive integer');
		expect(() => F.conv2d(zeros([1, 1, 5, 5]), zeros([1, 1, 3, 3]), null, { padding: -1 })).toThrow('conv2d: padding must be a non-negative integer');
		expect(() => F.conv2d(zeros([1, 1, 5, 5]), zeros([1, 1, 3, 3]), null, { stride: 2, padding: 'same' })).toThrow(
			"conv2d: padding='same' is not supported for strided convolutions",
		);
		expect(() => F.conv2d(zeros([1, 1, 5, 5]), zeros([2, 1, 3, 3]), zeros([3]))).toThrow('conv2d: bias has shape [3] but the output has 2 channels');
		expect(() => F.conv2d(zeros([1, 1, 5, 5], { dtype: 'float64' }), zeros([2, 1, 3, 3]))).toThrow('conv2d: expected x and weight to have the same dtype');
	});
});

describe('convTranspose2d', () => {
	const x = tensor([[[[1, 2], [3, 4]]]], f64);
	it('stride 2 with a 2x2 kernel of ones copies each input into its own 2x2 block', async () => {
		const w = tensor([[[[1, 1], [1, 1]]]], f64);
		expect(await F.convTranspose2d(x, w, null, { stride: 2 }).tolist()).toEqual([
			[[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]],
		]);
	});
	it('stride 1: overlapping blocks add up (the adjoint of conv2d)', async () => {
		// out[i][j] = sum of x[a][b] over a in {i-1, i}, b in {j-1, j}
		const w = tensor([[[[1, 1], [1, 1]]]], f64);
		expect(await F.convTranspose2d(x, w).tolist()).toEqual([[[[1, 3, 2], [4, 10, 6], [3, 7, 4]]]]);
		// padding 1 crops one ring: the centre 10
		expect(await F.convTranspose2d(x, w, null, { padding: 1 }).tolist()).toEqual([[[[10]]]]);
	});
	it('is the adjoint of conv2d: <convT(y, w), x> = <y, conv2d(x, w)>', async () => {
		manualSeed(2);
		const options = { stride: 2, padding: 1, dilation: 2, groups: 2 };
		const w = randn([4, 3, 3, 2], f64);
		const y = randn([2, 4, 3, 4], f64);
		const out = F.convTranspose2d(y, w, null, options);
		const xr = randn(out.shape, f64);
		const lhs = await out.mul(xr).sum().item();
		const rhs = await y.mul(F.conv2d(xr, w, null, options)).sum().item();
		expect(lhs).toBeCloseTo(rhs, 10);
	});
	it('output size: (H - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1', () => {
		for (const [H, k, s, p, d, op] of [
			[3, 3, 2, 1, 1, 1],
			[4, 2, 2, 0, 1, 0],
			[5, 3, 3, 2, 2, 2],
			[2, 4, 1, 0, 3, 2],
			[1, 1, 1, 0, 1, 0],
		]) {
			const y = F.convTranspose2d(zeros([1, 2, H, 3]), zeros([2, 1, k, 1]), null, { stride: [s, 1], padding: [p, 0], dilation: [d, 1], outputPadding: [op, 0] });
			expect(y.shape).toEqual([1, 1, (H - 1) * s - 2 * p + d * (k - 1) + op + 1, 3]);
		}
	});
	it('gradchecks of input, weight and bias', () => {
		manualSeed(8);
		for (const options of [{}, { stride: 2, padding: 1, outputPadding: 1 }, { groups: 2, dilation: [2, 1] }, { stride: [1, 2], dilation: 3, outputPadding: [2, 1] }]) {
			const x = randn([2, 4, 3, 3], { ...f64, requiresGrad: true });
			const w = randn([4, 2, 2, 3], { ...f64, requiresGrad: true });
			const groups = (options as { groups?: number }).groups ?? 1;
			const b = randn([2 * groups], { ...f64, requiresGrad: true });
			const r = gradcheck((x, w, b) => F.convTranspose2d(x, w, b, options as F.ConvTranspose2dOptions), [x, w, b], { eps });
			expect(r.ok, `${JSON.stringify(options)}: ${r.message}`).toBe(true);
		}
	});
	it('errors', () => {
		expect(() => F.convTranspose2d(zeros([1, 3, 2, 2]), zeros([4, 1, 2, 2]))).toThrow(
			'convTranspose2d: input [1, 3, 2, 2] has 3 channels but weight [4, 1, 2, 2] expects 4; weight is [Cin, Cout/groups, kH, kW]',
		);
		expect(() => F.convTranspose2d(zeros([1, 1, 2, 2]), zeros([1, 1, 2, 2]), null, { stride: 2, outputPadding: 2 })).toThrow(
			'convTranspose2d: outputPadding [2, 2] must be smaller than either stride [2, 2] or dilation [1, 1] in each dim',
		);
		expect(() => F.convTranspose2d(zeros([1, 1, 1, 1]), zeros([1, 1, 1, 1]), null, { padding: 1 })).toThrow(
			'gives an output of -1 x -1; it must be at least 1 x 1',
		);
	});
});
