/**
 * CPU copies of the WebGPU backend's storages, so that a lost GPU device costs at most the work since the last
 * synchronization. Every live storage is tracked; a storage made from host numbers (`tensor()`, `randn()`, a
 * move to the GPU) keeps a copy of them from the start, and `sync()` copies every storage whose version changed
 * since its last copy, all in one submit (so the copies are one consistent state of the program) and into one
 * staging buffer, then commits them together once they are mapped. When the device is lost, `recover` turns
 * every storage that has a copy into a CPU storage in place: each tensor (parameters, optimizer state, buffers,
 * data) keeps working, on the CPU, with the values of the last sync. Storages made or changed after it have
 * either no copy (they stay on the lost device: using them throws) or an older one (rolled back, and their
 * version is bumped so a backward pass that saved them refuses to run).
 */
import { allocTyped, type TypedArray } from '../../dtype';
import type { Storage } from '../backend';

/**
 * The GPU device is gone (a driver reset, the tab in the background too long, `device.destroy()`). Tensors with a
 * CPU copy continue on the CPU; this error comes from one made or changed on the GPU after its last copy, or from
 * a read that was waiting for it: run the step again, on the CPU.
 */
export class DeviceLostError extends Error {
	override name = 'DeviceLostError';
}

/** The message of the error that every use of a lost device's tensor throws. */
export function lostMessage(info: GPUDeviceLostInfo): string {
	return (
		`webgpu: the GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''}). Tensors copied to the ` +
		`CPU before (at reads every few seconds, and by \`await syncToCpu()\`) continue there; this one was made or ` +
		`changed on 'webgpu' after the last copy and is gone, and nothing new can go to 'webgpu'. Run the step again ` +
		`on the CPU (the default device now), or call \`await initWebgpu()\` to start a new GPU device`
	);
}

const MAP_READ = 0x01;
const COPY_DST = 0x08;
/** Staging buffers are at most this large; a bigger sync uses several. */
const CHUNK_BYTES = 64 * 1024 * 1024;

interface Copy {
	/** The storage's version when the copy was taken. */
	readonly version: number;
	readonly data: TypedArray;
}

/** What a sync or a recovery covered. */
export interface SyncReport {
	/** Storages copied by this sync (those unchanged since their last copy are skipped), and their bytes. */
	storages: number;
	bytes: number;
	/** When the copies were taken (Date.now() milliseconds). */
	at: number;
}

export interface RecoveryReport {
	/** Storages now on the CPU with the values of their last copy, and their bytes. */
	recovered: number;
	recoveredBytes: number;
	/** Of those, how many had changed on the GPU after their copy (rolled back to it). */
	rolledBack: number;
	/** Storages with no copy (made after the last sync): they stay on the lost device. */
	lost: number;
	/** When the last completed sync took its copies (Date.now() milliseconds), or null if none completed. */
	lastSync: number | null;
}

/** The parts of the backend a sync needs: encoding a copy into the batch, submitting, and the lost signal. */
export interface CopyTarget {
	readonly device: GPUDevice;
	copy(from: GPUBuffer, to: GPUBuffer, bytes: number, toOffset: number): void;
	flush(): void;
	readonly lost: Promise<never>;
}

export class CpuCopies {
	private readonly live = new Set<Storage>();
	private readonly copies = new Map<Storage, Copy>();
	private pending: Promise<SyncReport> | null = null;
	private lastSyncStart = -Infinity;
	/** Date.now() of the last completed sync. */
	lastSync: number | null = null;

	track(storage: Storage): void {
		this.live.add(storage);
	}

	untrack(storage: Storage): void {
		this.live.delete(storage);
		this.copies.delete(storage);
	}

	/** Keeps the host numbers a storage was made from (copied: the caller may reuse its array). */
	recordUpload(storage: Storage, data: TypedArray): void {
		const copy = allocTyped(storage.dtype, data.length);
		copy.set(data);
		this.copies.set(storage, { version: storage.version, data: copy });
	}

	/** Starts a sync when none ran for `intervalMs` (called at reads, where the program waits anyway). */
	maybeSync(target: CopyTarget, intervalMs: number): void {
		if (intervalMs <= 0 || this.pending || performance.now() - this.lastSyncStart < intervalMs) return;
		this.sync(target).catch(() => {}); // a failed sync (lost device) leaves the previous copies in place
	}

