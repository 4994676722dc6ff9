/**
 * Data for the attention figure (chapter "attention"): the weights of one self-attention over a
 * short sentence, computed by the engine's `F.scaledDotProductAttention`. No trained weights:
 * each word gets a fixed random vector (seeded by the word, so repeats of a word share it), the
 * sinusoidal position code is added, and that sum is both query and key. The values are the
 * identity, so the attention output *is* the weight matrix.
 */
import { F, RandomSource, arange, cat, eye, randn, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

/** Width d_k of the toy queries and keys. */
export const ATTENTION_DIM = 16;
/** Longest sentence the figure draws. */
export const MAX_TOKENS = 12;
/** Scale of the word vectors (entries have variance 1/2) and of the position code. */
const WORD_SCALE = Math.SQRT1_2;
const POSITION_SCALE = 0.5;

export interface AttentionOptions {
	/** Mask every key after its query (default false). */
	causal?: boolean;
	/** Divide the scores by √d_k (default true); false uses scale 1. */
	scaled?: boolean;
}

export interface AttentionMap {
	tokens: string[];
	/** weights[i][j]: how much query token i attends to key token j; each row sums to 1. */
	weights: number[][];
	causal: boolean;
	scaled: boolean;
}

/**
 * Lower-cased words of a sentence, punctuation dropped, at most `MAX_TOKENS`.
 *
 * ```ts
 * tokenize('The cat, the hat!'); // ['the', 'cat', 'the', 'hat']
 * ```
 */
export function tokenize(sentence: string): string[] {
	const words = sentence
		.toLowerCase()
		.split(/\s+/)
		.map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, ''))
		.filter((w) => w.length > 0);
	return words.slice(0, MAX_TOKENS);
}

/** FNV-1a: a stable 32-bit seed from a word, so a word always gets the same vector. */
export function wordSeed(word: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < word.length; i++) {
		h ^= word.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** Sinusoidal position code [L, d] (Vaswani et al., 2017), as in the chapter's snippet. */
export function sinusoidalEncoding(length: number, d: number): Tensor {
	const t = arange(0, length, 1, { dtype: 'float64' }).unsqueeze(1); // [L, 1]
	const i = arange(0, d / 2, 1, { dtype: 'float64' }).unsqueeze(0); // [1, d/2]
	const angle = t.div(i.mul((2 * Math.log(10000)) / d).exp()); // [L, d/2]
	return cat([angle.sin().unsqueeze(2), angle.cos().unsqueeze(2)], 2).reshape(length, d);
}

/** The toy query/key vectors [L, d]: word vector + position code. */
export function tokenVectors(tokens: readonly string[], d = ATTENTION_DIM): Tensor {
	if (tokens.length === 0) throw new RangeError('tokenVectors: give at least one token');
	const words = tokens.map((w) => randn([1, d], { dtype: 'float64', generator: new RandomSource(wordSeed(w)) }).mul(WORD_SCALE));
	return cat(words, 0).add(sinusoidalEncoding(tokens.length, d).mul(POSITION_SCALE));
}

/**
 * The attention weights of the toy self-attention, from `F.scaledDotProductAttention`.
 *
 * ```ts
 * attentionMap(['a', 'b'], { causal: true }).weights[0]; // [1, 0]
 * ```
 */
export function attentionMap(tokens: readonly string[], { causal = false, scaled = true }: AttentionOptions = {}): AttentionMap {
	if (tokens.length === 0) throw new RangeError('attentionMap: the sentence has no words');
	if (tokens.length > MAX_TOKENS) throw new RangeError(`attentionMap: at most ${MAX_TOKENS} tokens, got ${tokens.length}`);
	const X = tokenVectors(tokens);
	const L = tokens.length;
	// V = I makes the output A·I = A: the weights themselves
	const A = F.scaledDotProductAttention(X, X, eye(L, L, { dtype: 'float64' }), { isCausal: causal, scale: scaled ? null : 1 });
	const flat = Array.from(A.dataSync());
	const weights = Array.from({ length: L }, (_, i) => flat.slice(i * L, (i + 1) * L));
	return { tokens: [...tokens], weights, causal, scaled };
}

/** The mean over rows of the largest weight in the row: near 1 when the softmax saturates. */
export function meanRowMax(map: AttentionMap): number {
	const maxima = map.weights.map((row) => Math.max(...row));
	return maxima.reduce((a, b) => a + b, 0) / maxima.length;
}

/** Text for a token in a table or label: the word and its position. */
export function tokenLabel(tokens: readonly string[], i: number): string {
	return `${tokens[i]} (${i + 1})`;
}

/** The text alternative: the full weight matrix, rounded to two decimals. */
export function attentionTable(map: AttentionMap): FigureTable {
	const columns = ['Query ↓ / key →', ...map.tokens.map((_, j) => tokenLabel(map.tokens, j))];
	const rows = map.weights.map((row, i) => [tokenLabel(map.tokens, i), ...row.map((w) => formatNumber(w, 2))]);
	return { columns, rows };
}

/** Checks used by the tests and the client: every row of weights sums to one. */
export function rowSums(map: AttentionMap): number[] {
	return map.weights.map((row) => row.reduce((a, b) => a + b, 0));
}
