/**
 * The contract between ops and the WebGPU backend. An op's `webgpu` field is a `WebGpuKernel`: given the
 * operands' shapes and dtypes and the op's attrs, it plans one or more compute passes (WGSL source, a cache key,
 * uniform values and a dispatch size). The backend runs whatever plan it is handed: it never imports ops, and
 * ops import only this neutral module, never the backend.
 *
 * Bindings, in group 0 and in this order: the pass's `bindings` (inputs `var<storage, read>`, `out` and
 * scratch buffers `var<storage, read_write>`), then the uniform struct `u` when the pass has `uniforms`, then
 * the error flag when it has `check`. `declareBindings` writes those declarations so they cannot drift.
 */
import type { DType } from '../../dtype';
import type { Shape } from '../../shape';

/** Shape and dtype of one operand as a kernel plan sees it (contiguous, row-major). */
export interface GpuOperand {
	readonly shape: Shape;
	readonly dtype: DType;
}

/** Kernel variants the backend picks by adapter (and tests can force). */
export interface WebGpuKernelOptions {
	/** 'blocked': barrier-free 4×4 register blocks (software adapters); 'tiled': workgroup-memory tiles (GPUs). */
	readonly matmul: 'blocked' | 'tiled';
	/**
	 * conv2d and its gradients: 'direct' (barrier-free blocks of 4 channels × 4 positions, for software adapters) or
	 * 'tiled' (implicit matrix products in workgroup memory, for GPUs); absent: 'tiled' when matmul is 'tiled'.
	 */
	readonly conv?: 'direct' | 'tiled';
}

export interface WebGpuContext<A> {
	readonly name: string;
	readonly inputs: readonly GpuOperand[];
	readonly out: GpuOperand;
	readonly attrs: A;
	readonly options: WebGpuKernelOptions;
}

/** An input by position, the output, or a scratch buffer of the plan. */
export type BindingRef = number | 'out' | { readonly scratch: number };

export interface WebGpuPass {
	/** Pipeline cache key: everything the source depends on (op, dtypes, shape class), never the sizes. */
	readonly key: string;
	/** WGSL source; called only when the key is not cached yet. */
	readonly source: () => string;
	readonly bindings: readonly BindingRef[];
	/** Uniform words (u32; write f32 through `UniformWriter`), bound after the storage buffers. */
	readonly uniforms?: Uint32Array;
	/** Workgroups in x, y, z; a pass with 0 in any is skipped. */
	readonly workgroups: readonly [number, number, number];
	/**
	 * Data-dependent checks (an index out of range): the shader calls `report(a, b)` and the next
	 * `await t.data()` rejects with `check([a, b])`, as a CUDA device-side assert surfaces at the next sync.
	 */
	readonly check?: (words: readonly [number, number]) => string;
}

export interface WebGpuPlan {
	readonly passes: readonly WebGpuPass[];
	/** Temporary buffers (in elements) that passes share; freed when the plan is encoded. */
	readonly scratch?: readonly { readonly dtype: DType; readonly size: number }[];
}

export interface WebGpuKernel<A> {
	readonly kind: 'webgpu-kernel';
	readonly plan: (ctx: WebGpuContext<A>) => WebGpuPlan;
}

/** Defines a kernel; the tag lets the backend tell a real kernel from an old placeholder descriptor. */
export function webgpuKernel<A>(plan: (ctx: WebGpuContext<A>) => WebGpuPlan): WebGpuKernel<A> {
	return { kind: 'webgpu-kernel', plan };
}

export function isWebGpuKernel(value: unknown): value is WebGpuKernel<unknown> {
	return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'webgpu-kernel';
}

/** Thrown by kernel plans for inputs the WebGPU backend cannot run (float64, too many dims). */
export class WebGpuUnsupportedError extends Error {
	override name = 'WebGpuUnsupportedError';
}

/** Highest rank the shape/stride uniforms hold. */
export const MAX_RANK = 8;
/** Threads per workgroup of the one-thread-per-element kernels. */
export const WORKGROUP = 256;
const MAX_GROUPS = 65535;

/** WGSL scalar type of a stored dtype. */
export function wgslType(dtype: DType, op: string): 'f32' | 'i32' {
	if (dtype === 'float32') return 'f32';
	if (dtype === 'int32') return 'i32';
	throw new WebGpuUnsupportedError(
		`${op}: float64 is not supported on 'webgpu' (WGSL has no 64-bit floats); use float32 there, ` +
			`or compute in float64 on the CPU (await toDeviceAsync(t, 'cpu'), then .to('float64'))`,
	);
}

