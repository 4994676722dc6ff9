import { isGradEnabled, type GradNode } from './autograd';
import type { CpuKernel, OpKernels, WasmKernel } from './backends/backend';
import { getBackend, getDefaultDevice } from './backends/registry';
import { isFloat, promoteTypes, type DType } from './dtype';
import { formatShape, sizeOf, type Shape } from './shape';
import { Tensor } from './tensor';

export type TensorLike = Tensor | number;

export interface BackwardContext<A> {
	/** The op's inputs after dtype promotion, in the order of `inputs`. */
	readonly inputs: readonly Tensor[];
	readonly out: Tensor;
	readonly attrs: A;
}

/** How an op is exported to ONNX; filled in by the ONNX exporter's issue. */
export interface OnnxMapping<A> {
	readonly opType: string;
	readonly attributes?: (attrs: A) => Record<string, unknown>;
}

/**
 * Everything about one primitive op, in one place: shape rule, kernels, gradient, export.
 * `backward` is written with engine ops, so it runs on every backend with no backward kernel.
 */
export interface OpSpec<A> {
	readonly name: string;
	/** Input names, used in error messages. */
	readonly inputs: readonly string[];
	/** Output shape; throws an error that names the op, the shapes and what would fit. */
	readonly shape: (shapes: Shape[], attrs: A) => number[];
	/** Output dtype from the (promoted) input dtypes; default: the promoted float dtype. */
	readonly dtype?: (dtypes: DType[], attrs: A) => DType;
	/** Inputs (by name) that hold integer indices: kept as int32 and never differentiated. */
	readonly indexInputs?: readonly string[];
	/** When false, inputs must already share a dtype (matmul, conv) instead of being promoted. */
	readonly promote?: boolean;
	readonly cpu: CpuKernel<A>;
	/** Optional float32 WASM SIMD kernel the CPU backend tries first (it must agree with `cpu` within float32 rounding). */
	readonly wasm?: WasmKernel<A>;
	readonly webgpu?: unknown;
	readonly backward?: (ctx: BackwardContext<A>, dy: Tensor) => readonly (Tensor | null | undefined)[];
	readonly onnx?: OnnxMapping<A>;
}

export interface Op<A> {
	(inputs: readonly TensorLike[], attrs: A): Tensor;
	readonly spec: OpSpec<A>;
}

/** Defines a primitive op: see `engine/ops/relu` for the shape of a typical one. */
export function defineOp<A = Record<string, never>>(spec: OpSpec<A>): Op<A> {
	const kernels: OpKernels<A> = { name: spec.name, cpu: spec.cpu, wasm: spec.wasm, webgpu: spec.webgpu };
	const indexSlots = new Set((spec.indexInputs ?? []).map((n) => spec.inputs.indexOf(n)));
	const op = (rawInputs: readonly TensorLike[], attrs: A): Tensor => {
		if (rawInputs.length !== spec.inputs.length) {
			throw new TypeError(`${spec.name}: expected ${spec.inputs.length} inputs (${spec.inputs.join(', ')}), got ${rawInputs.length}`);
		}
		const inputs = prepareInputs(spec, rawInputs, indexSlots);
		const shapes = inputs.map((t) => t.shape);
		const shape = spec.shape(shapes, attrs);
		const dtypes = inputs.map((t) => t.dtype);
		const floatDtype = dtypes.filter((_, i) => !indexSlots.has(i))[0] ?? 'float32';
		const outDtype = spec.dtype ? spec.dtype(dtypes, attrs) : floatDtype;
		const backend = getBackend(inputs[0]?.device ?? getDefaultDevice());
		const storage = backend.alloc(outDtype, sizeOf(shape));
		backend.run(
			kernels,
			inputs.map((t) => ({ storage: t.storage, shape: t.shape })),
			{ storage, shape },
			attrs,
		);
		const out = new Tensor(storage, shape, outDtype);
		// an integer output (a cast to int32) is not differentiable, as in PyTorch
		if (spec.backward && isGradEnabled() && isFloat(outDtype)) {
			const needsGrad = inputs.map((t, i) => t.requiresGrad && !indexSlots.has(i) && isFloat(t.dtype));
			if (needsGrad.some(Boolean)) {
				const backward = spec.backward;
				recordNode(out, spec.name, inputs, needsGrad, (dy) => backward({ inputs, out, attrs }, dy), [...inputs, out]);
			}
		}
		return out;
	};
	return Object.assign(op, { spec });
}

