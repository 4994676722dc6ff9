/**
 * Monaco, set up once for the lab pages (imported dynamically by editor.ts, so no other page loads it):
 * the editor core with its standard features, TypeScript (syntax, and the language service in its own worker),
 * and the engine's declarations so `import { tensor } from 'chainrule'` gets IntelliSense.
 *
 * The declarations are generated from engine/ by the TypeScript compiler during the build
 * (scripts/build-engine-types.mjs via `virtual:chainrule-engine-types`) and registered as a package at
 * file:///node_modules/chainrule/, where TypeScript's node module resolution looks for 'chainrule' and
 * 'chainrule/lab'.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import {
	ModuleKind,
	ModuleResolutionKind,
	ScriptTarget,
	typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import engineTypes from 'virtual:chainrule-engine-types';

// Vite bundles both workers; Monaco asks for them by label.
(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
	getWorker(_moduleId: string, label: string): Worker {
		return label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker();
	},
};

typescriptDefaults.setCompilerOptions({
	target: ScriptTarget.ES2020,
	module: ModuleKind.ESNext,
	moduleResolution: ModuleResolutionKind.NodeJs,
	strict: true,
	noEmit: true,
	allowNonTsExtensions: true,
	// learner code runs in a worker: no DOM
	lib: ['es2022', 'webworker'],
});
// Diagnostics are shown for the learner's file only: the engine's declarations mention WebGPU types the
// editor's bundled lib lacks, which resolve to `any` there and never reach learner code.

const PACKAGE_ROOT = 'file:///node_modules/chainrule/';
typescriptDefaults.addExtraLib(JSON.stringify({ name: 'chainrule', types: 'index.d.ts' }), `${PACKAGE_ROOT}package.json`);
for (const [path, content] of Object.entries(engineTypes)) {
	typescriptDefaults.addExtraLib(content, `${PACKAGE_ROOT}${path}`);
}

export { monaco };
