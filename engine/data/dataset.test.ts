import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../creation';
import { manualSeed } from '../random';
import type { Tensor } from '../tensor';
import { DataLoader, TensorDataset, type Dataset } from './dataset';

// 10 samples: x_i = [2i, 2i + 1], y_i = i
const X = arange(20).reshape([10, 2]);
const y = arange(10, undefined, 1, { dtype: 'int32' });
const labelsOf = (loader: DataLoader<[Tensor, Tensor]>) => [...loader].map(([, yb]) => [...yb.dataSync()]);

describe('TensorDataset', () => {
	it('has a length and gives sample i of every tensor', async () => {
		const ds = new TensorDataset(X, y);
		expect(ds.length).toBe(10);
		const [x3, y3] = ds.get(3);
		expect(await x3.tolist()).toEqual([6, 7]);
		expect(y3.shape).toEqual([]);
		expect(await y3.item()).toBe(3);
		expect(await ds.get(-1)[1].item()).toBe(9);
	});

	it('explains tensors of different lengths and indices out of range', () => {
		expect(() => new TensorDataset(X, arange(9))).toThrow('TensorDataset: every tensor needs the same size in dim 0 (the samples), got shapes [10, 2], [9]');
		expect(() => new TensorDataset(X, y).get(10)).toThrow('TensorDataset: index 10 is out of range for 10 samples');
	});
});

describe('DataLoader', () => {
	it('gives ceil(N / batchSize) batches in order, the last one smaller', async () => {
		const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 4 });
		expect(loader.length).toBe(3);
		const batches = [...loader];
		expect(batches.map(([xb]) => xb.shape)).toEqual([[4, 2], [4, 2], [2, 2]]);
		expect(labelsOf(loader)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
		expect(await batches[2][0].tolist()).toEqual([[16, 17], [18, 19]]);
	});

	it('drops the incomplete last batch with dropLast', () => {
		const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 4, dropLast: true });
		expect(loader.length).toBe(2);
		expect(labelsOf(loader)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
		// an exact multiple loses nothing either way
		expect(new DataLoader(new TensorDataset(X, y), { batchSize: 5, dropLast: true }).length).toBe(2);
		expect(new DataLoader(new TensorDataset(X, y)).length).toBe(10);
	});

	it('shuffles every epoch differently, and the same sequence of epochs for the same seed', () => {
		const make = (seed: number) => new DataLoader(new TensorDataset(X, y), { batchSize: 3, shuffle: true, seed });
		const a = make(42);
		const b = make(42);
		const a1 = labelsOf(a).flat();
		const a2 = labelsOf(a).flat();
		expect(a1).not.toEqual(a2);
		expect([...a1].sort((p, q) => p - q)).toEqual([...Array(10).keys()]);
		expect(labelsOf(b).flat()).toEqual(a1);
		expect(labelsOf(b).flat()).toEqual(a2);
		expect(labelsOf(make(43)).flat()).not.toEqual(a1);
	});

	it('keeps samples and labels together when shuffled', () => {
		for (const [xb, yb] of new DataLoader(new TensorDataset(X, y), { batchSize: 4, shuffle: true, seed: 1 })) {
			const xs = xb.dataSync();
			yb.dataSync().forEach((label, i) => expect([xs[2 * i], xs[2 * i + 1]]).toEqual([2 * label, 2 * label + 1]));
		}
	});

	it('draws from the global generator without a seed, so manualSeed makes it reproducible', () => {
		const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 10, shuffle: true });
		manualSeed(5);
		const first = labelsOf(loader);
		manualSeed(5);
		expect(labelsOf(loader)).toEqual(first);
	});

	it('stacks samples of any Dataset that has only get(i)', async () => {
		const squares: Dataset<[Tensor, Tensor]> = {
			length: 5,
			get: (i) => [tensor([i, i * i]), tensor(i % 2, { dtype: 'int32' })],
		};
		const batches = [...new DataLoader(squares, { batchSize: 2 })];
		expect(batches.length).toBe(3);
		expect(await batches[1][0].tolist()).toEqual([[2, 4], [3, 9]]);
		expect(await batches[1][1].tolist()).toEqual([0, 1]);
		expect(batches[2][0].shape).toEqual([1, 2]);
	});

	it('explains a bad batch size', () => {
		expect(() => new DataLoader(new TensorDataset(X, y), { batchSize: 0 })).toThrow('DataLoader: batchSize must be a positive integer, got 0');
	});
});
