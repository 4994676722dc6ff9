import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	findDuplicateSlugs,
	formatIssues,
	validateChapterSource,
} from '~/lib/content-validation.ts';
import { chapterSchema } from '~/lib/chapter-schema.ts';
import { validateChapterDir } from '../../scripts/validate-content.mjs';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

const GOOD = `---
title: The artificial neuron
description: Weighted sums.
part: foundations
order: 2
objectives:
  - Compute a neuron output.
---

Body text.
`;

describe('Do all chapters in content/chapters pass the schema?', () => {
	it('has no problems in the real chapters', async () => {
		const { files, issues } = await validateChapterDir(path.join(root, 'content/chapters'), {
			relativeTo: root,
		});
		expect(files.length).toBeGreaterThan(0);
		expect(issues).toEqual([]);
	});
});

describe('chapter schema', () => {
	it('fills defaults for labs and certifications', () => {
		const data = chapterSchema.parse({
			title: 't',
			description: 'd',
			part: 'training',
			order: 1,
			objectives: ['o'],
		});
		expect(data.labs).toEqual([]);
		expect(data.certifications).toEqual([]);
		expect(data.quiz).toBeUndefined();
	});

	it('accepts a valid chapter', () => {
		expect(validateChapterSource('content/chapters/02-neuron.mdx', GOOD)).toEqual([]);
	});
});

describe('Does a broken chapter get a message naming its file and field?', () => {
	const file = 'content/chapters/09-broken.mdx';

	it('reports a missing title', () => {
		const issues = validateChapterSource(file, GOOD.replace('title: The artificial neuron\n', ''));
		expect(issues).toEqual([
			{ file, field: 'title', message: expect.stringMatching(/^missing \(required\)/) },
		]);
		expect(formatIssues(issues)).toMatchInlineSnapshot(`
			"Content check failed: 1 chapter file has problems.

			content/chapters/09-broken.mdx
			  ✗ title: missing (required). For example:
			    title: The artificial neuron

			The fields are documented in src/lib/chapter-schema.ts (README: "Adding a chapter")."
		`);
	});

	it('reports a wrong part, a quoted order, empty objectives and a misspelt field', () => {
		const source = GOOD.replace('part: foundations', 'part: basics')
			.replace('order: 2', 'order: "2"')
			.replace('objectives:\n  - Compute a neuron output.', 'objectives: []\nlab: [x]');
		const issues = validateChapterSource(file, source);
		expect(issues.map((i) => i.field)).toEqual(['part', 'order', 'objectives', 'lab']);
		expect(issues[0]!.message).toMatch(/"foundations"\|"training".*\(got "basics"\)/);
		expect(issues[3]!.message).toMatch(/unknown field.*labs/);
	});

	it('reports a file with no frontmatter and one with broken YAML', () => {
		expect(validateChapterSource(file, '# Hello')[0]!.message).toMatch(/^no frontmatter/);
		const yaml = validateChapterSource(file, '---\ntitle: [unclosed\n---\n');
		expect(yaml[0]!.message).toMatch(/^frontmatter is not valid YAML/);
	});

	it('reports two files that would share a URL', () => {
		const issues = findDuplicateSlugs(['c/02-neuron.mdx', 'c/07-neuron.mdx', 'c/03-other.mdx']);
		expect(issues.map((i) => i.file)).toEqual(['c/02-neuron.mdx', 'c/07-neuron.mdx']);
		expect(issues[0]!.message).toContain('slug "neuron" is also used by c/07-neuron.mdx');
	});
});

describe('Does scripts/validate-content.mjs fail the build for a broken chapter?', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'chainrule-chapters-'));
		await writeFile(path.join(dir, '01-good.mdx'), GOOD);
		await writeFile(
			path.join(dir, '02-broken.mdx'),
			GOOD.replace('title: The artificial neuron\n', ''),
		);
		await writeFile(
			path.join(dir, '_draft.mdx'),
			'no frontmatter: skipped because of the underscore',
		);
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('exits non-zero and names the file and the field', async () => {
		const script = path.join(root, 'scripts/validate-content.mjs');
		const result = await run(process.execPath, [script, dir]).then(
			() => ({ code: 0, stderr: '' }),
			(error: { code: number; stderr: string }) => error,
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('02-broken.mdx');
		expect(result.stderr).toContain('✗ title: missing (required)');
		expect(result.stderr).not.toContain('01-good.mdx');
		expect(result.stderr).not.toContain('_draft.mdx');
	});
});
