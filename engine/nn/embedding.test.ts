import { describe, expect, it } from 'vitest';
import { noGrad } from '../autograd';
import { tensor } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import { Embedding } from './embedding';

const int = (data: number[] | number[][]) => tensor(data, { dtype: 'int32' });

describe('nn.Embedding', () => {
	it('has weight [numEmbeddings, embeddingDim] drawn from N(0, 1)', () => {
		manualSeed(0);
		const emb = new Embedding(100, 20);
		expect(emb.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [100, 20]]]);
		const v = Array.from(emb.weight.dataSync());
		const mean = v.reduce((a, b) => a + b) / v.length;
		const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
		// 2000 draws: the mean is within 0.1 and the std within 0.1 of 1 with overwhelming probability
		expect(Math.abs(mean)).toBeLessThan(0.1);
		expect(Math.abs(std - 1)).toBeLessThan(0.1);
	});

	it('looks up rows of its weight', async () => {
		const emb = new Embedding(3, 2).double();
		noGrad(() => emb.weight.copy_(tensor([[1, 2], [3, 4], [5, 6]])));
		expect(await emb.forward(int([[2, 0], [1, 1]])).tolist()).toEqual([[[5, 6], [1, 2]], [[3, 4], [3, 4]]]);
	});

	it('zeroes the padding row at construction and never gives it a gradient', async () => {
		manualSeed(1);
		const emb = new Embedding(5, 3, { paddingIdx: 0 });
		expect(Array.from(emb.weight.dataSync().slice(0, 3))).toEqual([0, 0, 0]);
		expect(Array.from(emb.weight.dataSync().slice(3)).every((v) => v !== 0)).toBe(true);
		const y = emb.forward(int([[0, 3, 0], [1, 0, 3]]));
		const rows = (await y.tolist()) as number[][][];
		for (const [i, j] of [[0, 0], [0, 2], [1, 1]]) expect(rows[i][j]).toEqual([0, 0, 0]);
		y.sum().backward();
		// row 0 (padding) gets nothing; row 3 was looked up twice, row 1 once
		expect(await emb.weight.grad!.tolist()).toEqual([[0, 0, 0], [1, 1, 1], [0, 0, 0], [2, 2, 2], [0, 0, 0]]);
		// negative paddingIdx is stored resolved, as PyTorch does
		expect(new Embedding(5, 3, { paddingIdx: -2 }).paddingIdx).toBe(3);
	});

	it('explains out-of-range indices and a bad paddingIdx', () => {
		const emb = new Embedding(10, 4);
		expect(() => emb.forward(int([3, 10]))).toThrow(
			'embedding: index 10 is out of range for a table of 10 embeddings (valid indices are 0..9); is numEmbeddings the vocabulary size?',
		);
		expect(() => new Embedding(10, 4, { paddingIdx: 10 })).toThrow('Embedding: paddingIdx 10 must be an integer within the 10 embeddings (-10..9)');
	});

	it('builds from pretrained vectors, frozen by default, without drawing random numbers', async () => {
		const vectors = tensor([[1, 0], [0, 1]]);
		const frozen = Embedding.fromPretrained(vectors);
		expect(frozen.weight.requiresGrad).toBe(false);
		expect(await frozen.forward(int([1])).tolist()).toEqual([[0, 1]]);
		expect(Embedding.fromPretrained(vectors, { freeze: false }).weight.requiresGrad).toBe(true);
		// a copy: the source tensor is untouched by the layer
		expect(vectors.requiresGrad).toBe(false);
	});

	it('round-trips through stateDict', async () => {
		const a = new Embedding(6, 2);
		const b = new Embedding(6, 2);
		b.loadStateDict(a.stateDict());
		expect(await b.forward(int([5, 0])).tolist()).toEqual(await a.forward(int([5, 0])).tolist());
	});

	it('gradchecks its weight (float64)', () => {
		manualSeed(2);
		const emb = new Embedding(6, 3).double();
		const idx = int([[5, 1], [1, 0], [3, 3]]);
		const r = gradcheck(() => emb.forward(idx).tanh(), [emb.weight]);
		expect(r.ok, r.message).toBe(true);
	});
});
