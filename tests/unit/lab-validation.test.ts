import { describe, expect, it } from 'vitest';
import { crossCheckLabs, formatLabIssues, validateLabSource } from '../../src/lib/labs/lab-validation';
import { labHref, practiceItems } from '../../src/lib/course';

const good = `---
title: A lab
chapter: neuron
summary: Do a thing.
objectives:
  - Do it
points: 3
difficulty: intro
minutes: 10
---
Body`;

describe('lab frontmatter', () => {
	it('accepts a complete lab and returns its chapter', () => {
		expect(validateLabSource('labs/a/lab.mdx', good)).toEqual({ issues: [], chapter: 'neuron' });
	});

	it('names the file and the field of each problem', () => {
		const bad = good.replace('points: 3', 'points: three').replace('difficulty: intro\n', '');
		const { issues } = validateLabSource('labs/a/lab.mdx', bad);
		expect(issues.map((i) => [i.file, i.field, i.level])).toEqual([
			['labs/a/lab.mdx', 'points', 'error'],
			['labs/a/lab.mdx', 'difficulty', 'error'],
		]);
		expect(issues[1].message).toMatch(/^missing \(required\)\. For example:\ndifficulty: intro/);
		expect(validateLabSource('labs/b/lab.mdx', 'no frontmatter').issues[0].message).toMatch(/^no frontmatter/);
	});
});

describe('labs and chapters name each other', () => {
	const chapters = [{ slug: 'neuron', file: 'content/chapters/02-neuron.mdx', labs: ['dense-forward', 'missing-lab'] }];
	it('flags an unknown chapter as an error, a planned one as a warning, and a chapter listing a missing lab', () => {
		const issues = crossCheckLabs({
			labs: [
				{ id: 'dense-forward', file: 'labs/dense-forward/lab.mdx', chapter: 'neuron' },
				{ id: 'adam', file: 'labs/adam/lab.mdx', chapter: 'optimizers' },
				{ id: 'typo', file: 'labs/typo/lab.mdx', chapter: 'nueron' },
			],
			chapters,
			plannedChapters: ['optimizers'],
		});
		expect(issues.map((i) => [i.file, i.field, i.level])).toEqual([
			['labs/adam/lab.mdx', 'chapter', 'warning'],
			['labs/typo/lab.mdx', 'chapter', 'error'],
			['content/chapters/02-neuron.mdx', 'labs', 'error'],
		]);
		expect(formatLabIssues(issues).split('\n')[0]).toBe('Lab check failed: 2 errors.');
	});
});

describe('practice links', () => {
	it('links labs by title and keeps the quiz as a label', () => {
		expect(practiceItems({ labs: ['dense-forward', 'unknown'], quiz: 'neuron' }, new Map([['dense-forward', 'Dense']]))).toEqual([
			{ kind: 'lab', id: 'dense-forward', label: 'Lab: Dense', href: '/labs/dense-forward/' },
			{ kind: 'lab', id: 'unknown', label: 'Lab: unknown', href: '/labs/unknown/' },
			{ kind: 'quiz', label: 'Quiz' },
		]);
		expect(labHref('x')).toBe('/labs/x/');
	});
});
