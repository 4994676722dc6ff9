import * as engine from 'chainrule';
import type { LabChecks } from '../define-checks';
import type { GradingResult } from '../result';
import { runChecks } from '../run-checks';
import { describeThrown } from '../failure';
import { compileLearnerCode, type SourceLocation } from './compile';
import { captureConsole, formatValue, type LogEntry } from './console-capture';
import { createLabHelpers, type PlotSeries } from './lab-helpers';
import { learnerLocation, loadLearnerModule } from './load-module';

export interface RunProblem {
	message: string;
	location: SourceLocation | null;
}

export interface RunOutcome {
	logs: LogEntry[];
	droppedLogs: number;
	plots: PlotSeries[];
	/** The value `main()` returned, formatted for display. */
	returned?: string;
	problem?: RunProblem;
	durationMs: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function problemFrom(thrown: unknown, prefix: string): RunProblem {
	return { message: `${prefix}${describeThrown(thrown)}`, location: learnerLocation(thrown) };
}

/** Compiles and loads learner code with the engine and the lab helpers as its only imports. */
function load(source: string, onLog?: (e: LogEntry) => void) {
	const captured = captureConsole(500, 2000, onLog);
	const output = { plots: [] as PlotSeries[] };
	const compiled = compileLearnerCode(source);
	if (!compiled.ok) return { captured, output, error: { message: compiled.message, location: compiled.location } as RunProblem };
	try {
		const mod = loadLearnerModule(compiled.code, { chainrule: engine, 'chainrule/lab': createLabHelpers(output) }, captured.console);
		return { captured, output, mod };
	} catch (thrown) {
		return { captured, output, error: problemFrom(thrown, 'Your code threw while loading: ') };
	}
}

/**
 * "Run": loads the learner's file and calls its exported `main()` if there is one (awaiting a promise), with
 * console output, plots and the returned value captured.
 */
export async function runSource(source: string, onLog?: (e: LogEntry) => void): Promise<RunOutcome> {
	const started = now();
	const { captured, output, mod, error } = load(source, onLog);
	const finish = (extra: Partial<RunOutcome>): RunOutcome => ({
		logs: captured.entries,
		droppedLogs: captured.dropped(),
		plots: output.plots,
		durationMs: Math.round(now() - started),
		...extra,
	});
	if (error) return finish({ problem: error });
	const main = mod?.main;
	if (typeof main !== 'function') {
		return finish({ returned: 'Loaded without errors. Export a function main() to run code here, or press Check to grade.' });
	}
	try {
		const value = await main();
		return finish({ returned: value === undefined ? undefined : formatValue(value) });
	} catch (thrown) {
		return finish({ problem: problemFrom(thrown, '') });
	}
}

/** "Check": grades the learner's file against the lab's checks and reference solution. */
export async function gradeSource<M>(
	source: string,
	lab: { id: string; checks: LabChecks<M>; solution: M },
	options: { seed: number; backend?: 'cpu' | 'webgpu'; onCheck?: Parameters<typeof runChecks>[1]['onCheck'] },
): Promise<{ result: GradingResult; logs: LogEntry[]; problem?: RunProblem }> {
	const { captured, mod, error } = load(source);
	const result = await runChecks(lab.checks, {
		labId: lab.id,
		mod: error ? { loadError: new Error(error.message) } : (mod as M),
		ref: lab.solution,
		seed: options.seed,
		backend: options.backend,
		onCheck: options.onCheck,
	});
	return { result, logs: captured.entries, problem: error };
}
