import { allocTyped, type DType, type TypedArray } from '../../dtype';
import {
	isWebGpuKernel,
	WebGpuUnsupportedError,
	type BindingRef,
	type WebGpuKernelOptions,
	type WebGpuPass,
} from '../../kernels/webgpu/kernel';
import { sizeOf } from '../../shape';
import type { Backend, KernelArg, OpKernels, Storage } from '../backend';
import { BufferPool, type PoolStats } from './buffer-pool';
import { CommandBatch } from './command-batch';
import { CpuCopies, DeviceLostError, lostMessage, type CopyTarget, type RecoveryReport, type SyncReport } from './cpu-copies';

const COMPUTE = 0x4;

export interface WebGpuMemory extends PoolStats {
	/** Bytes of live tensor storages (what `bytesInUse` reports). */
	liveBytes: number;
	liveStorages: number;
}

/**
 * The WebGPU backend: float32 and int32 storages in GPU buffers from a pool, kernels planned by each op's
 * `webgpu` field, pipelines cached by the plan's key, work batched into few submits, reads through
 * `mapAsync`. Errors the GPU reports later (a lost device, a failed compile, an index out of range) reject
 * the next `await t.data()`. Storages keep CPU copies (cpu-copies.ts), refreshed at reads every `syncEveryMs`
 * and by `syncToCpu()`, so that a lost device can hand its tensors to the CPU (`recover`).
 */
export class WebGpuBackend implements Backend, CopyTarget {
	readonly name = 'webgpu' as const;
	private liveBytes = 0;
	private liveStorages = 0;
	private readonly pool: BufferPool;
	private readonly batch: CommandBatch;
	private readonly pipelines = new Map<string, GPUComputePipeline>();
	private readonly layouts = new Map<string, { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout }>();
	private lostError: Error | null = null;
	private readonly lostPromise: Promise<never>;
	private gpuErrors: string[] = [];
	/** Shader compile errors come first: a failed pipeline also makes every command using it invalid. */
	private compileErrors: string[] = [];
	private pendingScopes: Promise<void>[] = [];
	/** CPU copies of the storages, for a lost device (`copies.stats()`, `copies.lastSync` for tests and pages). */
	readonly copies = new CpuCopies();
	/** Reads start a sync of the CPU copies when none ran for this long (0: only explicit `syncToCpu`). */
	syncEveryMs = 2000;
	/** Called once when the device is lost, before pending reads reject (the engine recovers tensors here). */
	onLost: ((info: GPUDeviceLostInfo) => void) | null = null;

	constructor(
		readonly device: GPUDevice,
		/** Kernel variants; tests may change them between ops. */
		public options: WebGpuKernelOptions,
	) {
		this.pool = new BufferPool(device);
		this.batch = new CommandBatch(device, () => this.pool.trim());
		let rejectLost: (e: Error) => void = () => {};
		this.lostPromise = new Promise<never>((_, reject) => (rejectLost = reject));
		this.lostPromise.catch(() => {}); // observed by reads; never an unhandled rejection
		device.lost.then((info) => {
			this.lostError = new DeviceLostError(lostMessage(info));
			try {
				this.onLost?.(info);
			} finally {
				rejectLost(this.lostError);
			}
		});
		device.addEventListener('uncapturederror', (event) => {
			this.gpuErrors.push((event as GPUUncapturedErrorEvent).error.message);
		});
	}

	/** Counters for tests and benchmarks. */
	get stats(): { submits: number; dispatches: number; pipelines: number } {
		return { submits: this.batch.submits, dispatches: this.batch.totalDispatches, pipelines: this.pipelines.size };
	}

	memory(): WebGpuMemory {
		return { ...this.pool.stats(), liveBytes: this.liveBytes, liveStorages: this.liveStorages };
	}

	get isLost(): boolean {
		return this.lostError !== null;
	}

	private assertUsable(): void {
		if (this.lostError) throw this.lostError;
	}

	alloc(dtype: DType, size: number): Storage {
		this.assertUsable();
		if (dtype === 'float64') {
			throw new WebGpuUnsupportedError(
				`webgpu: float64 tensors are CPU-only (WGSL has no 64-bit floats); use float32 on 'webgpu', or make the ` +
					`tensor on the CPU ({ device: 'cpu' }, or await toDeviceAsync(t, 'cpu') and then .to('float64'))`,
			);
		}
		const bytes = size * 4;
		const buffer = this.pool.acquire(Math.max(bytes, 4));
		this.liveBytes += bytes;
		this.liveStorages++;
		const storage: Storage = { backend: this, dtype, size, handle: buffer, version: 0, refs: 0 };
		this.copies.track(storage);
		return storage;
	}

