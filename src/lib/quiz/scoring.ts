import type { DrawnItem } from './draw.ts';
import type { Tolerance } from './schema.ts';

/**
 * Grading, per question type. Pure: a drawn item and a response in, a grade out.
 *
 * - single: exact.
 * - multiple: all-or-nothing by default; `partial` gives (right picks − wrong picks)/(number right),
 *   floored at 0, so ticking every box earns nothing.
 * - numeric: within the item's tolerance (absolute, or relative to the answer).
 * - ordering: exact by default; `partial` gives 1 − (discordant pairs)/(all pairs), i.e. one minus
 *   the normalised Kendall tau distance.
 */

/** What the learner answered: a choice index, a set of indices, a number, or an order of indices. */
export type Response = number | readonly number[] | null | undefined;

export interface Grade {
	/** Fully right. */
	correct: boolean;
	/** Credit in [0, 1] (1 when correct; between 0 and 1 only with partial credit). */
	score: number;
	/** True when nothing was answered. */
	blank: boolean;
}

export interface GradeOptions {
	/** Give partial credit to multiple-select and ordering items (default false: all or nothing). */
	partial?: boolean;
}

const BLANK: Grade = { correct: false, score: 0, blank: true };

function result(score: number): Grade {
	return { correct: score >= 1, score: Math.max(0, Math.min(1, score)), blank: false };
}

export function gradeSingle(answer: number, response: Response): Grade {
	if (typeof response !== 'number') return BLANK;
	return result(response === answer ? 1 : 0);
}

export function gradeMultiple(answer: readonly number[], response: Response, { partial = false }: GradeOptions = {}): Grade {
	if (!Array.isArray(response) || response.length === 0) return BLANK;
	const right = new Set(answer);
	const picked = new Set(response);
	let hits = 0;
	let wrong = 0;
	for (const i of picked) (right.has(i) ? hits++ : wrong++);
	const exact = wrong === 0 && hits === right.size;
	if (exact) return result(1);
	return result(partial ? (hits - wrong) / right.size : 0);
}

/** Absolute allowance for `answer` under `tolerance`, plus a hair for float round-off. */
export function allowance(answer: number, tolerance: Tolerance | undefined): number {
	const abs = tolerance === undefined ? 0 : typeof tolerance === 'number' ? tolerance : tolerance.rel * Math.abs(answer);
	return abs + 1e-9 * Math.max(1, Math.abs(answer));
}

export function gradeNumeric(answer: number, response: Response, tolerance?: Tolerance): Grade {
	if (typeof response !== 'number' || Number.isNaN(response)) return BLANK;
	return result(Math.abs(response - answer) <= allowance(answer, tolerance) ? 1 : 0);
}

/** Pairs (i, j) that `response` puts in the opposite order to `answer`. */
export function kendallDistance(answer: readonly number[], response: readonly number[]): number {
	const rank = new Map(response.map((v, i) => [v, i]));
	let discordant = 0;
	for (let i = 0; i < answer.length; i++) {
		for (let j = i + 1; j < answer.length; j++) {
			if (rank.get(answer[i]!)! > rank.get(answer[j]!)!) discordant++;
		}
	}
	return discordant;
}

export function gradeOrdering(answer: readonly number[], response: Response, { partial = false }: GradeOptions = {}): Grade {
	if (!Array.isArray(response) || response.length === 0) return BLANK;
	const isPermutation =
		response.length === answer.length && new Set(response).size === answer.length && response.every((v) => answer.includes(v));
	if (!isPermutation) return result(0);
	const d = kendallDistance(answer, response);
	if (d === 0) return result(1);
	const pairs = (answer.length * (answer.length - 1)) / 2;
	return result(partial ? 1 - d / pairs : 0);
}

/** Grades a response to a drawn item by its type. */
export function grade(item: Pick<DrawnItem, 'type' | 'answer' | 'tolerance'>, response: Response, options: GradeOptions = {}): Grade {
	switch (item.type) {
		case 'single':
			return gradeSingle(item.answer as number, response);
		case 'multiple':
			return gradeMultiple(item.answer as number[], response, options);
		case 'numeric':
			return gradeNumeric(item.answer as number, response, item.tolerance);
		case 'ordering':
			return gradeOrdering(item.answer as number[], response, options);
	}
}

/**
 * Reads a typed number: accepts `0.25`, `.25`, `-3`, `1e-3`, `2,5` (decimal comma), `3/4`, `25%`
 * and the Unicode minus. Returns null for anything else (the UI then says it is not a number).
 */
export function parseNumber(text: string): number | null {
	const s = text.trim().replace(/\u2212/g, '-').replace(/\s+/g, '');
	if (s === '') return null;
	const fraction = /^(-?\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(s);
	if (fraction) {
		const den = Number(fraction[2]);
		return den === 0 ? null : Number(fraction[1]) / den;
	}
	const percent = s.endsWith('%');
	let body = percent ? s.slice(0, -1) : s;
	if (/^-?\d+,\d+$/.test(body)) body = body.replace(',', '.');
	if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(body)) return null;
	const x = Number(body);
	return Number.isFinite(x) ? (percent ? x / 100 : x) : null;
}
