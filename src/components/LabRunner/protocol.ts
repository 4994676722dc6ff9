/**
 * The messages between a lab page and its sandbox worker, and their validation.
 *
 * The page sends one request per worker over a private MessageChannel port (handed over in `init`, before any
 * learner code runs); the worker answers on that port only. Learner code runs in the worker and could post
 * anything it likes on the worker's global `postMessage`, so the page never listens there, and checks the
 * shape of every message on the port too: anything unexpected is dropped, never half-trusted.
 */
import type { CheckResult, GradingResult, TensorReport } from '../../../labs/_kit/result';
import type { LogEntry } from '../../../labs/_kit/sandbox/console-capture';
import type { PlotSeries } from '../../../labs/_kit/sandbox/lab-helpers';
import type { SourceLocation } from '../../../labs/_kit/sandbox/compile';

export type DeviceChoice = 'cpu' | 'webgpu';

/** Page → worker: run the learner's `main()` or grade the file. */
export interface SandboxRequest {
	kind: 'run' | 'check';
	/** Echoed in every reply, so replies to an older request are recognised and dropped. */
	runId: string;
	labId: string;
	source: string;
	seed: number;
	/** Device for the learner's code, in Run and in Check (the reference always runs on the CPU in float64). */
	device: DeviceChoice;
}

export interface RunProblem {
	message: string;
	location: SourceLocation | null;
}

/** What "Run" produced besides the console (logs stream in `log` messages). */
export interface RunSummary {
	returned?: string;
	plots: PlotSeries[];
	problem?: RunProblem;
	droppedLogs: number;
	durationMs: number;
	backend: DeviceChoice;
}

/** A check before it has run: enough to list it as pending. */
export interface CheckOutline {
	id: string;
	title: string;
	maxPoints: number;
	hidden: boolean;
}

/** Worker → page. */
export type SandboxMessage =
	| { kind: 'ready' }
	| { kind: 'log'; runId: string; entries: LogEntry[] }
	| { kind: 'device'; runId: string; backend: DeviceChoice; adapter?: string; note?: string }
	| { kind: 'started'; runId: string; total: number; checks: CheckOutline[] }
	| { kind: 'check'; runId: string; index: number; total: number; result: CheckResult }
	| { kind: 'done'; runId: string; mode: 'run'; summary: RunSummary }
	| { kind: 'done'; runId: string; mode: 'check'; result: GradingResult; problem?: RunProblem }
	| { kind: 'error'; runId: string | null; message: string; location?: SourceLocation | null };

// ---- validation -------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 1_000_000): v is string => typeof v === 'string' && v.length <= max;
/** Structured clone keeps NaN and ±Infinity; JSON (a backup file) turns them into null. */
const isNum = (v: unknown): v is number => typeof v === 'number';
const isNumOrNull = (v: unknown): v is number | null => v === null || isNum(v);
const isInt = (v: unknown, min = 0, max = 1e9): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNumArray = (v: unknown, max = 100_000): v is number[] => Array.isArray(v) && v.length <= max && v.every(isNumOrNull);
const isOptional = <T>(v: unknown, check: (x: unknown) => x is T): boolean => v === undefined || check(v);
const DEVICES = ['cpu', 'webgpu'] as const;
const isDevice = (v: unknown): v is DeviceChoice => v === 'cpu' || v === 'webgpu';
const LOG_LEVELS = ['log', 'info', 'warn', 'error'];
const STATUSES = ['pass', 'fail', 'error', 'timeout'];

export function isLocation(v: unknown): v is SourceLocation {
	return isObj(v) && isInt(v.line, 0, 1e7) && isInt(v.column, 0, 1e7);
}

function isProblem(v: unknown): v is RunProblem {
	return isObj(v) && isStr(v.message, 100_000) && (v.location === null || isLocation(v.location));
}

function isLogEntry(v: unknown): v is LogEntry {
	return isObj(v) && LOG_LEVELS.includes(v.level as string) && isStr(v.text, 10_000);
}

function isPlot(v: unknown): v is PlotSeries {
	return isObj(v) && isStr(v.name, 200) && isNumArray(v.x) && isNumArray(v.y) && (v.x as unknown[]).length === (v.y as unknown[]).length;
}

function isTensorReport(v: unknown): v is TensorReport {
	if (!isObj(v)) return false;
	const worst = v.worst;
	const worstOk = worst === null || (isObj(worst) && isNumArray(worst.index, 16) && isNumOrNull(worst.got) && isNumOrNull(worst.expected));
	const map = v.errorMap;
	const mapOk = map === undefined || (Array.isArray(map) && map.length <= 16 && map.every((row) => isNumArray(row, 16)));
	const tol = v.tolerance;
	return (
		isStr(v.name, 500) &&
		isNumArray(v.shape, 16) &&
		isNumOrNull(v.maxAbsError) &&
		isNumOrNull(v.maxRelError) &&
		worstOk &&
		mapOk &&
		isObj(tol) &&
		isNum(tol.rtol) &&
		isNum(tol.atol)
	);
}

