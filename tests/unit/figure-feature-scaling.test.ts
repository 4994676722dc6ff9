import { tensor } from 'chainrule';
import { describe, expect, it } from 'vitest';
import {
	SWEEP_LRS,
	convergedRange,
	curvature,
	featurize,
	finish,
	formatScientific,
	gradientDescent,
	houses,
	minimumLoss,
	mseOf,
	scalingRuns,
	scalingTable,
	symmetricEigenvalues,
} from '~/components/figures/feature-scaling.ts';

describe('Are the curvature numbers right?', () => {
	it('finds the eigenvalues of a symmetric matrix', () => {
		// [[2, 1], [1, 2]] has eigenvalues 3 and 1
		const eig = symmetricEigenvalues([2, 1, 1, 2], 2);
		expect(eig[0]).toBeCloseTo(3, 12);
		expect(eig[1]).toBeCloseTo(1, 12);
	});

	it('gives standardized uncorrelated-ish features a condition number near 1 and raw ones a huge one', () => {
		const { X } = houses();
		const raw = curvature(featurize(X, 'raw'));
		const std = curvature(featurize(X, 'standardized'));
		expect(raw.kappa).toBeGreaterThan(1e4);
		expect(std.kappa).toBeLessThan(1.2);
		// the Hessian of F.mseLoss on standardized features is 2·(correlation matrix, plus 1 for the bias)
		expect(std.lambdaMax + std.lambdaMin).toBeCloseTo(4, 1);
	});

	it('reaches the least-squares minimum with standardized features', () => {
		const { X, y } = houses();
		const Xs = featurize(X, 'standardized');
		const c = curvature(Xs);
		const [losses] = finish(gradientDescent(Xs, y, [c.bestLr], { steps: 30 }));
		expect(losses[30]).toBeCloseTo(minimumLoss(Xs, y), 6);
	});

	it('trains each column as its own model: the batched loss equals F.mseLoss of that model', () => {
		const X = tensor([[1, 2], [3, 4], [5, 7]], { dtype: 'float64' });
		const y = tensor([[1], [2], [4]], { dtype: 'float64' });
		const [a, b] = finish(gradientDescent(X, y, [0.01, 0.02], { steps: 1 }));
		expect(a[0]).toBeCloseTo(mseOf(X, y, [0, 0, 0]), 12);
		expect(b[0]).toBe(a[0]);
		// one step from w = 0: w = lr · (2/N) Aᵀy with A = [X, 1]; Aᵀy = [27, 38, 7]
		const w = [27, 38, 7].map((v) => (0.01 * 2 * v) / 3);
		expect(a[1]).toBeCloseTo(mseOf(X, y, w), 12);
	});
});

describe('Does the figure show what the chapter says?', () => {
	const runs = finish(scalingRuns());
	const [raw, scaled, standardized] = runs;

	it('diverges on raw features just above 2/λmax and not below', () => {
		const limit = raw.curvature.maxStableLr;
		SWEEP_LRS.forEach((lr, i) => {
			if (lr < limit * 0.95) expect(raw.sweep[i]).toBeLessThan(1e6);
			if (lr > limit * 1.05) expect(raw.sweep[i]).toBeGreaterThan(1e6);
		});
	});

	it('leaves raw features far from the minimum after 200 steps, standardized ones at it', () => {
		expect(raw.curve[200]).toBeGreaterThan(2 * raw.minimum);
		expect(scaled.curve[200]).toBeLessThan(raw.curve[200]);
		expect(standardized.curve[3]).toBeLessThan(standardized.minimum * 1.001);
		expect(convergedRange(raw)).toBeNull();
		const range = convergedRange(standardized)!;
		expect(range[1] / range[0]).toBeGreaterThan(30);
	});

	it('tabulates one row per version, lined up with the columns', () => {
		const table = scalingTable(runs);
		expect(table.rows).toHaveLength(3);
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
	});

	it('formats scientific numbers', () => {
		expect(formatScientific(0.0000549)).toBe('5.49×10⁻⁵');
		expect(formatScientific(36430)).toBe('3.64×10⁴');
		expect(formatScientific(0.5)).toBe('0.5');
		expect(formatScientific(Number.POSITIVE_INFINITY)).toBe('diverged');
	});
});
