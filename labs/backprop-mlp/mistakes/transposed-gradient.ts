// Known mistake: weight gradients computed as A_prevᵀ dZ, shaped [in, out].
import { backwardVariant } from '../variants';
export { oneHot, crossEntropy, type Cache, type Params, type Grads } from '../solution';

export const backward = backwardVariant({ transposed: true });
