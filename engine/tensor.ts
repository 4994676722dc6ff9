import { runBackward, type BackwardOptions, type GradNode } from './autograd';
import type { Device, Storage } from './backends/backend';
import { getBackend, getDefaultDevice, assertDevice } from './backends/registry';
import { assertDType, isFloat, typedFrom, type DType, type TypedArray } from './dtype';
import { formatTensor, toNested, type NestedArray } from './format';
import { keep, trackTensor, untrackTensor } from './memory';
import * as ops from './ops/index';
import * as fn from './functional/tensor-methods';
import { formatShape, normalizeDim, sizeOf, type Shape } from './shape';

type Dims = number | readonly number[];
type Operand = Tensor | number;

/**
 * An n-dimensional array on a device, with autograd. The class holds state and thin methods; every method
 * calls an op in `ops/` or a composite in `functional/`, so there is one place where each computation lives.
 */
export class Tensor {
	readonly isTensor = true;
	readonly shape: readonly number[];
	readonly dtype: DType;
	private _grad: Tensor | null = null;
	/** The gradient in `_grad` was made by backward(): kept out of `tidy`, freed when replaced or cleared. */
	private ownsGrad = false;
	/**
	 * Set when an op that makes a view in PyTorch (permute, transpose, slice, narrow, expand, split) made a copy
	 * here: writing into it in place could not change the original, so in-place ops refuse it.
	 */
	copiedFrom: string | null = null;
	/** True inside `keep`: not disposed by `tidy`. */
	isKept = false;
	retainsGrad = false;
	private _storage: Storage | null;
	private _requiresGrad = false;
	private _gradFn: GradNode | null = null;

	/** Internal: use `tensor()`, `zeros()` and friends to make tensors. */
	constructor(storage: Storage, shape: Shape, dtype: DType) {
		this._storage = storage;
		this.shape = Object.freeze([...shape]);
		this.dtype = dtype;
		storage.refs++;
		trackTensor(this);
	}

	static scalar(value: number, dtype: DType, device: Device): Tensor {
		const backend = getBackend(device);
		return new Tensor(backend.upload(dtype, typedFrom(dtype, [value])), [], dtype);
	}

	// ---- state -------------------------------------------------------------------------------------------

	get storage(): Storage {
		return this.assertAlive('tensor');
	}
	get device(): Device {
		return this.storage.backend.name;
	}
	get storageVersion(): number {
		return this.storage.version;
	}
	get gradFn(): GradNode | null {
		return this._gradFn;
	}
	/** A leaf was made by the user (not by an op that recorded a gradient). */
	get isLeaf(): boolean {
		return this._gradFn === null;
	}
	get requiresGrad(): boolean {
		return this._requiresGrad;
	}
	set requiresGrad(value: boolean) {
		if (!value && this._gradFn) {
			throw new Error('requiresGrad: can only change it on leaf tensors; use .detach() to cut a tensor from the graph');
		}
		if (value && !isFloat(this.dtype)) {
			throw new TypeError(`requiresGrad: only float tensors can require gradients, this one is ${this.dtype}`);
		}
		this._requiresGrad = value;
	}
	/**
	 * Accumulated gradient, set by `backward()` on leaves that require grad (and on `retainGrad()` tensors).
	 * A gradient made by backward survives `tidy` and is freed when it is replaced or cleared (`p.grad = null`,
	 * `zeroGrad()`), so GPU memory does not leak across training steps; `clone()` it to keep a copy.
	 */
	get grad(): Tensor | null {
		return this._grad;
	}
	set grad(value: Tensor | null) {
		const old = this._grad;
		if (old && old !== value && this.ownsGrad) old.dispose();
		this._grad = value;
		this.ownsGrad = false;
	}
	/** Internal (autograd): installs a gradient that this tensor owns (see `grad`). */
	setOwnedGrad(g: Tensor): void {
		this.grad = keep(g);
		this.ownsGrad = true;
	}
	get ndim(): number {
		return this.shape.length;
	}
	get isDisposed(): boolean {
		return this._storage === null;
	}
	/** Internal: attaches the tape entry of the op that made this tensor. */
	setGradFn(node: GradNode): void {
		this._gradFn = node;
		this._requiresGrad = true;
	}
	assertAlive(where: string): Storage {
		if (!this._storage) {
			throw new Error(`${where}: this tensor (shape ${formatShape(this.shape)}) was disposed; it can't be used any more`);
		}
		return this._storage;
	}
	dim(): number {
		return this.shape.length;
	}
	numel(): number {
		return sizeOf(this.shape);
	}
	/** `size()` is the shape; `size(d)` the size of one dim (negative dims count from the end). */
	size(): number[];
	size(dim: number): number;
	size(dim?: number): number | number[] {
		if (dim === undefined) return [...this.shape];
		return this.shape[normalizeDim('size', dim, this.ndim)];
	}

