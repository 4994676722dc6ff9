import { describe, expect, it } from 'vitest';
import {
	extractSnippets,
	instrumentSnippet,
	isRunnableFence,
	outputMatches,
} from '~/lib/snippets.ts';

describe('Which code fences are runnable?', () => {
	it('accepts ts or typescript with a run word in the meta, and nothing else', () => {
		expect(isRunnableFence('ts', 'run')).toBe(true);
		expect(isRunnableFence('typescript', 'title="x.ts" run')).toBe(true);
		expect(isRunnableFence('ts', '')).toBe(false);
		expect(isRunnableFence('ts', 'runner')).toBe(false);
		expect(isRunnableFence('js', 'run')).toBe(false);
	});
});

describe('extractSnippets', () => {
	const source = [
		'# Title',
		'```ts',
		'not run',
		'```',
		'',
		'1. A list item',
		'   ```ts run',
		'   const a = 1;',
		'     indented();',
		'   ```',
		'````md',
		'```ts run',
		'inside a longer fence: not a snippet',
		'```',
		'````',
	].join('\n');

	it('finds run blocks, with their line, and strips the fence’s indentation', () => {
		expect(extractSnippets(source, 'c.mdx')).toEqual([
			{ file: 'c.mdx', line: 7, code: 'const a = 1;\n  indented();' },
		]);
	});

	it('names the line of a fence that is never closed', () => {
		expect(() => extractSnippets('text\n```ts run\nx', 'c.mdx')).toThrowErrorMatchingInlineSnapshot(
			`[Error: c.mdx:2: this code fence is never closed (expected a line with \`\`\`)]`,
		);
	});
});

describe('instrumentSnippet', () => {
	it('rewrites checked logs (inline and stand-alone comments) and leaves the others alone', () => {
		const code = [
			'console.log(1); // → 1',
			'console.log("free");',
			'console.log(t);',
			'// → [1, 2]',
			'// → [3, 4]',
		].join('\n');
		const out = instrumentSnippet(code);
		expect(out.expectations).toEqual([
			{ line: 1, expected: '1' },
			{ line: 3, expected: '[1, 2]\n[3, 4]' },
		]);
		expect(out.code.split('\n')).toEqual([
			'__expect(0, 1);',
			'console.log("free");',
			'__expect(1, t);',
			'// → [1, 2]',
			'// → [3, 4]',
		]);
	});

	it('refuses a stand-alone comment that follows other code', () => {
		expect(() => instrumentSnippet('console.log(1);\nconst x = 2;\n// → 1')).toThrow(
			/line 3: .* must follow a console.log/,
		);
	});
});

describe('Does printed output match an expected-output comment?', () => {
	it('rounds to the digits the comment shows', () => {
		expect(
			outputMatches('[0.9706877231597900, 0.3775406777858734]', '[0.9707, 0.3775]'),
		).toBeNull();
		expect(outputMatches('0.30000001192092896', '0.3')).toBeNull();
		expect(outputMatches('0.36', '0.3')).toMatch(/printed 0.36, expected 0.3/);
	});

	it('treats integers as exact (up to float noise) and ignores whitespace runs', () => {
		expect(outputMatches('[3.5,   0]', '[3.5, 0]')).toBeNull();
		expect(outputMatches('2.9999999', '3')).toBeNull();
		expect(outputMatches('3.1', '3')).toMatch(/number 1/);
		expect(outputMatches('1.0000000000000001e-8', '1e-8')).toBeNull();
	});

	it('requires the text around the numbers to be the same', () => {
		expect(outputMatches('{ loss: 0.5 }', '{ cost: 0.5 }')).toMatch(/expected/);
		expect(outputMatches('[1, 2, 3]', '[1, 2]')).toMatch(/expected/);
	});
});
