import { describe, expect, it } from 'vitest';
import { randn } from 'chainrule';
import { BATCH_SIZES, batchWork, batchingTable, buildModel, parameterCount, timeBatch } from '~/components/figures/batching.ts';

describe('Does the batching figure count the work of a batch and time the engine?', () => {
	it('builds the 64–256–256–10 model in eval mode with the counted parameters', () => {
		const net = buildModel();
		expect(net.training).toBe(false);
		expect(net.numParameters()).toBe(parameterCount());
		expect(parameterCount()).toBe(64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
		expect(net.forward(randn([3, 64])).shape).toEqual([3, 10]);
	});

	it('counts flops linear in the batch, reads the weights once, and grows the intensity with the batch', () => {
		expect(batchWork(1).flops).toBe(2 * (64 * 256 + 256 * 256 + 256 * 10));
		expect(batchWork(8).flops).toBe(8 * batchWork(1).flops);
		expect(batchWork(8).weightBytes).toBe(batchWork(1).weightBytes);
		const intensities = BATCH_SIZES.map((b) => batchWork(b).intensity);
		for (let i = 1; i < intensities.length; i++) expect(intensities[i]).toBeGreaterThan(intensities[i - 1]);
		expect(() => batchWork(0)).toThrow(/positive integer/);
	});

	it('has a table row per batch size that lines up', () => {
		const table = batchingTable();
		expect(table.rows.map((r) => r[0])).toEqual(BATCH_SIZES.map(String));
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
	});

	it('turns a timing into ms per batch and requests per second (fake clock)', () => {
		let t = 0;
		const timing = timeBatch(buildModel(), 4, { minMs: 5, now: () => (t += 5) });
		expect(timing).toEqual({ batch: 4, reps: 1, msPerBatch: 5, requestsPerSecond: 800 }); // every timing lasts one tick: 5 ms
	});
});
