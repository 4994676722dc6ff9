// NOTE: this is the `RandomSource` that `chainrule` exports (engine/index.ts re-exports it), imported
// by path so that quiz pages do not bundle the whole engine and `scripts/validate-content.mjs` can
// run this file under plain Node (the engine's extensionless imports need a bundler).
import { RandomSource } from '../../../engine/random.ts';
import { getGenerator, type Value } from './generators.ts';
import { PLACEHOLDER, type QuizItem, type Tolerance } from './schema.ts';

/**
 * Turns a bank item into the question one learner sees: values drawn from a seed (parameterized
 * items), placeholders filled, choices shuffled, and the answer re-indexed to the shuffled order.
 * The same `(item.id, seed)` always gives the same question.
 */

/** A choice as shown; `original` is its index in the YAML file. */
export interface DrawnChoice {
	text: string;
	why: string;
	original: number;
}

export interface DrawnItem {
	id: string;
	type: QuizItem['type'];
	seed: number;
	prompt: string;
	explanation: string;
	/** Choices in display order (absent for numeric items). */
	choices?: DrawnChoice[];
	/**
	 * In display order: single → index; multiple → sorted indices; ordering → display indices in
	 * the right order; numeric → the number.
	 */
	answer: number | number[];
	tolerance?: Tolerance;
	chapter: string;
	domains: string[];
	difficulty: 1 | 2 | 3;
	/** The drawn values of a parameterized item (for the review page and tests). */
	values?: Record<string, Value>;
}

/** FNV-1a of the id mixed with the seed: a 32-bit seed per (item, learner/attempt). */
export function seedFor(itemId: string, seed: number): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < itemId.length; i++) {
		h ^= itemId.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	h ^= Math.trunc(seed) >>> 0;
	return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

/** A number as a person would write it: no float noise (0.30000000000000004 → 0.3). */
export function formatNumber(x: number, decimals?: number): string {
	if (decimals !== undefined) return x.toFixed(decimals);
	if (Number.isInteger(x)) return String(x);
	const s = String(Number(x.toPrecision(6)));
	return s.includes('e') ? x.toExponential(3).replace(/\.?0+e/, 'e') : s;
}

export function formatValue(v: Value, decimals?: number): string {
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return formatNumber(v, decimals);
	return `[${v.map((x) => formatNumber(x, decimals)).join(', ')}]`;
}

/** Replaces `{{name}}` / `{{name:3}}`; throws naming a placeholder that has no value. */
export function fillPlaceholders(text: string, values: Record<string, Value>, where = 'text'): string {
	return text.replace(new RegExp(PLACEHOLDER.source, 'g'), (_, name: string, decimals?: string) => {
		const v = values[name];
		if (v === undefined) {
			throw new Error(`${where}: {{${name}}} has no value. The generator gives: ${Object.keys(values).join(', ')}.`);
		}
		return formatValue(v, decimals === undefined ? undefined : Number(decimals));
	});
}

/** The answer as the feedback shows it, with as many decimals as the tolerance makes meaningful. */
export function formatAnswer(answer: number, tolerance?: Tolerance): string {
	if (Number.isInteger(answer)) return String(answer);
	const abs = typeof tolerance === 'number' ? tolerance : tolerance ? tolerance.rel * Math.abs(answer) : 0;
	if (abs > 0) {
		const decimals = Math.min(10, Math.max(0, Math.ceil(-Math.log10(abs)) + 1));
		return String(Number(answer.toFixed(decimals)));
	}
	return formatNumber(answer);
}

/** Draws the question `item` shows for `seed`. */
export function drawItem(item: QuizItem, seed: number): DrawnItem {
	const base = seedFor(item.id, seed);
	let prompt = item.prompt;
	let explanation = item.explanation;
	let answer = item.answer as number | number[];
	let values: Record<string, Value> | undefined;

	if (item.generator) {
		const gen = getGenerator(item.generator);
		const drawn = gen.generate({ ...gen.params, ...item.params }, new RandomSource(base));
		values = { ...drawn.values, answer: drawn.answer };
		prompt = fillPlaceholders(prompt, values, `${item.id}: prompt`);
		explanation = fillPlaceholders(explanation, values, `${item.id}: explanation`);
		answer = drawn.answer;
	}

	const drawnItem: DrawnItem = {
		id: item.id,
		type: item.type,
		seed,
		prompt,
		explanation,
		answer,
		chapter: item.chapter,
		domains: item.domains,
		difficulty: item.difficulty,
	};
	if (item.tolerance !== undefined) drawnItem.tolerance = item.tolerance;
	if (values) drawnItem.values = values;
	if (item.choices) Object.assign(drawnItem, shuffleChoices(item, new RandomSource(base ^ 0x5bd1e995)));
	return drawnItem;
}

/** Shuffles the choices (unless `shuffle: false`, except ordering items, which always are). */
function shuffleChoices(item: QuizItem, rng: RandomSource): Pick<DrawnItem, 'choices' | 'answer'> {
	const choices = item.choices!;
	const n = choices.length;
	const keepOrder = item.shuffle === false && item.type !== 'ordering';
	let perm = keepOrder ? Array.from({ length: n }, (_, i) => i) : Array.from(rng.permutation(n));
	// An ordering question shown already in order gives itself away: rotate it by one.
	if (item.type === 'ordering' && n > 1) {
		const order = item.answer as number[];
		if (order.every((a, i) => perm[i] === a)) perm = [...perm.slice(1), perm[0]!];
	}
	const displayOf = new Map(perm.map((original, display) => [original, display]));
	const shown = perm.map((original) => ({ ...choices[original]!, original }));
	const a = item.answer;
	let answer: number | number[];
	if (item.type === 'single') answer = displayOf.get(a as number)!;
	else if (item.type === 'multiple') answer = (a as number[]).map((i) => displayOf.get(i)!).sort((x, y) => x - y);
	else answer = (a as number[]).map((i) => displayOf.get(i)!);
	return { choices: shown, answer };
}