	// ---- reading values (async, as a GPU readback is) ------------------------------------------------------

	async data(): Promise<TypedArray> {
		return this.storage.backend.read(this.storage);
	}
	async tolist(): Promise<NestedArray> {
		return toNested(await this.data(), this.shape);
	}
	async item(): Promise<number> {
		if (this.numel() !== 1) {
			throw new RangeError(`item: only a tensor with one element can be read as a number, got shape ${formatShape(this.shape)}`);
		}
		return (await this.data())[0];
	}
	/** Synchronous read, CPU only (the engine's own float64 references and tests use it). */
	dataSync(): TypedArray {
		const backend = this.storage.backend;
		if (!backend.readSync) throw new Error(`dataSync: not available on '${this.device}'; use await t.data()`);
		return backend.readSync(this.storage).slice();
	}
	toString(): string {
		if (this.isDisposed) return `tensor(<disposed>, shape=${formatShape(this.shape)})`;
		if (this.device !== 'cpu') return `tensor(<on ${this.device}>, shape=${formatShape(this.shape)}, dtype=${this.dtype})`;
		return formatTensor(this.storage.backend.readSync!(this.storage), this.shape, this.dtype, this.requiresGrad);
	}

	// ---- autograd ------------------------------------------------------------------------------------------

	/** Computes gradients of this tensor with respect to every leaf that requires grad. */
	backward(gradient?: Tensor | null, options: BackwardOptions = {}): void {
		if (!this._requiresGrad) {
			throw new Error(
				'backward: this tensor does not require grad and has no grad_fn; set requiresGrad: true on the ' +
					'inputs you want gradients for (e.g. tensor(data, { requiresGrad: true })) before computing it',
			);
		}
		let seed = gradient ?? null;
		if (!seed) {
			if (this.numel() !== 1) {
				throw new Error(
					`backward: a gradient can be created implicitly only for a scalar output, but this tensor has shape ` +
						`${formatShape(this.shape)}; reduce it first (e.g. loss.mean()) or pass a gradient of that shape`,
				);
			}
			seed = ops.full(this.shape, 1, this.dtype, this.device);
		} else if (formatShape(seed.shape) !== formatShape(this.shape)) {
			throw new RangeError(`backward: gradient has shape ${formatShape(seed.shape)} but the tensor has shape ${formatShape(this.shape)}`);
		}
		runBackward(this, seed, options);
	}
	/** Keeps `.grad` on this non-leaf tensor after backward. */
	retainGrad(): this {
		this.retainsGrad = true;
		return this;
	}
	/** The same values, cut from the graph (shares storage). */
	detach(): Tensor {
		return new Tensor(this.storage, this.shape, this.dtype);
	}
	requiresGrad_(value = true): this {
		this.requiresGrad = value;
		return this;
	}

	// ---- conversion and memory -----------------------------------------------------------------------------

	/** Moves to a device or converts to a dtype (a new tensor, differentiable). */
	to(target: Device | DType): Tensor {
		if (target === 'cpu' || target === 'webgpu') return ops.toDevice(this, assertDevice(target, 'to'));
		return ops.cast(this, assertDType(target, 'to'));
	}
	cpu(): Tensor {
		return this.to('cpu');
	}
	float(): Tensor {
		return this.to('float32');
	}
	double(): Tensor {
		return this.to('float64');
	}
	clone(): Tensor {
		return ops.copy([this], {});
	}
	contiguous(): Tensor {
		return this;
	}
	/** Frees this tensor's memory now (its storage is freed once no view uses it). */
	dispose(): void {
		const storage = this._storage;
		if (!storage) return;
		this._storage = null;
		this._gradFn = null;
		if (this.ownsGrad) this.grad = null;
		untrackTensor();
		if (--storage.refs === 0) storage.backend.release(storage);
	}

	// ---- in-place updates (optimizers, initialisers); they bump the storage version ---------------------------

