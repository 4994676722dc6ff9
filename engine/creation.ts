import type { Device } from './backends/backend';
import { assertDevice, getBackend, getDefaultDevice } from './backends/registry';
import { allocTyped, assertDType, type DType, type TypedArray } from './dtype';
import { full as fullOp } from './ops/index';
import { defaultGenerator, type RandomSource } from './random';
import { formatShape, sizeOf } from './shape';
import { Tensor } from './tensor';

export interface TensorOptions {
	dtype?: DType;
	device?: Device;
	requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
	/** A generator of your own (default: the global one seeded by `manualSeed`). */
	generator?: RandomSource;
}

export type NestedNumbers = number | readonly NestedNumbers[];

function resolve(options: TensorOptions, where: string): { dtype: DType; device: Device } {
	return {
		dtype: options.dtype === undefined ? 'float32' : assertDType(options.dtype, where),
		device: options.device === undefined ? getDefaultDevice() : assertDevice(options.device, where),
	};
}

function finish(t: Tensor, options: TensorOptions): Tensor {
	if (options.requiresGrad) t.requiresGrad = true;
	return t;
}

function fromTyped(data: TypedArray, shape: readonly number[], options: TensorOptions, where: string): Tensor {
	// a typed array keeps its own dtype when none is asked for (as torch.from_numpy does)
	const { dtype, device } = resolve({ ...options, dtype: options.dtype ?? dtypeOfTyped(data) }, where);
	const typed = data.constructor === allocTyped(dtype, 0).constructor ? data : copyInto(dtype, data);
	return finish(new Tensor(getBackend(device).upload(dtype, typed), shape, dtype), options);
}

function dtypeOfTyped(data: TypedArray): DType {
	return data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int32' : 'float32';
}

function copyInto(dtype: DType, data: ArrayLike<number>): TypedArray {
	const out = allocTyped(dtype, data.length);
	for (let i = 0; i < data.length; i++) out[i] = dtype === 'int32' ? Math.trunc(data[i]) : data[i];
	return out;
}

/** Infers the shape of nested arrays and flattens them, rejecting ragged or non-numeric input. */
function flattenNested(data: NestedNumbers): { shape: number[]; values: number[] } {
	const shape: number[] = [];
	let probe: NestedNumbers = data;
	while (Array.isArray(probe)) {
		shape.push(probe.length);
		probe = probe[0];
	}
	const values: number[] = [];
	const walk = (node: NestedNumbers, depth: number, path: number[]): void => {
		if (depth === shape.length) {
			if (typeof node !== 'number' && typeof node !== 'boolean') {
				throw new TypeError(`tensor: expected a number at [${path.join('][')}], got ${Array.isArray(node) ? 'an array (the nesting is deeper here than elsewhere)' : typeof node}`);
			}
			values.push(Number(node));
			return;
		}
		if (!Array.isArray(node) || node.length !== shape[depth]) {
			throw new RangeError(
				`tensor: ragged nested array: at [${path.join('][')}] expected ${shape[depth]} items (shape so far ${formatShape(shape)}), ` +
					`got ${Array.isArray(node) ? node.length : 'a number'}; every row must have the same length`,
			);
		}
		node.forEach((child, i) => walk(child, depth + 1, [...path, i]));
	};
	walk(data, 0, []);
	return { shape, values };
}

/**
 * Makes a tensor from numbers, nested arrays or a typed array (with `shape` for typed arrays).
 *
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true }); // float32, shape [2, 2]
 * ```
 * Unlike `torch.tensor`, integers give float32 unless you ask for `dtype: 'int32'`. A typed array keeps its own
 * dtype (Float64Array → float64, Int32Array → int32) unless `dtype` says otherwise.
 */
