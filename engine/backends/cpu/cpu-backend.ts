import { allocTyped, type DType, type TypedArray } from '../../dtype';
import type { Backend, KernelArg, OpKernels, Storage } from '../backend';

/** Released arrays kept for reuse: at most this many bytes in all, and this many arrays of one dtype and length. */
const POOL_BYTES = 64 * 1024 * 1024;
const POOL_PER_SIZE = 64;
/** Smaller arrays are cheap to allocate; pooling them would only cost map lookups. */
const POOL_MIN_LENGTH = 256;

/** The reference backend: plain typed arrays, float32 and float64, synchronous. */
export class CpuBackend implements Backend {
	readonly name = 'cpu' as const;
	private liveBytes = 0;
	// A training step allocates and frees the same sizes every step; reusing the freed arrays (zeroed again)
	// spares the allocator and the garbage collector, which were a large part of a small model's step time.
	private readonly pool = new Map<string, TypedArray[]>();
	private pooledBytes = 0;

	alloc(dtype: DType, size: number): Storage {
		const reused = size >= POOL_MIN_LENGTH ? this.pool.get(`${dtype}:${size}`)?.pop() : undefined;
		if (reused) {
			this.pooledBytes -= reused.byteLength;
			reused.fill(0);
			return this.wrap(dtype, reused);
		}
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

	/**
	 * Takes over a storage of another backend in place, with `data` (a typed array of its dtype and size) as its
	 * numbers: every tensor on it is then on the CPU. Used when a lost GPU hands its tensors back.
	 */
	adopt(storage: Storage, data: TypedArray): void {
		Object.assign(storage, { backend: this, handle: data });
		this.liveBytes += data.byteLength;
	}

	release(storage: Storage): void {
		const data = storage.handle as TypedArray;
		this.liveBytes -= data.byteLength;
		if (data.length < POOL_MIN_LENGTH || this.pooledBytes + data.byteLength > POOL_BYTES) return;
		const key = `${storage.dtype}:${data.length}`;
		const list = this.pool.get(key) ?? [];
		if (list.length >= POOL_PER_SIZE) return;
		list.push(data);
		this.pool.set(key, list);
		this.pooledBytes += data.byteLength;
	}

	bytesInUse(): number {
		return this.liveBytes;
	}

	private wrap(dtype: DType, data: TypedArray): Storage {
		this.liveBytes += data.byteLength;
		return { backend: this, dtype, size: data.length, handle: data, version: 0, refs: 0 };
	}
}
