// Known mistake: weight gradients computed as A_prevᵀ dZ, shaped [in, out].
import type { Tensor } from 'chainrule';
import { oneHot, type Cache, type Params } from '../solution';
export { oneHot, crossEntropy, type Cache, type Params, type Grads } from '../solution';

export function backward(cache: Cache, params: Params, y: Tensor) {
	const m = cache.x.shape[0];
	const dz2 = cache.probs.sub(oneHot(y, cache.probs.shape[1])).div(m);
	const dz1 = dz2.matmul(params.W2).mul(cache.z1.gt(0));
	return { dW2: cache.a1.t().matmul(dz2), db2: dz2.sum(0), dW1: cache.x.t().matmul(dz1), db1: dz1.sum(0) };
}
