/**
 * Batches GPU work: many dispatches share one command encoder and one submit (flushed on a read or after
 * `MAX_DISPATCHES`). Uniforms and small uploads of a batch go into one arena buffer written just before the
 * submit, so they are ordered correctly against the batch's commands (a plain `queue.writeBuffer` would run
 * before every command still waiting in the encoder).
 */
const MAP_READ = 0x01;
const COPY_SRC = 0x04;
const COPY_DST = 0x08;
const UNIFORM = 0x40;
const STORAGE = 0x80;

/** Dispatches per submit. */
export const MAX_DISPATCHES = 64;
const ARENA_BYTES = 1 << 20;
/** Uploads up to this size ride in the arena; larger ones flush and use queue.writeBuffer. */
const ARENA_UPLOAD_MAX = 64 * 1024;
const UNIFORM_ALIGN = 256;
/** Passes with data checks per submit; each gets a 256-byte slot of the flag buffer. */
const MAX_CHECKS = 32;

export type CheckMessage = (words: readonly [number, number]) => string;

export class CommandBatch {
	private encoder: GPUCommandEncoder | null = null;
	private pass: GPUComputePassEncoder | null = null;
	private dispatches = 0;
	private readonly arena: GPUBuffer;
	private readonly arenaData = new Uint8Array(ARENA_BYTES);
	private arenaUsed = 0;
	private readonly flags: GPUBuffer;
	private checks: CheckMessage[] = [];
	/** Data checks of submitted batches still being read, and the errors they found (until a read reports them). */
	private pendingChecks = new Set<Promise<string | null>>();
	private checkErrors: string[] = [];
	private afterSubmit: (() => void)[] = [];
	submits = 0;
	totalDispatches = 0;

	constructor(
		private readonly device: GPUDevice,
		private readonly onSubmit: () => void,
	) {
		this.arena = device.createBuffer({ size: ARENA_BYTES, usage: UNIFORM | COPY_SRC | COPY_DST });
		this.flags = device.createBuffer({ size: MAX_CHECKS * 256, usage: STORAGE | COPY_SRC | COPY_DST });
	}

	get idle(): boolean {
		return this.encoder === null;
	}

	private ensureEncoder(): GPUCommandEncoder {
		return (this.encoder ??= this.device.createCommandEncoder());
	}

	private endPass(): GPUCommandEncoder {
		this.pass?.end();
		this.pass = null;
		return this.ensureEncoder();
	}

