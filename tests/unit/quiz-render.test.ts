import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { checkQuizProps, gradingData } from '../../src/components/Quiz/quiz-props.ts';
import { certificationSchema, type CertificationEntry } from '../../src/lib/quiz/certification-schema.ts';
import { drawItem } from '../../src/lib/quiz/draw.ts';
import {
	defaultMinutes, finishSession, formatClock, isAnswered, newSession, paletteLabel, progress, remainingMs, sessionQuestion,
} from '../../src/lib/quiz/exam-session.ts';
import { escapeHtml, katexRenderer, renderInline, renderMarkdown } from '../../src/lib/quiz/markdown.ts';
import { answerText, questionHtml, toleranceText } from '../../src/lib/quiz/question-html.ts';
import { quizItemSchema, type QuizItem } from '../../src/lib/quiz/schema.ts';

const fakeTex = (tex: string, display: boolean) => `[${display ? 'D' : 'I'}:${tex}]`;

describe('renderMarkdown', () => {
	it('renders code, math, bold and emphasis, escaping HTML', () => {
		expect(renderInline('Use `a<b` with $x^2$ and **bold** or *em*; 3 < 4.', fakeTex)).toBe(
			'Use <code>a&lt;b</code> with [I:x^2] and <strong>bold</strong> or <em>em</em>; 3 &lt; 4.',
		);
	});
	it('keeps $ inside code literal and handles display math', () => {
		expect(renderInline('`$HOME` then $$\\sum_i x_i$$', fakeTex)).toBe('<code>$HOME</code> then [D:\\sum_i x_i]');
	});
	it('does not treat * inside math as emphasis', () => {
		expect(renderInline('$a*b*c$ and 2 * 3', fakeTex)).toBe('[I:a*b*c] and 2 * 3');
	});
	it('splits paragraphs on blank lines', () => {
		expect(renderMarkdown('one\n\ntwo', fakeTex)).toBe('<p>one</p><p>two</p>');
	});
	it('renders real KaTeX without throwing on a bad formula', () => {
		const tex = katexRenderer(katex);
		expect(renderInline('$\\frac{1}{2}$', tex)).toContain('katex');
		expect(() => renderInline('$\\notacommand{$', tex)).not.toThrow();
	});
	it('escapes quotes for attributes', () => {
		expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
	});
});

const base = { prompt: 'Pick one of $x$.', explanation: 'Because.', chapter: 'cnn', difficulty: 1 as const };
const single = quizItemSchema.parse({ ...base, id: 's', type: 'single', choices: [{ text: 'a', why: 'wa' }, { text: 'b', why: 'wb' }], answer: 1, shuffle: false });
const ordering = quizItemSchema.parse({ ...base, id: 'o', type: 'ordering', choices: ['x', 'y', 'z'].map((t) => ({ text: t, why: 'w' })), answer: [2, 0, 1] });

describe('questionHtml', () => {
	it('labels the radio group by the prompt and every input by its text', () => {
		const html = questionHtml(drawItem(single, 0), { uid: 'u', tex: fakeTex, heading: 'Question 1 of 2' });
		expect(html).toContain('role="radiogroup" aria-labelledby="u-prompt"');
		expect(html).toContain('<input type="radio" id="u-c0" name="u" value="0" /><label for="u-c0">');
		expect(html).toContain('<p class="quiz-q-heading">Question 1 of 2</p>');
		expect(html.match(/class="quiz-why"[^>]*hidden/g)).toHaveLength(2);
		expect(html).toContain('class="quiz-explanation" id="u-explanation" hidden');
	});
	it('gives ordering steps Move up / Move down buttons described by the step', () => {
		const html = questionHtml(drawItem(ordering, 0), { uid: 'o', tex: fakeTex });
		expect(html.match(/aria-label="Move up" aria-describedby="o-o\d"/g)).toHaveLength(3);
	});
	it('describes numeric tolerances in words', () => {
		expect(toleranceText(0)).toBe('Give the exact value.');
		expect(toleranceText(0.01)).toBe('Answers within ±0.01 of the true value are accepted.');
		expect(toleranceText({ rel: 0.02 })).toBe('Answers within 2 % of the true value are accepted.');
	});
	it('names the answer by letter', () => {
		expect(answerText(drawItem(single, 0))).toBe('choice B');
		const o = drawItem(ordering, 3);
		expect(answerText(o)).toMatch(/^[A-C] → [A-C] → [A-C]$/);
	});
});

