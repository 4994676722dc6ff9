/** `nn.functional` (import as F): activations, layers and losses as functions. */
export { relu, leakyRelu, sigmoid, tanh, gelu, elu, softplus, softmax, logSoftmax } from './activations';
export { linear } from './linear';
