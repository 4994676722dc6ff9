import { describe, expect, it } from 'vitest';
import { SERIES_IDS, STEPS, autogradValue, gradCheckErrors, gradCheckTable, lossAt, relativeError } from '~/components/figures/gradient-check.ts';

describe('Does the gradient-check figure show truncation meeting rounding error?', () => {
	const d = gradCheckErrors();
	const at = (h: number) => STEPS.findIndex((s) => Math.abs(Math.log10(s) - Math.log10(h)) < 1e-9);

	it('uses the worked example of the chapter: J = 0.057099 and ∂J/∂W1[0,0] = −0.095298', () => {
		expect(lossAt(0.6)).toBeCloseTo(0.0570992213, 9);
		expect(autogradValue()).toBeCloseTo(-0.0952984988, 9);
	});

	it('has a forward-difference error proportional to h and a central one proportional to h²', () => {
		// ten times smaller h: forward error ten times smaller, central a hundred times
		expect(d.errors.forward64[at(1e-2)] / d.errors.forward64[at(1e-3)]).toBeCloseTo(10, 0);
		expect(d.errors.central64[at(1e-2)] / d.errors.central64[at(1e-3)]).toBeCloseTo(100, -1);
	});

	it('is most accurate near h = 10⁻⁵ for central differences in float64, and far worse in float32', () => {
		const best = (id: (typeof SERIES_IDS)[number]) => STEPS[d.errors[id].indexOf(Math.min(...d.errors[id]))];
		expect(best('central64')).toBeGreaterThanOrEqual(1e-6);
		expect(best('central64')).toBeLessThanOrEqual(1e-4);
		expect(Math.min(...d.errors.central64)).toBeLessThan(1e-9);
		expect(Math.min(...d.errors.central32)).toBeGreaterThan(1e-9);
		expect(d.errors.central32[at(1e-8)]).toBeGreaterThan(0.1); // float32 cannot resolve such a step
	});

	it('measures the relative error as |a − n| / (|a| + |n|)', () => {
		expect(relativeError(2, 1)).toBeCloseTo(1 / 3, 12);
		expect(relativeError(0, 0)).toBe(0);
	});

	it('tabulates the three errors at each power of ten', () => {
		const table = gradCheckTable(d);
		expect(table.columns).toHaveLength(4);
		expect(table.rows).toHaveLength(13);
		expect(table.rows[0][0]).toBe('10⁻¹');
		for (const row of table.rows) expect(row).toHaveLength(4);
	});
});
