import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabRegistry, labIdFromPath, labRegistry } from '../../src/lib/labs/registry';

describe('the lab registry', () => {
	it('reads lab ids from glob keys and skips _-folders', () => {
		expect(labIdFromPath('../../../labs/dense-forward/checks.ts')).toBe('dense-forward');
		expect(labIdFromPath('/labs/backprop-mlp/starter.ts')).toBe('backprop-mlp');
		expect(labIdFromPath('../../../labs/_kit/checks.ts')).toBeNull();
		expect(labIdFromPath('../../src/other.ts')).toBeNull();
	});

	it('lists every lab folder and loads its checks, solution and sources', async () => {
		expect(labRegistry.ids).toEqual(expect.arrayContaining(['dense-forward', 'backprop-mlp']));
		const lab = await labRegistry.runtime('dense-forward');
		expect(lab.checks.checks.map((c) => c.id)).toContain('dense-values');
		expect(typeof lab.solution.dense).toBe('function');
		const root = join(import.meta.dirname, '../../labs/dense-forward');
		expect(await labRegistry.starterSource('dense-forward')).toBe(readFileSync(join(root, 'starter.ts'), 'utf8'));
		expect(await labRegistry.solutionSource('dense-forward')).toBe(readFileSync(join(root, 'solution.ts'), 'utf8'));
	});

	it('names the known labs when asked for one that does not exist', () => {
		const registry = createLabRegistry({
			checks: { '/labs/a/checks.ts': async () => ({ default: { checks: [] } }) },
			solutions: {},
			starterSources: {},
			solutionSources: {},
		});
		expect(registry.has('a')).toBe(true);
		expect(() => registry.starterSource('b')).toThrowErrorMatchingInlineSnapshot(
			`[Error: No lab "b" with a starter.ts (known labs: a). A lab is a folder labs/<id>/ with lab.mdx, starter.ts, solution.ts and checks.ts.]`,
		);
	});
});
