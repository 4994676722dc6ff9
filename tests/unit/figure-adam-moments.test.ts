import { describe, expect, it } from 'vitest';
import { MOMENTS_SETUP, TRUE_RMS, adamMoments, momentsTable } from '~/components/figures/adam-moments.ts';

describe('Does the Adam-moments figure read the engine’s state and correct its bias?', () => {
	const d = adamMoments();
	const [beta1, beta2] = MOMENTS_SETUP.betas;

	it('starts the raw moments at (1 − β) times the first gradient, and the corrected ones at the gradient', () => {
		expect(d.m[0]).toBeCloseTo((1 - beta1) * d.g[0], 12);
		expect(d.rootV[0]).toBeCloseTo(Math.sqrt(1 - beta2) * Math.abs(d.g[0]), 12);
		expect(d.mHat[0]).toBeCloseTo(d.g[0], 12);
		expect(d.rootVHat[0]).toBeCloseTo(Math.abs(d.g[0]), 12);
	});

	it('follows the moving-average recursions', () => {
		let m = 0;
		let v = 0;
		for (let i = 0; i < d.t.length; i++) {
			m = beta1 * m + (1 - beta1) * d.g[i];
			v = beta2 * v + (1 - beta2) * d.g[i] ** 2;
			expect(d.m[i]).toBeCloseTo(m, 10);
			expect(d.rootV[i]).toBeCloseTo(Math.sqrt(v), 10);
		}
	});

	it('leaves the raw root of the second moment below half the true RMS after 200 steps', () => {
		expect(d.rootV[199]).toBeLessThan(TRUE_RMS / 2);
		expect(Math.abs(d.rootVHat[199] - TRUE_RMS)).toBeLessThan(0.15);
	});

	it('tabulates eight steps', () => {
		const table = momentsTable(d);
		expect(table.rows.map((r) => r[0])).toEqual(['1', '2', '5', '10', '20', '50', '100', '200']);
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
	});
});