	/** Copies host bytes into a buffer, ordered after the work already batched. */
	write(buffer: GPUBuffer, data: ArrayBufferView): void {
		const bytes = data.byteLength;
		if (bytes === 0) return;
		if (this.encoder === null) {
			this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, bytes);
			return;
		}
		const offset = align(this.arenaUsed, 16);
		if (bytes > ARENA_UPLOAD_MAX || offset + bytes > ARENA_BYTES) {
			this.flush();
			this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, bytes);
			return;
		}
		this.arenaData.set(new Uint8Array(data.buffer, data.byteOffset, bytes), offset);
		this.arenaUsed = offset + bytes;
		this.endPass().copyBufferToBuffer(this.arena, offset, buffer, 0, bytes);
	}

	/** Copies one buffer into another (at `toOffset` bytes) inside the batch. */
	copy(from: GPUBuffer, to: GPUBuffer, bytes: number, toOffset = 0): void {
		if (bytes > 0) this.endPass().copyBufferToBuffer(from, 0, to, toOffset, bytes);
	}

	/**
	 * Makes room for one dispatch's uniforms and error flag, flushing first when the arena or the flag slots
	 * are full; call it before `uniforms` and `flag`, which then never flush between reserving and dispatching.
	 */
	prepare(uniformBytes: number, check: boolean): void {
		if (align(this.arenaUsed, UNIFORM_ALIGN) + uniformBytes > ARENA_BYTES || (check && this.checks.length >= MAX_CHECKS)) {
			this.flush();
		}
	}

	/** Places uniform words in the arena (after `prepare`). */
	uniforms(words: Uint32Array): GPUBufferBinding {
		const bytes = words.byteLength;
		const offset = align(this.arenaUsed, UNIFORM_ALIGN);
		this.arenaData.set(new Uint8Array(words.buffer, words.byteOffset, bytes), offset);
		this.arenaUsed = offset + bytes;
		return { buffer: this.arena, offset, size: bytes };
	}

	/** Takes an error-flag slot for the next dispatch (after `prepare`). */
	flag(message: CheckMessage): GPUBufferBinding {
		const slot = this.checks.length;
		this.checks.push(message);
		return { buffer: this.flags, offset: slot * 256, size: 16 };
	}

	/** Records a dispatch; flushes after `MAX_DISPATCHES`. */
	dispatch(pipeline: GPUComputePipeline, bindGroup: GPUBindGroup, groups: readonly [number, number, number]): void {
		this.ensureEncoder();
		this.pass ??= this.encoder!.beginComputePass();
		this.pass.setPipeline(pipeline);
		this.pass.setBindGroup(0, bindGroup);
		this.pass.dispatchWorkgroups(groups[0], groups[1], groups[2]);
		this.totalDispatches++;
		if (++this.dispatches >= MAX_DISPATCHES) this.flush();
	}

	/** Records a copy of `bytes` of `buffer` into a new mappable buffer, submits, and resolves with the bytes. */
	async readBack(buffer: GPUBuffer, bytes: number, lost: Promise<never>): Promise<ArrayBuffer> {
		const staging = this.device.createBuffer({ size: Math.max(4, align(bytes, 4)), usage: MAP_READ | COPY_DST });
		if (bytes > 0) this.endPass().copyBufferToBuffer(buffer, 0, staging, 0, bytes);
		else this.ensureEncoder();
		this.flush();
		try {
			await Promise.race([staging.mapAsync(MAP_READ), lost]);
			return staging.getMappedRange(0, bytes).slice(0);
		} finally {
			if (staging.mapState === 'mapped') staging.unmap();
			staging.destroy();
		}
	}

	/** Waits for the data checks of everything submitted so far; returns the first error message. */
	async takeCheckErrors(): Promise<string | null> {
		await Promise.all(this.pendingChecks);
		const first = this.checkErrors[0] ?? null;
		this.checkErrors = [];
		return first;
	}

	/** Runs `fn` once the current batch is submitted (destroying buffers that batch may use). */
	later(fn: () => void): void {
		if (this.encoder === null) fn();
		else this.afterSubmit.push(fn);
	}

	flush(): void {
		if (this.encoder === null) return;
		const encoder = this.endPass();
		const queue = this.device.queue;
		if (this.arenaUsed > 0) queue.writeBuffer(this.arena, 0, this.arenaData.buffer, 0, align(this.arenaUsed, 4));
		let checkRead: GPUBuffer | null = null;
		const messages = this.checks;
		if (messages.length > 0) {
			const size = messages.length * 256;
			queue.writeBuffer(this.flags, 0, new Uint8Array(size));
			checkRead = this.device.createBuffer({ size, usage: MAP_READ | COPY_DST });
			encoder.copyBufferToBuffer(this.flags, 0, checkRead, 0, size);
		}
		queue.submit([encoder.finish()]);
		this.submits++;
		this.encoder = null;
		this.dispatches = 0;
		this.arenaUsed = 0;
		this.checks = [];
		if (checkRead) {
			// settled checks leave the set, so a loop that never reads does not pile them up
			const check = readChecks(checkRead, messages).then((error) => {
				this.pendingChecks.delete(check);
				if (error !== null) this.checkErrors.push(error);
				return error;
			});
			this.pendingChecks.add(check);
		}
		const after = this.afterSubmit;
		this.afterSubmit = [];
		for (const fn of after) fn();
		this.onSubmit();
	}

	destroy(): void {
		this.arena.destroy();
		this.flags.destroy();
	}
}

async function readChecks(buffer: GPUBuffer, messages: readonly CheckMessage[]): Promise<string | null> {
	try {
		await buffer.mapAsync(MAP_READ);
		const words = new Uint32Array(buffer.getMappedRange().slice(0));
		for (let slot = 0; slot < messages.length; slot++) {
			const base = slot * 64;
			if (words[base] !== 0) return messages[slot]([words[base + 1], words[base + 2]]);
		}
		return null;
	} catch {
		return null; // a lost device is reported by the read itself
	} finally {
		if (buffer.mapState === 'mapped') buffer.unmap();
		buffer.destroy();
	}
}

function align(n: number, to: number): number {
	return Math.ceil(n / to) * to;
}
