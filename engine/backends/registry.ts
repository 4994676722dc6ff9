import type { Backend, Device } from './backend';
import { CpuBackend } from './cpu/cpu-backend';
import type { RecoveryReport } from './webgpu/cpu-copies';
import { wasmInfo } from './wasm/runtime';

/**
 * The backends the engine knows, by device name, and the device new tensors go to. The default is 'auto':
 * WebGPU once it runs on a hardware adapter, else the CPU (whose WASM SIMD kernels beat a software WebGPU
 * adapter such as SwiftShader by 10–100×). `setDefaultDevice('cpu' | 'webgpu')` overrides it.
 */
const backends = new Map<Device, Backend>([['cpu', new CpuBackend()]]);

export const DEVICES: readonly Device[] = ['cpu', 'webgpu'];

/** What `setDefaultDevice` was given: a device, or 'auto' (the default) to let the engine pick. */
export type DevicePreference = Device | 'auto';

/** A WebGPU adapter as `initWebgpu` and `getDeviceInfo` describe it. */
export interface AdapterDescription {
	vendor: string;
	architecture: string;
	device: string;
	description: string;
	/** A software or otherwise limited adapter (SwiftShader, llvmpipe, WARP). */
	isFallbackAdapter: boolean;
}

/** Where WebGPU stands, as device selection sees it. */
export interface WebgpuStatus {
	state: 'not-started' | 'unavailable' | 'failed' | 'software' | 'running' | 'lost';
	/** Why, in one sentence (the error, the adapter, ...). */
	message: string;
	adapter: AdapterDescription | null;
	/** Whether 'auto' may pick it: a hardware adapter, or a software one allowed with `allowSoftware`. */
	eligible: boolean;
}

/** Which device runs and why: `getDeviceInfo()`, for pages to show. */
export interface DeviceInfo {
	/** Where new tensors go now. */
	device: Device;
	/** What `setDefaultDevice` was given ('auto' unless changed). */
	requested: DevicePreference;
	/** Why `device` runs, in one sentence. */
	reason: string;
	webgpu: { state: WebgpuStatus['state']; message: string; adapter: AdapterDescription | null };
	/** The CPU's kernels: WASM SIMD when ready, else TypeScript. */
	cpu: { kernels: 'wasm' | 'typescript'; detail: string };
}

/** Sent to `onDeviceChange` listeners when the default device changes, and whenever a GPU device is lost. */
export interface DeviceChangeEvent {
	previous: Device;
	device: Device;
	cause: 'setDefaultDevice' | 'webgpu-started' | 'webgpu-lost' | 'webgpu-status';
	info: DeviceInfo;
	/** After a lost device: what moved to the CPU from the last synchronized copies, and what was lost. */
	recovery?: RecoveryReport;
}

let preference: DevicePreference = 'auto';
let webgpu: WebgpuStatus = {
	state: 'not-started',
	message: 'WebGPU has not been started (`await initDevice()` starts it when it is worth it)',
	adapter: null,
	eligible: false,
};
let announced: Device = 'cpu';
const listeners = new Set<(event: DeviceChangeEvent) => void>();

export function registerBackend(backend: Backend): void {
	backends.set(backend.name, backend);
}

export function getBackend(device: Device): Backend {
	const backend = backends.get(device);
	if (!backend) {
		throw new Error(
			`device '${device}' is not available: ` +
				(device === 'webgpu'
					? 'call `await initWebgpu()` first, or use the CPU with setDefaultDevice("cpu")'
					: `known devices are ${[...backends.keys()].join(', ')}`),
		);
	}
	return backend;
}

export function hasBackend(device: Device): boolean {
	return backends.has(device);
}

export function assertDevice(value: unknown, where: string): Device {
	if (value === 'cpu' || value === 'webgpu') return value;
	throw new TypeError(`${where}: unknown device ${JSON.stringify(value)}; use 'cpu' or 'webgpu'`);
}

function usable(device: Device): boolean {
	const backend = backends.get(device);
	return backend !== undefined && !backend.isLost;
}

/** The device `preference` resolves to now. */
function resolve(): Device {
	if (preference === 'cpu') return 'cpu';
	if (preference === 'webgpu') return usable('webgpu') ? 'webgpu' : 'cpu';
	return webgpu.eligible && webgpu.state === 'running' && usable('webgpu') ? 'webgpu' : 'cpu';
}

/**
 * Sets the device that creation functions use when none is given: 'cpu', 'webgpu' (after `initWebgpu()`), or
 * 'auto' (the default: WebGPU on a hardware adapter once started, else the CPU).
 *
 * ```ts
 * setDefaultDevice('webgpu'); // even on a software adapter
 * ```
 */