	/**
	 * Copies every storage changed since its last copy; resolves when the copies are committed. A sync already
	 * running took its copies earlier, so this one runs after it (and copies what changed since).
	 */
	sync(target: CopyTarget): Promise<SyncReport> {
		const previous = this.pending;
		const next: Promise<SyncReport> = (previous ? previous.catch(() => null).then(() => this.run(target)) : this.run(target)).finally(() => {
			if (this.pending === next) this.pending = null;
		});
		this.pending = next;
		return next;
	}

	private async run(target: CopyTarget): Promise<SyncReport> {
		this.lastSyncStart = performance.now();
		const at = Date.now();
		const todo = [...this.live].filter((s) => this.copies.get(s)?.version !== s.version && s.size > 0);
		// chunks of at most CHUNK_BYTES (a storage larger than that gets a chunk of its own)
		const chunks: { buffer: GPUBuffer; items: { storage: Storage; version: number; offset: number }[] }[] = [];
		const sizes = todo.map((s) => s.size * 4);
		for (let i = 0; i < todo.length; ) {
			let end = i;
			let bytes = 0;
			while (end < todo.length && (end === i || bytes + sizes[end] <= CHUNK_BYTES)) bytes += sizes[end++];
			const buffer = target.device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
			const items: (typeof chunks)[number]['items'] = [];
			for (let offset = 0; i < end; offset += sizes[i++]) {
				target.copy(todo[i].handle as GPUBuffer, buffer, sizes[i], offset);
				items.push({ storage: todo[i], version: todo[i].version, offset });
			}
			chunks.push({ buffer, items });
		}
		target.flush();
		const staged: { storage: Storage; version: number; data: TypedArray }[] = [];
		try {
			const maps = chunks.map((c) => c.buffer.mapAsync(MAP_READ));
			for (const map of maps) map.catch(() => {}); // a lost device rejects them all: reported once, below
			await Promise.race([Promise.all(maps), target.lost]);
			for (const chunk of chunks) {
				const bytes = chunk.buffer.getMappedRange();
				for (const { storage, version, offset } of chunk.items) {
					const data = allocTyped(storage.dtype, storage.size);
					new Uint8Array(data.buffer).set(new Uint8Array(bytes, offset, storage.size * 4));
					staged.push({ storage, version, data });
				}
			}
		} finally {
			for (const chunk of chunks) {
				if (chunk.buffer.mapState === 'mapped') chunk.buffer.unmap();
				chunk.buffer.destroy();
			}
		}
		// all or nothing: the committed copies always come from whole syncs
		let bytes = 0;
		for (const { storage, version, data } of staged) {
			if (!this.live.has(storage)) continue; // released meanwhile
			this.copies.set(storage, { version, data });
			bytes += data.byteLength;
		}
		this.lastSync = at;
		return { storages: staged.length, bytes, at };
	}

	/**
	 * Moves every storage with a copy to the CPU, in place (tensors keep their storage object; `adopt` hands it
	 * to the CPU backend), and forgets them; returns what was recovered and what was lost.
	 */
	recover(adopt: (storage: Storage, data: TypedArray) => void): RecoveryReport & { moved: Storage[] } {
		const report = { recovered: 0, recoveredBytes: 0, rolledBack: 0, lost: 0, lastSync: this.lastSync, moved: [] as Storage[] };
		for (const storage of this.live) {
			const copy = this.copies.get(storage) ?? (storage.size === 0 ? { version: storage.version, data: allocTyped(storage.dtype, 0) } : null);
			if (!copy) {
				report.lost++;
				continue;
			}
			if (copy.version !== storage.version) {
				report.rolledBack++;
				storage.version++; // the values changed under any graph that saved them
			}
			adopt(storage, copy.data);
			report.recovered++;
			report.recoveredBytes += copy.data.byteLength;
			report.moved.push(storage);
		}
		for (const storage of report.moved) this.untrack(storage);
		return report;
	}

	/** Storages tracked and copies held (for tests). */
	stats(): { live: number; copies: number } {
		return { live: this.live.size, copies: this.copies.size };
	}
}
