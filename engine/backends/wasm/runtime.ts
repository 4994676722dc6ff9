/**
 * The WASM SIMD kernels' runtime: instantiates the module embedded in kernels.generated.ts (built from
 * engine/backends/wasm/assembly/ by scripts/build-wasm.mjs) and manages its memory as a scratch arena.
 *
 * The CPU backend's tensors stay plain typed arrays; a WASM kernel copies its operands into the arena, runs,
 * and copies the result out. The arena is reset by every call (kernels never keep pointers between calls) and
 * grows as needed. Until the module is ready, or when it is switched off, ops run their TypeScript kernels.
 *
 * ```ts
 * await initWasm(); // optional: the first float32 kernel instantiates it synchronously where allowed
 * wasmInfo();       // { ready: true, variant: 'relaxed-simd', ... }
 * ```
 */
import { WASM_RELAXED, WASM_SIMD } from './kernels.generated';

/** The functions the AssemblyScript module exports (pointers are byte offsets into its memory). */
export interface WasmExports {
	readonly memory: WebAssembly.Memory;
	heapBase(): number;
	gemmWorkBytes(n: number): number;
	sgemm(
		m: number, n: number, k: number,
		a: number, rsA: number, csA: number,
		b: number, rsB: number, csB: number,
		c: number, ldc: number, accumulate: number, work: number,
	): void;
	binary(op: number, rank: number, meta: number, a: number, b: number, out: number): void;
	where(rank: number, meta: number, c: number, a: number, b: number, out: number): void;
	unary(op: number, n: number, x: number, out: number): void;
	permute(rank: number, meta: number, x: number, out: number): void;
	sumDims(rank: number, meta: number, x: number, out: number, outSize: number, acc: number): void;
	conv2dForward(meta: number, x: number, w: number, out: number, col: number, work: number): void;
	conv2dBackwardInput(meta: number, dy: number, w: number, dx: number, col: number, work: number): void;
	conv2dBackwardWeight(meta: number, x: number, dy: number, dw: number, col: number, work: number): void;
	maxPoolArgmax(
		planes: number, H: number, W: number, Ho: number, Wo: number,
		rowStart: number, rowEnd: number, dh: number, colStart: number, colEnd: number, dw: number,
		x: number, index: number,
	): void;
	gatherIndex(n: number, index: number, src: number, out: number, empty: number): void;
	scatterIndexAdd(n: number, index: number, dy: number, dx: number, size: number): void;
}

export type WasmVariant = 'relaxed-simd' | 'simd';

export interface WasmInfo {
	/** The module is instantiated and float32 ops use it (unless disabled). */
	readonly ready: boolean;
	/** useWasm(false) switches the kernels off; the TypeScript kernels run instead. */
	readonly enabled: boolean;
	readonly variant: WasmVariant | null;
	/** Why the module is not ready: no WebAssembly SIMD here, or still compiling. */
	readonly reason: string | null;
	/** Size of the module's memory (it grows to the largest call so far and never shrinks). */
	readonly memoryBytes: number;
}

/** Past this size a call falls back to the TypeScript kernel instead of growing the memory further. */
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
const PAGE = 65536;

let exports_: WasmExports | null = null;
let variant: WasmVariant | null = null;
let enabled = true;
let reason: string | null = 'not loaded yet';
let pending: Promise<boolean> | null = null;
let triedSync = false;
let f32View = new Float32Array(0);
let i32View = new Int32Array(0);

function decode(base64: string): Uint8Array<ArrayBuffer> {
	const text = atob(base64);
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
	return bytes;
}

/** The relaxed-SIMD build where the engine validates it, else plain SIMD; null without SIMD. */
function pickBytes(): { bytes: Uint8Array<ArrayBuffer>; variant: WasmVariant } | null {
	if (typeof WebAssembly !== 'object') return null;
	const relaxed = decode(WASM_RELAXED);
	if (WebAssembly.validate(relaxed)) return { bytes: relaxed, variant: 'relaxed-simd' };
	const simd = decode(WASM_SIMD);
	if (WebAssembly.validate(simd)) return { bytes: simd, variant: 'simd' };
	return null;
}

function adopt(module: WebAssembly.Module, v: WasmVariant): void {
	const instance = new WebAssembly.Instance(module, {});
	exports_ = instance.exports as unknown as WasmExports;
	variant = v;
	reason = null;
}

/**
 * Instantiates the kernels synchronously if the platform allows it (Node, workers; a browser's main thread may
 * refuse synchronous compilation, and then an asynchronous one starts). Returns whether they are ready.
 */
