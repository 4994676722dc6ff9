import { describe, expect, it } from 'vitest';
import {
	EARLY_STOPPING_SETUP,
	earlyStopping,
	earlyStoppingTable,
	parameterCount,
	runCurves,
	trainCurves,
} from '~/components/figures/early-stopping.ts';

describe('Does earlyStopping stop after `patience` epochs without a new best?', () => {
	it('keeps the best epoch and stops patience epochs later (epochs count from 1)', () => {
		// best 0.4 at epoch 2; epochs 3 and 4 are worse, so patience 2 stops at epoch 4
		expect(earlyStopping([0.5, 0.4, 0.45, 0.5, 0.3], 2)).toEqual({ bestEpoch: 2, bestLoss: 0.4, stopEpoch: 4, ranOut: false });
		// with patience 3 the new best at epoch 5 arrives in time
		expect(earlyStopping([0.5, 0.4, 0.45, 0.5, 0.3], 3)).toEqual({ bestEpoch: 5, bestLoss: 0.3, stopEpoch: 5, ranOut: true });
	});

	it('does not count an equal loss as an improvement', () => {
		expect(earlyStopping([0.4, 0.4, 0.4], 2).stopEpoch).toBe(3);
	});

	it('rejects a patience that is not a positive integer', () => {
		expect(() => earlyStopping([1], 0)).toThrow(/patience must be an integer >= 1, got 0/);
	});
});

describe('Does the oversized network overfit the noisy moons?', () => {
	const none = runCurves('none');

	it('records one training and validation loss per epoch', () => {
		expect(none.epochs).toHaveLength(EARLY_STOPPING_SETUP.numEpochs);
		expect(none.epochs[0]).toBe(1);
		expect(none.valLoss.every(Number.isFinite)).toBe(true);
	});

	it('drives the training loss towards 0 while the validation loss rises after its minimum', () => {
		const last = none.epochs.length - 1;
		const stop = earlyStopping(none.valLoss, 20);
		expect(none.trainLoss[last]).toBeLessThan(0.02);
		expect(stop.bestEpoch).toBeGreaterThan(10);
		expect(stop.bestEpoch).toBeLessThan(60);
		expect(none.valLoss[last]).toBeGreaterThan(3 * stop.bestLoss);
	});

	it('yields partial curves while training, then returns them all', () => {
		const run = trainCurves('none', { chunk: 5, numEpochs: 12 });
		expect(run.next().value.epochs).toHaveLength(5);
		expect(run.next().value.epochs).toHaveLength(10);
		const end = run.next();
		expect(end.done).toBe(true);
		expect(end.value.epochs).toHaveLength(12);
	});

	it('counts the parameters of 2 → 32 → 32 → 2', () => {
		expect(parameterCount(32)).toBe(96 + 1056 + 66);
	});

	it('tabulates one row per run, lined up with the columns', () => {
		const table = earlyStoppingTable([none], 20);
		expect(table.rows).toHaveLength(1);
		expect(table.rows[0]).toHaveLength(table.columns.length);
		expect(table.rows[0][0]).toBe('none');
	});
});
