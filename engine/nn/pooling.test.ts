import { describe, expect, it } from 'vitest';
import { randn } from '../creation';
import * as F from '../functional/index';
import type { Tensor } from '../tensor';
import { AdaptiveAvgPool1d, AdaptiveAvgPool2d, AvgPool1d, AvgPool2d, MaxPool1d, MaxPool2d } from './pooling';

const same = (a: Tensor, b: Tensor) => {
	expect(a.shape).toEqual(b.shape);
	expect(a.sub(b).abs().amax().dataSync()[0]).toBe(0);
};

describe('pooling modules forward through their functions and have no parameters', () => {
	const x = randn([2, 3, 7, 6]);
	const s = randn([2, 3, 9]);
	it('2-D', () => {
		same(new MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }).forward(x), F.maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true }));
		same(new AvgPool2d([2, 3], { countIncludePad: false, padding: 1 }).forward(x), F.avgPool2d(x, [2, 3], { countIncludePad: false, padding: 1 }));
		same(new AdaptiveAvgPool2d([3, null]).forward(x), F.adaptiveAvgPool2d(x, [3, null]));
		expect(new AdaptiveAvgPool2d([3, null]).forward(x).shape).toEqual([2, 3, 3, 6]);
		expect(new MaxPool2d(2).parameters()).toHaveLength(0);
	});
	it('1-D', () => {
		same(new MaxPool1d(2, { dilation: 2, stride: 1 }).forward(s), F.maxPool1d(s, 2, { dilation: 2, stride: 1 }));
		same(new AvgPool1d(3, { stride: 2, ceilMode: true }).forward(s), F.avgPool1d(s, 3, { stride: 2, ceilMode: true }));
		same(new AdaptiveAvgPool1d(4).forward(s), F.adaptiveAvgPool1d(s, 4));
		expect(new MaxPool1d(2).forward(s).shape).toEqual([2, 3, 4]);
	});
});
