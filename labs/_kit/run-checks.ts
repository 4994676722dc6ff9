import * as engine from 'chainrule';
import { RandomSource } from 'chainrule';
import type { LabChecks } from './define-checks';
import { expectClose, expectTensor } from './expect-tensor';
import { CheckFailure, describeThrown } from './failure';
import type { CheckResult, GradingResult } from './result';
import { ENGINE_VERSION } from './version';
import { hash32 } from './seed';
import { defaultTolerance, onLearnerDevice } from './learner-device';

export interface RunOptions<M> {
	labId: string;
	/** The learner's module, or the error that stopped it from loading (a syntax error, a throw at import). */
	mod: M | { loadError: unknown };
	ref: M;
	seed: number;
	backend?: 'webgpu' | 'cpu';
	/** Called after each check, for progress display. */
	onCheck?: (result: CheckResult, index: number, total: number) => void;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Runs every check of a lab against a learner module and returns the grading result (DESIGN.md §3). */
export async function runChecks<M>(lab: LabChecks<M>, options: RunOptions<M>): Promise<GradingResult> {
	const started = now();
	const device = options.backend ?? 'cpu';
	const tolerance = defaultTolerance(device);
	const expectOnDevice: typeof expectTensor = (name, got, expected, opts = {}) => expectTensor(name, got, expected, { ...tolerance, ...opts });
	const results: CheckResult[] = [];
	const total = lab.checks.length;
	for (const [index, check] of lab.checks.entries()) {
		const base = { id: check.id, title: check.title, maxPoints: check.points, ...(check.hidden ? { hidden: true } : {}) };
		let result: CheckResult;
		if (isLoadError(options.mod)) {
			result = { ...base, status: 'error', points: 0, message: `Your code did not load: ${describeThrown(options.mod.loadError)}` };
		} else {
			// each check gets its own stream, so adding a check never changes another's inputs
			const rng = new RandomSource(options.seed ^ hash32(check.id));
			try {
				const mod = onLearnerDevice(options.mod, device);
				await check.run({ mod, ref: options.ref, engine, rng, seed: options.seed, device, expectTensor: expectOnDevice, expectClose });
				result = { ...base, status: 'pass', points: check.points, message: 'Correct.' };
			} catch (thrown) {
				if (thrown instanceof CheckFailure) {
					result = { ...base, status: 'fail', points: 0, message: thrown.message, ...thrown.details };
				} else {
					result = { ...base, status: 'error', points: 0, message: `Your code threw an error: ${describeThrown(thrown)}` };
				}
			}
		}
		results.push(result);
		options.onCheck?.(result, index, total);
	}
	return {
		labId: options.labId,
		engineVersion: ENGINE_VERSION,
		backend: options.backend ?? 'cpu',
		seed: options.seed,
		score: results.reduce((s, r) => s + r.points, 0),
		maxScore: lab.checks.reduce((s, c) => s + c.points, 0),
		durationMs: Math.round(now() - started),
		checks: results,
	};
}

function isLoadError(mod: unknown): mod is { loadError: unknown } {
	return typeof mod === 'object' && mod !== null && 'loadError' in mod;
}
