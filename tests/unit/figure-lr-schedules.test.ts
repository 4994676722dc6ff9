import { describe, expect, it } from 'vitest';
import { allSchedules, schedulesTable } from '~/components/figures/lr-schedules.ts';

describe('Are the schedules the closed forms of step, exponential and cosine decay?', () => {
	const v = allSchedules();

	it('matches the formulas epoch by epoch', () => {
		for (let e = 0; e < 100; e++) {
			expect(v.step[e]).toBeCloseTo(0.1 * 0.1 ** Math.floor(e / 30), 12);
			expect(v.exponential[e]).toBeCloseTo(0.1 * 0.95 ** e, 12);
			expect(v.cosine[e]).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * e) / 100)), 12);
		}
	});

	it('warms up linearly from 1% to the full rate in 10 epochs, then decays by a cosine', () => {
		expect(v.warmupCosine[0]).toBeCloseTo(0.001, 12);
		expect(v.warmupCosine[5]).toBeCloseTo(0.0505, 12);
		expect(v.warmupCosine[10]).toBeCloseTo(0.1, 12);
		expect(v.warmupCosine[55]).toBeCloseTo(0.05, 12);
	});

	it('tabulates eight epochs per schedule', () => {
		const table = schedulesTable(v);
		expect(table.rows).toHaveLength(4);
		for (const row of table.rows) expect(row).toHaveLength(9);
	});
});
