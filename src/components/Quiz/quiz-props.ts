import type { DrawnItem } from '../../lib/quiz/draw.ts';

/**
 * Props checks and the data a chapter quiz hands to the browser. No Astro imports (vitest runs it).
 */

/** How many variants of a parameterized question are rendered at build time; each learner sees one. */
export const VARIANTS = 2;

/** What the browser needs to grade a drawn question (the rest is in the markup). */
export type GradingData = Pick<DrawnItem, 'id' | 'type' | 'answer' | 'tolerance' | 'chapter' | 'seed' | 'domains'>;

export function gradingData(d: DrawnItem): GradingData {
	return { id: d.id, type: d.type, answer: d.answer, tolerance: d.tolerance, chapter: d.chapter, seed: d.seed, domains: d.domains };
}

/** Validates `<Quiz bank count />`; throws naming the bad value and the allowed ones (as Aside does). */
export function checkQuizProps(bank: unknown, count: unknown, banks: readonly string[]): { bank: string; count?: number } {
	if (typeof bank !== 'string' || !banks.includes(bank)) {
		throw new Error(`<Quiz bank="${String(bank)}">: no quiz bank of that name. Use one of: ${banks.join(', ')} (content/quizzes/<bank>.yaml).`);
	}
	if (count !== undefined && !(Number.isInteger(count) && (count as number) > 0)) {
		throw new Error(`<Quiz count={${String(count)}}>: count must be a positive whole number (or left out for every question).`);
	}
	return count === undefined ? { bank } : { bank, count: count as number };
}
