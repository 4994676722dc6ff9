import { describe, expect, it } from 'vitest';
import { grade, gradeMultiple, gradeNumeric, gradeOrdering, gradeSingle, kendallDistance, parseNumber } from '../../src/lib/quiz/scoring.ts';

describe('single choice', () => {
	it('is right only for the answer index', () => {
		expect(gradeSingle(2, 2)).toEqual({ correct: true, score: 1, blank: false });
		expect(gradeSingle(2, 1)).toEqual({ correct: false, score: 0, blank: false });
	});
	it('treats no answer as blank, not as choice 0', () => {
		expect(gradeSingle(0, null).blank).toBe(true);
		expect(gradeSingle(0, undefined).score).toBe(0);
	});
});

describe('multiple select', () => {
	it('is all-or-nothing by default', () => {
		expect(gradeMultiple([0, 2], [2, 0]).correct).toBe(true);
		expect(gradeMultiple([0, 2], [0]).score).toBe(0);
		expect(gradeMultiple([0, 2], [0, 1, 2]).score).toBe(0);
	});
	it('gives (right − wrong)/number right as partial credit, floored at 0', () => {
		expect(gradeMultiple([0, 2], [0], { partial: true }).score).toBe(0.5);
		expect(gradeMultiple([0, 2, 3], [0, 2, 1], { partial: true }).score).toBeCloseTo(1 / 3);
		expect(gradeMultiple([0], [0, 1, 2, 3], { partial: true }).score).toBe(0);
		expect(gradeMultiple([0, 2], [0, 2], { partial: true })).toEqual({ correct: true, score: 1, blank: false });
	});
	it('does not reward ticking every box', () => {
		expect(gradeMultiple([1, 3], [0, 1, 2, 3], { partial: true }).score).toBe(0);
	});
});

describe('numeric', () => {
	it('accepts answers within an absolute tolerance', () => {
		expect(gradeNumeric(0.5, 0.509, 0.01).correct).toBe(true);
		expect(gradeNumeric(0.5, 0.52, 0.01).correct).toBe(false);
	});
	it('accepts answers within a relative tolerance', () => {
		expect(gradeNumeric(1000, 1019, { rel: 0.02 }).correct).toBe(true);
		expect(gradeNumeric(1000, 1021, { rel: 0.02 }).correct).toBe(false);
		expect(gradeNumeric(-2, -2.03, { rel: 0.02 }).correct).toBe(true);
	});
	it('still accepts the exact answer with zero tolerance despite float round-off', () => {
		expect(gradeNumeric(0.1 + 0.2, 0.3, 0).correct).toBe(true);
		expect(gradeNumeric(12, 13, 0).correct).toBe(false);
	});
	it('treats NaN as blank', () => {
		expect(gradeNumeric(1, Number.NaN, 0.1).blank).toBe(true);
	});
});

describe('ordering', () => {
	it('counts discordant pairs (Kendall distance)', () => {
		expect(kendallDistance([0, 1, 2, 3], [0, 1, 2, 3])).toBe(0);
		expect(kendallDistance([0, 1, 2, 3], [1, 0, 2, 3])).toBe(1);
		expect(kendallDistance([0, 1, 2, 3], [3, 2, 1, 0])).toBe(6);
	});
	it('is exact by default', () => {
		expect(gradeOrdering([2, 0, 1], [2, 0, 1]).correct).toBe(true);
		expect(gradeOrdering([2, 0, 1], [0, 2, 1]).score).toBe(0);
	});
	it('gives 1 − distance/pairs as partial credit', () => {
		expect(gradeOrdering([0, 1, 2, 3], [1, 0, 2, 3], { partial: true }).score).toBeCloseTo(5 / 6);
		expect(gradeOrdering([0, 1, 2, 3], [3, 2, 1, 0], { partial: true }).score).toBe(0);
	});
	it('gives nothing for a response that is not a permutation', () => {
		expect(gradeOrdering([0, 1, 2], [0, 0, 1], { partial: true }).score).toBe(0);
	});
});

it('grade() dispatches on the item type', () => {
	expect(grade({ type: 'single', answer: 1 }, 1).correct).toBe(true);
	expect(grade({ type: 'numeric', answer: 3, tolerance: 0.5 }, 3.4).correct).toBe(true);
	expect(grade({ type: 'multiple', answer: [0, 1] }, [1], { partial: true }).score).toBe(0.5);
	expect(grade({ type: 'ordering', answer: [1, 0] }, [1, 0]).correct).toBe(true);
});

describe('parseNumber', () => {
	it.each([
		['0.25', 0.25], ['.5', 0.5], ['-3', -3], ['\u22122.5', -2.5], ['1e-3', 0.001], ['2,5', 2.5],
		['3/4', 0.75], ['25%', 0.25], [' 7 ', 7], ['+4', 4],
	])('reads %j as %d', (text, value) => {
		expect(parseNumber(text)).toBeCloseTo(value, 12);
	});
	it.each(['', 'abc', '1.2.3', '1/0', '--1', '1,000,000'])('rejects %j', (text) => {
		expect(parseNumber(text)).toBeNull();
	});
});
