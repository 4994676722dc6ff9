import { describe, expect, it } from 'vitest';
import {
	contrastRatio,
	cssDash,
	DASHES,
	FIGURE_BACKGROUNDS,
	PALETTES,
} from '~/components/figures/kit/palette.ts';
import { gridPoints, tintGrid } from '~/components/figures/kit/heatmap.ts';
import { checkTable, formatNumber, formatPercent } from '~/components/figures/kit/table.ts';

describe('Do figure colours meet WCAG contrast in both themes?', () => {
	for (const theme of ['light', 'dark'] as const) {
		const p = PALETTES[theme];
		for (const bg of FIGURE_BACKGROUNDS[theme]) {
			it(`${theme}: series and class colours reach 4.5:1 on ${bg}`, () => {
				for (const c of [...p.series, ...p.classes])
					expect(contrastRatio(c, bg), c).toBeGreaterThanOrEqual(4.5);
			});
			it(`${theme}: axis text and point outlines reach 4.5:1 on ${bg}`, () => {
				expect(contrastRatio(p.text, bg)).toBeGreaterThanOrEqual(4.5);
				expect(contrastRatio(p.strong, bg)).toBeGreaterThanOrEqual(4.5);
			});
		}
	}

	it('computes the WCAG ratio (black on white is 21:1)', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#777777', '#777777')).toBe(1);
	});

	it('never uses colour alone: every series has its own dash pattern', () => {
		const n = PALETTES.light.series.length;
		expect(new Set(DASHES.slice(0, n).map((d) => d.join(','))).size).toBe(n);
		expect(cssDash(0)).toBe('solid');
		expect(cssDash(1)).toBe('dashed');
		expect(cssDash(2)).toBe('dotted');
	});
});

describe('heat-map grid', () => {
	it('lays out cell centres row by row from the top', () => {
		const g = gridPoints(2, { xMin: 0, xMax: 2, yMin: 0, yMax: 2 });
		expect(Array.from(g)).toEqual([0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5]);
	});

	it('tints a sure cell more strongly than an unsure one, in the winning class’s colour', () => {
		const p = PALETTES.light;
		const tints = tintGrid(
			{ res: 1, classes: 2, probs: [0.02, 0.98], extent: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } },
			p,
		);
		const unsure = tintGrid(
			{ res: 1, classes: 2, probs: [0.45, 0.55], extent: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 } },
			p,
		);
		// class 1 is orange-ish (#b3471a): red channel above blue, more so when sure
		expect(tints[0] - tints[2]).toBeGreaterThan(unsure[0] - unsure[2]);
		expect(unsure[0]).toBeGreaterThan(unsure[2]);
		expect(tints[3]).toBe(255);
	});
});

describe('table cells', () => {
	it('formats numbers compactly with a real minus sign', () => {
		expect(formatNumber(0.5000001)).toBe('0.5');
		expect(formatNumber(-2)).toBe('−2');
		expect(formatNumber(-0.00001)).toBe('0');
		expect(formatNumber(Infinity)).toBe('∞');
		expect(formatPercent(0.9534)).toBe('95.3%');
	});

	it('refuses a table whose rows do not line up with its columns', () => {
		expect(() => checkTable({ columns: ['a', 'b'], rows: [['1']] }, 'T')).toThrow(
			'T: table row 0 has 1 cells but there are 2 columns',
		);
	});
});
