import { noGrad } from '../autograd';
import type { TypedArray } from '../dtype';
import { RandomSource } from '../random';
import { formatShape, stridesOf } from '../shape';
import { Tensor } from '../tensor';
import { tensor } from '../creation';

export interface GradcheckOptions {
	/** Finite-difference step (default 1e-6). */
	eps?: number;
	/** Relative tolerance on each gradient element (default 1e-6). */
	rtol?: number;
	/** Absolute tolerance (default 1e-9). */
	atol?: number;
	/** Seed of the random projection of a non-scalar output (default 0). */
	seed?: number;
}

export interface GradcheckResult {
	ok: boolean;
	/** Largest |analytic - numeric| / max(|analytic| + |numeric|, tiny) over every input element. */
	maxRelError: number;
	maxAbsError: number;
	/** Where the worst disagreement is, when there is one. */
	worst: { input: number; index: number[]; analytic: number; numeric: number } | null;
	message: string;
}

/**
 * Checks `backward` against central differences in float64: for a random projection `s = sum(w * fn(...inputs))`
 * it compares `ds/dx` from autograd with `(s(x + eps) - s(x - eps)) / (2 eps)` for every element of every input
 * that requires grad.
 *
 * ```ts
 * const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
 * gradcheck((x) => x.tanh().sum(1), [x]).ok; // true
 * ```
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
	const { eps = 1e-6, rtol = 1e-6, atol = 1e-9, seed = 0 } = options;
	inputs.forEach((x, i) => {
		if (x.dtype !== 'float64' || x.device !== 'cpu') {
			throw new TypeError(`gradcheck: input ${i} is ${x.dtype} on ${x.device}; use float64 CPU tensors (x.to('float64'))`);
		}
	});
	const probe = noGrad(() => fn(...inputs));
	const g = new RandomSource(seed);
	const weights = tensor(Array.from({ length: probe.numel() }, () => g.normal()), { dtype: 'float64', shape: probe.shape });
	const project = (): number => {
		const y = noGrad(() => fn(...inputs));
		const w = weights.dataSync();
		const v = y.dataSync();
		let s = 0;
		for (let i = 0; i < v.length; i++) s += w[i] * v[i];
		return s;
	};
	for (const x of inputs) x.grad = null;
	const out = fn(...inputs);
	if (!out.requiresGrad) throw new Error('gradcheck: the output does not require grad; does fn use its inputs?');
	out.backward(weights.reshape(out.shape));

	let maxRel = 0;
	let maxAbs = 0;
	let worst: GradcheckResult['worst'] = null;
	let worstExcess = -Infinity;
	let ok = true;
	inputs.forEach((x, k) => {
		if (!x.requiresGrad) return;
		const analytic = x.grad ? x.grad.dataSync() : new Float64Array(x.numel());
		const raw = x.storage.backend.readSync!(x.storage) as TypedArray; // perturbed in place, restored below
		const strides = stridesOf(x.shape);
		for (let i = 0; i < raw.length; i++) {
			const saved = raw[i];
			raw[i] = saved + eps;
			const plus = project();
			raw[i] = saved - eps;
			const minus = project();
			raw[i] = saved;
			const numeric = (plus - minus) / (2 * eps);
			const a = analytic[i];
			const abs = Math.abs(a - numeric);
			const rel = abs / Math.max(Math.abs(a) + Math.abs(numeric), 1e-30);
			const excess = abs - (atol + rtol * Math.abs(numeric));
			if (Number.isNaN(abs) || excess > 0) ok = false;
			if (excess > worstExcess || Number.isNaN(abs)) {
				worstExcess = Number.isNaN(abs) ? Infinity : excess;
				worst = { input: k, index: strides.map((s, d) => Math.floor(i / s) % x.shape[d]), analytic: a, numeric };
			}
			maxAbs = Math.max(maxAbs, abs);
			maxRel = Math.max(maxRel, rel);
		}
	});
	const w = worst as GradcheckResult['worst'];
	const message = ok
		? `gradcheck passed: max relative error ${maxRel.toExponential(2)}`
		: `gradcheck failed: input ${w?.input} ${formatShape(inputs[w?.input ?? 0].shape)} at [${w?.index.join(', ')}]: ` +
			`autograd gives ${w?.analytic}, finite differences give ${w?.numeric} (max relative error ${maxRel.toExponential(2)})`;
	return { ok, maxRelError: maxRel, maxAbsError: maxAbs, worst: w, message };
}
