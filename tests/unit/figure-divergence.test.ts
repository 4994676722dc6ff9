import { describe, expect, it } from 'vitest';
import { DIVERGENCE_SETUP, divergenceTable, formatLoss, runToEnd, trainRun } from '~/components/figures/divergence.ts';

describe('Does the divergence figure show a too-large learning rate blowing up?', () => {
	const fixed = runToEnd(DIVERGENCE_SETUP.baselineLr);
	const wild = runToEnd(10);

	it('trains the fixed run down from the same starting loss, with every loss finite', () => {
		expect(fixed.loss).toHaveLength(DIVERGENCE_SETUP.numEpochs);
		expect(fixed.loss.every(Number.isFinite)).toBe(true);
		expect(fixed.loss[99]).toBeLessThan(fixed.loss[0] / 50);
		expect(fixed.firstInfinity).toBeNull();
		expect(wild.loss[0]).toBe(fixed.loss[0]); // same data, same initial weights
	});

	it('lets lr = 10 grow geometrically, overflow to Infinity, then turn into NaN', () => {
		expect(wild.loss[1]).toBeGreaterThan(100 * wild.loss[0]);
		expect(wild.firstInfinity).not.toBeNull();
		expect(wild.firstNaN).not.toBeNull();
		expect(wild.firstNaN!).toBeGreaterThan(wild.firstInfinity!);
		// the same numbers as the chapter's snippet: ∞ at epoch 9, NaN from epoch 11
		expect([wild.firstInfinity, wild.firstNaN]).toEqual([9, 11]);
	});

	it('keeps every loss finite when the gradient norm is clipped', () => {
		const clipped = runToEnd(10, { clip: true, numEpochs: 40 });
		expect(clipped.loss.every(Number.isFinite)).toBe(true);
	});

	it('yields partial curves every chunk of epochs', () => {
		const sizes: number[] = [];
		for (const partial of trainRun(0.1, { chunk: 25 })) sizes.push(partial.loss.length); // the same object, growing
		expect(sizes).toEqual([25, 50, 75]);
	});

	it('formats losses and builds a table that lines up', () => {
		expect(formatLoss(Infinity)).toBe('∞');
		expect(formatLoss(NaN)).toBe('NaN');
		expect(formatLoss(5520.4)).toBe('5520');
		expect(formatLoss(2.0e21)).toBe('2.00e21');
		const table = divergenceTable([fixed, wild]);
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
		expect(table.rows[1].slice(-2)).toEqual(['9', '11']);
	});
});
