import { defineOp } from '../../define-op';
import { elementwiseKernel } from '../../kernels/webgpu/elementwise';
import type { Device } from '../../backends/backend';
import { getBackend } from '../../backends/registry';
import type { DType } from '../../dtype';
import { Tensor } from '../../tensor';
import { recordNode } from '../../define-op';
import { isGradEnabled } from '../../autograd';

const castOp = defineOp<{ dtype: DType }>({
	name: 'cast',
	inputs: ['x'],
	promote: false,
	shape: ([x]) => [...x],
	dtype: (_d, { dtype }) => dtype,
	cpu: ([x], out) => {
		// Int32Array.set truncates toward zero, as a float-to-int cast does
		out.data.set(x.data);
	},
	// float to int32 truncates as the CPU's Int32Array does (f32_to_i32 in math.wgsl); int32 to float32 rounds
	webgpu: elementwiseKernel({ name: 'cast', names: ['x'], expr: 'x' }),
	backward: ({ inputs: [x] }, dy) => [dy.to(x.dtype)],
	onnx: { opType: 'Cast' },
});

/** Converts to another dtype; the same tensor when it already has it. */
export function cast(x: Tensor, dtype: DType): Tensor {
	if (dtype === 'float64' && x.device === 'webgpu' && x.dtype !== dtype) {
		throw new TypeError(
			`to('float64'): float64 is CPU-only and this tensor is on 'webgpu' (WGSL has no 64-bit floats); ` +
				`move it to the CPU first: (await toDeviceAsync(t, 'cpu')).to('float64'), or stay in float32 on 'webgpu'`,
		);
	}
	return x.dtype === dtype ? x : castOp([x], { dtype });
}

/** A copy with its own storage (`clone`). */
export const copy = defineOp({
	name: 'copy',
	inputs: ['x'],
	shape: ([x]) => [...x],
	dtype: ([d]) => d,
	cpu: ([x], out) => out.data.set(x.data),
	webgpu: elementwiseKernel({ name: 'copy', names: ['x'], expr: 'x', exprInt: 'x' }),
	backward: (_ctx, dy) => [dy],
	onnx: { opType: 'Identity' },
});

/** Moves a tensor to another device (a copy); the same tensor when it is already there. */
export function toDevice(x: Tensor, device: Device): Tensor {
	if (x.device === device) return x;
	const from = x.storage.backend;
	if (!from.readSync) {
		throw new Error(`to('${device}'): reading from '${x.device}' is asynchronous; use await toDeviceAsync(t, '${device}')`);
	}
	const out = new Tensor(getBackend(device).upload(x.dtype, from.readSync(x.storage)), x.shape, x.dtype);
	if (x.requiresGrad && isGradEnabled()) {
		recordNode(out, 'to', [x], [true], (dy) => [toDevice(dy, x.device)], []);
	}
	return out;
}

/** Moves a tensor to another device, waiting for a GPU readback where needed. */
export async function toDeviceAsync(x: Tensor, device: Device): Promise<Tensor> {
	if (x.device === device) return x;
	const data = await x.data();
	return new Tensor(getBackend(device).upload(x.dtype, data), x.shape, x.dtype);
}
