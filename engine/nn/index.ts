/** `nn`: modules and their building blocks, as `torch.nn`. */
export { Module } from './module';
export { Parameter, isParameter } from './parameter';
export * as functional from '../functional/index';
export * as init from './init';