/** Checks that a shape fits the rank uniforms. */
export function checkRank(op: string, shape: Shape): void {
	if (shape.length > MAX_RANK) {
		throw new WebGpuUnsupportedError(
			`${op}: tensors of rank ${shape.length} are not supported on 'webgpu' (at most ${MAX_RANK} dims); reshape to fewer dims`,
		);
	}
}

/** A dispatch of `groups` workgroups spread over x and y (each is limited to 65535). */
export function grid(groups: number, z = 1): [number, number, number] {
	if (groups === 0 || z === 0) return [0, 0, 0];
	const x = Math.min(groups, MAX_GROUPS);
	return [x, Math.ceil(groups / x), z];
}

/** The linear workgroup index inside a `grid` dispatch (WGSL expression; needs `wid` and `nwg`). */
export const GROUP_INDEX = '(wid.y * nwg.x + wid.x)';

/** The standard entry point header of a one-thread-per-element kernel; `i` is the element index. */
export function entryPoint(size = WORKGROUP): string {
	return `@compute @workgroup_size(${size})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = ${GROUP_INDEX} * ${size}u + lid.x;`;
}

export interface BindingDecl {
	readonly name: string;
	/** 'read' for inputs, 'write' for out and scratch. */
	readonly access: 'read' | 'write';
	/** Element type, e.g. 'f32', 'i32', 'vec4<f32>'. */
	readonly elem: string;
}

/**
 * WGSL declarations of a pass's bindings in backend order: storage buffers, then `u: <uniformStruct>`,
 * then the error flag with its `report(a, b)` helper.
 */
export function declareBindings(buffers: readonly BindingDecl[], uniformStruct?: string, check = false): string {
	const lines = buffers.map(
		(b, k) => `@group(0) @binding(${k}) var<storage, ${b.access === 'read' ? 'read' : 'read_write'}> ${b.name}: array<${b.elem}>;`,
	);
	let next = buffers.length;
	if (uniformStruct) lines.push(`@group(0) @binding(${next++}) var<uniform> u: ${uniformStruct};`);
	if (check) {
		lines.push(`@group(0) @binding(${next++}) var<storage, read_write> flag: array<atomic<u32>, 4>;`);
		lines.push(`fn report(a: u32, b: u32) {
  if (atomicAdd(&flag[0], 1u) == 0u) { atomicStore(&flag[1], a); atomicStore(&flag[2], b); }
}`);
	}
	return lines.join('\n');
}

/**
 * Builds a uniform block word by word. Shapes and strides go in `vec4<u32>` arrays (uniform arrays need a
 * 16-byte stride): `shape(d)` in WGSL reads `u.shape[d / 4u][d % 4u]`.
 */
export class UniformWriter {
	private readonly words: number[] = [];
	private readonly floats = new Float32Array(1);
	private readonly floatBits = new Uint32Array(this.floats.buffer);

	u32(...values: number[]): this {
		for (const v of values) this.words.push(v >>> 0);
		return this;
	}
	i32(...values: number[]): this {
		for (const v of values) this.words.push(v | 0);
		return this;
	}
	f32(...values: number[]): this {
		for (const v of values) {
			this.floats[0] = v;
			this.words.push(this.floatBits[0]);
		}
		return this;
	}
	/** Pads to a 16-byte boundary (the start of a vec4 or of an array in a uniform struct). */
	align(): this {
		while (this.words.length % 4 !== 0) this.words.push(0);
		return this;
	}
	/** `MAX_RANK` u32 values (zero padded) as `array<vec4<u32>, MAX_RANK / 4>`; negative values wrap. */
	dims(values: readonly number[]): this {
		this.align();
		for (let d = 0; d < MAX_RANK; d++) this.words.push((values[d] ?? 0) >>> 0);
		return this;
	}
	build(): Uint32Array {
		this.align();
		return Uint32Array.from(this.words, (w) => w >>> 0);
	}
}

/** The WGSL type of a `dims` field. */
export const DIMS = `array<vec4<u32>, ${MAX_RANK / 4}>`;

/** WGSL expression reading entry `d` (a u32 expression) of a `dims` field such as `u.shape`. */
export function dimAt(field: string, d: string): string {
	return `${field}[(${d}) / 4u][(${d}) % 4u]`;
}