/** Attaches a tape entry to `out` (for ops that are not kernels, such as views). */
export function recordNode(
	out: Tensor,
	name: string,
	inputs: readonly Tensor[],
	needsGrad: readonly boolean[],
	backward: (dy: Tensor) => readonly (Tensor | null | undefined)[],
	saved: readonly Tensor[],
): void {
	const node: GradNode = {
		name,
		inputs,
		needsGrad,
		backward,
		saved: saved.map((tensor) => ({ tensor, version: tensor.storageVersion })),
		released: false,
	};
	out.setGradFn(node);
}

function prepareInputs<A>(spec: OpSpec<A>, raw: readonly TensorLike[], indexSlots: Set<number>): Tensor[] {
	const tensors = raw.filter((x): x is Tensor => x instanceof Tensor);
	// checked first, so using a disposed tensor names this op (reading .device would name no op)
	for (const x of tensors) x.assertAlive(spec.name);
	const device = tensors[0]?.device ?? getDefaultDevice();
	for (let i = 0; i < raw.length; i++) {
		const x = raw[i];
		if (x instanceof Tensor) {
			if (x.device !== device) {
				throw new Error(
					`${spec.name}: expected all tensors on one device, got '${device}' (${spec.inputs[raw.indexOf(tensors[0])]}) ` +
						`and '${x.device}' (${spec.inputs[i]}); move one with .to('${device}')`,
				);
			}
		} else if (typeof x !== 'number') {
			throw new TypeError(`${spec.name}: input '${spec.inputs[i]}' must be a Tensor or a number, got ${describe(x)}`);
		}
	}
	const floats = raw.flatMap((x, i) => (x instanceof Tensor && !indexSlots.has(i) ? [x.dtype] : []));
	let common: DType = floats.length > 0 ? floats.reduce(promoteTypes) : 'float32';
	if (common === 'int32' && raw.some((x, i) => typeof x === 'number' && !indexSlots.has(i) && !Number.isInteger(x))) {
		common = 'float32';
	}
	return raw.map((x, i) => {
		if (indexSlots.has(i)) {
			const t = x instanceof Tensor ? x : Tensor.scalar(x, 'int32', device);
			return t.dtype === 'int32' ? t : t.to('int32');
		}
		if (!(x instanceof Tensor)) return Tensor.scalar(x, common, device);
		if (x.dtype === common) return x;
		if (spec.promote === false) {
			throw new TypeError(
				`${spec.name}: expected ${spec.inputs.join(' and ')} to have the same dtype, got ${tensors
					.map((t) => t.dtype)
					.join(' and ')}; convert one with .to('${common}')`,
			);
		}
		return x.to(common);
	});
}

function describe(x: unknown): string {
	if (Array.isArray(x)) return 'an array (wrap it with tensor(...))';
	return x === null ? 'null' : typeof x;
}

/** Checks that a shape rule's inputs have the expected rank, naming the op and the input. */
export function expectRank(op: string, input: string, shape: Shape, ranks: number | readonly number[]): void {
	const allowed = typeof ranks === 'number' ? [ranks] : ranks;
	if (!allowed.includes(shape.length)) {
		throw new RangeError(
			`${op}: expected ${input} to be ${allowed.map((r) => `${r}-D`).join(' or ')}, got shape ${formatShape(shape)}`,
		);
	}
}