describe('chapter quiz props', () => {
	it('throws naming the bad bank and the allowed ones', () => {
		expect(() => checkQuizProps('nope', undefined, ['cnn', 'rnn'])).toThrowErrorMatchingInlineSnapshot(
			`[Error: <Quiz bank="nope">: no quiz bank of that name. Use one of: cnn, rnn (content/quizzes/<bank>.yaml).]`,
		);
		expect(() => checkQuizProps('cnn', 0, ['cnn'])).toThrow(/count must be a positive whole number/);
		expect(checkQuizProps('cnn', 3, ['cnn'])).toEqual({ bank: 'cnn', count: 3 });
	});
	it('hands the browser only what grading needs', () => {
		expect(Object.keys(gradingData(drawItem(single, 0))).sort()).toEqual(['answer', 'chapter', 'domains', 'id', 'seed', 'tolerance', 'type']);
	});
});

describe('exam sessions', () => {
	const cert: CertificationEntry = {
		id: 'demo',
		...certificationSchema.parse({
			code: 'D-1', name: 'Demo', vendor: 'V', guideVersion: '1', status: 'active', passLine: { percent: 50, basis: 'b' },
			domains: [{ id: 'a', name: 'A', weight: 50, publishedWeight: '50%', chapters: [] }, { id: 'b', name: 'B', weight: 50, publishedWeight: '50%', chapters: [] }],
			notCovered: ['x'], disclaimer: 'd', source: 'https://example.com', checkedOn: '2026-01-01',
		}),
	};
	const items: QuizItem[] = ['a', 'b'].flatMap((d) =>
		[0, 1, 2].map((k) => ({ ...single, id: `${d}${k}`, domains: [`demo:${d}`] })),
	);
	const bank = new Map(items.map((i) => [i.id, i]));

	it('starts with nothing answered and a deadline when timed', () => {
		const s = newSession(cert, items, { count: 4, minutes: 10, seed: 1, now: 1000 });
		expect(s.exam.questions).toHaveLength(4);
		expect(s.deadline).toBe(1000 + 600_000);
		expect(progress(s)).toEqual({ answered: 0, unanswered: 4, flagged: 0 });
		expect(remainingMs(s, 1000 + 599_500)).toBe(500);
		expect(remainingMs(s, 10 ** 9)).toBe(0);
		expect(newSession(cert, items, { count: 4, minutes: null, seed: 1, now: 0 }).deadline).toBeNull();
	});

	it('scores answers all-or-nothing per domain, and survives JSON (sessionStorage)', () => {
		let s = newSession(cert, items, { count: 4, minutes: null, seed: 2, now: 0 });
		s.exam.questions.forEach((_, i) => {
			const d = sessionQuestion(s, bank, i);
			s.responses[i] = i === 0 ? 1 - (d.answer as number) : (d.answer as number);
			s.touched[i] = true;
		});
		s.flagged[2] = true;
		s = JSON.parse(JSON.stringify(s));
		expect(isAnswered(s, 0)).toBe(true);
		expect(paletteLabel(s, 2)).toBe('Question 3, answered, flagged');
		const { report } = finishSession(s, cert, bank);
		expect(report.points).toBe(3);
		expect(report.percent).toBe(75);
		expect(report.domains.reduce((n, d) => n + d.total, 0)).toBe(4);
	});

	it('formats the clock and suggests 1.5 minutes per question', () => {
		expect(formatClock(65_000)).toBe('01:05');
		expect(formatClock(3_725_000)).toBe('1:02:05');
		expect(formatClock(400)).toBe('00:01');
		expect(defaultMinutes(20)).toBe(30);
		expect(defaultMinutes(5)).toBe(8);
	});
});