	copy_(src: Tensor): this {
		ops.assignInPlace(this, src, 'copy_');
		return this;
	}
	add_(other: Operand, alpha = 1): this {
		return this.assign(this.detach().add(alpha === 1 ? other : fn.scaled(other, alpha)), 'add_');
	}
	sub_(other: Operand, alpha = 1): this {
		return this.assign(this.detach().sub(alpha === 1 ? other : fn.scaled(other, alpha)), 'sub_');
	}
	mul_(other: Operand): this {
		return this.assign(this.detach().mul(other), 'mul_');
	}
	div_(other: Operand): this {
		return this.assign(this.detach().div(other), 'div_');
	}
	fill_(value: number): this {
		return this.assign(ops.full(this.shape, value, this.dtype, this.device), 'fill_');
	}
	/** Writes `src` into this tensor's storage; errors name `op` (the method the learner called). */
	private assign(src: Tensor, op: string): this {
		ops.assignInPlace(this, src, op);
		return this;
	}
	zero_(): this {
		return this.fill_(0);
	}

	// ---- arithmetic (broadcasting) ---------------------------------------------------------------------------

	add(other: Operand, alpha = 1): Tensor {
		return ops.add(this, alpha === 1 ? other : fn.scaled(other, alpha));
	}
	sub(other: Operand, alpha = 1): Tensor {
		return ops.sub(this, alpha === 1 ? other : fn.scaled(other, alpha));
	}
	mul(other: Operand): Tensor {
		return ops.mul(this, other);
	}
	div(other: Operand): Tensor {
		return ops.div(this, other);
	}
	pow(exponent: Operand): Tensor {
		return ops.pow(this, exponent);
	}
	maximum(other: Operand): Tensor {
		return ops.maximum(this, other);
	}
	minimum(other: Operand): Tensor {
		return ops.minimum(this, other);
	}
	neg(): Tensor {
		return ops.neg(this);
	}
	exp(): Tensor {
		return ops.exp(this);
	}
	log(): Tensor {
		return ops.log(this);
	}
	log1p(): Tensor {
		return ops.log1p(this);
	}
	expm1(): Tensor {
		return ops.expm1(this);
	}
	sqrt(): Tensor {
		return ops.sqrt(this);
	}
	rsqrt(): Tensor {
		return ops.sqrt(this).reciprocal();
	}
	reciprocal(): Tensor {
		return ops.div(1, this);
	}
	square(): Tensor {
		return ops.mul(this, this);
	}
	abs(): Tensor {
		return ops.abs(this);
	}
	sign(): Tensor {
		return ops.sign(this);
	}
	sin(): Tensor {
		return ops.sin(this);
	}
	cos(): Tensor {
		return ops.cos(this);
	}
	tanh(): Tensor {
		return ops.tanh(this);
	}
	sigmoid(): Tensor {
		return ops.sigmoid(this);
	}
	relu(): Tensor {
		return ops.relu(this);
	}
	erf(): Tensor {
		return ops.erf(this);
	}
	floor(): Tensor {
		return ops.floor(this);
	}
	clamp(min?: number | null, max?: number | null): Tensor {
		return fn.clamp(this, min, max);
	}
	gt(other: Operand): Tensor {
		return ops.gt(this, other);
	}
	ge(other: Operand): Tensor {
		return ops.ge(this, other);
	}
	lt(other: Operand): Tensor {
		return ops.lt(this, other);
	}
	le(other: Operand): Tensor {
		return ops.le(this, other);
	}
	eq(other: Operand): Tensor {
		return ops.eq(this, other);
	}
	ne(other: Operand): Tensor {
		return ops.ne(this, other);
	}
	/** `x.where(cond, y)`: x where cond is non-zero, else y (PyTorch's Tensor.where). */
	where(condition: Tensor, other: Operand): Tensor {
		return ops.where(condition, this, other);
	}

	// ---- linear algebra --------------------------------------------------------------------------------------

	matmul(other: Tensor): Tensor {
		return fn.matmul(this, other);
	}
	mm(other: Tensor): Tensor {
		return fn.matmul(this, other);
	}

	// ---- shape -----------------------------------------------------------------------------------------------

