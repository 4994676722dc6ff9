#!/usr/bin/env node
// The engine's type declarations for the lab editor (Monaco IntelliSense), generated from engine/ by the
// TypeScript compiler, so the editor can never drift from the engine: nothing here is kept by hand.
//
// The build uses it through a Vite virtual module (astro.config.mjs: `virtual:chainrule-engine-types`);
// run it by hand to see what the editor gets:
//   node scripts/build-engine-types.mjs            # summary
//   node scripts/build-engine-types.mjs out-dir    # also write the .d.ts files into out-dir
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT } from './lib.mjs';

/**
 * What learner code can import from 'chainrule/lab' (labs/_kit/sandbox/lab-helpers.ts makes it per run).
 * Kept beside the generator because the helper's implementation type is a closure, not a declaration.
 */
export const LAB_HELPERS_DTS = `/** Helpers for lab code: show results on the page. */
/**
 * Adds (or extends) a line series in the Plots tab, e.g. a loss curve.
 *
 * \`\`\`ts
 * plot('loss', losses);          // x = 0, 1, 2, ...
 * plot('accuracy', epochs, acc); // explicit x
 * \`\`\`
 */
export declare function plot(name: string, y: ArrayLike<number>): void;
export declare function plot(name: string, x: ArrayLike<number>, y: ArrayLike<number>): void;
`;

/**
 * Declarations of every engine module reachable from engine/index.ts, keyed by their path relative to
 * engine/ (`index.d.ts`, `tensor.d.ts`, `nn/linear.d.ts`, ...), plus `lab.d.ts` for 'chainrule/lab'.
 * Type errors in the engine do not stop the emit (the engine's own tests catch them).
 */
export function buildEngineTypes({ root = ROOT } = {}) {
	const engineDir = path.join(root, 'engine');
	const options = {
		declaration: true,
		emitDeclarationOnly: true,
		noEmitOnError: false,
		skipLibCheck: true,
		strict: true,
		target: ts.ScriptTarget.ES2022,
		module: ts.ModuleKind.ESNext,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.webworker.importscripts.d.ts'],
		types: [],
		rootDir: engineDir,
		outDir: path.join(engineDir, '__types__'),
		stripInternal: true,
	};
	const program = ts.createProgram([path.join(engineDir, 'index.ts'), path.join(engineDir, 'wgsl.d.ts')], options);
	/** @type {Record<string, string>} */
	const files = {};
	const outDir = options.outDir;
	const { emitSkipped } = program.emit(undefined, (fileName, text) => {
		const rel = path.relative(outDir, fileName).split(path.sep).join('/');
		// tests are not part of the API a learner sees
		if (!rel.endsWith('.d.ts') || /\.test\.d\.ts$/.test(rel)) return;
		files[rel] = text;
	});
	if (emitSkipped || !files['index.d.ts']) {
		throw new Error('build-engine-types: the TypeScript compiler emitted no declarations for engine/index.ts');
	}
	files['lab.d.ts'] = LAB_HELPERS_DTS;
	return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const started = Date.now();
	const files = buildEngineTypes();
	const out = process.argv[2];
	if (out) {
		for (const [rel, text] of Object.entries(files)) {
			const target = path.resolve(out, rel);
			mkdirSync(path.dirname(target), { recursive: true });
			writeFileSync(target, text);
		}
	}
	const bytes = Object.values(files).reduce((n, t) => n + t.length, 0);
	console.log(
		`Engine types: ${Object.keys(files).length} declaration files, ${(bytes / 1024).toFixed(0)} KB, ` +
			`in ${Date.now() - started} ms${out ? ` → ${out}` : ''}.`,
	);
}
