import { isGradEnabled } from '../../autograd';
import { defineOp } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import { formatShape, shapesEqual } from '../../shape';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../expand/expand';
import { getBackend } from '../../backends/registry';
import { allocTyped, type DType } from '../../dtype';
import { Tensor as TensorClass } from '../../tensor';

const copyKernel = defineOp({
	name: 'assign',
	inputs: ['src'],
	shape: ([s]) => [...s],
	cpu: ([src], out) => out.data.set(src.data),
	webgpu: elementwiseKernel({ name: 'assign', names: ['x'], expr: 'x', exprInt: 'x' }),
}).spec;

/**
 * Writes `src` (broadcast and cast to `dst`) into `dst`'s storage and bumps its version, so autograd can
 * refuse a backward that needs the old values. Used by `copy_`, `add_`, optimizers and initialisers.
 */
export function assignInPlace(dst: Tensor, src: Tensor, op: string): void {
	if (isGradEnabled() && dst.requiresGrad && dst.isLeaf) {
		throw new Error(
			`${op}: a leaf tensor that requires grad can't be changed in place while gradients are recorded; ` +
				`wrap the update in noGrad(() => ...) (optimizers do this)`,
		);
	}
	// A reshape shares its input's storage, so writing into a reshape of such a leaf would change the leaf too.
	let base = dst;
	while (base.gradFn?.name === 'reshape') base = base.gradFn.inputs[0];
	if (isGradEnabled() && base !== dst && base.requiresGrad && base.isLeaf) {
		throw new Error(
			`${op}: this tensor is a view (reshape) of a leaf that requires grad, so it can't be changed in place ` +
				`while gradients are recorded; wrap the update in noGrad(() => ...) or clone() it first`,
		);
	}
	if (dst.copiedFrom) {
		throw new Error(
			`${op}: this tensor is a copy made by ${dst.copiedFrom}(), not a view as in PyTorch, so changing it in place ` +
				`would not change the tensor it came from. Compute the new values and write the whole tensor ` +
				`(e.g. x.copy_(cat([...]))), or build the result out of place.`,
		);
	}
	if (src.device !== dst.device) {
		throw new Error(`${op}: source is on '${src.device}' but the destination is on '${dst.device}'; move one with .to()`);
	}
	let value = src;
	if (!shapesEqual(value.shape, dst.shape)) {
		try {
			value = broadcastTo(value, dst.shape);
		} catch {
			throw new RangeError(`${op}: cannot write a tensor of shape ${formatShape(src.shape)} into one of shape ${formatShape(dst.shape)}`);
		}
	}
	if (value.dtype !== dst.dtype) value = value.to(dst.dtype);
	const storage = dst.storage;
	storage.backend.run(
		{ name: copyKernel.name, cpu: copyKernel.cpu, webgpu: copyKernel.webgpu },
		[{ storage: value.storage, shape: value.shape }],
		{ storage, shape: dst.shape },
		{},
	);
	storage.version++;
}

/** A new tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, dtype: DType, device: Tensor['device']): Tensor {
	const size = shape.reduce((a, b) => a * b, 1);
	const data = allocTyped(dtype, size);
	if (value !== 0) data.fill(value);
	return new TensorClass(getBackend(device).upload(dtype, data), shape, dtype);
}
