import { nn } from 'chainrule';
import { describe, expect, it } from 'vitest';
import {
	KERNELS,
	KERNEL_IDS,
	SETTING_RANGES,
	convParameters,
	convolutionTable,
	convolve,
	describeSum,
	digitImages,
	outputSize,
	outputSizeFormula,
	windowTaps,
	type ConvSettings,
} from '~/components/figures/convolution.ts';

const allSettings: ConvSettings[] = [];
for (let padding = SETTING_RANGES.padding[0]; padding <= SETTING_RANGES.padding[1]; padding++)
	for (let stride = SETTING_RANGES.stride[0]; stride <= SETTING_RANGES.stride[1]; stride++)
		for (let dilation = SETTING_RANGES.dilation[0]; dilation <= SETTING_RANGES.dilation[1]; dilation++) allSettings.push({ padding, stride, dilation });

describe('Does the convolution figure agree with the engine?', () => {
	const digits = digitImages();

	it('has one 8×8 image per digit, values 0..16', () => {
		expect(digits.map((d) => d.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		for (const d of digits) {
			expect(d.pixels).toHaveLength(8);
			expect(d.pixels.flat().every((v) => v >= 0 && v <= 16)).toBe(true);
		}
	});

	it('predicts the engine’s output size for every kernel and setting, and the engine refuses exactly when it is ≤ 0', () => {
		for (const id of KERNEL_IDS) {
			const kernel = KERNELS[id].weights;
			for (const s of allSettings) {
				const n = outputSize(8, kernel.length, s);
				if (n > 0) {
					const out = convolve(digits[3].pixels, kernel, s);
					expect([out.length, out[0].length]).toEqual([n, n]);
				} else {
					expect(() => convolve(digits[3].pixels, kernel, s)).toThrow(/conv2d/);
				}
			}
		}
	});

	it('reads each output’s window correctly: the written-out sum equals the engine’s value', () => {
		for (const s of [allSettings[0], { padding: 1, stride: 2, dilation: 1 }, { padding: 2, stride: 3, dilation: 2 }]) {
			for (const id of ['verticalEdge', 'mean5', 'diagonal'] as const) {
				const kernel = KERNELS[id].weights;
				const out = convolve(digits[5].pixels, kernel, s);
				out.forEach((row, i) =>
					row.forEach((v, j) => {
						expect(describeSum(windowTaps(digits[5].pixels, kernel, i, j, s)).sum).toBeCloseTo(v, 9);
					}),
				);
			}
		}
	});

	it('writes the formula with the numbers in', () => {
		expect(outputSizeFormula(8, 3, { padding: 1, stride: 2, dilation: 1 })).toBe('⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 4');
		expect(outputSize(224, 7, { padding: 3, stride: 2, dilation: 1 })).toBe(112);
	});

	it('counts parameters as nn.Conv2d has them', () => {
		const count = (m: nn.Module) => m.parameters().reduce((n, p) => n + p.numel(), 0);
		expect(convParameters(3, 64, 3, 3)).toBe(count(new nn.Conv2d(3, 64, 3)));
		expect(convParameters(16, 32, 3, 3, 4)).toBe(count(new nn.Conv2d(16, 32, 3, { groups: 4 })));
		expect(convParameters(1, 1, 3, 3)).toBe(10);
	});

	it('tabulates a row per setting, lined up with the columns, including a refused one', () => {
		const table = convolutionTable();
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
		expect(table.rows.some((r) => r[2].startsWith('refused'))).toBe(true);
	});
});
