import { describe, expect, it } from 'vitest';
import { ones, randn, tensor } from '../creation';
import { manualSeed, RandomSource } from '../random';
import { gradcheck } from '../testing/gradcheck';
import { dropout, dropout2d } from './dropout';

describe('F.dropout', () => {
	it('keeps each element with probability 1 - p and scales survivors by 1 / (1 - p)', () => {
		manualSeed(0);
		const y = dropout(ones([4000], { dtype: 'float64' }), 0.25);
		const values = Array.from(y.dataSync());
		// every output is 0 or 1 / 0.75
		expect(values.every((v) => v === 0 || v === 1 / 0.75)).toBe(true);
		const kept = values.filter((v) => v !== 0).length / values.length;
		// binomial(4000, 0.75): standard deviation 0.007, so ±0.03 is over 4 sigma
		expect(Math.abs(kept - 0.75)).toBeLessThan(0.03);
	});

	it('draws its mask from the seeded generator: element i is kept when uniform() < 1 - p', () => {
		manualSeed(7);
		const y = dropout(tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype: 'float64' }), 0.5);
		const g = new RandomSource(7);
		const expected = [1, 2, 3, 4, 5, 6, 7, 8].map((v) => (g.uniform() < 0.5 ? v * 2 : 0));
		expect(Array.from(y.dataSync())).toEqual(expected);
	});

	it('can draw from a generator of its own', () => {
		const x = ones([16]);
		const a = Array.from(dropout(x, 0.5, true, new RandomSource(9)).dataSync());
		expect(Array.from(dropout(x, 0.5, true, new RandomSource(9)).dataSync())).toEqual(a);
	});

	it('is reproducible after manualSeed', () => {
		const x = randn([50]);
		manualSeed(42);
		const a = Array.from(dropout(x, 0.5).dataSync());
		manualSeed(42);
		const b = Array.from(dropout(x, 0.5).dataSync());
		expect(a).toEqual(b);
		expect(Array.from(dropout(x, 0.5).dataSync())).not.toEqual(a); // the stream moves on
	});

	it('passes the gradient through the same mask', () => {
		manualSeed(1);
		const x = ones([20], { dtype: 'float64', requiresGrad: true });
		const y = dropout(x, 0.4);
		y.sum().backward();
		// x = 1, so the output is the mask itself
		expect(Array.from(x.grad!.dataSync())).toEqual(Array.from(y.dataSync()));
	});

	it('returns the input itself in eval mode and for p = 0', () => {
		const x = randn([3, 3]);
		expect(dropout(x, 0.5, false)).toBe(x);
		expect(dropout(x, 0)).toBe(x);
	});

	it('gives zeros, and zero gradient, for p = 1', () => {
		const x = randn([2, 3], { dtype: 'float64', requiresGrad: true });
		const y = dropout(x, 1);
		expect(Array.from(y.dataSync()).every((v) => v === 0)).toBe(true);
		y.sum().backward();
		expect(Array.from(x.grad!.dataSync()).every((v) => v === 0)).toBe(true);
	});

	it('rejects p outside [0, 1], even in eval mode', () => {
		expect(() => dropout(randn([2]), 1.5)).toThrow('dropout: dropout probability has to be between 0 and 1, but got 1.5');
		expect(() => dropout(randn([2]), -0.1, false)).toThrow('but got -0.1');
		expect(() => dropout(randn([2]), NaN)).toThrow('but got NaN');
		expect(() => dropout(randn([2]), 0.5, true, false as unknown as RandomSource)).toThrow(
			'dropout: the 4th argument is a RandomSource (in-place dropout is not supported), got boolean',
		);
	});

	it('gradchecks with a fixed mask', () => {
		const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x) => {
			manualSeed(3); // the same mask on every evaluation
			return dropout(x, 0.3);
		}, [x]);
		expect(r.ok, r.message).toBe(true);
	});
});

describe('F.dropout2d', () => {
	it('zeroes whole channels x[n, c] and scales the rest', () => {
		manualSeed(5);
		const y = dropout2d(ones([4, 6, 3, 3], { dtype: 'float64' }), 0.5);
		const v = y.dataSync();
		let zeroed = 0;
		for (let ch = 0; ch < 24; ch++) {
			const block = Array.from(v.slice(ch * 9, ch * 9 + 9));
			// one value per channel: all 0 or all 2
			expect(new Set(block).size).toBe(1);
			expect([0, 2]).toContain(block[0]);
			if (block[0] === 0) zeroed++;
		}
		expect(zeroed).toBeGreaterThan(0);
		expect(zeroed).toBeLessThan(24);
	});

	it('reads a 3-D input as [N, C, L], as PyTorch does', () => {
		manualSeed(6);
		const y = dropout2d(ones([2, 5, 4], { dtype: 'float64' }), 0.5);
		const v = y.dataSync();
		for (let ch = 0; ch < 10; ch++) expect(new Set(Array.from(v.slice(ch * 4, ch * 4 + 4))).size).toBe(1);
	});

	it('passes through in eval mode and explains a 1-D input', () => {
		const x = randn([2, 3, 4, 4]);
		expect(dropout2d(x, 0.5, false)).toBe(x);
		expect(() => dropout2d(randn([5]), 0.5)).toThrow('dropout2d: expected an input [N, C, H, W] (or at least 2 dims), got shape [5]');
		expect(() => dropout2d(x, 2)).toThrow('dropout2d: dropout probability has to be between 0 and 1, but got 2');
	});

	it('gradchecks with a fixed mask', () => {
		const x = randn([2, 3, 2, 2], { dtype: 'float64', requiresGrad: true });
		const r = gradcheck((x) => {
			manualSeed(8);
			return dropout2d(x, 0.5);
		}, [x]);
		expect(r.ok, r.message).toBe(true);
	});
});