	reshape(...shape: number[] | [readonly number[]]): Tensor {
		return ops.reshape(this, flatArgs(shape));
	}
	view(...shape: number[] | [readonly number[]]): Tensor {
		return ops.reshape(this, flatArgs(shape));
	}
	flatten(startDim = 0, endDim = -1): Tensor {
		return fn.flatten(this, startDim, endDim);
	}
	squeeze(dim?: number): Tensor {
		return fn.squeeze(this, dim);
	}
	unsqueeze(dim: number): Tensor {
		return fn.unsqueeze(this, dim);
	}
	permute(...dims: number[] | [readonly number[]]): Tensor {
		return ops.permute(this, flatArgs(dims));
	}
	transpose(dim0: number, dim1: number): Tensor {
		return fn.transpose(this, dim0, dim1);
	}
	/** Transpose of a 2-D tensor (or a no-op on 0-D and 1-D), as `Tensor.t()` in PyTorch. */
	t(): Tensor {
		if (this.ndim > 2) throw new RangeError(`t: expects a tensor with at most 2 dims, got ${formatShape(this.shape)}; use transpose(dim0, dim1)`);
		return this.ndim < 2 ? this : fn.transpose(this, 0, 1);
	}
	get T(): Tensor {
		return ops.permute(this, this.shape.map((_, i) => this.ndim - 1 - i));
	}
	/** Transposes the last two dims. */
	get mT(): Tensor {
		return fn.transpose(this, -2, -1);
	}
	expand(...shape: number[] | [readonly number[]]): Tensor {
		return fn.expand(this, flatArgs(shape));
	}
	expandAs(other: Tensor): Tensor {
		return fn.expand(this, other.shape);
	}
	narrow(dim: number, start: number, length: number): Tensor {
		return fn.narrow(this, dim, start, length);
	}
	/** Elements `start..end-1` (step `step`) along `dim`; negative indices count from the end. */
	slice(dim: number, start?: number, end?: number, step = 1): Tensor {
		return fn.sliceDim(this, dim, start, end, step);
	}
	gather(dim: number, index: Tensor): Tensor {
		return ops.gather(this, dim, index);
	}
	indexSelect(dim: number, index: Tensor): Tensor {
		return ops.indexSelect(this, dim, index);
	}
	split(splitSize: number | readonly number[], dim = 0): Tensor[] {
		return fn.split(this, splitSize, dim);
	}
	chunk(chunks: number, dim = 0): Tensor[] {
		return fn.chunk(this, chunks, dim);
	}

	// ---- reductions ------------------------------------------------------------------------------------------

	sum(dim?: Dims | null, keepdim = false): Tensor {
		return ops.sum(this, dim ?? undefined, keepdim);
	}
	mean(dim?: Dims | null, keepdim = false): Tensor {
		return fn.mean(this, dim ?? undefined, keepdim);
	}
	/** Variance with Bessel's correction by default (`correction = 1`), as PyTorch. */
	var(dim?: Dims | null, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
		return fn.variance(this, dim ?? undefined, options.correction ?? 1, options.keepdim ?? false);
	}
	std(dim?: Dims | null, options: { correction?: number; keepdim?: boolean } = {}): Tensor {
		return this.var(dim, options).sqrt();
	}
	amax(dim?: Dims | null, keepdim = false): Tensor {
		return ops.amax(this, dim ?? undefined, keepdim);
	}
	amin(dim?: Dims | null, keepdim = false): Tensor {
		return ops.amax(this.neg(), dim ?? undefined, keepdim).neg();
	}
	/** `max()` is the largest element; `max(dim)` gives `{ values, indices }` as PyTorch's named tuple. */
	max(): Tensor;
	max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
	max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
		return dim === undefined ? ops.amax(this, undefined, false) : fn.maxAlong(this, dim, keepdim);
	}
	min(): Tensor;
	min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
	min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
		if (dim === undefined) return this.amin();
		const { values, indices } = fn.maxAlong(this.neg(), dim, keepdim);
		return { values: values.neg(), indices };
	}
	argmax(dim?: number, keepdim = false): Tensor {
		return ops.argmax(this, dim, keepdim);
	}
	argmin(dim?: number, keepdim = false): Tensor {
		return ops.argmax(this.neg(), dim, keepdim);
	}
	logsumexp(dim: Dims, keepdim = false): Tensor {
		return fn.logsumexp(this, dim, keepdim);
	}
	softmax(dim: number): Tensor {
		return fn.softmax(this, dim);
	}
	logSoftmax(dim: number): Tensor {
		return fn.logSoftmax(this, dim);
	}
}

function flatArgs(args: number[] | [readonly number[]]): number[] {
	return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

export function isTensor(x: unknown): x is Tensor {
	return x instanceof Tensor;
}

export { keep };
