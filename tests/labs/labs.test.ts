/**
 * The sweep over every lab folder: valid frontmatter, the solution scores full marks, the starter scores zero
 * without crashing, every named mistake is recognised as itself, and starter and solution export the same names.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { labSchema } from '../../labs/_kit/lab-schema';
import { runChecks, attemptSeed, type LabChecks } from '../../labs/_kit';

const root = join(import.meta.dirname, '../../labs');
const labIds = readdirSync(root, { withFileTypes: true })
	.filter((d) => d.isDirectory() && !d.name.startsWith('_'))
	.map((d) => d.name);

const modules = import.meta.glob<Record<string, unknown>>('../../labs/*/{solution,starter}.ts');
const mistakeModules = import.meta.glob<Record<string, unknown>>('../../labs/*/mistakes/*.ts');
const checkModules = import.meta.glob<{ default: LabChecks<unknown> }>('../../labs/*/checks.ts');

function frontmatter(id: string): unknown {
	const text = readFileSync(join(root, id, 'lab.mdx'), 'utf8');
	const match = /^---\n([\s\S]*?)\n---/.exec(text);
	if (!match) throw new Error(`labs/${id}/lab.mdx: no frontmatter block`);
	return parse(match[1]);
}

it('Are there labs to sweep?', () => {
	expect(labIds.length).toBeGreaterThan(0);
});

describe.each(labIds)('lab %s', (id) => {
	const load = (file: string) => modules[`../../labs/${id}/${file}.ts`]();
	const checks = async () => (await checkModules[`../../labs/${id}/checks.ts`]()).default;

	it('has the four files of a lab', () => {
		for (const f of ['lab.mdx', 'starter.ts', 'solution.ts', 'checks.ts']) expect(existsSync(join(root, id, f)), `labs/${id}/${f}`).toBe(true);
	});

	it('has valid frontmatter whose points match its checks', async () => {
		const parsed = labSchema.safeParse(frontmatter(id));
		expect(parsed.success, parsed.success ? '' : `labs/${id}/lab.mdx: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).toBe(true);
		const total = (await checks()).checks.reduce((s, c) => s + c.points, 0);
		expect(parsed.data?.points, `labs/${id}/lab.mdx says points: ${parsed.data?.points}, checks.ts adds up to ${total}`).toBe(total);
	});

	it('does the starter export the same names as the solution?', async () => {
		expect(Object.keys(await load('starter')).sort()).toEqual(Object.keys(await load('solution')).sort());
	});

	it('does the solution score full marks, on several seeds?', async () => {
		const lab = await checks();
		const ref = await load('solution');
		for (const attempt of [0, 1, 2]) {
			const seed = attemptSeed('sweep', id, attempt);
			const result = await runChecks(lab, { labId: id, mod: ref, ref, seed });
			const failing = result.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`);
			expect(failing, `seed ${seed}`).toEqual([]);
			expect(result.score).toBe(result.maxScore);
		}
	});

	it('does the starter score zero without crashing?', async () => {
		const lab = await checks();
		const result = await runChecks(lab, { labId: id, mod: await load('starter'), ref: await load('solution'), seed: 7 });
		expect(result.score).toBe(0);
		for (const c of result.checks) expect(c.message.length, c.id).toBeGreaterThan(0);
	});

	const mistakeFiles = existsSync(join(root, id, 'mistakes')) ? readdirSync(join(root, id, 'mistakes')).filter((f) => f.endsWith('.ts')) : [];
	it.each(mistakeFiles)('is the named mistake %s recognised as itself?', async (file) => {
		const mistakeId = basename(file, '.ts');
		const lab = await checks();
		const mod = await mistakeModules[`../../labs/${id}/mistakes/${file}`]();
		const ref = await load('solution');
		const result = await runChecks(lab, { labId: id, mod, ref, seed: attemptSeed('sweep', id, 3) });
		const named = result.checks.filter((c) => c.mistake).map((c) => c.mistake!.id);
		expect(named, JSON.stringify(result.checks.map((c) => [c.id, c.status, c.message]), null, 1)).toContain(mistakeId);
		expect(result.score).toBeLessThan(result.maxScore);
	});
});

/** The same sweep with the learner's code on WebGPU (float32), where an adapter exists (SwiftShader here). */
describe.each(labIds)('lab %s with the learner on WebGPU', (id) => {
	const load = (file: string) => modules[`../../labs/${id}/${file}.ts`]();
	const checks = async () => (await checkModules[`../../labs/${id}/checks.ts`]()).default;
	let webgpu = false;
	beforeAll(async () => {
		const engine = await import('chainrule');
		webgpu = (await engine.webgpuAvailable()) && (await engine.initWebgpu({ allowSoftware: true }).then(() => true, () => false));
		if (engine.getDevicePreference() !== 'cpu') engine.setDefaultDevice('cpu');
	});

	it('Does the solution score full marks, graded in float32 on the GPU?', async (ctx) => {
		if (!webgpu) ctx.skip('no WebGPU adapter in this environment');
		const ref = await load('solution');
		const result = await runChecks(await checks(), { labId: id, mod: ref, ref, seed: attemptSeed('sweep-gpu', id, 0), backend: 'webgpu' });
		expect(result.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
	});

	const mistakeFiles = existsSync(join(root, id, 'mistakes')) ? readdirSync(join(root, id, 'mistakes')).filter((f) => f.endsWith('.ts')) : [];
	// it.for (not it.each) hands the test context over, so the test can skip itself
	it.for(mistakeFiles)('is %s still recognised when the learner runs on WebGPU?', async (file, ctx) => {
		if (!webgpu) ctx.skip('no WebGPU adapter in this environment');
		const result = await runChecks(await checks(), {
			labId: id, mod: await mistakeModules[`../../labs/${id}/mistakes/${file}`](), ref: await load('solution'), seed: attemptSeed('sweep-gpu', id, 1), backend: 'webgpu',
		});
		expect(result.checks.filter((c) => c.mistake).map((c) => c.mistake!.id)).toContain(basename(file, '.ts'));
	});
});
