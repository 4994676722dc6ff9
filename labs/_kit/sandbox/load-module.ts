import type { SourceLocation } from './compile';

/** The modules learner code may import, by specifier. */
export type ModuleTable = Record<string, unknown>;

const SOURCE_URL = 'learner-code.js';
/** `new Function(a, b, c, d, body)` puts the body after two lines of its own. */
const FUNCTION_HEADER_LINES = 2;

export class LearnerImportError extends Error {
	constructor(specifier: string, allowed: string[]) {
		super(`Cannot import '${specifier}' here: labs can import only ${allowed.map((s) => `'${s}'`).join(', ')}`);
		this.name = 'ImportError';
	}
}

/**
 * Evaluates compiled learner code as a module and returns its exports. `require` resolves only the names in
 * `modules`; anything else (a URL, 'fs', a relative file) throws an ImportError.
 */
export function loadLearnerModule(code: string, modules: ModuleTable, consoleLike: Pick<Console, 'log' | 'warn' | 'error' | 'info'>): Record<string, unknown> {
	const allowed = Object.keys(modules);
	const require = (specifier: string): unknown => {
		if (Object.prototype.hasOwnProperty.call(modules, specifier)) return modules[specifier];
		throw new LearnerImportError(specifier, allowed);
	};
	const module = { exports: {} as Record<string, unknown> };
	const factory = new Function('require', 'exports', 'module', 'console', `${code}\n//# sourceURL=${SOURCE_URL}`);
	factory(require, module.exports, module, consoleLike);
	return module.exports;
}

/** Finds the learner's line and column in an error's stack (the first frame inside the learner's code). */
export function learnerLocation(error: unknown): SourceLocation | null {
	const stack = error instanceof Error ? (error.stack ?? '') : '';
	const match = new RegExp(`${SOURCE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
	if (!match) return null;
	return { line: Number(match[1]) - FUNCTION_HEADER_LINES, column: Number(match[2]) };
}
