// Runs every ```ts run block in content/chapters against the engine (see src/lib/snippets.ts).
// Each snippet compiles with the labs' sandbox compiler, runs as an async module whose only import
// is 'chainrule', must not throw, and must print what its `// →` comments say.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as engine from 'chainrule';
import { describe, expect, it } from 'vitest';
import { compileLearnerCode } from '../../labs/_kit';
import { formatValue } from '../../labs/_kit/sandbox/console-capture';
import { extractSnippets, instrumentSnippet, outputMatches, type Snippet } from '~/lib/snippets.ts';

const root = path.resolve(import.meta.dirname, '../..');
const chapterDir = path.join(root, 'content/chapters');

function chapterSnippets(): Snippet[] {
	return readdirSync(chapterDir)
		.filter((name) => /\.mdx?$/.test(name) && !name.startsWith('_'))
		.sort()
		.flatMap((name) =>
			extractSnippets(
				readFileSync(path.join(chapterDir, name), 'utf8'),
				`content/chapters/${name}`,
			),
		);
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
	...params: string[]
) => AsyncFn;

interface SnippetRun {
	logs: string[];
	/** What each checked console.log printed, by expectation index (one entry per call). */
	printed: string[][];
}

/** Compiles and runs one snippet; throws with the file and line when it fails. */
async function runSnippet(
	snippet: Snippet,
): Promise<{
	run: SnippetRun;
	expectations: ReturnType<typeof instrumentSnippet>['expectations'];
}> {
	const where = `${snippet.file}:${snippet.line}`;
	const { code, expectations } = instrumentSnippet(snippet.code);
	const compiled = compileLearnerCode(code, where);
	if (!compiled.ok) {
		const at = compiled.location ? ` (snippet line ${compiled.location.line})` : '';
		throw new Error(`${where}: does not compile${at}: ${compiled.message}`);
	}
	const run: SnippetRun = { logs: [], printed: expectations.map(() => []) };
	const print = (...args: unknown[]) => args.map((a) => formatValue(a)).join(' ');
	const log = (...args: unknown[]) => void run.logs.push(print(...args));
	const fakeConsole = { log, info: log, warn: log, error: log };
	const expectFn = (index: number, ...args: unknown[]) => {
		const text = print(...args);
		run.logs.push(text);
		run.printed[index].push(text);
	};
	const modules: Record<string, unknown> = { chainrule: engine };
	const require = (specifier: string) => {
		if (specifier in modules) return modules[specifier];
		throw new Error(`${where}: snippets can import only 'chainrule', not '${specifier}'`);
	};
	engine.manualSeed(0);
	const fn = new AsyncFunction(
		'require',
		'exports',
		'module',
		'console',
		'__expect',
		compiled.code,
	);
	try {
		await fn(require, {}, { exports: {} }, fakeConsole, expectFn);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const line = /<anonymous>:(\d+):\d+/.exec(
			error instanceof Error ? (error.stack ?? '') : '',
		)?.[1];
		// new AsyncFunction puts two header lines before the body
		const at = line ? ` (snippet line ${Number(line) - 2})` : '';
		throw new Error(`${where}: threw${at}: ${message}`);
	}
	return { run, expectations };
}

const snippets = chapterSnippets();

describe('Do the runnable snippets in the chapters run and print what they claim?', () => {
	it('finds runnable snippets in the chapters', () => {
		expect(snippets.length).toBeGreaterThan(0);
	});

	for (const snippet of snippets) {
		it(`${snippet.file}:${snippet.line}`, async () => {
			const { run, expectations } = await runSnippet(snippet);
			expectations.forEach((exp, i) => {
				const where = `${snippet.file}:${snippet.line}, snippet line ${exp.line}`;
				const printed = run.printed[i];
				expect(printed.length, `${where}: this console.log never ran`).toBeGreaterThan(0);
				expect(
					printed.length,
					`${where}: a checked console.log must run once, it ran ${printed.length} times`,
				).toBe(1);
				const problem = outputMatches(printed[0], exp.expected);
				expect(problem, `${where}: ${problem}`).toBeNull();
			});
		});
	}
});
