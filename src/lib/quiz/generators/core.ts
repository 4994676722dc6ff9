import type { ParamSpec } from '../schema.ts';

/**
 * What a generator needs from a random source: `RandomSource` from the engine fits
 * (`int(low, high)` is uniform on [low, high)).
 */
export interface Rng {
	int(low: number, high: number): number;
	uniform(): number;
}

/** A drawn value: shown in `{{name}}` placeholders (lists as `[a, b, c]`) and kept for checking. */
export type Value = number | string | readonly number[];

export interface Generated {
	/** Every input and every intermediate the prompt and explanation mention, by placeholder name. */
	values: Record<string, Value>;
	/** The correct numeric answer, computed from the values. */
	answer: number;
}

/** Parameter name → range (see `paramSpecSchema`). */
export type ParamRanges = Record<string, ParamSpec>;

export interface GeneratorDef {
	/** What the generator computes, for authors browsing the registry. */
	description: string;
	/** Its parameters and their default ranges; an item's `params` may narrow or fix any of them. */
	params: ParamRanges;
	/** Draws values from `params` (defaults merged with the item's overrides) and computes the answer. */
	generate(params: ParamRanges, rng: Rng): Generated;
}

export function defineGenerator(def: GeneratorDef): GeneratorDef {
	return def;
}

function decimalsOf(x: number): number {
	const s = String(x);
	if (s.includes('e-')) return Number(s.split('e-')[1]);
	return s.includes('.') ? s.split('.')[1]!.length : 0;
}

/** Draws one number from a range. */
export function pick(spec: ParamSpec | undefined, rng: Rng): number {
	if (spec === undefined) throw new Error('pick: missing parameter range');
	if (typeof spec === 'number') return spec;
	if (Array.isArray(spec)) return rng.int(spec[0], spec[1] + 1);
	if ('oneOf' in spec) return spec.oneOf[rng.int(0, spec.oneOf.length)]!;
	const { min, max, step } = spec;
	const count = Math.floor((max - min) / step + 1e-9) + 1;
	const decimals = Math.max(decimalsOf(step), decimalsOf(min));
	return Number((min + rng.int(0, count) * step).toFixed(decimals));
}

/** Draws until `accept` holds (ranges that can produce a degenerate question, e.g. a zero gradient). */
export function pickWhere(spec: ParamSpec | undefined, rng: Rng, accept: (x: number) => boolean): number {
	for (let i = 0; i < 1000; i++) {
		const x = pick(spec, rng);
		if (accept(x)) return x;
	}
	throw new Error(`pickWhere: no acceptable value in ${JSON.stringify(spec)} after 1000 draws`);
}

/** Retries a whole draw until it is acceptable (e.g. a conv output size of at least 1). */
export function retry<T>(draw: () => T, accept: (x: T) => boolean, what: string): T {
	for (let i = 0; i < 1000; i++) {
		const x = draw();
		if (accept(x)) return x;
	}
	throw new Error(`${what}: the parameter ranges give no valid question after 1000 draws; widen them`);
}

/** `n` draws from the same range. */
export function pickMany(spec: ParamSpec | undefined, n: number, rng: Rng): number[] {
	return Array.from({ length: n }, () => pick(spec, rng));
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Softmax with the max subtracted (the stable form). */
export function softmax(z: readonly number[]): number[] {
	const m = Math.max(...z);
	const e = z.map((v) => Math.exp(v - m));
	const s = e.reduce((a, b) => a + b, 0);
	return e.map((v) => v / s);
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const MIB = 1024 * 1024;
