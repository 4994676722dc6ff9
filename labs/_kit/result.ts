/** The grading result: one JSON shape everywhere (browser, grader CLI, gradebook). See DESIGN.md §3. */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'timeout';

export interface TensorReport {
	name: string;
	shape: number[];
	maxAbsError: number;
	maxRelError: number;
	worst: { index: number[]; got: number; expected: number } | null;
	/** Largest relative error per cell of a coarse grid over the last two dims (at most 16 × 16), for a heat map. */
	errorMap?: number[][];
	/** The tolerance the check used, shown to the learner. */
	tolerance: { rtol: number; atol: number };
}

export interface CheckResult {
	id: string;
	title: string;
	status: CheckStatus;
	points: number;
	maxPoints: number;
	message: string;
	hidden?: boolean;
	mistake?: { id: string; message: string };
	tensor?: TensorReport;
}

export interface GradingResult {
	labId: string;
	engineVersion: string;
	backend: 'webgpu' | 'cpu';
	seed: number;
	score: number;
	maxScore: number;
	durationMs: number;
	checks: CheckResult[];
}
