import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import * as F from '../functional/index';
import { noGrad } from '../autograd';
import { manualSeed } from '../random';
import { Conv1d, Conv2d, ConvTranspose2d } from './conv';
import { AdaptiveAvgPool2d, MaxPool2d } from './pooling';

const maxAbs = (t: { dataSync(): ArrayLike<number> }) => Math.max(...Array.from(t.dataSync(), Math.abs));

describe('Conv2d', () => {
	it('has PyTorch shapes and names, and forwards through F.conv2d', () => {
		const conv = new Conv2d(4, 6, [3, 2], { stride: 2, padding: 1, groups: 2 });
		expect(conv.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['weight', [6, 2, 3, 2]],
			['bias', [6]],
		]);
		const x = randn([2, 4, 7, 7]);
		const expected = F.conv2d(x, conv.weight, conv.bias, { stride: 2, padding: 1, groups: 2 });
		expect(conv.forward(x).sub(expected).abs().amax().dataSync()[0]).toBe(0);
		expect(new Conv2d(1, 2, 3, { bias: false }).parameters()).toHaveLength(1);
	});

	it('default init is U(-1/√fanIn, 1/√fanIn) with fanIn = inChannels / groups * kH * kW', () => {
		manualSeed(1);
		const conv = new Conv2d(8, 64, 3, { groups: 2 });
		const bound = 1 / Math.sqrt(4 * 9);
		expect(maxAbs(conv.weight)).toBeLessThanOrEqual(bound);
		expect(maxAbs(conv.weight)).toBeGreaterThan(0.9 * bound);
		expect(maxAbs(conv.bias!)).toBeLessThanOrEqual(bound);
	});

	it("padding 'same' keeps the size", () => {
		expect(new Conv2d(1, 1, [2, 4], { padding: 'same' }).forward(randn([1, 1, 5, 6])).shape).toEqual([1, 1, 5, 6]);
	});

	it('errors', () => {
		expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrow('Conv2d: inChannels (3) must be divisible by groups (2)');
		expect(() => new Conv2d(4, 3, 3, { groups: 2 })).toThrow('Conv2d: outChannels (3) must be divisible by groups (2)');
		expect(() => new Conv2d(1, 1, 3, { padding: 'same', stride: 2 })).toThrow("Conv2d: padding='same' is not supported for strided convolutions");
		expect(() => new Conv2d(3, 4, 3).forward(randn([1, 2, 5, 5]))).toThrow('conv2d: input [1, 2, 5, 5] has 2 channels but weight [4, 3, 3, 3] expects 3');
	});
});

describe('Conv1d', () => {
	it('weight [out, in / groups, k] and forward through F.conv1d', () => {
		const conv = new Conv1d(4, 6, 3, { padding: 'same', groups: 2 });
		expect(conv.weight.shape).toEqual([6, 2, 3]);
		const x = randn([2, 4, 10]);
		expect(conv.forward(x).shape).toEqual([2, 6, 10]);
		expect(conv.forward(x).sub(F.conv1d(x, conv.weight, conv.bias, { padding: 'same', groups: 2 })).abs().amax().dataSync()[0]).toBe(0);
		const bound = 1 / Math.sqrt(2 * 3);
		expect(maxAbs(conv.weight)).toBeLessThanOrEqual(bound);
	});
});

describe('ConvTranspose2d', () => {
	it('weight [in, out / groups, kH, kW]; output size from stride, padding and outputPadding', () => {
		const up = new ConvTranspose2d(8, 4, 3, { stride: 2, padding: 1, outputPadding: 1 });
		expect(up.weight.shape).toEqual([8, 4, 3, 3]);
		expect(up.bias!.shape).toEqual([4]);
		// (5 - 1) * 2 - 2 + 2 + 1 + 1 = 10
		expect(up.forward(randn([1, 8, 5, 5])).shape).toEqual([1, 4, 10, 10]);
	});
	it('fanIn comes from weight dim 1 (outChannels / groups * kH * kW), as PyTorch computes it', () => {
		manualSeed(2);
		// weight [2, 32, 2, 2]: fanIn = 32 * 4 = 128 (not inChannels * 4 = 8)
		const up = new ConvTranspose2d(2, 32, 2);
		const bound = 1 / Math.sqrt(128);
		expect(maxAbs(up.weight)).toBeLessThanOrEqual(bound);
		expect(maxAbs(up.weight)).toBeGreaterThan(0.9 * bound);
		expect(maxAbs(up.bias!)).toBeLessThanOrEqual(bound);
	});
});

describe('a small CNN trains', () => {
	it('conv -> relu -> maxpool -> conv -> adaptive avg pool separates bright-left from bright-right images', () => {
		manualSeed(5);
		const conv1 = new Conv2d(1, 4, 3, { padding: 1 });
		const pool = new MaxPool2d(2);
		const conv2 = new Conv2d(4, 2, 3, { padding: 1 });
		const gap = new AdaptiveAvgPool2d(1);
		const params = [...conv1.parameters(), ...conv2.parameters()];
		// 16 noisy 8x8 images: even ones have a bright left half (class 0), odd ones a bright right half (class 1)
		const labels = Array.from({ length: 16 }, (_, i) => i % 2);
		const pattern = labels.map((c) => [Array.from({ length: 8 }, () => Array.from({ length: 8 }, (_, j) => ((j < 4) === (c === 0) ? 1 : 0)))]);
		const x = tensor(pattern).add(randn([16, 1, 8, 8]).mul(0.3));
		const oneHot = tensor(labels.map((c) => [1 - c, c]));
		const lossOf = () => {
			const logits = gap.forward(conv2.forward(pool.forward(conv1.forward(x).relu()))).reshape([16, 2]);
			return logits.logSoftmax(1).mul(oneHot).sum().neg().div(16);
		};
		const first = lossOf().dataSync()[0];
		for (let step = 0; step < 40; step++) {
			for (const p of params) p.grad = null;
			lossOf().backward();
			noGrad(() => params.forEach((p) => p.sub_(p.grad!.mul(0.5))));
		}
		expect(lossOf().dataSync()[0]).toBeLessThan(first * 0.5);
	});
});
