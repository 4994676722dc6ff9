// Known mistake: the output gradient is not divided by the batch size.
import type { Tensor } from 'chainrule';
import { oneHot, type Cache, type Params } from '../solution';
export { oneHot, crossEntropy, type Cache, type Params, type Grads } from '../solution';

export function backward(cache: Cache, params: Params, y: Tensor) {
	const dz2 = cache.probs.sub(oneHot(y, cache.probs.shape[1]));
	const dz1 = dz2.matmul(params.W2).mul(cache.z1.gt(0));
	return { dW2: dz2.t().matmul(cache.a1), db2: dz2.sum(0), dW1: dz1.t().matmul(cache.x), db1: dz1.sum(0) };
}
