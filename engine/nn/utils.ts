/** `nn.utils`: gradient clipping, as `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`. */
import { noGrad } from '../autograd';
import { tensor } from '../creation';
import * as ops from '../ops/index';
import { Tensor } from '../tensor';

type Parameters = Tensor | Iterable<Tensor>;

function gradsOf(parameters: Parameters): Tensor[] {
	const list = parameters instanceof Tensor ? [parameters] : [...parameters];
	return list.flatMap((p) => (p.grad ? [p.grad] : []));
}

/** The p-norm of all the numbers in `t` (p = Infinity: the largest magnitude; p = 0: the count of non-zeros). */
function vectorNorm(t: Tensor, p: number): Tensor {
	const a = ops.abs(t);
	if (p === Infinity) return ops.amax(a);
	if (p === -Infinity) return ops.neg(ops.amax(ops.neg(a)));
	if (p === 0) return ops.sum(ops.ne(a, 0));
	if (p === 1) return ops.sum(a);
	if (p === 2) return ops.sqrt(ops.sum(ops.mul(a, a)));
	return ops.pow(ops.sum(ops.pow(a, p)), 1 / p);
}

/**
 * Rescales the gradients in place so that their total `normType`-norm (over all parameters together) is at most
 * `maxNorm`: each gradient is multiplied by `min(1, maxNorm / (total + 1e-6))`, as PyTorch. Returns the total
 * norm before clipping. Parameters without a gradient are skipped.
 *
 * ```ts
 * loss.backward();
 * nn.utils.clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * ```
 */
export function clipGradNorm(parameters: Parameters, maxNorm: number, normType = 2, errorIfNonfinite = false): Tensor {
	if (typeof normType !== 'number' || Number.isNaN(normType)) throw new TypeError(`clipGradNorm: normType must be a number (Infinity for the max norm), got ${normType}`);
	const grads = gradsOf(parameters);
	if (grads.length === 0) return tensor(0);
	return noGrad(() => {
		const norms = grads.map((g) => ops.reshape(vectorNorm(g, normType), [1]));
		const total = vectorNorm(ops.cat(norms, 0), normType);
		if (errorIfNonfinite && total.device !== 'cpu') {
			throw new Error(`clipGradNorm: errorIfNonfinite reads the norm, which can be done synchronously only on the CPU, not on '${total.device}'`);
		}
		const value = errorIfNonfinite ? total.dataSync()[0] : 0;
		if (!Number.isFinite(value)) {
			throw new RangeError(
				`clipGradNorm: the total norm of order ${normType} of the gradients is ${value}, so they cannot be clipped; ` +
					'look for NaN or infinite values in the loss, or pass errorIfNonfinite = false',
			);
		}
		// NOTE: the 1e-6 keeps the division finite for zero gradients; the clamp to 1 means small norms are untouched
		const coef = ops.minimum(ops.div(maxNorm, ops.add(total, 1e-6)), 1);
		for (const g of grads) g.copy_(ops.mul(g, coef));
		return total;
	});
}

/**
 * Clamps every gradient element to `[-clipValue, clipValue]` in place.
 *
 * ```ts
 * nn.utils.clipGradValue(model.parameters(), 0.5);
 * ```
 */
export function clipGradValue(parameters: Parameters, clipValue: number): void {
	noGrad(() => {
		for (const g of gradsOf(parameters)) g.copy_(g.clamp(-clipValue, clipValue));
	});
}
