import { RandomSource as EngineRandomSource } from 'chainrule';
import { describe, expect, it } from 'vitest';
import { RandomSource } from '../../engine/random.ts';
import { drawItem, fillPlaceholders, formatAnswer, formatNumber, seedFor } from '../../src/lib/quiz/draw.ts';
import { quizItemSchema, type QuizItemInput } from '../../src/lib/quiz/schema.ts';
import { grade } from '../../src/lib/quiz/scoring.ts';

const choice = (text: string) => ({ text, why: `why ${text}` });
const base = { prompt: 'p', explanation: 'e', chapter: 'cnn', difficulty: 1 as const };
type Input = Omit<QuizItemInput, 'prompt' | 'explanation' | 'chapter' | 'difficulty'> & Partial<Pick<QuizItemInput, 'prompt' | 'explanation'>>;
const make = (input: Input) => quizItemSchema.parse({ ...base, ...input });

it('uses the same RandomSource class that chainrule exports', () => {
	expect(RandomSource).toBe(EngineRandomSource);
});

describe('seedFor', () => {
	it('is stable and differs by item and by seed', () => {
		expect(seedFor('a', 1)).toBe(seedFor('a', 1));
		expect(seedFor('a', 1)).not.toBe(seedFor('b', 1));
		expect(seedFor('a', 1)).not.toBe(seedFor('a', 2));
	});
});

describe('shuffled choices keep the answer right', () => {
	const single = make({ id: 's', type: 'single', choices: ['A', 'B', 'C', 'D'].map(choice), answer: 2 });
	const multiple = make({ id: 'm', type: 'multiple', choices: ['A', 'B', 'C', 'D', 'E'].map(choice), answer: [0, 3] });
	const ordering = make({ id: 'o', type: 'ordering', choices: ['A', 'B', 'C', 'D'].map(choice), answer: [3, 1, 0, 2] });

	it.each(Array.from({ length: 50 }, (_, s) => s))('seed %i', (seed) => {
		const s = drawItem(single, seed);
		expect(s.choices![s.answer as number]!.text).toBe('C');
		const m = drawItem(multiple, seed);
		expect((m.answer as number[]).map((i) => m.choices![i]!.text).sort()).toEqual(['A', 'D']);
		const o = drawItem(ordering, seed);
		expect((o.answer as number[]).map((i) => o.choices![i]!.text)).toEqual(['D', 'B', 'A', 'C']);
		// an ordering question is never shown already in order
		expect(o.answer).not.toEqual([0, 1, 2, 3]);
		// and the drawn answer grades as correct
		expect(grade(o, o.answer).correct).toBe(true);
	});

	it('actually shuffles (not the identity for every seed)', () => {
		const orders = new Set(Array.from({ length: 20 }, (_, s) => drawItem(single, s).choices!.map((c) => c.text).join('')));
		expect(orders.size).toBeGreaterThan(5);
	});

	it('keeps the order with shuffle: false', () => {
		const fixed = make({ id: 'f', type: 'single', choices: ['1', '2', '3'].map(choice), answer: 1, shuffle: false });
		for (let s = 0; s < 10; s++) expect(drawItem(fixed, s).choices!.map((c) => c.text)).toEqual(['1', '2', '3']);
	});

	it('gives the same question for the same seed', () => {
		expect(drawItem(multiple, 7)).toEqual(drawItem(multiple, 7));
	});
});

describe('parameterized items', () => {
	const item = make({
		id: 'conv',
		type: 'numeric',
		generator: 'conv-output-size',
		params: { stride: 2, dilation: 1 },
		prompt: 'A {{kernel}}×{{kernel}} conv, stride {{stride}}, padding {{padding}} on {{size}}×{{size}}?',
		explanation: 'floor(({{size}} + 2·{{padding}} − {{kernel}})/{{stride}}) + 1 = {{answer}}',
		tolerance: 0,
	});

	it('fills every placeholder and computes the answer', () => {
		for (let s = 0; s < 30; s++) {
			const d = drawItem(item, s);
			expect(d.prompt).not.toMatch(/\{\{/);
			expect(d.explanation).toContain(`= ${d.answer}`);
			const v = d.values!;
			expect(v.stride).toBe(2);
			expect(d.answer).toBe(Math.floor(((v.size as number) + 2 * (v.padding as number) - (v.kernel as number)) / 2) + 1);
		}
	});

	it('draws different numbers for different seeds', () => {
		const prompts = new Set(Array.from({ length: 20 }, (_, s) => drawItem(item, s).prompt));
		expect(prompts.size).toBeGreaterThan(5);
	});
});

describe('formatting', () => {
	it('writes numbers without float noise', () => {
		expect(formatNumber(0.1 + 0.2)).toBe('0.3');
		expect(formatNumber(42)).toBe('42');
		expect(formatNumber(0.25, 3)).toBe('0.250');
	});
	it('fills lists and fixed decimals', () => {
		expect(fillPlaceholders('z = {{z}}, p = {{p:2}}', { z: [1, -0.5], p: 0.12345 })).toBe('z = [1, -0.5], p = 0.12');
	});
	it('names a missing placeholder and the values it could use', () => {
		expect(() => fillPlaceholders('{{nope}}', { a: 1 }, 'item x: prompt')).toThrowErrorMatchingInlineSnapshot(
			`[Error: item x: prompt: {{nope}} has no value. The generator gives: a.]`,
		);
	});
	it('shows answers with the precision the tolerance asks for', () => {
		expect(formatAnswer(0.779104463, 0.01)).toBe('0.779');
		expect(formatAnswer(47.6837158, { rel: 0.01 })).toBe('47.68');
		expect(formatAnswer(12, 0)).toBe('12');
	});
});
