/** `optim`: optimizers and learning-rate schedulers, as `torch.optim`. */
export { Optimizer, type OptimizerParams, type OptimizerStateDict, type ParamGroup, type ParamState, type StateValue } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { RMSprop, type RMSpropOptions } from './rmsprop';
export { Adagrad, type AdagradOptions } from './adagrad';
export { Adam, type AdamOptions } from './adam';
export { AdamW } from './adamw';
export * as lrScheduler from './lr-scheduler';
