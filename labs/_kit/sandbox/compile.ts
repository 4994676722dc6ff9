import { transform } from 'sucrase';

/** Where in the learner's own file something went wrong (1-based, as editors count). */
export interface SourceLocation {
	line: number;
	column: number;
}

export type CompileResult = { ok: true; code: string } | { ok: false; message: string; location: SourceLocation | null };

/**
 * Turns the learner's TypeScript into a CommonJS function body: types are stripped (type errors are the
 * editor's job; they never block a run) and imports become `require` calls, so the loader decides what can be
 * imported. Sucrase keeps every statement on its original line, so runtime line numbers need no source map.
 */
export function compileLearnerCode(source: string, fileName = 'learner.ts'): CompileResult {
	try {
		const { code } = transform(source, { transforms: ['typescript', 'imports'], filePath: fileName, production: true });
		return { ok: true, code };
	} catch (error) {
		const loc = (error as { loc?: { line: number; column: number } }).loc;
		const raw = error instanceof Error ? error.message : String(error);
		const message = raw.replace(/\s*\(\d+:\d+\)\s*$/, '');
		// sucrase's loc is 1-based in both line and column, as editors count
		return { ok: false, message: `Syntax error: ${message}`, location: loc ? { line: loc.line, column: loc.column } : null };
	}
}
