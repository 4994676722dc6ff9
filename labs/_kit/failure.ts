import type { CheckResult, TensorReport } from './result';

/** Thrown by a check's expectations: the learner's answer is wrong, and this says how. */
export class CheckFailure extends Error {
	constructor(
		message: string,
		readonly details: { tensor?: TensorReport; mistake?: CheckResult['mistake'] } = {},
	) {
		super(message);
		this.name = 'CheckFailure';
	}
}

/** A readable message for anything the learner's code may throw, Error or not. */
export function describeThrown(thrown: unknown): string {
	if (thrown instanceof Error) return `${thrown.name === 'Error' ? '' : `${thrown.name}: `}${thrown.message}`;
	try {
		return `a non-Error value was thrown: ${typeof thrown === 'string' ? JSON.stringify(thrown) : String(JSON.stringify(thrown) ?? thrown)}`;
	} catch {
		return 'a non-Error value was thrown (it could not be printed)';
	}
}
