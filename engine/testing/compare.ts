import { formatShape, stridesOf } from '../shape';
import type { Tensor } from '../tensor';

export interface Tolerance {
	/** Relative tolerance (default 1e-5). */
	rtol?: number;
	/** Absolute tolerance (default 1e-8). */
	atol?: number;
}

export interface Comparison {
	ok: boolean;
	shapeMismatch?: { got: number[]; expected: number[] };
	maxAbsError: number;
	/** max over elements of |got - expected| / max(|got| + |expected|, tiny). */
	maxRelError: number;
	/** The element that misses the tolerance by most (or the largest error when all pass). */
	worst: { index: number[]; got: number; expected: number } | null;
	mismatched: number;
}

const TINY = 1e-30;

/** Element-wise comparison as `allclose` does (`|got - expected| <= atol + rtol * |expected|`), with the worst element. */
export function compareArrays(
	got: ArrayLike<number>,
	expected: ArrayLike<number>,
	shape: readonly number[],
	{ rtol = 1e-5, atol = 1e-8 }: Tolerance = {},
): Comparison {
	let maxAbsError = 0;
	let maxRelError = 0;
	let worstExcess = -Infinity;
	let worstAt = -1;
	let mismatched = 0;
	for (let i = 0; i < expected.length; i++) {
		const g = got[i];
		const e = expected[i];
		const bothNaN = Number.isNaN(g) && Number.isNaN(e);
		const sameInf = g === e; // covers equal infinities
		const abs = bothNaN || sameInf ? 0 : Math.abs(g - e);
		const rel = bothNaN || sameInf ? 0 : abs / Math.max(Math.abs(g) + Math.abs(e), TINY);
		// an infinity matches only the same infinity (rtol * |inf| would otherwise accept anything)
		const infMismatch = !bothNaN && !sameInf && (Math.abs(g) === Infinity || Math.abs(e) === Infinity);
		const bad = infMismatch || Number.isNaN(abs) || abs > atol + rtol * Math.abs(e);
		if (bad) mismatched++;
		const excess = infMismatch || Number.isNaN(abs) ? Infinity : abs - (atol + rtol * Math.abs(e));
		if (excess > worstExcess) {
			worstExcess = excess;
			worstAt = i;
		}
		if (!(abs <= maxAbsError)) maxAbsError = abs;
		if (!(rel <= maxRelError)) maxRelError = rel;
	}
	const strides = stridesOf(shape);
	const worst =
		worstAt < 0
			? null
			: { index: strides.map((s, d) => Math.floor(worstAt / s) % shape[d]), got: got[worstAt], expected: expected[worstAt] };
	return { ok: mismatched === 0, maxAbsError, maxRelError, worst, mismatched };
}

/** Compares two tensors (reading them back from any device). */
export async function compareTensors(got: Tensor, expected: Tensor, tol: Tolerance = {}): Promise<Comparison> {
	if (formatShape(got.shape) !== formatShape(expected.shape)) {
		return {
			ok: false,
			shapeMismatch: { got: [...got.shape], expected: [...expected.shape] },
			maxAbsError: Infinity,
			maxRelError: Infinity,
			worst: null,
			mismatched: expected.numel(),
		};
	}
	return compareArrays(await got.data(), await expected.data(), expected.shape, tol);
}

/** True when the tensors have the same shape and agree element-wise within the tolerances (as `torch.allclose`). */
export async function allclose(a: Tensor, b: Tensor, tol: Tolerance = {}): Promise<boolean> {
	return (await compareTensors(a, b, tol)).ok;
}
