/**
 * Helpers for tests that run on WebGPU: start the backend once, say why when it can't start (a visible skip,
 * never a silent pass), and run code with 'webgpu' as the default device.
 */
import { expect, it } from 'vitest';
import { getDevicePreference, setDefaultDevice } from '../backends/registry';
import type { Device } from '../backends/backend';
import { initWebgpu, webgpuUnavailableReason, type WebGpuInfo } from '../backends/webgpu/init';
import { tensor } from '../creation';
import type { Tensor } from '../tensor';
import { compareArrays, type Tolerance } from './compare';

/** Tolerance of WebGPU float32 results against the CPU's float32 results (element-wise ops, small sums). */
export const WEBGPU_TOLERANCE = { rtol: 1e-5, atol: 1e-6 } as const;
/** Tolerance for gradients and long chains of ops (each step adds float32 rounding on both sides). */
export const WEBGPU_GRAD_TOLERANCE = { rtol: 1e-4, atol: 1e-5 } as const;

let started: Promise<{ info: WebGpuInfo } | { reason: string }> | null = null;

/** Starts WebGPU once per test file; resolves with a reason to skip when there is no adapter. */
export function startWebgpu(): Promise<{ info: WebGpuInfo } | { reason: string }> {
	started ??= (async () => {
		const reason = await webgpuUnavailableReason();
		if (reason) {
			const note = (globalThis as { __chainruleWebgpuNote?: string }).__chainruleWebgpuNote;
			return { reason: `no WebGPU adapter: ${note ?? reason}` };
		}
		const info = await initWebgpu();
		// tests expect the CPU by default: on a hardware adapter 'auto' would now pick the GPU
		if (getDevicePreference() === 'auto') setDefaultDevice('cpu');
		return { info };
	})();
	return started;
}

/** The reason to skip a WebGPU test, or null when WebGPU is running. */
export async function webgpuSkipReason(): Promise<string | null> {
	const state = await startWebgpu();
	return 'reason' in state ? state.reason : null;
}

/** Runs `fn` with `device` as the default device (so tensors a test makes inside land there too). */
export function onDevice<T>(device: Device, fn: () => T): T {
	const previous = getDevicePreference();
	setDefaultDevice(device);
	try {
		return fn();
	} finally {
		setDefaultDevice(previous);
	}
}

/** A copy of a CPU tensor on `device` (same dtype unless given), detached. */
export function copyTo(x: Tensor, device: Device, dtype = x.dtype): Tensor {
	const source = dtype === x.dtype ? x : x.to(dtype);
	return tensor(source.dataSync(), { shape: source.shape, dtype, device });
}

/**
 * A test that runs on WebGPU: it starts the backend and skips visibly (with the reason) when there is no
 * adapter. The default device is 'cpu' while it runs; use `{ device: 'webgpu' }` or `onDevice`.
 */
export function itOnWebgpu(name: string, fn: (info: WebGpuInfo) => Promise<void> | void, timeout?: number): void {
	it(
		name,
		async (ctx) => {
			const state = await startWebgpu();
			if ('reason' in state) return ctx.skip(state.reason);
			await fn(state.info);
		},
		timeout,
	);
}

/** Reads both tensors and expects equal shapes and values within `tol` (WebGPU result first). */
export async function expectMatchesCpu(gpu: Tensor, cpu: Tensor, tol: Tolerance = WEBGPU_TOLERANCE, what = 'result'): Promise<void> {
	expect(gpu.device, `${what}: device`).toBe('webgpu');
	expect(gpu.shape, `${what}: shape`).toEqual(cpu.shape);
	const cmp = compareArrays(await gpu.data(), await cpu.data(), cpu.shape, tol);
	expect(cmp.ok, `${what}: webgpu vs cpu worst at [${cmp.worst?.index}]: got ${cmp.worst?.got}, cpu ${cmp.worst?.expected}`).toBe(true);
}
