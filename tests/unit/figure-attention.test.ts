import { describe, expect, it } from 'vitest';
import {
	ATTENTION_DIM,
	MAX_TOKENS,
	attentionMap,
	attentionTable,
	meanRowMax,
	rowSums,
	sinusoidalEncoding,
	tokenVectors,
	tokenize,
} from '~/components/figures/attention.ts';

const tokens = tokenize('the cat sat on the mat and the dog sat too');

describe('Are the attention figure’s weights a real softmax attention?', () => {
	it('tokenizes to lower-case words without punctuation, at most 12', () => {
		expect(tokenize('The cat, the HAT!')).toEqual(['the', 'cat', 'the', 'hat']);
		expect(tokenize('a b c d e f g h i j k l m n')).toHaveLength(MAX_TOKENS);
		expect(tokenize('  ')).toEqual([]);
	});

	it('gives every row weights in [0, 1] that sum to 1', () => {
		for (const options of [{}, { causal: true }, { scaled: false }]) {
			const map = attentionMap(tokens, options);
			for (const s of rowSums(map)) expect(s).toBeCloseTo(1, 12);
			for (const row of map.weights) for (const w of row) expect(w).toBeGreaterThanOrEqual(0);
		}
	});

	it('matches softmax(X Xᵀ / √d) computed by hand', () => {
		const X = tokenVectors(['a', 'b', 'a']);
		const rows = X.dataSync();
		const d = ATTENTION_DIM;
		const dot = (i: number, j: number) => {
			let s = 0;
			for (let k = 0; k < d; k++) s += rows[i * d + k] * rows[j * d + k];
			return s / Math.sqrt(d);
		};
		const map = attentionMap(['a', 'b', 'a']);
		for (let i = 0; i < 3; i++) {
			const e = [0, 1, 2].map((j) => Math.exp(dot(i, j)));
			const z = e.reduce((a, b) => a + b, 0);
			e.forEach((v, j) => expect(map.weights[i][j]).toBeCloseTo(v / z, 10));
		}
	});

	it('zeroes every weight above the diagonal under the causal mask, and the first row is [1, 0, …]', () => {
		const map = attentionMap(tokens, { causal: true });
		map.weights.forEach((row, i) => row.forEach((w, j) => j > i && expect(w).toBe(0)));
		expect(map.weights[0][0]).toBeCloseTo(1, 12);
	});

	it('gives repeats of a word the same word vector (they differ only by position)', () => {
		const X = tokenVectors(['the', 'the']);
		const PE = sinusoidalEncoding(2, ATTENTION_DIM).mul(0.5);
		const word = X.sub(PE).dataSync();
		for (let k = 0; k < ATTENTION_DIM; k++) expect(word[k]).toBeCloseTo(word[ATTENTION_DIM + k], 12);
	});

	it('saturates the softmax without the 1/√d_k scale', () => {
		expect(meanRowMax(attentionMap(tokens, { scaled: false }))).toBeGreaterThan(meanRowMax(attentionMap(tokens)) + 0.2);
	});

	it('builds a table with a header per key and a row per query', () => {
		const table = attentionTable(attentionMap(['a', 'b']));
		expect(table.columns).toEqual(['Query ↓ / key →', 'a (1)', 'b (2)']);
		expect(table.rows).toHaveLength(2);
		for (const row of table.rows) expect(row).toHaveLength(3);
	});

	it('refuses an empty sentence', () => {
		expect(() => attentionMap([])).toThrow(/no words/);
	});
});
