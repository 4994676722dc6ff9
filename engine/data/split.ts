/** `trainTestSplit`: a seeded, optionally stratified split of samples into a training and a held-out part. */
import { tensor } from '../creation';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { generatorFor, numRows, readLabels, type Labels, type SeedOptions } from './read';
import type { RandomSource } from '../random';

export interface TrainTestSplitOptions extends SeedOptions {
	/** A fraction of the samples in (0, 1) (rounded up), or a count of samples; default 0.25. */
	testSize?: number;
	/** Keep each class's share in both parts: `true` to stratify by `y`, or the labels to stratify by. */
	stratify?: boolean | Labels;
	/** Shuffle before splitting (default true); without it the last samples are the test part. */
	shuffle?: boolean;
}

export interface TrainTestSplit {
	XTrain: Tensor;
	XTest: Tensor;
	yTrain: Tensor;
	yTest: Tensor;
	/** Which rows of X went where, so other tensors (e.g. images) can be split the same way. */
	trainIndex: Int32Array;
	testIndex: Int32Array;
}

/**
 * Splits samples (dim 0 of `X` and `y`) into train and test parts, as scikit-learn's `train_test_split`.
 * The same seed and labels give the same split every time (the rows chosen differ from scikit-learn's).
 *
 * ```ts
 * const { X, y } = data.loadDigits();
 * const { XTrain, XTest, yTrain, yTest } = data.trainTestSplit(X, y, { testSize: 0.25, seed: 0, stratify: true });
 * ```
 */
export function trainTestSplit(X: Tensor, y: Tensor, options: TrainTestSplitOptions = {}): TrainTestSplit {
	const n = numRows(X, 'trainTestSplit');
	if (numRows(y, 'trainTestSplit', 'y') !== n) {
		throw new RangeError(`trainTestSplit: X has ${n} samples (shape ${formatShape(X.shape)}) but y has ${y.shape[0]} (shape ${formatShape(y.shape)}); dim 0 must match`);
	}
	const { shuffle = true, stratify = false } = options;
	const nTest = testCount(options.testSize ?? 0.25, n);
	let testIndex: Int32Array;
	let trainIndex: Int32Array;
	if (stratify !== false) {
		if (!shuffle) throw new Error('trainTestSplit: stratify needs shuffle: true (a stratified split picks rows at random within each class)');
		const labels = readLabels(stratify === true ? y : stratify, 'trainTestSplit (stratify)');
		if (labels.length !== n) throw new RangeError(`trainTestSplit: stratify has ${labels.length} labels but X has ${n} samples`);
		({ trainIndex, testIndex } = stratifiedIndices(labels, nTest, generatorFor(options)));
	} else {
		const order = shuffle ? generatorFor(options).permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
		trainIndex = order.slice(0, n - nTest);
		testIndex = order.slice(n - nTest);
	}
	const take = (t: Tensor, index: Int32Array) => t.indexSelect(0, tensor(index, { dtype: 'int32', device: t.device }));
	return {
		XTrain: take(X, trainIndex),
		XTest: take(X, testIndex),
		yTrain: take(y, trainIndex),
		yTest: take(y, testIndex),
		trainIndex,
		testIndex,
	};
}

function testCount(testSize: number, n: number): number {
	const count = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
	if (!Number.isInteger(count) || count < 1 || count >= n) {
		throw new RangeError(
			`trainTestSplit: testSize ${testSize} leaves no samples in one part of ${n}; ` +
				`use a fraction in (0, 1) or a count from 1 to ${n - 1}`,
		);
	}
	return count;
}

/**
 * Per class, takes its share of the `nTest` test rows: floor(nTest · n_c / n), then one more to the classes with
 * the largest remainders (ties to the smaller label) until the total is nTest.
 */
function stratifiedIndices(labels: ArrayLike<number>, nTest: number, g: RandomSource): { trainIndex: Int32Array; testIndex: Int32Array } {
	const n = labels.length;
	const byClass = new Map<number, number[]>();
	for (let i = 0; i < n; i++) {
		const rows = byClass.get(labels[i]);
		if (rows) rows.push(i);
		else byClass.set(labels[i], [i]);
	}
	const classes = [...byClass.keys()].sort((a, b) => a - b);
	const smallest = classes.find((c) => byClass.get(c)!.length < 2);
	if (smallest !== undefined) {
		throw new RangeError(`trainTestSplit: class ${smallest} has only 1 sample; stratify needs at least 2 per class (one for each part)`);
	}
	const exact = classes.map((c) => (nTest * byClass.get(c)!.length) / n);
	const quota = exact.map(Math.floor);
	let missing = nTest - quota.reduce((a, b) => a + b, 0);
	const byRemainder = classes.map((_, k) => k).sort((a, b) => exact[b] - quota[b] - (exact[a] - quota[a]) || a - b);
	for (const k of byRemainder) {
		if (missing === 0) break;
		quota[k]++;
		missing--;
	}
	const train: number[] = [];
	const test: number[] = [];
	classes.forEach((c, k) => {
		const rows = byClass.get(c)!;
		const order = g.permutation(rows.length);
		for (let i = 0; i < rows.length; i++) (i < quota[k] ? test : train).push(rows[order[i]]);
	});
	// mix the classes, so the parts are not sorted by label
	return { trainIndex: shuffled(train, g), testIndex: shuffled(test, g) };
}

function shuffled(rows: number[], g: RandomSource): Int32Array {
	const order = g.permutation(rows.length);
	return Int32Array.from(order, (i) => rows[i]);
}
