import type { DType, TypedArray } from '../dtype';
import type { Shape } from '../shape';

/** Where a tensor's numbers live. (The default device may also be 'auto', resolved to one of these: registry.ts.) */
export type Device = 'cpu' | 'webgpu';

/**
 * A block of memory owned by one backend. Several tensors may share one storage (reshape and view do);
 * `version` counts in-place writes, so autograd can tell when a value it saved was overwritten.
 */
export interface Storage {
	readonly backend: Backend;
	readonly dtype: DType;
	readonly size: number;
	/** Backend-specific handle: a typed array on the CPU, a GPUBuffer on WebGPU. */
	readonly handle: unknown;
	version: number;
	refs: number;
}

/** One operand as a kernel sees it: its storage and shape (always contiguous, row-major). */
export interface KernelArg {
	readonly storage: Storage;
	readonly shape: Shape;
}

/** What a kernel receives on the CPU: the numbers and the shape of each operand. */
export interface CpuArg {
	readonly data: TypedArray;
	readonly shape: Shape;
}

export type CpuKernel<A> = (inputs: CpuArg[], out: CpuArg, attrs: A) => void;

/**
 * A faster CPU kernel for float32 (WASM SIMD, engine/backends/wasm/): same arguments as the `cpu` kernel, returns
 * false when it does not apply (other dtypes, WASM not ready or switched off) and the `cpu` kernel runs instead.
 */
export type WasmKernel<A> = (inputs: CpuArg[], out: CpuArg, attrs: A) => boolean;

/**
 * The kernels of one op, one per backend. A backend runs whatever kernel it is handed; ops don't import
 * backends and backends don't import ops.
 */
export interface OpKernels<A> {
	readonly name: string;
	readonly cpu: CpuKernel<A>;
	/** Optional float32 CPU kernel tried before `cpu`. */
	readonly wasm?: WasmKernel<A>;
	/** WebGPU kernel: a `WebGpuKernel` (engine/kernels/webgpu/kernel.ts) that plans the op's compute passes. */
	readonly webgpu?: unknown;
}

/** The small interface every backend implements. */
export interface Backend {
	readonly name: Device;
	alloc(dtype: DType, size: number): Storage;
	/** Copies host numbers into a new storage. */
	upload(dtype: DType, data: TypedArray): Storage;
	/** Copies a storage's numbers back to the host. */
	read(storage: Storage): Promise<TypedArray>;
	/** Synchronous read where the backend can do it (the CPU); undefined elsewhere. */
	readSync?(storage: Storage): TypedArray;
	/** Overwrites a storage with host numbers (same size). */
	write(storage: Storage, data: TypedArray): void;
	run<A>(kernels: OpKernels<A>, inputs: KernelArg[], out: KernelArg, attrs: A): void;
	release(storage: Storage): void;
	/** Bytes currently held by live storages; used by leak tests. */
	bytesInUse(): number;
	/** True once the backend's device is gone (a lost GPU); the default device then falls back to the CPU. */
	readonly isLost?: boolean;
}
