/**
 * Data for the feature-scaling figure (chapter "data-preparation"): full-batch gradient descent on
 * a linear regression with badly scaled features (floor area in m², distance in km), on the raw
 * features, on features divided by their standard deviation, and on standardized features.
 *
 * Many learning rates are trained at once as the columns of one weight matrix `W: [3, K]`: the K
 * models are independent (each column's loss depends only on its own column), so one `backward()`
 * of the summed losses gives every model its own gradient. The Hessian of the engine's `F.mseLoss`
 * (mean squared error, no ½) is `(2/N) AᵀA` with `A = [X, 1]`; its eigenvalues set the learning rates.
 */
import { F, RandomSource, cat, data, noGrad, ones, rand, randn, tensor, zeros, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const SCALING_IDS = ['raw', 'scaled', 'standardized'] as const;
export type ScalingId = (typeof SCALING_IDS)[number];

export const SCALINGS: Record<ScalingId, { label: string }> = {
	raw: { label: 'raw features' },
	scaled: { label: 'divided by std (not centered)' },
	standardized: { label: 'standardized' },
};

export const SCALING_SETUP = { nSamples: 200, steps: 200, seed: 3, noise: 20 } as const;

/** Learning rates of the sweep: 6 per decade from 10⁻⁶ to 10^0.33 ≈ 2.15. */
export const SWEEP_LRS: readonly number[] = Array.from({ length: 41 }, (_, i) => 10 ** (-6 + i / 6));

/**
 * 200 synthetic houses (float64): area uniform in [50, 200] m², distance uniform in [1, 30] km,
 * price = 2·area − 5·distance + 100 + noise (σ = 20), in thousands.
 */
export function houses(): { X: Tensor; y: Tensor } {
	const { nSamples: n, seed, noise } = SCALING_SETUP;
	const g = new RandomSource(seed);
	const opts = { generator: g, dtype: 'float64' as const };
	const area = rand([n, 1], opts).mul(150).add(50);
	const distance = rand([n, 1], opts).mul(29).add(1);
	const y = area.mul(2).sub(distance.mul(5)).add(100).add(randn([n, 1], opts).mul(noise));
	return { X: cat([area, distance], 1), y };
}

/** The features as each version of the figure sees them. */
export function featurize(X: Tensor, scaling: ScalingId): Tensor {
	if (scaling === 'raw') return X;
	if (scaling === 'scaled') return X.div(X.std(0, { correction: 0, keepdim: true }));
	if (scaling === 'standardized') return data.standardize(X).X;
	throw new RangeError(`featurize: unknown scaling ${JSON.stringify(scaling)}; use one of ${SCALING_IDS.join(', ')}`);
}

/** Eigenvalues of a symmetric matrix (row-major, n×n) by cyclic Jacobi rotations, largest first. */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): number[] {
	const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i * n + j]));
	for (let sweep = 0; sweep < 100; sweep++) {
		let off = 0;
		for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
		if (off < 1e-30) break;
		for (let p = 0; p < n; p++) {
			for (let q = p + 1; q < n; q++) {
				if (a[p][q] === 0) continue;
				const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < n; k++) {
					const akp = a[k][p];
					const akq = a[k][q];
					a[k][p] = c * akp - s * akq;
					a[k][q] = s * akp + c * akq;
				}
				for (let k = 0; k < n; k++) {
					const apk = a[p][k];
					const aqk = a[q][k];
					a[p][k] = c * apk - s * aqk;
					a[q][k] = s * apk + c * aqk;
				}
			}
		}
	}
	return a.map((row, i) => row[i]).sort((u, v) => v - u);
}

/** `[X, 1]`: the features with a constant column, so the bias is the last weight. */
function withOnes(X: Tensor): Tensor {
	return cat([X, ones([X.shape[0], 1], { dtype: X.dtype })], 1);
}

