/**
 * Reuses freed GPU buffers by size class, so a training loop that makes the same shapes every step allocates
 * nothing after the first one. Classes are quarter powers of two (at most 25% slack) above 4 KiB and multiples
 * of 256 bytes below.
 */
export const STORAGE_USAGE = 0x80 | 0x04 | 0x08; // STORAGE | COPY_SRC | COPY_DST

export interface PoolStats {
	/** Buffers held by the pool for reuse, and their bytes. */
	freeBuffers: number;
	freeBytes: number;
	/** Every buffer the pool created and has not destroyed (in use or free), and their bytes. */
	totalBuffers: number;
	totalBytes: number;
}

export function sizeClass(bytes: number): number {
	if (bytes <= 4096) return Math.max(256, Math.ceil(bytes / 256) * 256);
	const step = 2 ** (Math.floor(Math.log2(bytes)) - 2);
	return Math.ceil(bytes / step) * step;
}

export class BufferPool {
	private readonly free = new Map<number, GPUBuffer[]>();
	private freeBytes = 0;
	private totalBuffers = 0;
	private totalBytes = 0;
	/** Buffers to destroy once the commands that may still use them are submitted. */
	private doomed: GPUBuffer[] = [];

	constructor(
		private readonly device: GPUDevice,
		/** Free bytes kept for reuse; beyond this, released buffers are destroyed. */
		private readonly maxFreeBytes = 256 * 1024 * 1024,
	) {}

	acquire(bytes: number): GPUBuffer {
		const size = sizeClass(bytes);
		const list = this.free.get(size);
		const reused = list?.pop();
		if (reused) {
			this.freeBytes -= size;
			return reused;
		}
		this.totalBuffers++;
		this.totalBytes += size;
		return this.device.createBuffer({ size, usage: STORAGE_USAGE });
	}

	/** Takes a buffer back. It may still be used by commands not yet submitted: those run before any reuse. */
	release(buffer: GPUBuffer): void {
		const size = buffer.size;
		if (this.freeBytes + size > this.maxFreeBytes) {
			this.doomed.push(buffer);
			return;
		}
		let list = this.free.get(size);
		if (!list) this.free.set(size, (list = []));
		list.push(buffer);
		this.freeBytes += size;
	}

	/** Destroys the buffers released beyond the pool's budget; call right after a submit. */
	trim(): void {
		for (const buffer of this.doomed) {
			this.totalBuffers--;
			this.totalBytes -= buffer.size;
			buffer.destroy();
		}
		this.doomed = [];
	}

	stats(): PoolStats {
		let freeBuffers = 0;
		for (const list of this.free.values()) freeBuffers += list.length;
		return { freeBuffers, freeBytes: this.freeBytes, totalBuffers: this.totalBuffers, totalBytes: this.totalBytes };
	}
}
