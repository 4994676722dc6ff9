/**
 * Runnable code blocks in chapters. A fenced block whose info string is `ts run` is executed
 * against the engine by `tests/content/snippets.test.ts`, so the code in the prose cannot drift
 * from what the engine does (d2l evaluates its chapters as notebooks for the same reason):
 *
 * ````mdx
 * ```ts run
 * import { tensor } from 'chainrule';
 * const x = tensor([-1, 0.5, 2]);
 * console.log(await x.relu().tolist()); // → [0, 0.5, 2]
 * ```
 * ````
 *
 * An expected-output comment `// → …` either ends the `console.log` line it checks, or stands on
 * its own line(s) right after it (one comment line per printed line). Numbers in the comment are
 * compared to the printed ones rounded to the digits the comment shows, so `// → 0.971` accepts
 * 0.97068. Pure functions only: no file system, no engine (the test supplies those).
 */

/** Does a code fence's info string (`ts run`, `typescript run title="x"`) mark a runnable block? */
export function isRunnableFence(lang: string | undefined, meta: string | undefined): boolean {
	return (lang === 'ts' || lang === 'typescript') && /(^|\s)run(\s|$)/.test(meta ?? '');
}

export interface Snippet {
	/** File the snippet came from (for messages). */
	file: string;
	/** 1-based line of the opening fence in the file. */
	line: number;
	/** The code between the fences, indentation of the fence removed. */
	code: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;

/** Every ```` ```ts run ```` block in a Markdown/MDX source, in order. */
export function extractSnippets(source: string, file: string): Snippet[] {
	const lines = source.split(/\r?\n/);
	const snippets: Snippet[] = [];
	for (let i = 0; i < lines.length; i++) {
		const open = FENCE.exec(lines[i]);
		if (!open) continue;
		const [, indent, fence, lang, meta] = open;
		// find the closing fence: same character, at least as long, nothing after it
		let end = i + 1;
		const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
		while (end < lines.length && !close.test(lines[end])) end++;
		if (end === lines.length) {
			throw new Error(
				`${file}:${i + 1}: this code fence is never closed (expected a line with ${fence})`,
			);
		}
		if (isRunnableFence(lang, meta)) {
			const body = lines
				.slice(i + 1, end)
				.map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
			snippets.push({ file, line: i + 1, code: body.join('\n') });
		}
		i = end;
	}
	return snippets;
}

export interface Expectation {
	/** 1-based line, in the snippet, of the console.log this checks. */
	line: number;
	/** The expected printed text (several lines joined with \n). */
	expected: string;
}

export interface InstrumentedSnippet {
	/** The code with each checked `console.log(` replaced by `__expect(<index>, `. */
	code: string;
	expectations: Expectation[];
}

const ARROW_ONLY = /^\s*\/\/\s*→\s?(.*)$/;
const ARROW_AFTER = /^(.*console\.log\(.*?)\s*\/\/\s*→\s?(.*)$/;

/**
 * Finds the expected-output comments and rewrites the `console.log` calls they check, so the
 * runner can record what each one printed. Throws (naming the line) when a comment checks nothing.
 */
export function instrumentSnippet(code: string): InstrumentedSnippet {
	const lines = code.split('\n');
	const expectations: Expectation[] = [];
	let lastLog = -1; // index of the most recent line with console.log(
	let lastLogExpectation: Expectation | null = null;
	for (let i = 0; i < lines.length; i++) {
		const only = ARROW_ONLY.exec(lines[i]);
		if (only) {
			if (lastLog === -1)
				throw new Error(
					`line ${i + 1}: an expected-output comment (// →) must follow a console.log`,
				);
			if (lastLogExpectation) lastLogExpectation.expected += `\n${only[1].trim()}`;
			else {
				lastLogExpectation = { line: lastLog + 1, expected: only[1].trim() };
				expectations.push(lastLogExpectation);
				lines[lastLog] = lines[lastLog].replace(
					'console.log(',
					`__expect(${expectations.length - 1}, `,
				);
			}
			continue;
		}
		if (lines[i].includes('console.log(')) {
			lastLog = i;
			lastLogExpectation = null;
			const after = ARROW_AFTER.exec(lines[i]);
			if (after) {
				lastLogExpectation = { line: i + 1, expected: after[2].trim() };
				expectations.push(lastLogExpectation);
				lines[i] = after[1].replace('console.log(', `__expect(${expectations.length - 1}, `);
			}
		} else if (lines[i].trim() !== '' && !/^\s*\/\//.test(lines[i])) {
			// code between a log and a stand-alone comment: the comment would check the wrong call
			lastLog = -1;
			lastLogExpectation = null;
		}
	}
	return { code: lines.join('\n'), expectations };
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;

/** Half a unit in the last digit the expected number shows (`0.971` → 0.0005); exact for integers. */
function tolerance(expected: string): number {
	const [mantissa, exponent = '0'] = expected.toLowerCase().split('e');
	const decimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
	const scale = 10 ** Number(exponent);
	if (decimals === 0 && exponent === '0') return 1e-6 * Math.max(1, Math.abs(Number(expected)));
	return 0.5 * 10 ** -decimals * scale * (1 + 1e-9) + 1e-12;
}

/**
 * Does printed text match an expected-output comment? Whitespace runs count as one space; text
 * outside numbers must be equal; each number must round to the one in the comment.
 *
 * ```ts
 * outputMatches('[0.9706877, 0.37754068]', '[0.9707, 0.3775]'); // null (a match)
 * outputMatches('[3.5, 1]', '[3.5, 0]'); // 'number 2: printed 1, expected 0'
 * ```
 * Returns null on a match, else a reason.
 */
export function outputMatches(actual: string, expected: string): string | null {
	const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
	const a = norm(actual);
	const e = norm(expected);
	const skeleton = (s: string) => s.replace(NUMBER, '#');
	if (skeleton(a) !== skeleton(e))
		return `printed ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`;
	const an = a.match(NUMBER) ?? [];
	const en = e.match(NUMBER) ?? [];
	for (let i = 0; i < en.length; i++) {
		if (Math.abs(Number(an[i]) - Number(en[i])) > tolerance(en[i])) {
			return `number ${i + 1}: printed ${an[i]}, expected ${en[i]} (in ${JSON.stringify(a)})`;
		}
	}
	return null;
}
