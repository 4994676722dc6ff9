/**
 * Data for the activations figure (chapter "activations"): each activation function and its
 * derivative, both computed by the engine (the derivative by autograd, not by a formula), so the
 * figure shows what `backward()` really returns, including its choice at the kinks.
 */
import { F, linspace, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const ACTIVATION_IDS = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'gelu'] as const;
export type ActivationId = (typeof ACTIVATION_IDS)[number];

/** The slope of leaky ReLU in the figure: 0.1, not PyTorch's default 0.01, so the slope is visible. */
export const LEAKY_SLOPE = 0.1;

export const ACTIVATIONS: Record<ActivationId, { label: string; fn: (x: Tensor) => Tensor }> = {
	sigmoid: { label: 'sigmoid', fn: (x) => F.sigmoid(x) },
	tanh: { label: 'tanh', fn: (x) => F.tanh(x) },
	relu: { label: 'ReLU', fn: (x) => F.relu(x) },
	leakyRelu: { label: `leaky ReLU (α = ${LEAKY_SLOPE})`, fn: (x) => F.leakyRelu(x, LEAKY_SLOPE) },
	elu: { label: 'ELU (α = 1)', fn: (x) => F.elu(x) },
	gelu: { label: 'GELU', fn: (x) => F.gelu(x) },
};

export interface ActivationCurve {
	id: ActivationId;
	label: string;
	x: number[];
	/** φ(x) */
	y: number[];
	/** φ′(x), from autograd */
	dy: number[];
}

export interface CurveOptions {
	from?: number;
	to?: number;
	/** Number of sample points (default 161, a step of 0.05 on [−4, 4]). */
	points?: number;
	ids?: readonly ActivationId[];
}

/**
 * φ(x) and φ′(x) for each activation on a grid. The derivative is `x.grad` after
 * `φ(x).sum().backward()`: each output depends only on its own input, so the gradient of the sum
 * is the element-wise derivative.
 *
 * ```ts
 * activationCurves({ from: -1, to: 1, points: 3, ids: ['relu'] })[0].dy; // [0, 0, 1]
 * ```
 */
export function activationCurves({
	from = -4,
	to = 4,
	points = 161,
	ids = ACTIVATION_IDS,
}: CurveOptions = {}): ActivationCurve[] {
	if (!(points >= 2 && Number.isInteger(points)))
		throw new RangeError(`activationCurves: points must be an integer >= 2, got ${points}`);
	const grid = Array.from(linspace(from, to, points, { dtype: 'float64' }).dataSync());
	return ids.map((id) => {
		const spec = ACTIVATIONS[id];
		if (!spec)
			throw new RangeError(
				`activationCurves: unknown activation ${JSON.stringify(id)}; use one of ${ACTIVATION_IDS.join(', ')}`,
			);
		// float64 so the table's digits are the function's, not float32 rounding
		const x = linspace(from, to, points, { dtype: 'float64', requiresGrad: true });
		const y = spec.fn(x);
		y.sum().backward();
		return {
			id,
			label: spec.label,
			x: grid,
			y: Array.from(y.dataSync()),
			dy: Array.from(x.grad!.dataSync()),
		};
	});
}

/** The text alternative: φ(x) and φ′(x) at a few inputs. */
export function activationTable(
	curves: ActivationCurve[],
	at: readonly number[] = [-3, -1, 0, 1, 3],
): FigureTable {
	const columns = [
		'Function',
		...at.flatMap((v) => [`φ(${formatNumber(v)})`, `φ′(${formatNumber(v)})`]),
	];
	const rows = curves.map((c) => [
		c.label,
		...at.flatMap((v) => {
			const i = nearestIndex(c.x, v);
			return [formatNumber(c.y[i]), formatNumber(c.dy[i])];
		}),
	]);
	return { columns, rows };
}

function nearestIndex(xs: readonly number[], v: number): number {
	let best = 0;
	for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - v) < Math.abs(xs[best] - v)) best = i;
	return best;
}
