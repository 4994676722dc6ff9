/**
 * Data for the losses figure (chapter "losses"): each loss against the prediction for a fixed
 * target, and its gradient with respect to the prediction, from the engine's loss functions
 * (`reduction: 'none'`) and autograd.
 *
 * - regression: the prediction ŷ for a target y = 0; MSE, MAE (L1) and Huber (δ = 1);
 * - classification: the logit z for a target y = 1; binary cross-entropy on the logit, against
 *   squared error on the sigmoid output σ(z), whose gradient vanishes when the model is most wrong.
 */
import { F, linspace, zerosLike, onesLike, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const LOSS_KINDS = ['regression', 'classification'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

export interface LossCurve {
	id: string;
	label: string;
	/** Column heading in the table. */
	short: string;
	x: number[];
	loss: number[];
	/** d loss / d x, by autograd */
	grad: number[];
}

export interface LossPanel {
	kind: LossKind;
	/** What x is: 'ŷ' (prediction) or 'z' (logit). */
	xName: string;
	target: number;
	curves: LossCurve[];
}

type LossFn = (x: Tensor) => Tensor;

function curve(
	id: string,
	label: string,
	short: string,
	from: number,
	to: number,
	points: number,
	fn: LossFn,
): LossCurve {
	const x = linspace(from, to, points, { dtype: 'float64', requiresGrad: true });
	const loss = fn(x);
	loss.sum().backward(); // element-wise losses: the gradient of the sum is each one's derivative
	return {
		id,
		label,
		short,
		x: Array.from(x.detach().dataSync()),
		loss: Array.from(loss.dataSync()),
		grad: Array.from(x.grad!.dataSync()),
	};
}

/** Huber's δ in the figure. */
export const HUBER_DELTA = 1;

/**
 * The curves of one panel.
 *
 * ```ts
 * lossCurves('regression').curves.map((c) => c.id); // ['mse', 'mae', 'huber']
 * ```
 */
export function lossCurves(kind: LossKind, points = 121): LossPanel {
	const none = { reduction: 'none' } as const;
	if (kind === 'regression') {
		const target = (x: Tensor) => zerosLike(x);
		return {
			kind,
			xName: 'ŷ',
			target: 0,
			curves: [
				curve('mse', 'squared error (MSE)', 'MSE', -3, 3, points, (x) =>
					F.mseLoss(x, target(x), none),
				),
				curve('mae', 'absolute error (MAE)', 'MAE', -3, 3, points, (x) =>
					F.l1Loss(x, target(x), none),
				),
				curve('huber', `Huber (δ = ${HUBER_DELTA})`, 'Huber', -3, 3, points, (x) =>
					F.huberLoss(x, target(x), { ...none, delta: HUBER_DELTA }),
				),
			],
		};
	}
	if (kind === 'classification') {
		const one = (x: Tensor) => onesLike(x);
		return {
			kind,
			xName: 'z',
			target: 1,
			curves: [
				curve('bce', 'cross-entropy on the logit', 'cross-entropy', -6, 6, points, (z) =>
					F.binaryCrossEntropyWithLogits(z, one(z), none),
				),
				curve('mse-sigmoid', 'squared error on σ(z)', 'squared error on σ(z)', -6, 6, points, (z) =>
					F.mseLoss(z.sigmoid(), one(z), none),
				),
			],
		};
	}
	throw new RangeError(
		`lossCurves: kind must be one of ${LOSS_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
	);
}

/** One row per input: each loss and its gradient there. */
export function lossTable(
	panel: LossPanel,
	at: readonly number[] = panel.kind === 'regression'
		? [-3, -1, -0.5, 0, 0.5, 2]
		: [-6, -3, -1, 0, 1, 3],
): FigureTable {
	const x = panel.xName;
	return {
		columns: [x, ...panel.curves.flatMap((c) => [c.short, `∂ ${c.short} / ∂${x}`])],
		rows: at.map((v) => {
			const i = panel.curves[0].x.reduce(
				(best, xi, j, xs) => (Math.abs(xi - v) < Math.abs(xs[best] - v) ? j : best),
				0,
			);
			return [
				formatNumber(v),
				...panel.curves.flatMap((c) => [formatNumber(c.loss[i], 4), formatNumber(c.grad[i], 4)]),
			];
		}),
	};
}
