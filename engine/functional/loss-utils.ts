/** Shared pieces of the loss functions: the `reduction` option and the shape checks with teaching errors. */
import { broadcastShapes, formatShape, shapesEqual, sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import * as ops from '../ops/index';
import { mean } from './tensor-methods';

/** How a loss turns per-element losses into its result: their mean (default), their sum, or all of them. */
export type Reduction = 'mean' | 'sum' | 'none';

const REDUCTIONS: readonly string[] = ['mean', 'sum', 'none'];

/** Rejects an unknown `reduction` before any work is done (PyTorch: "... is not a valid value for reduction"). */
export function checkReduction(op: string, reduction: unknown, extra: readonly string[] = []): void {
	const allowed = [...REDUCTIONS, ...extra];
	if (typeof reduction !== 'string' || !allowed.includes(reduction)) {
		const list = allowed.map((r) => `'${r}'`).join(', ');
		throw new RangeError(`${op}: reduction must be one of ${list}, got ${JSON.stringify(reduction)}`);
	}
}

/** Applies a reduction to unreduced per-element losses. */
export function reduceLoss(loss: Tensor, reduction: Reduction): Tensor {
	if (reduction === 'none') return loss;
	return reduction === 'sum' ? ops.sum(loss) : mean(loss);
}

/**
 * Input/target shapes for the element-wise regression losses. PyTorch broadcasts any pair of shapes there and
 * only warns; we accept a target that broadcasts into the input (or the input into the target), but throw when
 * the broadcast result is larger than both, as `[32, 1]` against `[32]` becomes `[32, 32]`: every prediction
 * compared with every target, a silent bug that still trains (a deliberate deviation, listed in the README).
 */
export function checkRegressionShapes(op: string, input: Tensor, target: Tensor): void {
	if (shapesEqual(input.shape, target.shape)) return;
	const out = broadcastShapes(op, input.shape, target.shape);
	if (shapesEqual(out, input.shape) || shapesEqual(out, target.shape)) return;
	const hint =
		sizeOf(input.shape) === sizeOf(target.shape)
			? `reshape the target to ${formatShape(input.shape)} (target.reshape(input.shape))`
			: 'give them the same shape';
	throw new RangeError(
		`${op}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} differ; broadcasting them ` +
			`would compare every pair (a ${formatShape(out)} result) — ${hint}`,
	);
}

/** Input and target must match exactly (the binary cross-entropies; PyTorch raises a ValueError there too). */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
	if (shapesEqual(input.shape, target.shape)) return;
	const hint = sizeOf(input.shape) === sizeOf(target.shape) ? `; reshape the target with target.reshape(${formatShape(input.shape)})` : '';
	throw new RangeError(
		`${op}: target ${formatShape(target.shape)} must have the same shape as input ${formatShape(input.shape)}${hint}`,
	);
}

/** A per-element weight must broadcast to the input's shape without growing it. */
export function checkBroadcastsTo(op: string, name: string, weight: Tensor, shape: readonly number[]): void {
	let out: number[] | null = null;
	try {
		out = broadcastShapes(op, weight.shape, shape);
	} catch {
		out = null;
	}
	if (!out || !shapesEqual(out, shape)) {
		throw new RangeError(`${op}: ${name} ${formatShape(weight.shape)} must broadcast to the input's shape ${formatShape(shape)}`);
	}
}
