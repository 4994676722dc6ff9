// Known mistake: the output gradient is not divided by the batch size.
import { backwardVariant } from '../variants';
export { oneHot, crossEntropy, type Cache, type Params, type Grads } from '../solution';

export const backward = backwardVariant({ noScale: true });
