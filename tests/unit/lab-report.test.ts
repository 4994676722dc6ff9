import { describe, expect, it } from 'vitest';
import { checkView, explainMemoryError, formatNumber, heatIntensity, heatMapView, progressText, summarize, unfinishedResult } from '../../src/components/LabRunner/report';
import { timeLimitMessage } from '../../src/components/LabRunner/sandbox-host';
import type { CheckResult } from '../../labs/_kit/result';

const failing: CheckResult = {
	id: 'softmax-large-logits',
	title: 'softmax stays finite for logits near 1000',
	status: 'fail',
	points: 0,
	maxPoints: 2,
	message: 'softmax(z) is wrong: 12 of 12 values are outside the tolerance. exp(1000) overflows.',
	mistake: { id: 'softmax-no-max-subtraction', message: 'exp(1000) overflows.' },
	tensor: {
		name: 'softmax(z)',
		shape: [3, 4],
		maxAbsError: NaN,
		maxRelError: 1,
		worst: { index: [2, 3], got: NaN, expected: 0.25 },
		errorMap: [[1, 1], [1e-7, null as unknown as number]],
		tolerance: { rtol: 1e-6, atol: 1e-8 },
	},
};

describe('numbers in the report', () => {
	it.each([
		[NaN, 'NaN'],
		[Infinity, 'Infinity'],
		[-Infinity, '−Infinity'],
		[null, 'NaN or ±Infinity'],
		[0, '0'],
		[0.123456789, '0.123457'],
		[-2.5, '−2.5'],
		[1e-9, '1.0000e−9'],
		[12345678, '1.2346e+7'],
	])('shows %s as %s', (value, text) => {
		expect(formatNumber(value as number | null)).toBe(text);
	});
});

describe('the check report', () => {
	it('sums points and counts passed checks', () => {
		const pass = { ...failing, id: 'a', status: 'pass' as const, points: 2 };
		expect(summarize({ score: 2, maxScore: 4, checks: [pass, failing] })).toBe('2 / 4 points · 1 of 2 checks passed');
	});

	it('names the worst element, the tolerance and the known mistake of a wrong tensor', () => {
		const view = checkView(failing, { labPassed: false });
		expect(view.statusLabel).toBe('Wrong answer');
		expect(view.mistake?.id).toBe('softmax-no-max-subtraction');
		expect(view.worst).toBe('Worst element softmax(z)[2, 3]: got NaN, expected 0.25 (largest absolute error NaN, largest relative error 1).');
		expect(view.tolerance).toBe('Tolerance: relative 1.0000e−6, absolute 1.0000e−8');
		expect(view.heatMap?.rows).toBe(2);
	});

	it('describes the error map in words for screen readers', () => {
		const view = heatMapView([[0, 0.5], [1e-9, NaN]], 1e-6);
		expect(view?.description).toBe(
			'Relative error map, 2 × 2 cells (each cell is the largest error in its block of the tensor). 2 of 4 cells are above the tolerance 1.0000e−6; the worst is row 2, column 2 with NaN.',
		);
		expect(heatIntensity(1e-9)).toBe(0);
		expect(heatIntensity(1)).toBe(1);
		expect(heatIntensity(1e-4)).toBeCloseTo(0.5);
		expect(heatMapView([], 1e-6)).toBeNull();
	});

	it('shows only the title and status of a hidden check until the lab is passed', () => {
		const hidden = { ...failing, hidden: true };
		const before = checkView(hidden, { labPassed: false });
		expect(before).toMatchObject({ detailed: false, message: null, mistake: null, worst: null, heatMap: null, title: failing.title });
		expect(checkView(hidden, { labPassed: true }).detailed).toBe(true);
	});

	it('completes a check run stopped at the time limit', () => {
		const outline = [
			{ id: 'a', title: 'A', maxPoints: 1, hidden: false },
			{ id: 'b', title: 'B', maxPoints: 2, hidden: false },
			{ id: 'c', title: 'C', maxPoints: 3, hidden: true },
		];
		const done: CheckResult[] = [{ id: 'a', title: 'A', status: 'pass', points: 1, maxPoints: 1, message: 'Correct.' }];
		const result = unfinishedResult({ labId: 'l', engineVersion: '0', seed: 1, durationMs: 2000.4, outline, done, status: 'timeout', message: timeLimitMessage(2000) });
		expect(result.score).toBe(1);
		expect(result.maxScore).toBe(6);
		expect(result.checks.map((c) => c.status)).toEqual(['pass', 'timeout', 'timeout']);
		expect(result.checks[1].message).toContain('longer than 2 s');
		expect(result.checks[2]).toMatchObject({ hidden: true, message: 'Not run: an earlier check did not finish.' });
	});

	it('says what to do about out-of-memory errors, and leaves others alone', () => {
		expect(explainMemoryError('RangeError: Array buffer allocation failed')).toContain('ran out of memory');
		expect(explainMemoryError('TypeError: x is undefined')).toBe('TypeError: x is undefined');
	});

	it('counts the checks while grading', () => {
		expect(progressText(0, null)).toBe('Starting the checks…');
		expect(progressText(2, 7)).toBe('Running check 3 of 7…');
		expect(progressText(7, 7)).toBe('All 7 checks done');
		expect(timeLimitMessage(10_000)).toMatch(/^Your code ran longer than 10 s and was stopped; an endless loop\?/);
	});
});
