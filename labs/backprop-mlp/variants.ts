import type { Tensor } from 'chainrule';
import { oneHot, type Cache, type Grads, type Params } from './solution';

/** Ways to get the backward pass wrong that the checks recognise by their values (mistake ids in checks.ts). */
export interface BackwardVariant {
	/** dz2 = probs − Y without the 1/m of the mean loss. */
	noScale?: boolean;
	/** dz1 = da1: the ReLU's derivative forgotten. */
	noReluMask?: boolean;
	/** db = dz: bias gradients not summed over the batch. */
	noBiasSum?: boolean;
	/** dW = A_prevᵀ dZ: weight gradients transposed. */
	transposed?: boolean;
}

/** A `backward` with the given mistakes, written the way a learner would write it. */
export function backwardVariant(variant: BackwardVariant) {
	return (cache: Cache, params: Params, y: Tensor): Grads => {
		const m = cache.x.shape[0];
		const dz2 = cache.probs.sub(oneHot(y, cache.probs.shape[1])).div(variant.noScale ? 1 : m);
		const da1 = dz2.matmul(params.W2);
		const dz1 = variant.noReluMask ? da1 : da1.mul(cache.z1.gt(0));
		const weightGrad = (dz: Tensor, prev: Tensor) => (variant.transposed ? prev.t().matmul(dz) : dz.t().matmul(prev));
		return {
			dW2: weightGrad(dz2, cache.a1),
			db2: variant.noBiasSum ? dz2 : dz2.sum(0),
			dW1: weightGrad(dz1, cache.x),
			db1: variant.noBiasSum ? dz1 : dz1.sum(0),
		};
	};
}
