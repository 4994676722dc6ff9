/** `nn.functional` (import as F): activations, layers and losses as functions. */
export { relu, leakyRelu, sigmoid, tanh, gelu, elu, softplus, softmax, logSoftmax } from './activations';
export { linear } from './linear';
export { conv1d, conv2d, convTranspose2d, type Conv1dOptions, type Conv2dOptions, type ConvTranspose2dOptions } from './conv';
export {
	maxPool2d, avgPool2d, adaptiveAvgPool2d, maxPool1d, avgPool1d, adaptiveAvgPool1d,
	type MaxPool2dOptions, type AvgPool2dOptions, type MaxPool1dOptions, type AvgPool1dOptions,
} from './pooling';
export { batchNorm, layerNorm, type BatchNormOptions } from './normalization';
export { dropout, dropout2d } from './dropout';
export { embedding, type EmbeddingOptions } from './embedding';
export { mseLoss, l1Loss, huberLoss, smoothL1Loss, binaryCrossEntropy, binaryCrossEntropyWithLogits, klDiv, type LossOptions } from './losses';
export { nllLoss, crossEntropy, type NllLossOptions, type CrossEntropyOptions } from './nll-loss';
export type { Reduction } from './loss-utils';
export { scaledDotProductAttention, type ScaledDotProductAttentionOptions } from './attention';