export function setDefaultDevice(device: DevicePreference): void {
	if (device !== 'auto') {
		const backend = getBackend(assertDeviceOrAuto(device));
		if (backend.isLost) {
			throw new Error(
				`setDefaultDevice: the WebGPU device was lost; call \`await initWebgpu()\` to start a new one, or use 'cpu' or 'auto'`,
			);
		}
	}
	preference = device;
	announce('setDefaultDevice');
}

function assertDeviceOrAuto(value: unknown): Device {
	if (value === 'cpu' || value === 'webgpu') return value;
	throw new TypeError(`setDefaultDevice: unknown device ${JSON.stringify(value)}; use 'cpu', 'webgpu' or 'auto'`);
}

/** The device new tensors go to now ('auto' resolved). */
export function getDefaultDevice(): Device {
	return resolve();
}

/** What `setDefaultDevice` was last given ('auto' by default). */
export function getDevicePreference(): DevicePreference {
	return preference;
}

/** Internal (backends/webgpu/init.ts): what WebGPU is doing now; announces a change of the default device. */
export function setWebgpuStatus(status: WebgpuStatus, cause: DeviceChangeEvent['cause'] = 'webgpu-status', recovery?: RecoveryReport): void {
	webgpu = status;
	announce(cause, recovery);
}

export function getWebgpuStatus(): WebgpuStatus {
	return webgpu;
}

function cpuKernels(): DeviceInfo['cpu'] {
	const wasm = wasmInfo();
	if (wasm.ready && wasm.enabled) return { kernels: 'wasm', detail: `WASM ${wasm.variant} kernels` };
	const why = !wasm.enabled ? 'switched off with useWasm(false)' : (wasm.reason ?? 'not ready');
	return { kernels: 'typescript', detail: `TypeScript kernels (WASM ${why})` };
}

function adapterName(adapter: AdapterDescription | null): string {
	if (!adapter) return 'an unnamed adapter';
	return adapter.description || [adapter.vendor, adapter.architecture, adapter.device].filter(Boolean).join(' ') || 'an unnamed adapter';
}

function reasonFor(device: Device): string {
	const gpu = `WebGPU on ${adapterName(webgpu.adapter)}`;
	if (preference === 'cpu') return "setDefaultDevice('cpu') chose the CPU";
	if (preference === 'webgpu') {
		return device === 'webgpu' ? `setDefaultDevice('webgpu') chose ${gpu}` : `WebGPU was chosen but its device was lost (${webgpu.message}); the CPU took over`;
	}
	if (device === 'webgpu') {
		return webgpu.adapter?.isFallbackAdapter
			? `'auto' uses ${gpu}, a software adapter allowed by initWebgpu({ allowSoftware: true })`
			: `'auto' uses ${gpu}, a hardware adapter`;
	}
	switch (webgpu.state) {
		case 'running':
		case 'software':
			return (
				`'auto' stays on the CPU: the WebGPU adapter (${adapterName(webgpu.adapter)}) is a software fallback, slower than ` +
				"the CPU's WASM kernels; initWebgpu({ allowSoftware: true }) or setDefaultDevice('webgpu') uses it anyway"
			);
		case 'lost':
			return `'auto' moved to the CPU: ${webgpu.message}`;
		case 'not-started':
			return "'auto' runs on the CPU until WebGPU is started: `await initDevice()` picks WebGPU when a hardware adapter is available";
		default:
			return `'auto' runs on the CPU: ${webgpu.message}`;
	}
}

/**
 * Which device runs and why, with the WebGPU adapter's description, for a page to show.
 *
 * ```ts
 * const { device, reason } = getDeviceInfo(); // 'cpu', "'auto' stays on the CPU: the WebGPU adapter (...) is a software fallback ..."
 * ```
 */
export function getDeviceInfo(): DeviceInfo {
	const device = resolve();
	return {
		device,
		requested: preference,
		reason: reasonFor(device),
		webgpu: { state: webgpu.state, message: webgpu.message, adapter: webgpu.adapter && { ...webgpu.adapter } },
		cpu: cpuKernels(),
	};
}

/**
 * Calls `listener` when the default device changes (WebGPU started, chosen, or lost) and whenever a GPU device is
 * lost; returns a function that removes it.
 *
 * ```ts
 * const stop = onDeviceChange(({ device, info, recovery }) => banner.textContent = `${device}: ${info.reason}`);
 * ```
 */
export function onDeviceChange(listener: (event: DeviceChangeEvent) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function announce(cause: DeviceChangeEvent['cause'], recovery?: RecoveryReport): void {
	const device = resolve();
	const previous = announced;
	announced = device;
	if (device === previous && cause !== 'webgpu-lost') return;
	const event: DeviceChangeEvent = { previous, device, cause, info: getDeviceInfo(), ...(recovery ? { recovery } : {}) };
	for (const listener of [...listeners]) {
		try {
			listener(event);
		} catch (error) {
			// a page's listener must not break the engine's recovery; report it where the page can see it
			queueMicrotask(() => {
				throw error;
			});
		}
	}
}
