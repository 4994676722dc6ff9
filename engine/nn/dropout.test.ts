import { describe, expect, it } from 'vitest';
import { ones } from '../creation';
import { manualSeed } from '../random';
import { Dropout, Dropout2d } from './dropout';

describe('nn.Dropout', () => {
	it('drops and scales in training mode, passes through after eval()', () => {
		const drop = new Dropout(0.5);
		expect(drop.p).toBe(0.5);
		expect(drop.parameters()).toEqual([]);
		const x = ones([200]);
		manualSeed(0);
		const values = Array.from(drop.forward(x).dataSync());
		expect(values.every((v) => v === 0 || v === 2)).toBe(true);
		expect(values.filter((v) => v === 0).length).toBeGreaterThan(60);
		expect(values.filter((v) => v === 2).length).toBeGreaterThan(60);
		expect(drop.eval().forward(x)).toBe(x);
		drop.train();
		expect(drop.forward(x)).not.toBe(x);
	});

	it('defaults to p = 0.5 and rejects p outside [0, 1] when built', () => {
		expect(new Dropout().p).toBe(0.5);
		expect(() => new Dropout(1.2)).toThrow('Dropout: dropout probability has to be between 0 and 1, but got 1.2');
		expect(() => new Dropout2d(-1)).toThrow('Dropout2d: dropout probability has to be between 0 and 1, but got -1');
	});
});

describe('nn.Dropout2d', () => {
	it('zeroes whole channels in training and passes through in eval', () => {
		const drop = new Dropout2d(0.5);
		manualSeed(2);
		const v = drop.forward(ones([2, 4, 3, 3])).dataSync();
		for (let ch = 0; ch < 8; ch++) expect(new Set(Array.from(v.slice(ch * 9, ch * 9 + 9))).size).toBe(1);
		const x = ones([2, 4, 3, 3]);
		expect(drop.eval().forward(x)).toBe(x);
	});
});
