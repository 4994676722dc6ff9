import { describe, expect, it } from 'vitest';
import { SIZES, measure, throughputTable, work } from '~/components/figures/throughput.ts';

describe('Does the throughput figure count work and time the engine correctly?', () => {
	it('counts 2n³ operations for a product and n² for an addition, over 12n² bytes', () => {
		expect(work('matmul', 64)).toEqual({ flops: 2 * 64 ** 3, bytes: 12 * 64 ** 2, intensity: 64 / 6 });
		expect(work('add', 64).intensity).toBeCloseTo(1 / 12, 15);
		expect(() => work('add', 0)).toThrow(/positive integer/);
	});

	it('has a table row per size, each as wide as the header', () => {
		const table = throughputTable();
		expect(table.rows.map((r) => r[0])).toEqual(SIZES.map(String));
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
		expect(table.rows[0]).toEqual(['32', '65.5 k', '5.33', '1 k', '0.083', '12.3 kB']);
	});

	it('converts a timing into GFLOP/s with a fake clock', async () => {
		let t = 0;
		// every call of the clock advances it by 10 ms: one timed batch of `reps` lasts 10 ms
		const m = await measure('matmul', 8, 'cpu', { minMs: 10, now: () => (t += 10) });
		expect(m.reps).toBe(1);
		expect(m.msPerOp).toBe(10);
		expect(m.gflops).toBeCloseTo((2 * 8 ** 3) / 1e7, 12);
	});

	it('measures a real, positive rate on the CPU', async () => {
		const m = await measure('add', 32, 'cpu', { minMs: 5 });
		expect(m.gflops).toBeGreaterThan(0);
		expect(Number.isFinite(m.gflops)).toBe(true);
		expect(m.reps).toBeGreaterThanOrEqual(1);
	});
});