export function initWasmSync(): boolean {
	if (exports_) return true;
	if (triedSync) return false;
	triedSync = true;
	const picked = pickBytes();
	if (!picked) {
		reason = 'this platform has no WebAssembly SIMD';
		return false;
	}
	try {
		adopt(new WebAssembly.Module(picked.bytes), picked.variant);
		return true;
	} catch {
		void initWasm();
		return false;
	}
}

/**
 * Compiles and instantiates the WASM SIMD kernels asynchronously; resolves true when float32 ops on the CPU
 * use them, false where WebAssembly SIMD is missing (the TypeScript kernels run).
 *
 * ```ts
 * if (!(await initWasm())) console.warn(wasmInfo().reason); // e.g. 'this platform has no WebAssembly SIMD'
 * ```
 */
export function initWasm(): Promise<boolean> {
	if (exports_) return Promise.resolve(true);
	if (!pending) {
		reason = 'compiling';
		pending = (async () => {
			const picked = pickBytes();
			if (!picked) {
				reason = 'this platform has no WebAssembly SIMD';
				return false;
			}
			try {
				adopt(await WebAssembly.compile(picked.bytes), picked.variant);
				return true;
			} catch (error) {
				reason = `WebAssembly failed: ${(error as Error).message}`;
				return false;
			}
		})();
	}
	return pending;
}

/**
 * Switches the WASM kernels on or off for float32 CPU ops (on by default); off, every op runs its TypeScript
 * kernel. Useful to compare the two paths.
 *
 * ```ts
 * useWasm(false); // time the plain TypeScript kernels
 * useWasm(true);
 * ```
 */
export function useWasm(on: boolean): void {
	enabled = on;
}

/**
 * The state of the WASM kernels.
 *
 * ```ts
 * wasmInfo(); // { ready: true, enabled: true, variant: 'relaxed-simd', reason: null, memoryBytes: 131072 }
 * ```
 */
export function wasmInfo(): WasmInfo {
	return { ready: exports_ !== null, enabled, variant, reason, memoryBytes: exports_?.memory.buffer.byteLength ?? 0 };
}

/** The module, when the kernels should run: enabled and instantiated (trying synchronously the first time). */
export function wasmKernels(): WasmExports | null {
	if (!enabled) return null;
	if (exports_) return exports_;
	return initWasmSync() ? exports_ : null;
}

/**
 * Reserves 16-byte-aligned blocks of the given byte sizes above the module's static data, growing the
 * memory if needed; returns their offsets, or null if that would pass MAX_MEMORY_BYTES. Every call reuses
 * the same arena, so offsets are valid until the next reserve.
 */
export function reserve(wasm: WasmExports, sizes: readonly number[]): number[] | null {
	let at = (wasm.heapBase() + 15) & ~15;
	const offsets = sizes.map((size) => {
		const start = at;
		at += (size + 15) & ~15;
		return start;
	});
	if (at > MAX_MEMORY_BYTES) return null;
	const have = wasm.memory.buffer.byteLength;
	if (at > have) {
		try {
			wasm.memory.grow(Math.ceil((at - have) / PAGE));
		} catch {
			return null;
		}
	}
	return offsets;
}

/** A float32 view of the whole memory (re-made after the memory grows, which replaces its buffer). */
export function heapF32(wasm: WasmExports): Float32Array {
	if (f32View.buffer !== wasm.memory.buffer) f32View = new Float32Array(wasm.memory.buffer);
	return f32View;
}

export function heapI32(wasm: WasmExports): Int32Array {
	if (i32View.buffer !== wasm.memory.buffer) i32View = new Int32Array(wasm.memory.buffer);
	return i32View;
}

/** Copies float32 numbers into the memory at byte offset `at`. */
export function copyIn(wasm: WasmExports, at: number, data: Float32Array): void {
	heapF32(wasm).set(data, at >> 2);
}

/** Copies `dst.length` float32 numbers out of the memory from byte offset `at`. */
export function copyOut(wasm: WasmExports, at: number, dst: Float32Array): void {
	const heap = heapF32(wasm);
	dst.set(heap.subarray(at >> 2, (at >> 2) + dst.length));
}

/** Writes i32 parameters (shapes, strides) at byte offset `at`. */
export function writeI32(wasm: WasmExports, at: number, values: readonly number[]): void {
	heapI32(wasm).set(values, at >> 2);
}