export interface Curvature {
	lambdaMax: number;
	lambdaMin: number;
	kappa: number;
	/** Largest stable constant learning rate, 2 / λmax. */
	maxStableLr: number;
	/** Best constant learning rate for a quadratic, 2 / (λmax + λmin). */
	bestLr: number;
}

/** Eigenvalues of the MSE Hessian (2/N) AᵀA, computed with the engine's matmul. */
export function curvature(X: Tensor): Curvature {
	const A = withOnes(X);
	const H = A.t().matmul(A).mul(2 / X.shape[0]);
	const eig = symmetricEigenvalues(H.dataSync(), A.shape[1]);
	const lambdaMax = eig[0];
	const lambdaMin = eig[eig.length - 1];
	return { lambdaMax, lambdaMin, kappa: lambdaMax / lambdaMin, maxStableLr: 2 / lambdaMax, bestLr: 2 / (lambdaMax + lambdaMin) };
}

/** The least-squares minimum of the MSE (normal equations AᵀA w = Aᵀy, solved by elimination). */
export function minimumLoss(X: Tensor, y: Tensor): number {
	const A = withOnes(X);
	const n = A.shape[1];
	const AtA = A.t().matmul(A).dataSync();
	const Aty = A.t().matmul(y).dataSync();
	const m = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => AtA[i * n + j]), Aty[i]]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
		[m[col], m[pivot]] = [m[pivot], m[col]];
		for (let r = 0; r < n; r++) {
			if (r === col) continue;
			const f = m[r][col] / m[col][col];
			for (let k = col; k <= n; k++) m[r][k] -= f * m[col][k];
		}
	}
	return mseOf(X, y, m.map((row, i) => row[n] / row[i]));
}

/**
 * Full-batch gradient descent from zero weights for each learning rate in `lrs` at once, yielding
 * after every `chunk` steps (so a page can stay responsive). Returns `losses[k][t]`: the MSE of
 * model k before step t (t = 0..steps); Infinity once it overflows.
 */
export function* gradientDescent(
	X: Tensor,
	y: Tensor,
	lrs: readonly number[],
	{ steps = SCALING_SETUP.steps, chunk = Number.POSITIVE_INFINITY }: { steps?: number; chunk?: number } = {},
): Generator<number, number[][]> {
	const A = withOnes(X); // [N, 3]
	const W = zeros([A.shape[1], lrs.length], { dtype: X.dtype, requiresGrad: true }); // one model per column
	const lrRow = tensor([lrs as number[]], { dtype: X.dtype }); // [1, K]: each column's learning rate
	const losses = lrs.map(() => [] as number[]);
	for (let t = 0; t <= steps; t++) {
		const perModel = A.matmul(W).sub(y).square().mean(0); // [K]: F.mseLoss of each column
		const values = perModel.dataSync();
		losses.forEach((l, k) => l.push(Number.isFinite(values[k]) ? values[k] : Number.POSITIVE_INFINITY));
		if (t === steps) break;
		W.grad = null;
		perModel.sum().backward(); // column k's gradient depends only on column k's loss
		noGrad(() => W.sub_(W.grad!.mul(lrRow)));
		if ((t + 1) % chunk === 0) yield t + 1;
	}
	return losses;
}

/** Runs a generator to the end and returns its result. */
export function finish<T>(run: Generator<unknown, T>): T {
	let step = run.next();
	while (!step.done) step = run.next();
	return step.value;
}

export interface ScalingRun {
	scaling: ScalingId;
	curvature: Curvature;
	minimum: number;
	/** Loss after `steps` steps for each of SWEEP_LRS (Infinity: diverged). */
	sweep: number[];
	/** The sweep's learning rate whose loss curve is lowest overall (the fastest to converge). */
	tunedLr: number;
	/** Loss per step at tunedLr. */
	curve: number[];
}

/**
 * Everything the figure draws, for the three versions of the features; yields between chunks of
 * steps. `finish(scalingRuns())` runs it all at once (build time, tests).
 */
