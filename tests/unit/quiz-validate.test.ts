import { describe, expect, it } from 'vitest';
import { formatQuizIssues, validateQuizContent, type SourceFile } from '../../src/lib/quiz/validate.ts';

const cert: SourceFile = {
	file: 'content/certifications/demo-cert.yaml',
	source: `
code: DEMO-01
name: Demo
vendor: Nobody
guideVersion: '1.0'
status: active
passLine: { percent: 70, basis: 700 of 1000 }
domains:
  - { id: basics, name: Basics, weight: 60, publishedWeight: 60%, chapters: [neuron] }
  - { id: advanced, name: Advanced, weight: 40, publishedWeight: 40%, chapters: [cnn] }
notCovered: [vendor services]
disclaimer: Not affiliated.
source: https://example.com/guide
checkedOn: '2026-11-22'
`,
};

const good = `
- id: good-single
  type: single
  prompt: Pick a.
  choices:
    - { text: a, why: right }
    - { text: b, why: wrong }
  answer: 0
  explanation: Because.
  chapter: neuron
  domains: [demo-cert:basics]
  difficulty: 1
`;

const opts = { chapterSlugs: ['neuron', 'cnn'] };
const check = (files: SourceFile[], certs = [cert]) => validateQuizContent(files, certs, opts);
const bank = (name: string, source: string): SourceFile => ({ file: `content/quizzes/${name}.yaml`, source });

