import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import { embedding } from './embedding';

// Row k of the table is [k, k + 0.5].
const table = (requiresGrad = false) =>
	tensor([[0, 0.5], [1, 1.5], [2, 2.5], [3, 3.5]], { dtype: 'float64', requiresGrad });
const int = (data: number[] | number[][]) => tensor(data, { dtype: 'int32' });

describe('F.embedding', () => {
	it('looks up rows; the output is [...indices.shape, embeddingDim]', async () => {
		const y = embedding(int([[1, 3], [0, 1]]), table());
		expect(y.shape).toEqual([2, 2, 2]);
		expect(await y.tolist()).toEqual([[[1, 1.5], [3, 3.5]], [[0, 0.5], [1, 1.5]]]);
	});

	it('accepts float indices holding whole numbers, and scalar indices', async () => {
		expect(await embedding(tensor([2, 0]), table()).tolist()).toEqual([[2, 2.5], [0, 0.5]]);
		const y = embedding(tensor(3, { dtype: 'int32' }), table());
		expect(y.shape).toEqual([2]);
		expect(await y.tolist()).toEqual([3, 3.5]);
	});

	it('accumulates the gradient of repeated indices into their row', async () => {
		const w = table(true);
		embedding(int([1, 1, 2]), w).sum().backward();
		// row 1 looked up twice, row 2 once, rows 0 and 3 never
		expect(await w.grad!.tolist()).toEqual([[0, 0], [2, 2], [1, 1], [0, 0]]);
	});

	it('sends no gradient to paddingIdx, but still returns its values', async () => {
		const w = table(true);
		const y = embedding(int([0, 2, 0]), w, { paddingIdx: 0 });
		expect(await y.tolist()).toEqual([[0, 0.5], [2, 2.5], [0, 0.5]]);
		y.sum().backward();
		expect(await w.grad!.tolist()).toEqual([[0, 0], [0, 0], [1, 1], [0, 0]]);
		// negative paddingIdx counts from the end: -1 is row 3
		const w2 = table(true);
		embedding(int([3, 1]), w2, { paddingIdx: -1 }).sum().backward();
		expect(await w2.grad!.tolist()).toEqual([[0, 0], [1, 1], [0, 0], [0, 0]]);
	});

	it('explains indices out of range, negative or fractional, and a bad paddingIdx', () => {
		expect(() => embedding(int([1, 4]), table())).toThrow(
			'embedding: index 4 is out of range for a table of 4 embeddings (valid indices are 0..3)',
		);
		expect(() => embedding(int([-1]), table())).toThrow('embedding: index -1 is out of range');
		expect(() => embedding(tensor([1.5]), table())).toThrow('embedding: indices must be whole numbers, got 1.5');
		expect(() => embedding(int([0]), table(), { paddingIdx: 4 })).toThrow(
			'embedding: paddingIdx 4 must be an integer within the 4 embeddings (-4..3)',
		);
		expect(() => embedding(int([0]), tensor([1, 2]))).toThrow('embedding: weight must be 2-D [numEmbeddings, embeddingDim], got shape [2]');
	});

	it('gradchecks the weight, with and without paddingIdx', () => {
		manualSeed(31);
		const idx = int([[4, 0, 2], [2, 2, 1]]);
		const w = randn([5, 3], { dtype: 'float64', requiresGrad: true });
		expect(gradcheck((w) => embedding(idx, w), [w]).ok).toBe(true);
		const r = gradcheck((w) => embedding(idx, w, { paddingIdx: 2 }), [w]);
		// gradcheck compares against finite differences, which do see the padding row, so the row must differ
		expect(r.ok).toBe(false);
		expect(r.worst?.index[0]).toBe(2);
		const w2 = randn([5, 3], { dtype: 'float64', requiresGrad: true });
		const r2 = gradcheck((w) => embedding(int([4, 0, 1, 3]), w, { paddingIdx: 2 }), [w2]);
		expect(r2.ok, r2.message).toBe(true);
	});
});
