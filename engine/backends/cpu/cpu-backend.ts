import { allocTyped, type DType, type TypedArray } from '../../dtype';
import type { Backend, KernelArg, OpKernels, Storage } from '../backend';

/** The reference backend: plain typed arrays, float32 and float64, synchronous. */
export class CpuBackend implements Backend {
	readonly name = 'cpu' as const;
	private liveBytes = 0;

	alloc(dtype: DType, size: number): Storage {
		return this.wrap(dtype, allocTyped(dtype, size));
	}

	upload(dtype: DType, data: TypedArray): Storage {
		const copy = allocTyped(dtype, data.length);
		copy.set(data);
		return this.wrap(dtype, copy);
	}

	async read(storage: Storage): Promise<TypedArray> {
		return (storage.handle as TypedArray).slice();
	}

	readSync(storage: Storage): TypedArray {
		return storage.handle as TypedArray;
	}

	write(storage: Storage, data: TypedArray): void {
		(storage.handle as TypedArray).set(data);
	}

	run<A>(kernels: OpKernels<A>, inputs: KernelArg[], out: KernelArg, attrs: A): void {
		const args = inputs.map((x) => ({ data: x.storage.handle as TypedArray, shape: x.shape }));
		const dst = { data: out.storage.handle as TypedArray, shape: out.shape };
		// float32 ops try their WASM SIMD kernel first; it declines (returns false) when it does not apply
		if (kernels.wasm && out.storage.dtype === 'float32' && kernels.wasm(args, dst, attrs)) return;
		kernels.cpu(args, dst, attrs);
	}

	release(storage: Storage): void {
		this.liveBytes -= (storage.handle as TypedArray).byteLength;
	}

	bytesInUse(): number {
		return this.liveBytes;
	}

	private wrap(dtype: DType, data: TypedArray): Storage {
		this.liveBytes += data.byteLength;
		return { backend: this, dtype, size: data.length, handle: data, version: 0, refs: 0 };
	}
}