export function tensor(data: NestedNumbers | TypedArray, options: TensorOptions & { shape?: readonly number[] } = {}): Tensor {
	if (ArrayBuffer.isView(data)) {
		const shape = options.shape ?? [data.length];
		if (sizeOf(shape) !== data.length) {
			throw new RangeError(`tensor: shape ${formatShape(shape)} holds ${sizeOf(shape)} numbers but the array has ${data.length}`);
		}
		return fromTyped(data as TypedArray, shape, options, 'tensor');
	}
	if (data instanceof Tensor) throw new TypeError('tensor: got a Tensor; use t.clone() or t.detach() to copy one');
	const { shape, values } = flattenNested(data as NestedNumbers);
	if (options.shape && sizeOf(options.shape) !== values.length) {
		throw new RangeError(`tensor: shape ${formatShape(options.shape)} holds ${sizeOf(options.shape)} numbers but the data has ${values.length} (shape ${formatShape(shape)})`);
	}
	const dtype = resolve(options, 'tensor').dtype;
	return fromTyped(copyInto(dtype, values), options.shape ?? shape, { ...options, dtype }, 'tensor');
}

function checkShape(shape: readonly number[], where: string): readonly number[] {
	if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
		throw new TypeError(`${where}: shape must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
	}
	return shape;
}

/** A tensor of `shape` filled with `value`; errors name `where` (the function the learner called). */
function filled(shape: readonly number[], value: number, options: TensorOptions, where: string): Tensor {
	const { dtype, device } = resolve(options, where);
	return finish(fullOp(checkShape(shape, where), value, dtype, device), options);
}

export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
	return filled(shape, value, options, 'full');
}

export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
	return filled(shape, 0, options, 'zeros');
}

export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
	return filled(shape, 1, options, 'ones');
}

export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
	return zeros(t.shape, { dtype: t.dtype, device: t.device, ...options });
}

export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
	return ones(t.shape, { dtype: t.dtype, device: t.device, ...options });
}

export function fullLike(t: Tensor, value: number, options: TensorOptions = {}): Tensor {
	return full(t.shape, value, { dtype: t.dtype, device: t.device, ...options });
}

/** Identity matrix `[n, m]` (m defaults to n). */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
	const { dtype } = resolve(options, 'eye');
	const data = allocTyped(dtype, n * m);
	for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
	return fromTyped(data, [n, m], options, 'eye');
}

/** `arange(end)` or `arange(start, end, step)`: values start, start+step, ... below end. */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
	if (end === undefined) [start, end] = [0, start];
	if (step === 0) throw new RangeError('arange: step must not be 0');
	const count = Math.max(0, Math.ceil((end - start) / step));
	const values = Array.from({ length: count }, (_, i) => start + i * step);
	return fromTyped(copyInto(resolve(options, 'arange').dtype, values), [count], options, 'arange');
}

export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
	const values = Array.from({ length: steps }, (_, i) => (steps === 1 ? start : start + ((end - start) * i) / (steps - 1)));
	return fromTyped(copyInto(resolve(options, 'linspace').dtype, values), [steps], options, 'linspace');
}

function randomTensor(shape: readonly number[], options: RandomOptions, where: string, draw: (g: RandomSource) => number): Tensor {
	const { dtype } = resolve(options, where);
	const g = options.generator ?? defaultGenerator;
	const data = allocTyped(dtype, sizeOf(checkShape(shape, where)));
	for (let i = 0; i < data.length; i++) data[i] = draw(g);
	return fromTyped(data, shape, options, where);
}

/** Uniform in [0, 1), from the seeded generator. */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
	return randomTensor(shape, options, 'rand', (g) => g.uniform());
}

/** Standard normal, from the seeded generator (Box–Muller). */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
	return randomTensor(shape, options, 'randn', (g) => g.normal());
}

/** Uniform integers in [low, high). */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
	return randomTensor(shape, { dtype: 'int32', ...options }, 'randint', (g) => g.int(low, high));
}

/** A random permutation of 0..n-1 (int32). */
export function randperm(n: number, options: RandomOptions = {}): Tensor {
	const g = options.generator ?? defaultGenerator;
	return fromTyped(g.permutation(n), [n], { dtype: 'int32', ...options }, 'randperm');
}