	upload(dtype: DType, data: TypedArray): Storage {
		const storage = this.alloc(dtype, data.length);
		this.write(storage, data);
		this.copies.recordUpload(storage, data);
		return storage;
	}

	write(storage: Storage, data: TypedArray): void {
		this.assertUsable();
		if (data.length !== storage.size) {
			throw new RangeError(`webgpu: write of ${data.length} values into a storage of ${storage.size}`);
		}
		const typed = data instanceof allocTyped(storage.dtype, 0).constructor ? data : copyAs(storage.dtype, data);
		this.batch.write(storage.handle as GPUBuffer, typed);
	}

	async read(storage: Storage): Promise<TypedArray> {
		this.assertUsable();
		const bytes = storage.size * 4;
		this.copies.maybeSync(this, this.syncEveryMs);
		let raw: ArrayBuffer;
		try {
			raw = await this.batch.readBack(storage.handle as GPUBuffer, bytes, this.lostPromise);
		} catch (error) {
			const lost = await this.lostAfter(error);
			// a tensor recovered to the CPU meanwhile reads from there
			if (lost && storage.backend !== this) return storage.backend.read(storage);
			throw lost ?? error;
		}
		const checkError = await this.batch.takeCheckErrors();
		await Promise.all(this.pendingScopes.splice(0));
		const gpuError = this.compileErrors.shift() ?? this.gpuErrors.shift();
		if (gpuError !== undefined) {
			this.gpuErrors = [];
			throw new Error(`webgpu: the GPU reported an error: ${gpuError}`);
		}
		if (checkError !== null) throw new RangeError(checkError);
		return storage.dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw);
	}

	/** A failed map may precede the `lost` promise; give it a moment so the error names the real cause. */
	private async lostAfter(error: unknown): Promise<Error | null> {
		if (this.lostError) return this.lostError;
		await new Promise((resolve) => setTimeout(resolve, 50));
		return this.lostError ?? (error instanceof Error ? new Error(`webgpu: reading a tensor failed: ${error.message}`) : null);
	}

	release(storage: Storage): void {
		this.liveBytes -= storage.size * 4;
		this.liveStorages--;
		this.copies.untrack(storage);
		if (!this.lostError) this.pool.release(storage.handle as GPUBuffer);
	}

	/** Copies every storage changed since its last copy to the CPU; resolves when the copies are complete. */
	syncToCpu(): Promise<SyncReport> {
		this.assertUsable();
		return this.copies.sync(this);
	}

	/**
	 * After the device is lost: turns every storage that has a CPU copy into a CPU storage, in place, through
	 * `adopt` (the CPU backend's). Tensors on them simply continue on the CPU.
	 */
	recover(adopt: (storage: Storage, data: TypedArray) => void): RecoveryReport {
		const { moved, ...report } = this.copies.recover(adopt);
		for (const storage of moved) {
			this.liveBytes -= storage.size * 4;
			this.liveStorages--;
		}
		return report;
	}

	/** The lost signal, for syncs racing a lost device. */
	get lost(): Promise<never> {
		return this.lostPromise;
	}

	/** Encodes a buffer copy into the current batch (for syncs). */
	copy(from: GPUBuffer, to: GPUBuffer, bytes: number, toOffset: number): void {
		this.batch.copy(from, to, bytes, toOffset);
	}

	bytesInUse(): number {
		return this.liveBytes;
	}

	/** Submits the batched work now (reads do this themselves). */
	flush(): void {
		this.batch.flush();
	}

	run<A>(kernels: OpKernels<A>, inputs: KernelArg[], out: KernelArg, attrs: A): void {
		this.assertUsable();
		const kernel = kernels.webgpu;
		if (!isWebGpuKernel(kernel)) {
			throw new WebGpuUnsupportedError(
				`${kernels.name}: this op has no WebGPU kernel yet; run it on the CPU (make its inputs with { device: 'cpu' }, ` +
					`or setDefaultDevice('cpu'))`,
			);
		}
		const plan = kernel.plan({
			name: kernels.name,
			inputs: inputs.map((x) => ({ shape: x.shape, dtype: x.storage.dtype })),
			out: { shape: out.shape, dtype: out.storage.dtype },
			attrs: attrs as unknown,
			options: this.options,
		});
		const outBuffer = out.storage.handle as GPUBuffer;
		const temps: GPUBuffer[] = [];
		// An input that shares the output's buffer (x.copy_(x)) is read from a snapshot: one dispatch can't bind
		// a buffer both read-only and writable.
		const inputBuffers = inputs.map((x) => {
			const buffer = x.storage.handle as GPUBuffer;
			if (buffer !== outBuffer) return buffer;
			const copy = this.pool.acquire(buffer.size);
			this.batch.copy(buffer, copy, x.storage.size * 4);
			temps.push(copy);
			return copy;
		});
		const scratch = (plan.scratch ?? []).map((s) => {
			const buffer = this.pool.acquire(Math.max(4, s.size * 4));
			temps.push(buffer);
			return { buffer, bytes: s.size * 4 };
		});
		const resolve = (ref: BindingRef): { buffer: GPUBuffer; bytes: number } => {
			if (ref === 'out') return { buffer: outBuffer, bytes: out.storage.size * 4 };
			if (typeof ref === 'number') return { buffer: inputBuffers[ref], bytes: sizeOf(inputs[ref].shape) * 4 };
			return scratch[ref.scratch];
		};
		for (const pass of plan.passes) {
			if (pass.workgroups.some((g) => g === 0)) continue;
			this.encode(pass, resolve);
		}
		// back to the pool at once: later users are ordered after these commands
		for (const buffer of temps) this.pool.release(buffer);
	}

	private encode(pass: WebGpuPass, resolve: (ref: BindingRef) => { buffer: GPUBuffer; bytes: number }): void {
		const signature =
			pass.bindings.map((b) => (typeof b === 'number' ? 'r' : 'w')).join('') + (pass.uniforms ? 'u' : '') + (pass.check ? 'f' : '');
		const pipeline = this.pipeline(pass, signature);
		this.batch.prepare(pass.uniforms?.byteLength ?? 0, pass.check !== undefined);
		const entries: GPUBindGroupEntry[] = pass.bindings.map((ref, binding) => {
			const { buffer, bytes } = resolve(ref);
			// a binding can't be empty; an empty operand is never read
			return { binding, resource: { buffer, offset: 0, size: Math.max(4, bytes) } };
		});
		if (pass.uniforms) entries.push({ binding: entries.length, resource: this.batch.uniforms(pass.uniforms) });
		if (pass.check) entries.push({ binding: entries.length, resource: this.batch.flag(pass.check) });
		const group = this.device.createBindGroup({ layout: this.layout(signature).group, entries });
		this.batch.dispatch(pipeline, group, pass.workgroups);
	}

	private layout(signature: string): { group: GPUBindGroupLayout; pipeline: GPUPipelineLayout } {
		let layout = this.layouts.get(signature);
		if (!layout) {
			const types: Record<string, GPUBufferBindingType> = { r: 'read-only-storage', w: 'storage', u: 'uniform', f: 'storage' };
			const group = this.device.createBindGroupLayout({
				entries: [...signature].map((c, binding) => ({ binding, visibility: COMPUTE, buffer: { type: types[c] } })),
			});
			layout = { group, pipeline: this.device.createPipelineLayout({ bindGroupLayouts: [group] }) };
			this.layouts.set(signature, layout);
		}
		return layout;
	}

	private pipeline(pass: WebGpuPass, signature: string): GPUComputePipeline {
		const key = `${pass.key}#${signature}`;
		let pipeline = this.pipelines.get(key);
		if (!pipeline) {
			const code = pass.source();
			this.device.pushErrorScope('validation');
			const module = this.device.createShaderModule({ code, label: pass.key });
			pipeline = this.device.createComputePipeline({
				layout: this.layout(signature).pipeline,
				compute: { module, entryPoint: 'main' },
				label: pass.key,
			});
			this.pendingScopes.push(
				this.device.popErrorScope().then((error) => {
					if (error) this.compileErrors.push(`kernel '${pass.key}' failed to compile: ${error.message}`);
				}),
			);
			this.pipelines.set(key, pipeline);
		}
		return pipeline;
	}

	/** Frees every GPU resource; tensors on this backend can't be used afterwards. */
	destroy(): void {
		this.batch.destroy();
		this.device.destroy();
	}
}

function copyAs(dtype: DType, data: TypedArray): TypedArray {
	const out = allocTyped(dtype, data.length);
	out.set(data);
	return out;
}
