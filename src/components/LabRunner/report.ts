/**
 * The check report as the learner reads it: pure functions from a GradingResult (DESIGN.md §3) to text and
 * small view objects; output.ts puts them into the page.
 */
import type { CheckResult, CheckStatus, GradingResult } from '../../../labs/_kit/result';

/**
 * A number as the learner should see it. NaN and ±Infinity are named (a result read back from a JSON backup
 * has them as null, which cannot say which it was).
 */
export function formatNumber(value: number | null | undefined): string {
	if (value === null || value === undefined) return 'NaN or ±Infinity';
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return 'Infinity';
	if (value === -Infinity) return '−Infinity';
	if (value === 0) return '0';
	const abs = Math.abs(value);
	if (abs >= 1e6 || abs < 1e-4) return value.toExponential(4).replace('-', '−');
	return Number(value.toPrecision(6)).toString().replace('-', '−');
}

export const STATUS_LABELS: Record<CheckStatus, string> = {
	pass: 'Passed',
	fail: 'Wrong answer',
	error: 'Error',
	timeout: 'Timed out',
};

export function formatPoints(points: number, maxPoints: number): string {
	return `${points} / ${maxPoints} ${maxPoints === 1 ? 'point' : 'points'}`;
}

/** "9 / 12 points · 5 of 7 checks passed". */
export function summarize(result: Pick<GradingResult, 'score' | 'maxScore' | 'checks'>): string {
	const passed = result.checks.filter((c) => c.status === 'pass').length;
	return `${formatPoints(result.score, result.maxScore)} · ${passed} of ${result.checks.length} ${result.checks.length === 1 ? 'check' : 'checks'} passed`;
}

export interface HeatCell {
	row: number;
	col: number;
	value: number;
	/** 0 (no error) .. 1 (relative error 1 or NaN), on a log scale from 1e-8. */
	intensity: number;
}

export interface HeatMapView {
	rows: number;
	cols: number;
	cells: HeatCell[];
	/** The text alternative for screen readers (and a caption for everyone). */
	description: string;
}

/** Relative errors span many decades; map 1e-8..1 onto 0..1 so small and large errors both show. */
export function heatIntensity(relError: number | null): number {
	if (relError === null || Number.isNaN(relError)) return 1;
	if (relError <= 1e-8) return 0;
	return Math.min(1, (Math.log10(relError) + 8) / 8);
}

export function heatMapView(map: (number | null)[][], rtol: number): HeatMapView | null {
	if (!Array.isArray(map) || map.length === 0 || !Array.isArray(map[0]) || map[0].length === 0) return null;
	const rows = map.length;
	const cols = Math.max(...map.map((r) => r.length));
	const cells: HeatCell[] = [];
	let worst = { row: 0, col: 0, value: -1 };
	let over = 0;
	map.forEach((r, row) =>
		r.forEach((v, col) => {
			const value = v === null ? NaN : v;
			cells.push({ row, col, value, intensity: heatIntensity(v) });
			const comparable = Number.isNaN(value) ? Infinity : value;
			if (comparable > worst.value) worst = { row, col, value: comparable };
			if (!(comparable <= rtol)) over++;
		}),
	);
	const worstText = worst.value === Infinity ? 'NaN' : formatNumber(worst.value);
	const description =
		`Relative error map, ${rows} × ${cols} cells (each cell is the largest error in its block of the tensor). ` +
		`${over} of ${cells.length} cells are above the tolerance ${formatNumber(rtol)}; ` +
		`the worst is row ${worst.row + 1}, column ${worst.col + 1} with ${worstText}.`;
	return { rows, cols, cells, description };
}

export interface CheckView {
	id: string;
	title: string;
	status: CheckStatus;
	statusLabel: string;
	points: string;
	/** False for a hidden check before the lab is passed: only its title and status show. */
	detailed: boolean;
	message: string | null;
	mistake: { id: string; message: string } | null;
	tolerance: string | null;
	worst: string | null;
	heatMap: HeatMapView | null;
}

/** One check, ready to show. Hidden checks keep their details until the whole lab has been passed. */
export function checkView(check: CheckResult, options: { labPassed: boolean }): CheckView {
	const detailed = !check.hidden || options.labPassed || check.status === 'pass';
	const tensor = detailed ? check.tensor : undefined;
	const worst = tensor?.worst
		? `Worst element ${tensor.name}[${tensor.worst.index.join(', ')}]: got ${formatNumber(tensor.worst.got)}, expected ${formatNumber(tensor.worst.expected)} ` +
			`(largest absolute error ${formatNumber(tensor.maxAbsError)}, largest relative error ${formatNumber(tensor.maxRelError)}).`
		: null;
	return {
		id: check.id,
		title: check.title,
		status: check.status,
		statusLabel: STATUS_LABELS[check.status] ?? check.status,
		points: formatPoints(check.points, check.maxPoints),
		detailed,
		message: detailed ? (check.status === 'pass' ? null : check.message) : null,
		mistake: detailed && check.mistake ? check.mistake : null,
		tolerance: tensor ? `Tolerance: relative ${formatNumber(tensor.tolerance.rtol)}, absolute ${formatNumber(tensor.tolerance.atol)}` : null,
		worst,
		heatMap: tensor?.errorMap ? heatMapView(tensor.errorMap, tensor.tolerance.rtol) : null,
	};
}

/** "check 3 of 7" while grading. */
export function progressText(done: number, total: number | null): string {
	if (total === null) return 'Starting the checks…';
	return done >= total ? `All ${total} checks done` : `Running check ${done + 1} of ${total}…`;
}

/**
 * The result of a check run that did not finish (time limit, crash): the checks that reported keep their
 * result; the one running and those after it get `status` with `message`.
 */
export function unfinishedResult(args: {
	labId: string;
	engineVersion: string;
	seed: number;
	durationMs: number;
	outline: { id: string; title: string; maxPoints: number; hidden: boolean }[];
	done: CheckResult[];
	status: Extract<CheckStatus, 'timeout' | 'error'>;
	message: string;
}): GradingResult {
	const checks = args.outline.map((c, i): CheckResult => {
		const reported = args.done.find((d) => d.id === c.id);
		if (reported) return reported;
		const first = i === args.done.length;
		return {
			id: c.id,
			title: c.title,
			status: args.status,
			points: 0,
			maxPoints: c.maxPoints,
			message: first ? args.message : 'Not run: an earlier check did not finish.',
			...(c.hidden ? { hidden: true } : {}),
		};
	});
	return {
		labId: args.labId,
		engineVersion: args.engineVersion,
		backend: 'cpu',
		seed: args.seed,
		score: checks.reduce((s, c) => s + c.points, 0),
		maxScore: args.outline.reduce((s, c) => s + c.maxPoints, 0),
		durationMs: Math.round(args.durationMs),
		checks,
	};
}

const OUT_OF_MEMORY = /array buffer allocation failed|invalid (typed )?array length|out of memory|allocation size overflow/i;

/** Adds what to do to an error that means learner code ran out of memory (a RangeError the engine can catch). */
export function explainMemoryError(message: string): string {
	if (!OUT_OF_MEMORY.test(message) || message.includes('ran out of memory')) return message;
	return `${message}\nYour code ran out of memory: a tensor or array far too large, or one that grows in an endless loop. Check the shapes you create (print t.shape) and that loops end.`;
}
