import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { chapterSlug } from '../../src/lib/chapter-schema.ts';
import { drawItem } from '../../src/lib/quiz/draw.ts';
import { assembleExam } from '../../src/lib/quiz/exam.ts';
import { grade } from '../../src/lib/quiz/scoring.ts';
import { COURSE_PLAN_CHAPTERS, validateQuizContent } from '../../src/lib/quiz/validate.ts';

/**
 * The real bank: content/quizzes/*.yaml and content/certifications/*.yaml. Is every item valid,
 * drawable, gradable and renderable, and is the bank as large as the course promises?
 */

const root = path.resolve(import.meta.dirname, '../..');
const read = (dir: string) =>
	readdirSync(path.join(root, dir))
		.filter((n) => n.endsWith('.yaml') && !n.startsWith('_'))
		.map((n) => ({ file: `${dir}/${n}`, source: readFileSync(path.join(root, dir, n), 'utf8') }));
const chapterSlugs = readdirSync(path.join(root, 'content/chapters')).filter((n) => n.endsWith('.mdx') && !n.startsWith('_')).map(chapterSlug);
const { issues, items, certifications } = validateQuizContent(read('content/quizzes'), read('content/certifications'), {
	chapterSlugs,
	plannedChapterSlugs: COURSE_PLAN_CHAPTERS,
});

/** Every `$…$` / `$$…$$` span of a Markdown string. */
function mathSpans(markdown: string): { tex: string; display: boolean }[] {
	const spans: { tex: string; display: boolean }[] = [];
	const re = /\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;
	for (const m of markdown.matchAll(re)) spans.push(m[1] !== undefined ? { tex: m[1], display: true } : { tex: m[2]!, display: false });
	return spans;
}

it('has no validation errors', () => {
	expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
});

it('has at least 240 questions, at least 12 for each of the 16 chapters, and at least 50 parameterized', () => {
	expect(items.length).toBeGreaterThanOrEqual(240);
	for (const slug of COURSE_PLAN_CHAPTERS) expect(items.filter((i) => i.chapter === slug).length, slug).toBeGreaterThanOrEqual(12);
	expect(items.filter((i) => i.generator).length).toBeGreaterThanOrEqual(50);
});

it('mixes all four question types', () => {
	for (const type of ['single', 'multiple', 'numeric', 'ordering'] as const) expect(items.some((i) => i.type === type), type).toBe(true);
});

it('has a blueprint for every certification of the course plan', () => {
	expect(certifications.map((c) => c.id).sort()).toEqual(
		['aws-mla-c01', 'aws-mls-c01', 'azure-ai-102', 'azure-ai-900', 'comptia-ai-plus', 'nvidia-dli-fdl', 'tensorflow-developer'],
	);
});

describe.each(items.map((i) => [i.id, i] as const))('item %s', (_, item) => {
	it('draws, fills every placeholder, grades its own answer as correct, and renders its math', () => {
		const seeds = item.generator ? 25 : 3;
		const prompts = new Set<string>();
		for (let seed = 0; seed < seeds; seed++) {
			const d = drawItem(item, seed);
			prompts.add(d.prompt);
			const texts = [d.prompt, d.explanation, ...(d.choices ?? []).flatMap((c) => [c.text, c.why])];
			for (const text of texts) {
				expect(text).not.toMatch(/\{\{/);
				for (const { tex, display } of mathSpans(text)) {
					expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: 'ignore' }), tex).not.toThrow();
				}
			}
			expect(grade(d, d.answer).correct).toBe(true);
			if (d.type === 'numeric') expect(Number.isFinite(d.answer as number)).toBe(true);
			if (d.type === 'ordering') expect(d.answer).not.toEqual([...(d.answer as number[])].sort((a, b) => a - b));
		}
		// a parameterized question must actually vary between learners
		if (item.generator) expect(prompts.size, 'distinct prompts over 25 seeds').toBeGreaterThan(1);
	});
});

describe.each(certifications.map((c) => [c.id, c] as const))('certification %s', (_, cert) => {
	it('has practice questions for every domain the course covers', () => {
		for (const d of cert.domains) {
			const n = items.filter((i) => i.domains.includes(`${cert.id}:${d.id}`)).length;
			if (d.chapters.length > 0) expect(n, d.id).toBeGreaterThanOrEqual(4);
		}
	});
	it('assembles a 20-question practice exam', () => {
		const exam = assembleExam(cert, items, { count: 20, seed: 1 });
		expect(exam.questions).toHaveLength(20);
	});
});