function isOutline(v: unknown): v is CheckOutline {
	return isObj(v) && isStr(v.id, 200) && isStr(v.title, 500) && isNum(v.maxPoints) && typeof v.hidden === 'boolean';
}

export function isCheckResult(v: unknown): v is CheckResult {
	return (
		isObj(v) &&
		isStr(v.id, 200) &&
		isStr(v.title, 500) &&
		STATUSES.includes(v.status as string) &&
		isNum(v.points) &&
		isNum(v.maxPoints) &&
		isStr(v.message, 20_000) &&
		isOptional(v.hidden, (x): x is boolean => typeof x === 'boolean') &&
		isOptional(v.mistake, (x): x is { id: string; message: string } => isObj(x) && isStr(x.id, 200) && isStr(x.message, 5_000)) &&
		isOptional(v.tensor, isTensorReport)
	);
}

export function isGradingResult(v: unknown): v is GradingResult {
	return (
		isObj(v) &&
		isStr(v.labId, 200) &&
		isStr(v.engineVersion, 100) &&
		isDevice(v.backend) &&
		isNum(v.seed) &&
		isNum(v.score) &&
		isNum(v.maxScore) &&
		isNum(v.durationMs) &&
		Array.isArray(v.checks) &&
		v.checks.length <= 500 &&
		v.checks.every(isCheckResult)
	);
}

function isRunSummary(v: unknown): v is RunSummary {
	return (
		isObj(v) &&
		isOptional(v.returned, (x): x is string => isStr(x, 100_000)) &&
		Array.isArray(v.plots) &&
		v.plots.length <= 8 &&
		v.plots.every(isPlot) &&
		isOptional(v.problem, isProblem) &&
		isInt(v.droppedLogs) &&
		isNum(v.durationMs) &&
		isDevice(v.backend)
	);
}

/**
 * The message if `data` is exactly one of the shapes the worker sends, else null. Unknown kinds, missing or
 * mistyped fields, oversized payloads: all null.
 */
export function parseSandboxMessage(data: unknown): SandboxMessage | null {
	if (!isObj(data) || typeof data.kind !== 'string') return null;
	const runId = data.runId;
	const hasRunId = isStr(runId, 100);
	switch (data.kind) {
		case 'ready':
			return { kind: 'ready' };
		case 'log':
			return hasRunId && Array.isArray(data.entries) && data.entries.length <= 500 && data.entries.every(isLogEntry)
				? { kind: 'log', runId, entries: data.entries }
				: null;
		case 'device':
			return hasRunId && isDevice(data.backend) && isOptional(data.adapter, (x): x is string => isStr(x, 300)) && isOptional(data.note, (x): x is string => isStr(x, 2000))
				? { kind: 'device', runId, backend: data.backend, adapter: data.adapter as string | undefined, note: data.note as string | undefined }
				: null;
		case 'started':
			return hasRunId && isInt(data.total, 0, 500) && Array.isArray(data.checks) && data.checks.length === data.total && data.checks.every(isOutline)
				? { kind: 'started', runId, total: data.total, checks: data.checks }
				: null;
		case 'check':
			return hasRunId && isInt(data.index, 0, 500) && isInt(data.total, 1, 500) && (data.index as number) < (data.total as number) && isCheckResult(data.result)
				? { kind: 'check', runId, index: data.index, total: data.total, result: data.result }
				: null;
		case 'done':
			if (!hasRunId) return null;
			if (data.mode === 'run') return isRunSummary(data.summary) ? { kind: 'done', runId, mode: 'run', summary: data.summary } : null;
			if (data.mode === 'check') {
				return isGradingResult(data.result) && isOptional(data.problem, isProblem)
					? { kind: 'done', runId, mode: 'check', result: data.result, problem: data.problem as RunProblem | undefined }
					: null;
			}
			return null;
		case 'error':
			return (runId === null || hasRunId) && isStr(data.message, 20_000) && isOptional(data.location, (x): x is SourceLocation | null => x === null || isLocation(x))
				? { kind: 'error', runId: runId as string | null, message: data.message, location: data.location as SourceLocation | null | undefined }
				: null;
		default:
			return null;
	}
}

/** The request if `data` is one (the worker checks what it is asked, too). */
export function parseSandboxRequest(data: unknown): SandboxRequest | null {
	if (!isObj(data) || (data.kind !== 'run' && data.kind !== 'check')) return null;
	if (!isStr(data.runId, 100) || !isStr(data.labId, 200) || !isStr(data.source, 2_000_000) || !isNum(data.seed) || !isDevice(data.device)) return null;
	return { kind: data.kind, runId: data.runId, labId: data.labId, source: data.source, seed: data.seed, device: data.device };
}

export { DEVICES };
