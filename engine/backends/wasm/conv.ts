/**
 * WASM kernels of conv2d and its two gradients (float32): im2col + SIMD sgemm per image and group, as the
 * TypeScript reference in engine/ops/conv2d/conv2d-cpu.ts. Each returns false when it does not apply.
 */
import type { CpuArg } from '../backend';
import { copyIn, copyOut, reserve, wasmKernels, writeI32, type WasmExports } from './runtime';

/** The attributes the three conv kernels share (engine/ops/conv2d's ConvAttrs). */
interface ConvAttrs {
	stride: readonly [number, number];
	padding: readonly [number, number, number, number];
	dilation: readonly [number, number];
	groups: number;
}

type Call = (wasm: WasmExports, meta: number, p0: number, p1: number, out: number, col: number, work: number) => void;

/**
 * Runs one conv kernel: `image` is [N, Cin, H, W], `weight` [Cout, cinG, kH, kW], `outHW` the output positions
 * (dy's when it is a gradient); `first`, `second` are the two inputs in the kernel's order.
 */
function runConv(
	first: CpuArg, second: CpuArg, out: CpuArg,
	image: readonly number[], weight: readonly number[], outHW: readonly number[], a: ConvAttrs, call: Call,
): boolean {
	if (!(first.data instanceof Float32Array && second.data instanceof Float32Array && out.data instanceof Float32Array)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	if (out.data.length === 0) return true;
	const [N, Cin, H, W] = image;
	const [Cout, cinG, kH, kW] = weight;
	const [Ho, Wo] = outHW;
	const K = cinG * kH * kW;
	const P = Ho * Wo;
	const meta = [N, Cin, H, W, Cout, cinG, kH, kW, Ho, Wo, a.groups, a.stride[0], a.stride[1], a.padding[0], a.padding[2], a.dilation[0], a.dilation[1]];
	const at = reserve(wasm, [
		meta.length * 4, first.data.length * 4, second.data.length * 4, out.data.length * 4, K * P * 4, wasm.gemmWorkBytes(Math.max(P, K)),
	]);
	if (!at) return false;
	const [pm, p0, p1, po, col, work] = at;
	writeI32(wasm, pm, meta);
	copyIn(wasm, p0, first.data);
	copyIn(wasm, p1, second.data);
	call(wasm, pm, p0, p1, po, col, work);
	copyOut(wasm, po, out.data);
	return true;
}

/** out [N, Cout, Ho, Wo] = conv2d(x, w). */
export function conv2dWasm([x, w]: CpuArg[], out: CpuArg, a: ConvAttrs): boolean {
	return runConv(x, w, out, x.shape, w.shape, out.shape.slice(2), a, (m, ...args) => m.conv2dForward(...args));
}

/** dx [N, Cin, H, W] from dy and w. */
export function conv2dBackwardInputWasm([dy, w]: CpuArg[], out: CpuArg, a: ConvAttrs): boolean {
	return runConv(dy, w, out, out.shape, w.shape, dy.shape.slice(2), a, (m, ...args) => m.conv2dBackwardInput(...args));
}

/** dw [Cout, cinG, kH, kW] from x and dy. */
export function conv2dBackwardWeightWasm([x, dy]: CpuArg[], out: CpuArg, a: ConvAttrs): boolean {
	return runConv(x, dy, out, x.shape, out.shape, dy.shape.slice(2), a, (m, ...args) => m.conv2dBackwardWeight(...args));
}
