/**
 * The list of primitive ops: the only list. Each op lives in its own folder (element-wise ops are rows of
 * the tables in unary/ and binary/); `tests/engine/registry.test.ts` checks that every folder is listed here.
 */
import type { Tensor } from '../tensor';
import type { TensorLike } from '../define-op';
import { binaryOps } from './binary/binary';
import { unaryOps } from './unary/unary';

export { unaryOps, unaryTable } from './unary/unary';
export { binaryOps, binaryTable } from './binary/binary';
export { where as whereOp } from './where/where';
export { cast, copy, toDevice, toDeviceAsync } from './cast/cast';
export { reshape } from './reshape/reshape';
export { permute } from './permute/permute';
export { broadcastTo } from './expand/expand';
export { stridedSlice } from './slice/slice';
export { cat } from './cat/cat';
export { gather, scatterAdd } from './gather/gather';
export { indexSelect } from './index-select/index-select';
export { sum } from './sum/sum';
export { amax } from './amax/amax';
export { argmax } from './argmax/argmax';
export { matmulOp } from './matmul/matmul';
export { assignInPlace, full } from './assign/assign';
export { conv2dOp, conv2dBackwardInput, conv2dBackwardWeight } from './conv2d/conv2d';
export { maxPool2dOp, maxPool2dBackward, maxPool2dSelect } from './pool2d/max-pool2d';
export { avgPool2dOp, avgPool2dBackward, adaptiveAvgPool2dOp, adaptiveAvgPool2dBackward } from './pool2d/avg-pool2d';
export { binaryCrossEntropyOp } from './binary-cross-entropy/binary-cross-entropy';

import { where as whereDef } from './where/where';

const unary = (name: keyof typeof unaryOps) => (x: Tensor) => unaryOps[name]([x], {});
const binary = (name: keyof typeof binaryOps) => (a: TensorLike, b: TensorLike) => binaryOps[name]([a, b], {});

export const neg = unary('neg');
export const exp = unary('exp');
export const log = unary('log');
export const log1p = unary('log1p');
export const expm1 = unary('expm1');
export const sqrt = unary('sqrt');
export const abs = unary('abs');
export const sign = unary('sign');
export const floor = unary('floor');
export const sin = unary('sin');
export const cos = unary('cos');
export const tanh = unary('tanh');
export const sigmoid = unary('sigmoid');
export const relu = unary('relu');
export const erf = unary('erf');

export const add = binary('add');
export const sub = binary('sub');
export const mul = binary('mul');
export const div = binary('div');
export const pow = binary('pow');
export const maximum = binary('maximum');
export const minimum = binary('minimum');
export const gt = binary('gt');
export const ge = binary('ge');
export const lt = binary('lt');
export const le = binary('le');
export const eq = binary('eq');
export const ne = binary('ne');

/** `where(condition, a, b)`: `a` where condition is non-zero, else `b` (broadcasting). */
export const where = (condition: TensorLike, a: TensorLike, b: TensorLike): Tensor => whereDef([condition, a, b], {});
