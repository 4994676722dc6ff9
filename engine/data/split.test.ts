import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../creation';
import { loadDigits } from './digits';
import { trainTestSplit } from './split';

const countsOf = (labels: ArrayLike<number>, k: number) => {
	const counts = new Array(k).fill(0);
	for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
	return counts;
};

describe('trainTestSplit', () => {
	it('puts ceil(testSize · N) rows in the test part and every row in exactly one part', () => {
		const X = arange(20).reshape([10, 2]);
		const y = arange(10, undefined, 1, { dtype: 'int32' });
		const s = trainTestSplit(X, y, { testSize: 0.25, seed: 3 });
		// ceil(0.25 · 10) = 3
		expect(s.XTest.shape).toEqual([3, 2]);
		expect(s.XTrain.shape).toEqual([7, 2]);
		expect(s.yTest.dtype).toBe('int32');
		expect([...s.trainIndex, ...s.testIndex].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
		// rows travel with their labels: row i of X is [2i, 2i + 1] and its label is i
		const xs = s.XTest.dataSync();
		const ys = s.yTest.dataSync();
		for (let i = 0; i < 3; i++) expect([xs[2 * i], xs[2 * i + 1]]).toEqual([2 * ys[i], 2 * ys[i] + 1]);
	});

	it('gives the same split for the same seed and a different one for another seed', () => {
		const X = arange(100).reshape([100, 1]);
		const y = arange(100, undefined, 1, { dtype: 'int32' });
		const a = trainTestSplit(X, y, { seed: 7 });
		const b = trainTestSplit(X, y, { seed: 7 });
		const c = trainTestSplit(X, y, { seed: 8 });
		expect([...a.testIndex]).toEqual([...b.testIndex]);
		expect([...a.testIndex]).not.toEqual([...c.testIndex]);
	});

	it('takes a count as testSize, and the last rows without shuffle', () => {
		const X = arange(6).reshape([6, 1]);
		const y = arange(6, undefined, 1, { dtype: 'int32' });
		const s = trainTestSplit(X, y, { testSize: 2, shuffle: false });
		expect(s.yTest.dataSync()).toEqual(new Int32Array([4, 5]));
		expect(s.yTrain.dataSync()).toEqual(new Int32Array([0, 1, 2, 3]));
	});

	it('keeps each class share in both parts when stratified (digits, 25 % test)', () => {
		const { X, y } = loadDigits();
		const s = trainTestSplit(X, y, { testSize: 0.25, seed: 0, stratify: true });
		// ceil(0.25 · 1797) = 450; class c gets floor(450 · n_c / 1797) or one more
		expect(s.yTest.shape).toEqual([450]);
		const all = countsOf(y.dataSync(), 10);
		const test = countsOf(s.yTest.dataSync(), 10);
		const train = countsOf(s.yTrain.dataSync(), 10);
		for (let c = 0; c < 10; c++) {
			const exact = (450 * all[c]) / 1797;
			expect(test[c] === Math.floor(exact) || test[c] === Math.ceil(exact)).toBe(true);
			expect(train[c]).toBe(all[c] - test[c]);
		}
		// the parts are mixed, not sorted by class
		expect([...s.yTest.dataSync().slice(0, 20)]).not.toEqual([...s.yTest.dataSync().slice(0, 20)].sort());
	});

	it('stratifies exactly on a hand example: 6 of class 0, 4 of class 1, half for testing', () => {
		const y = tensor([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], { dtype: 'int32' });
		const X = arange(10).reshape([10, 1]);
		const s = trainTestSplit(X, y, { testSize: 0.5, seed: 1, stratify: true });
		// 5 test rows: 5 · 6/10 = 3 of class 0 and 5 · 4/10 = 2 of class 1
		expect(countsOf(s.yTest.dataSync(), 2)).toEqual([3, 2]);
		expect(countsOf(s.yTrain.dataSync(), 2)).toEqual([3, 2]);
	});

	it('splits images the same way as X through the returned indices', () => {
		const { X, y, images } = loadDigits();
		const s = trainTestSplit(X, y, { seed: 2, stratify: true });
		const t = trainTestSplit(images, y, { seed: 2, stratify: true });
		expect(t.XTest.shape).toEqual([450, 1, 8, 8]);
		expect(t.XTest.reshape([450, 64]).dataSync()).toEqual(s.XTest.dataSync());
	});

	it('explains bad sizes, mismatched rows and classes too small to stratify', () => {
		const X = arange(4).reshape([4, 1]);
		const y = tensor([0, 0, 1, 1], { dtype: 'int32' });
		expect(() => trainTestSplit(X, y, { testSize: 1.5 })).toThrow('trainTestSplit: testSize 1.5 leaves no samples in one part of 4');
		expect(() => trainTestSplit(X, y, { testSize: 4 })).toThrow('use a fraction in (0, 1) or a count from 1 to 3');
		expect(() => trainTestSplit(X, tensor([0, 1, 1], { dtype: 'int32' }))).toThrow('trainTestSplit: X has 4 samples (shape [4, 1]) but y has 3');
		expect(() => trainTestSplit(X, tensor([0, 0, 0, 1], { dtype: 'int32' }), { stratify: true })).toThrow(
			'trainTestSplit: class 1 has only 1 sample; stratify needs at least 2 per class',
		);
		expect(() => trainTestSplit(X, y, { stratify: true, shuffle: false })).toThrow('stratify needs shuffle: true');
	});
});
