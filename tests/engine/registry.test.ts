import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The one list of primitive ops is engine/ops/index.ts. A newcomer who adds a folder under engine/ops/ and
 * forgets the line in the list, or the test next to the op, is told which folder and what to add.
 */
const opsDir = fileURLToPath(new URL('../../engine/ops/', import.meta.url));
const indexSource = readFileSync(`${opsDir}index.ts`, 'utf8');
const folders = readdirSync(opsDir).filter((name) => statSync(`${opsDir}${name}`).isDirectory()).sort();
/** Folders that index.ts imports from (`from './<folder>/...'`). */
const listed = new Set([...indexSource.matchAll(/from\s+['"]\.\/([^/'"]+)\//g)].map((m) => m[1]));
const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('engine/ops registry', () => {
	it('has op folders', () => {
		expect(folders.length).toBeGreaterThan(10);
	});
	it.each(folders)('engine/ops/%s/ is listed in engine/ops/index.ts', (folder) => {
		const hint =
			`engine/ops/${folder}/ is not listed in engine/ops/index.ts, so the engine does not know the op; add a line ` +
			`such as \`export { ${camel(folder)} } from './${folder}/${folder}';\``;
		expect(listed.has(folder), hint).toBe(true);
	});
	it.each(folders)('engine/ops/%s/ has a test file', (folder) => {
		const tests = readdirSync(`${opsDir}${folder}`).filter((f) => f.endsWith('.test.ts'));
		const hint =
			`engine/ops/${folder}/ has no *.test.ts file; add engine/ops/${folder}/${folder}.test.ts with hand-checked ` +
			`values and a float64 gradcheck (see describeOp in engine/testing/describe-op.ts)`;
		expect(tests.length, hint).toBeGreaterThan(0);
	});
	it('index.ts lists no folder that does not exist', () => {
		const missing = [...listed].filter((name) => !folders.includes(name));
		expect(missing, `engine/ops/index.ts imports from folders that do not exist: ${missing.join(', ')}`).toEqual([]);
	});
});
