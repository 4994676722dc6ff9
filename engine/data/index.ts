/**
 * `data`: the data sets shipped with the engine (handwritten digits, seeded synthetic sets), splitting,
 * batching and scaling, after `torch.utils.data` and scikit-learn's helpers. See engine/data/README.md.
 */
export { loadDigits, digitsBytes, DIGITS_CLASSES, type Digits, type LoadDigitsOptions } from './digits';
export { trainTestSplit, type TrainTestSplit, type TrainTestSplitOptions } from './split';
export { makeSpirals, makeMoons, makeCircles, makeXor, type SyntheticOptions, type PointSet } from './synthetic';
export { makeSequenceTask, type SequenceTaskOptions, type SequenceSet } from './sequence';
export { TensorDataset, DataLoader, type Dataset, type DataLoaderOptions } from './dataset';
export { standardize, minMaxScale, oneHot, type ScaleOptions } from './preprocess';
