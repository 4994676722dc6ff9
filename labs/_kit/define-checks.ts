import type * as Engine from 'chainrule';
import type { RandomSource } from 'chainrule';
import { expectClose, expectTensor, type TensorExpectation } from './expect-tensor';

/** What a check receives: the learner's module, the reference, the engine, and a seeded random source. */
export interface CheckContext<M> {
	/** The learner's module (their starter.ts as edited). */
	mod: M;
	/** The reference solution. */
	ref: M;
	engine: typeof Engine;
	/** Seeded per learner × lab × attempt; draw every input from it. */
	rng: RandomSource;
	seed: number;
	/** Where the learner's functions run: on 'webgpu' they get float32 GPU tensors (see learner-device.ts). */
	device: 'cpu' | 'webgpu';
	expectTensor: (name: string, got: unknown, expected: Engine.Tensor, options?: TensorExpectation) => Promise<void>;
	expectClose: typeof expectClose;
}

export interface CheckOptions {
	points: number;
	title: string;
}

export interface CheckDefinition<M> extends CheckOptions {
	id: string;
	hidden: boolean;
	run: (ctx: CheckContext<M>) => void | Promise<void>;
}

export interface LabChecks<M> {
	checks: CheckDefinition<M>[];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Declares a lab's graded checks. Ids are stable kebab-case (grades are stored under them); `hidden` checks
 * count but show only their title until the lab is passed.
 *
 * ```ts
 * export default defineChecks<typeof import('./solution')>(({ check }) => {
 *   check('relu-values', { points: 1, title: 'relu zeroes negatives' }, async ({ mod, ref, engine, rng, expectTensor }) => { ... });
 * });
 * ```
 */
export function defineChecks<M>(
	build: (api: {
		check: (id: string, options: CheckOptions, run: CheckDefinition<M>['run']) => void;
		hidden: (id: string, options: CheckOptions, run: CheckDefinition<M>['run']) => void;
	}) => void,
): LabChecks<M> {
	const checks: CheckDefinition<M>[] = [];
	const add = (hidden: boolean) => (id: string, options: CheckOptions, run: CheckDefinition<M>['run']) => {
		if (!ID.test(id)) throw new Error(`defineChecks: check id '${id}' must be kebab-case (e.g. 'dense-values')`);
		if (checks.some((c) => c.id === id)) throw new Error(`defineChecks: check id '${id}' is used twice`);
		if (!(options.points > 0)) throw new Error(`defineChecks: check '${id}' needs points > 0`);
		checks.push({ id, hidden, run, ...options });
	};
	build({ check: add(false), hidden: add(true) });
	return { checks };
}

export { expectTensor, expectClose };
