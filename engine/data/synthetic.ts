/**
 * Small seeded data sets for the first labs: 2-D classification sets to draw decision boundaries on
 * (spirals, moons, circles, XOR) and a tiny sequence task for recurrent nets. Every generator takes a `seed`
 * (or uses the global generator that `manualSeed` seeds) and a `noise`: the standard deviation of Gaussian
 * noise added to each coordinate (or each sequence value) after the clean point and its label are drawn.
 */
import type { Device } from '../backends/backend';
import { tensor } from '../creation';
import type { DType } from '../dtype';
import type { RandomSource } from '../random';
import type { Tensor } from '../tensor';
import { generatorFor, type SeedOptions } from './read';

export interface SyntheticOptions extends SeedOptions {
	/** Number of points in all (default 100, as scikit-learn; spirals default to 300). */
	nSamples?: number;
	/** Standard deviation of Gaussian noise on each coordinate (default 0). */
	noise?: number;
	/** Shuffle the points (default true); without it the classes come one after the other. */
	shuffle?: boolean;
	/** Dtype of X (default float32); y is always int32. */
	dtype?: Extract<DType, 'float32' | 'float64'>;
	device?: Device;
}

/** A 2-D classification set: points `X: [nSamples, 2]`, labels `y: [nSamples]` (int32). */
export interface PointSet {
	X: Tensor;
	y: Tensor;
}

type Point = [x: number, y: number, label: number];

/** Adds noise, shuffles and packs clean points into tensors (shared by every 2-D set). */
function finish(points: Point[], options: SyntheticOptions, g: RandomSource, where: string): PointSet {
	const { noise = 0, shuffle = true, dtype = 'float32', device } = options;
	if (!(noise >= 0)) throw new RangeError(`${where}: noise is a standard deviation and must be >= 0, got ${noise}`);
	const n = points.length;
	const order = shuffle ? g.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
	const X = new Float64Array(n * 2);
	const y = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const [px, py, label] = points[order[i]];
		X[2 * i] = px + (noise > 0 ? noise * g.normal() : 0);
		X[2 * i + 1] = py + (noise > 0 ? noise * g.normal() : 0);
		y[i] = label;
	}
	return { X: tensor(X, { dtype, device, shape: [n, 2] }), y: tensor(y, { dtype: 'int32', device, shape: [n] }) };
}

function count(n: number | undefined, fallback: number, where: string, min = 1): number {
	const value = n ?? fallback;
	if (!Number.isInteger(value) || value < min) throw new RangeError(`${where}: nSamples must be an integer >= ${min}, got ${value}`);
	return value;
}

/** `count` evenly spaced values from `start` to `stop` (NumPy's linspace; `endpoint: false` leaves out `stop`). */
function linspace(start: number, stop: number, count: number, endpoint = true): number[] {
	const div = endpoint ? count - 1 : count;
	return Array.from({ length: count }, (_, i) => (div > 0 ? start + ((stop - start) * i) / div : start));
}

/**
 * `arms` interleaved spirals, one class each (label = arm). Arm j's point at radius r ∈ (0, 1] has angle
 * 2π (j / arms + turns · r), so every arm winds `turns` times around the origin.
 *
 * ```ts
 * const { X, y } = data.makeSpirals({ nSamples: 300, arms: 3, noise: 0.02, seed: 0 }); // X: [300, 2]
 * ```
 */
export function makeSpirals(options: SyntheticOptions & { arms?: number; turns?: number } = {}): PointSet {
	const { arms = 3, turns = 1 } = options;
	if (!Number.isInteger(arms) || arms < 2) throw new RangeError(`makeSpirals: arms must be an integer >= 2, got ${arms}`);
	const n = count(options.nSamples, 300, 'makeSpirals', arms);
	const g = generatorFor(options);
	const points: Point[] = [];
	for (let j = 0; j < arms; j++) {
		// the first n % arms arms get one point more
		const m = Math.floor(n / arms) + (j < n % arms ? 1 : 0);
		for (let i = 0; i < m; i++) {
			const r = (i + 1) / m;
			const angle = 2 * Math.PI * (j / arms + turns * r);
			points.push([r * Math.cos(angle), r * Math.sin(angle), j]);
		}
	}
	return finish(points, options, g, 'makeSpirals');
}

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: the upper one (label 0) centred at (0, 0),
 * the lower one (label 1) centred at (1, 0.5), both of radius 1; nSamples // 2 points on the upper one.
 *
 * ```ts
 * const { X, y } = data.makeMoons({ nSamples: 200, noise: 0.1, seed: 0 });
 * ```
 */
export function makeMoons(options: SyntheticOptions = {}): PointSet {
	const n = count(options.nSamples, 100, 'makeMoons', 2);
	const nOut = Math.floor(n / 2);
	const points: Point[] = [
		...linspace(0, Math.PI, nOut).map((t): Point => [Math.cos(t), Math.sin(t), 0]),
		...linspace(0, Math.PI, n - nOut).map((t): Point => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5, 1]),
	];
	return finish(points, options, generatorFor(options), 'makeMoons');
}

/**
 * A circle of radius 1 (label 0) around a smaller one of radius `factor` (label 1), as scikit-learn's
 * `make_circles`; nSamples // 2 points on the outer circle.
 *
 * ```ts
 * const { X, y } = data.makeCircles({ nSamples: 200, factor: 0.5, noise: 0.05, seed: 0 });
 * ```
 */
export function makeCircles(options: SyntheticOptions & { factor?: number } = {}): PointSet {
	const { factor = 0.8 } = options;
	if (!(factor >= 0 && factor < 1)) throw new RangeError(`makeCircles: factor is the inner radius over the outer one and must be in [0, 1), got ${factor}`);
	const n = count(options.nSamples, 100, 'makeCircles', 2);
	const nOut = Math.floor(n / 2);
	const points: Point[] = [
		...linspace(0, 2 * Math.PI, nOut, false).map((t): Point => [Math.cos(t), Math.sin(t), 0]),
		...linspace(0, 2 * Math.PI, n - nOut, false).map((t): Point => [factor * Math.cos(t), factor * Math.sin(t), 1]),
	];
	return finish(points, options, generatorFor(options), 'makeCircles');
}

/**
 * XOR: points on the corners of the unit square, (0, 0), (0, 1), (1, 0), (1, 1) in turn, labelled a XOR b;
 * with noise, clouds around the corners. `{ nSamples: 4, shuffle: false }` is the truth table itself.
 *
 * ```ts
 * const { X, y } = data.makeXor({ nSamples: 4, shuffle: false }); // X: [[0,0],[0,1],[1,0],[1,1]], y: [0,1,1,0]
 * ```
 */
export function makeXor(options: SyntheticOptions = {}): PointSet {
	const n = count(options.nSamples, 100, 'makeXor');
	const points = Array.from({ length: n }, (_, i): Point => {
		const a = (i >> 1) & 1;
		const b = i & 1;
		return [a, b, a ^ b];
	});
	return finish(points, options, generatorFor(options), 'makeXor');
}