describe('validateQuizContent', () => {
	it('accepts a valid bank', () => {
		const { issues, items, certifications } = check([bank('neuron', good)]);
		expect(issues).toEqual([]);
		expect(items.map((i) => i.id)).toEqual(['good-single']);
		expect(certifications.map((c) => c.id)).toEqual(['demo-cert']);
	});

	it('names the file, the item and the field of a wrong answer index', () => {
		const { issues } = check([bank('neuron', good.replace('answer: 0', 'answer: 5'))]);
		expect(issues).toEqual([
			{ file: 'content/quizzes/neuron.yaml', itemId: 'good-single', field: 'answer', severity: 'error', message: "a single item's answer is one choice index from 0 to 1 (got 5)" },
		]);
		expect(formatQuizIssues(issues)).toMatchInlineSnapshot(`
			"Quiz check: 1 error, 0 warnings.

			content/quizzes/neuron.yaml
			  ✗ item good-single, answer: a single item's answer is one choice index from 0 to 1 (got 5)

			Item fields: src/lib/quiz/schema.ts; blueprint fields: src/lib/quiz/certification-schema.ts."
		`);
	});

	it('requires a why on every choice', () => {
		const { issues } = check([bank('neuron', good.replace('{ text: b, why: wrong }', '{ text: b }'))]);
		expect(issues.map((i) => [i.itemId, i.field])).toEqual([['good-single', 'choices.1.why']]);
	});

	it('finds duplicate ids across files', () => {
		const { issues } = check([bank('neuron', good), bank('cnn', good.replace('chapter: neuron', 'chapter: cnn'))]);
		expect(issues).toEqual([
			expect.objectContaining({ file: 'content/quizzes/cnn.yaml', itemId: 'good-single', field: 'id', message: expect.stringContaining('also used in content/quizzes/neuron.yaml') }),
		]);
	});

	it('rejects unknown domains and certifications', () => {
		const { issues } = check([bank('neuron', good.replace('[demo-cert:basics]', '[demo-cert:nope, other-cert:x]'))]);
		expect(issues.map((i) => [i.field, i.message])).toEqual([
			['domains.0', 'unknown domain "demo-cert:nope". demo-cert has: basics, advanced.'],
			['domains.1', 'unknown certification "other-cert". Known: demo-cert.'],
		]);
	});

	it('rejects unknown chapters and items filed under the wrong chapter', () => {
		const { issues } = check([bank('neuron', good.replace('chapter: neuron', 'chapter: nonsense'))]);
		expect(issues.map((i) => [i.field, i.message])).toEqual([
			['chapter', 'the item is in neuron.yaml but says chapter: nonsense. Move it, or fix the chapter.'],
			['chapter', 'unknown chapter "nonsense". Known chapters: neuron, cnn.'],
		]);
	});

	it('only warns, once, about planned chapters that have no file yet', () => {
		const { issues } = validateQuizContent([bank('neuron', good)], [cert], { chapterSlugs: ['neuron'], plannedChapterSlugs: ['cnn'] });
		expect(issues).toEqual([expect.objectContaining({ severity: 'warning', file: 'content/chapters', message: expect.stringContaining('cnn (1)') })]);
	});

	it('checks numeric items: tolerance, generator name, parameters and placeholders', () => {
		const numeric = (extra: string) => `
- id: n
  type: numeric
  prompt: Conv on {{size}}?
  explanation: It is {{answer}}.
  chapter: cnn
  difficulty: 2
${extra}`;
		const run = (extra: string) => check([bank('cnn', numeric(extra))]).issues.map((i) => [i.field, i.message]);
		expect(run('  generator: conv-output-size\n  tolerance: 0')).toEqual([]);
		expect(run('  generator: conv-output-size')).toEqual([['tolerance', 'a numeric item needs a tolerance, e.g. `tolerance: 0.01` or `tolerance: { rel: 0.01 }`']]);
		expect(run('  generator: no-such-thing\n  tolerance: 0')[0]![0]).toBe('generator');
		expect(run('  generator: conv-output-size\n  tolerance: 0\n  params: { sise: 3 }')[0]).toEqual([
			'params',
			'conv-output-size has no parameter sise. Its parameters: size, kernel, stride, padding, dilation.',
		]);
		expect(run('  generator: conv-output-size\n  tolerance: 0').length).toBe(0);
		const badPlaceholder = check([bank('cnn', numeric('  generator: conv-output-size\n  tolerance: 0').replace('{{answer}}', '{{nope}}'))]).issues;
		expect(badPlaceholder[0]).toMatchObject({ itemId: 'n', field: 'explanation', message: expect.stringContaining('{{nope}} has no value') });
		expect(run('  answer: 3\n  tolerance: 0')).toEqual([
			['prompt', 'has a {{placeholder}} but the item has no generator to fill it'],
			['explanation', 'has a {{placeholder}} but the item has no generator to fill it'],
		]);
	});

	it('checks that an ordering answer is a permutation and multiple has at least one answer', () => {
		const ordering = good.replace('type: single', 'type: ordering').replace('answer: 0', 'answer: [0, 0]');
		expect(check([bank('neuron', ordering)]).issues[0]).toMatchObject({ field: 'answer' });
		const multiple = good.replace('type: single', 'type: multiple').replace('answer: 0', 'answer: []');
		expect(check([bank('neuron', multiple)]).issues[0]).toMatchObject({ field: 'answer' });
	});

	it('reports unknown fields and YAML errors with the file', () => {
		expect(check([bank('neuron', good.replace('difficulty: 1', 'difficulty: 1\n  explain: x'))]).issues[0]).toMatchObject({ field: 'explain', message: expect.stringContaining('unknown field') });
		expect(check([bank('neuron', '- id: [')]).issues[0]).toMatchObject({ file: 'content/quizzes/neuron.yaml', message: expect.stringContaining('not valid YAML') });
		expect(check([bank('neuron', 'id: x')]).issues[0]!.message).toContain('a YAML list of items');
	});

	it('validates certification blueprints, including their chapters', () => {
		const broken = { ...cert, source: cert.source.replace('status: active', 'status: retired').replace('chapters: [cnn]', 'chapters: [nowhere]') };
		const { issues } = check([], [broken]);
		expect(issues.map((i) => [i.file, i.field])).toEqual([['content/certifications/demo-cert.yaml', 'retiredOn']]);
		const badChapter = { ...cert, source: cert.source.replace('chapters: [cnn]', 'chapters: [nowhere]') };
		expect(check([], [badChapter]).issues.map((i) => i.field)).toEqual(['domains.1.chapters.0']);
	});
});
