import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLearnerCode, gradeSource, runSource } from '../../labs/_kit';
import checks from '../../labs/dense-forward/checks';
import * as solution from '../../labs/dense-forward/solution';

const labDir = join(import.meta.dirname, '../../labs/dense-forward');
const lab = { id: 'dense-forward', checks, solution };

describe('learner code in the sandbox pipeline', () => {
	it('Does the solution file, compiled from its TypeScript source, score full marks?', async () => {
		const source = readFileSync(join(labDir, 'solution.ts'), 'utf8');
		const { result } = await gradeSource(source, lab, { seed: 11 });
		expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
		expect(result.score).toBe(result.maxScore);
	});

	it('Does the starter source score zero, each check saying what to do?', async () => {
		const source = readFileSync(join(labDir, 'starter.ts'), 'utf8');
		const { result } = await gradeSource(source, lab, { seed: 11 });
		expect(result.score).toBe(0);
		expect(result.checks.every((c) => c.status === 'error' && c.message.includes('TODO'))).toBe(true);
	});

	it('reports a syntax error with the line and column in the learner file', () => {
		const out = compileLearnerCode('const a = 1;\nconst b = ;\n');
		expect(out.ok).toBe(false);
		if (!out.ok) expect(out.location).toEqual({ line: 2, column: 11 });
	});

	it('gives a syntax error to every check instead of crashing the grader', async () => {
		const { result, problem } = await gradeSource('export function dense( {', lab, { seed: 1 });
		expect(problem?.location?.line).toBe(1);
		expect(result.score).toBe(0);
		expect(result.checks.every((c) => c.status === 'error' && c.message.includes('did not load'))).toBe(true);
	});

	it('reports a runtime error at the learner line that threw', async () => {
		const out = await runSource("import { tensor } from 'chainrule';\n\nexport function main() {\n  return tensor([1, 2]).matmul(tensor([[1, 2, 3]]));\n}\n");
		expect(out.problem?.message).toContain('matmul: cannot multiply');
		expect(out.problem?.location?.line).toBe(4);
	});

	it('contains a thrown non-Error and a rejected promise', async () => {
		expect((await runSource('export function main() { throw 42; }')).problem?.message).toContain('non-Error value was thrown: 42');
		expect((await runSource('export async function main() { await Promise.reject({ code: 7 }); }')).problem?.message).toContain('{"code":7}');
	});

	it('refuses imports other than the engine, including dynamic imports of URLs', async () => {
		// an unused import is dropped as TypeScript drops type-only imports, so use it
		const fsImport = await runSource("import * as fs from 'node:fs';\nexport function main() { return fs; }");
		expect(fsImport.problem?.message).toContain("Cannot import 'node:fs'");
		const dyn = await runSource("export async function main() { return import('https://example.com/x.js'); }");
		expect(dyn.problem?.message).toContain("Cannot import 'https://example.com/x.js'");
	});

	it('captures console output, caps a flood, and collects plots', async () => {
		const out = await runSource(
			"import { plot } from 'chainrule/lab';\nexport function main() {\n  for (let i = 0; i < 100000; i++) console.log('line', i);\n  plot('loss', [3, 2, 1]);\n  return { done: true };\n}\n",
		);
		expect(out.logs.length).toBe(500);
		expect(out.droppedLogs).toBe(100000 - 500);
		expect(out.plots).toEqual([{ name: 'loss', x: [0, 1, 2], y: [3, 2, 1] }]);
		expect(out.returned).toBe('{ done: true }');
	});
});
