import { compareArrays, isTensor, type Tensor } from 'chainrule';
import { CheckFailure } from './failure';
import type { TensorReport } from './result';

/** A typical wrong answer: if the learner's value matches `value`, the message says what went wrong. */
export interface Mistake {
	id: string;
	message: string;
	value: Tensor | (() => Tensor);
}

export interface TensorExpectation {
	rtol?: number;
	atol?: number;
	/** What to try when the values are wrong and no named mistake matches. */
	hint?: string;
	/** A chapter section to read, e.g. 'backpropagation#the-batched-form'. */
	see?: string;
	mistakes?: Mistake[];
}

const fmtShape = (s: readonly number[]) => `[${s.join(', ')}]`;
const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));

/** Largest relative error per cell of a grid (≤ 16 × 16) over the tensor viewed as rows × last dim. */
export function errorMap(got: ArrayLike<number>, expected: ArrayLike<number>, shape: readonly number[]): number[][] {
	const cols = shape.length ? shape[shape.length - 1] : 1;
	const rows = Math.max(1, expected.length / Math.max(cols, 1));
	const gr = Math.min(16, rows);
	const gc = Math.min(16, cols);
	const grid = Array.from({ length: gr }, () => new Array<number>(gc).fill(0));
	for (let i = 0; i < expected.length; i++) {
		const r = Math.floor((Math.floor(i / cols) * gr) / rows);
		const c = Math.floor(((i % cols) * gc) / cols);
		const g = got[i];
		const e = expected[i];
		const rel = Number.isNaN(g) ? 1 : Math.min(1, Math.abs(g - e) / Math.max(Math.abs(g) + Math.abs(e), 1e-30));
		if (rel > grid[r][c]) grid[r][c] = rel;
	}
	return grid;
}

async function valuesOf(t: Tensor): Promise<Float64Array> {
	return Float64Array.from(await t.data());
}

/**
 * Compares a learner's tensor with the reference. On a mismatch it throws a CheckFailure that names the worst
 * element, the tolerance, and, when the answer equals a known wrong variant, that mistake.
 */
export async function expectTensor(name: string, got: unknown, expected: Tensor, options: TensorExpectation = {}): Promise<void> {
	const tolerance = { rtol: options.rtol ?? 1e-6, atol: options.atol ?? 1e-8 };
	if (!isTensor(got)) {
		const what = got === undefined ? 'undefined (did you forget to return it?)' : Array.isArray(got) ? 'a plain array (wrap it with tensor(...))' : typeof got;
		throw new CheckFailure(`${name}: expected a Tensor of shape ${fmtShape(expected.shape)}, got ${what}`);
	}
	const gotValues = await valuesOf(got);
	const expValues = await valuesOf(expected);
	const sameShape = fmtShape(got.shape) === fmtShape(expected.shape);
	if (sameShape) {
		const cmp = compareArrays(gotValues, expValues, expected.shape, tolerance);
		if (cmp.ok) return;
		const report: TensorReport = {
			name,
			shape: [...expected.shape],
			maxAbsError: cmp.maxAbsError,
			maxRelError: cmp.maxRelError,
			worst: cmp.worst,
			errorMap: errorMap(gotValues, expValues, expected.shape),
			tolerance,
		};
		const mistake = await findMistake(got, gotValues, options.mistakes ?? [], tolerance);
		const where = cmp.worst ? ` At ${name}[${cmp.worst.index.join(', ')}] you have ${fmt(cmp.worst.got)}, the reference is ${fmt(cmp.worst.expected)}` : '';
		const count = `${cmp.mismatched} of ${expValues.length} values are outside the tolerance (rtol ${tolerance.rtol}, atol ${tolerance.atol}).`;
		const nan = gotValues.some(Number.isNaN) && !expValues.some(Number.isNaN) ? ' Your result contains NaN.' : '';
		const hint = mistake ? ` ${mistake.message}` : options.hint ? ` Hint: ${options.hint}` : '';
		const see = options.see ? ` See ${options.see}.` : '';
		throw new CheckFailure(`${name} is wrong: ${count}${where}.${nan}${hint}${see}`, { tensor: report, mistake: mistake ?? undefined });
	}
	const mistake = await findMistake(got, gotValues, options.mistakes ?? [], tolerance);
	const transposed = got.ndim === 2 && expected.ndim === 2 && got.shape[0] === expected.shape[1] && got.shape[1] === expected.shape[0];
	const hint = mistake
		? ` ${mistake.message}`
		: transposed
			? ' It has the transposed shape: check the order of the matrix product (or transpose the result).'
			: options.hint
				? ` Hint: ${options.hint}`
				: '';
	throw new CheckFailure(`${name} has shape ${fmtShape(got.shape)}, but it should be ${fmtShape(expected.shape)}.${hint}`, {
		mistake: mistake ?? undefined,
	});
}

async function findMistake(
	got: Tensor,
	gotValues: Float64Array,
	mistakes: Mistake[],
	tolerance: { rtol: number; atol: number },
): Promise<{ id: string; message: string } | null> {
	for (const m of mistakes) {
		let variant: Tensor;
		try {
			variant = typeof m.value === 'function' ? m.value() : m.value;
		} catch {
			continue;
		}
		if (fmtShape(variant.shape) !== fmtShape(got.shape)) continue;
		const values = await valuesOf(variant);
		const variantHasNaN = values.some((v) => !Number.isFinite(v));
		// a variant that overflows (e.g. softmax without max subtraction) is matched by its non-finite values
		const cmp = compareArrays(gotValues, values, got.shape, { rtol: Math.max(tolerance.rtol, 1e-4), atol: Math.max(tolerance.atol, 1e-6) });
		if (cmp.ok || (variantHasNaN && gotValues.some((v) => !Number.isFinite(v)))) return { id: m.id, message: m.message };
	}
	return null;
}

/** Compares plain numbers with the same tolerance rule. */
export function expectClose(name: string, got: unknown, expected: number, options: { rtol?: number; atol?: number; hint?: string } = {}): void {
	const rtol = options.rtol ?? 1e-6;
	const atol = options.atol ?? 1e-8;
	if (typeof got !== 'number') throw new CheckFailure(`${name}: expected a number, got ${got === undefined ? 'undefined' : typeof got}`);
	if (!(Math.abs(got - expected) <= atol + rtol * Math.abs(expected))) {
		throw new CheckFailure(`${name} is ${fmt(got)}, but it should be ${fmt(expected)} (rtol ${rtol}).${options.hint ? ` Hint: ${options.hint}` : ''}`);
	}
}