export function* scalingRuns({ chunk = 50 }: { chunk?: number } = {}): Generator<ScalingProgress, ScalingRun[]> {
	const { X, y } = houses();
	const runs: ScalingRun[] = [];
	for (const scaling of SCALING_IDS) {
		const Xs = featurize(X, scaling);
		const losses: number[][] = yield* progress(gradientDescent(Xs, y, SWEEP_LRS, { chunk }), scaling, runs);
		const sweep = losses.map((l) => l[l.length - 1]);
		// tuned: the rate whose whole curve is lowest (fastest to converge), among those that did not diverge
		const area = losses.map((l) => l.reduce((sum, v) => sum + v, 0));
		const best = area.reduce((b, v, i) => (v < area[b] ? i : b), 0);
		runs.push({ scaling, curvature: curvature(Xs), minimum: minimumLoss(Xs, y), sweep, tunedLr: SWEEP_LRS[best], curve: losses[best] });
	}
	return runs;
}

export interface ScalingProgress {
	/** The version being trained. */
	training: ScalingId;
	/** Steps done on it so far. */
	step: number;
	/** The versions finished so far. */
	done: readonly ScalingRun[];
}

function* progress<T>(run: Generator<number, T>, training: ScalingId, done: readonly ScalingRun[]): Generator<ScalingProgress, T> {
	let step = run.next();
	while (!step.done) {
		yield { training, step: step.value, done };
		step = run.next();
	}
	return step.value;
}

/** F.mseLoss of the linear model with weights `w` (the last one the bias). */
export function mseOf(X: Tensor, y: Tensor, w: readonly number[]): number {
	const W = tensor(w.map((v) => [v]), { dtype: X.dtype }); // [3, 1]
	return F.mseLoss(withOnes(X).matmul(W), y).dataSync()[0];
}

/** Learning rates (of the sweep) that end within 1% of the minimum after all steps. */
export function convergedRange(run: ScalingRun): [number, number] | null {
	const ok = SWEEP_LRS.filter((_, i) => run.sweep[i] <= run.minimum * 1.01);
	return ok.length ? [ok[0], ok[ok.length - 1]] : null;
}

const superscript = (k: number) => [...String(k)].map((ch) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(ch)]).join('');

/**
 * A positive number as `5.49×10⁻⁵`, or plainly between 0.01 and 10 000.
 *
 * ```ts
 * formatScientific(0.0000549); // '5.49×10⁻⁵'
 * ```
 */
export function formatScientific(v: number): string {
	if (!Number.isFinite(v)) return 'diverged';
	if (v >= 0.01 && v < 1e4) return formatNumber(v, 3);
	let e = Math.floor(Math.log10(v));
	let m = Number((v / 10 ** e).toFixed(2));
	if (m >= 10) {
		m /= 10;
		e += 1;
	}
	return `${formatNumber(m, 2)}×10${superscript(e)}`;
}

/** The text alternative: curvature, learning rates and losses for each version of the features. */
export function scalingTable(runs: readonly ScalingRun[], at: readonly number[] = [1, 10, 200]): FigureTable {
	const columns = [
		'Features',
		'λmax',
		'λmin',
		'κ',
		'Largest stable lr 2/λmax',
		'Tuned lr',
		...at.map((t) => `Loss after ${t} step${t === 1 ? '' : 's'}`),
		'Minimum loss',
		'lr reaching the minimum in 200 steps',
	];
	const rows = runs.map((run) => {
		const range = convergedRange(run);
		return [
			SCALINGS[run.scaling].label,
			formatScientific(run.curvature.lambdaMax),
			formatScientific(run.curvature.lambdaMin),
			formatScientific(run.curvature.kappa),
			formatScientific(run.curvature.maxStableLr),
			formatScientific(run.tunedLr),
			...at.map((t) => formatNumber(run.curve[t], 1)),
			formatNumber(run.minimum, 1),
			range ? `${formatScientific(range[0])} to ${formatScientific(range[1])}` : 'none',
		];
	});
	return { columns, rows };
}
