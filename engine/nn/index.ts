/** `nn`: modules and their building blocks, as `torch.nn`. */
export { Module } from './module';
export { Parameter, isParameter } from './parameter';
export * as functional from '../functional/index';
export * as init from './init';
export { Linear, type LinearOptions } from './linear';
export { Conv1d, Conv2d, ConvTranspose2d, type Conv1dOptions, type Conv2dOptions, type ConvTranspose2dOptions } from './conv';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d } from './pooling';
export { BatchNorm1d, BatchNorm2d, LayerNorm, type BatchNormOptions, type LayerNormOptions } from './normalization';
export { Dropout, Dropout2d } from './dropout';
export { Embedding, type EmbeddingOptions } from './embedding';
export { Sequential, ModuleList, Identity, Flatten, Unflatten } from './container';
export { ReLU, LeakyReLU, Sigmoid, Tanh, GELU, ELU, Softplus, Softmax, LogSoftmax } from './activation';
export { RNNCell, LSTMCell, GRUCell, type RNNCellOptions, type CellOptions } from './rnn-cells';
export { RNN, LSTM, GRU, RNNBase, type RNNOptions, type LSTMOptions, type RNNBaseOptions } from './rnn';
export { MultiheadAttention, type MultiheadAttentionOptions, type MultiheadAttentionForwardOptions } from './attention';
export * as utils from './utils';
