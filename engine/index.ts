/**
 * Chainrule's engine: tensors with autograd, PyTorch's names in camelCase.
 *
 * ```ts
 * import { tensor, nn, optim } from 'chainrule';
 * ```
 */
export { Tensor, isTensor } from './tensor';
export type { DType, TypedArray } from './dtype';
export type { Device } from './backends/backend';
export {
	tensor, zeros, ones, full, zerosLike, onesLike, fullLike, eye, arange, linspace, rand, randn, randint, randperm,
	type TensorOptions, type RandomOptions, type NestedNumbers,
} from './creation';
export { manualSeed, RandomSource, defaultGenerator } from './random';
export { noGrad, isGradEnabled } from './autograd';
export { tidy, keep, liveTensorCount } from './memory';
export {
	setDefaultDevice, getDefaultDevice, getDevicePreference, getDeviceInfo, onDeviceChange,
	type DeviceInfo, type DeviceChangeEvent, type DevicePreference, type AdapterDescription,
} from './backends/registry';
export { initWebgpu, initDevice, syncToCpu, webgpuAvailable, type WebGpuInfo, type WebGpuInitOptions } from './backends/webgpu/init';
export type { SyncReport, RecoveryReport } from './backends/webgpu/cpu-copies';
export { DeviceLostError } from './backends/webgpu/cpu-copies';
export { initWasm, useWasm, wasmInfo, type WasmInfo } from './backends/wasm/runtime';
export { cat, toDeviceAsync } from './ops/index';
export { where, maximum, minimum } from './ops/index';
export { gradcheck, type GradcheckOptions, type GradcheckResult } from './testing/gradcheck';
export { allclose, compareTensors, compareArrays, type Comparison, type Tolerance } from './testing/compare';
export * as F from './functional/index';
export * as nn from './nn/index';
export * as optim from './optim/index';
export * as data from './data/index';
