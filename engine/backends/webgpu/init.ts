import type { CpuBackend } from '../cpu/cpu-backend';
import {
	getBackend,
	getDeviceInfo,
	getDevicePreference,
	getWebgpuStatus,
	hasBackend,
	registerBackend,
	setWebgpuStatus,
	type AdapterDescription,
	type DeviceInfo,
} from '../registry';
import type { SyncReport } from './cpu-copies';
import { WebGpuBackend } from './webgpu-backend';

export interface WebGpuInitOptions {
	/**
	 * Matmul kernel: 'tiled' (workgroup-memory tiles, for GPUs), 'blocked' (barrier-free 4×4 register blocks,
	 * for software adapters such as SwiftShader), or 'auto' (default: 'blocked' on fallback adapters).
	 */
	matmul?: 'auto' | 'tiled' | 'blocked';
	/** conv2d kernels: 'tiled' (implicit matrix products, GPUs), 'direct' (barrier-free), or 'auto' (as matmul). */
	conv?: 'auto' | 'tiled' | 'direct';
	powerPreference?: 'low-power' | 'high-performance';
	/**
	 * Let the 'auto' default device pick WebGPU on a software adapter (SwiftShader, llvmpipe, WARP) too. Without
	 * it 'auto' stays on the CPU there, whose WASM kernels are 10–100× faster; `setDefaultDevice('webgpu')` and
	 * `{ device: 'webgpu' }` use the adapter either way.
	 */
	allowSoftware?: boolean;
	/**
	 * How often (ms) reads refresh the CPU copies of GPU tensors that let training continue on the CPU when the
	 * device is lost (default 2000; 0: only `await syncToCpu()`).
	 */
	syncEveryMs?: number;
}

/** What `initWebgpu` found. */
export interface WebGpuInfo extends AdapterDescription {
	/** The matmul kernel in use. */
	matmul: 'tiled' | 'blocked';
	/** The conv2d kernels in use. */
	conv: 'tiled' | 'direct';
}

let current: { backend: WebGpuBackend; info: WebGpuInfo; allowSoftware: boolean } | null = null;
let probe: Promise<GPUAdapter | null> | null = null;

function gpuApi(): GPU | undefined {
	return (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
}

function requestAdapter(options?: GPURequestAdapterOptions): Promise<GPUAdapter | null> {
	const gpu = gpuApi();
	if (!gpu) return Promise.resolve(null);
	return gpu.requestAdapter(options).catch(() => null);
}

/** An adapter's names, and whether it is a software fallback (by its flag, or by its name where it has none). */
export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
	const raw = (adapter.info ?? {}) as GPUAdapterInfo & { isFallbackAdapter?: boolean };
	const legacy = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
	const [vendor, architecture, device, description] = [raw.vendor, raw.architecture, raw.device, raw.description].map((s) => s ?? '');
	const text = `${vendor} ${architecture} ${device} ${description}`;
	const isFallbackAdapter = Boolean(raw.isFallbackAdapter ?? legacy) || /swiftshader|llvmpipe|lavapipe|warp|software/i.test(text);
	return { vendor, architecture, device, description, isFallbackAdapter };
}

/**
 * Whether WebGPU can run here (a `navigator.gpu` with an adapter). Cheap after the first call.
 *
 * ```ts
 * if (await webgpuAvailable()) await initWebgpu();
 * ```
 */
export async function webgpuAvailable(): Promise<boolean> {
	if (current && !current.backend.isLost) return true;
	probe ??= requestAdapter();
	return (await probe) !== null;
}

/** Why WebGPU is not available, in one sentence (for messages and skipped tests); null when it is. */
export async function webgpuUnavailableReason(): Promise<string | null> {
	if (await webgpuAvailable()) return null;
	return gpuApi()
		? 'navigator.gpu found no adapter (no GPU, and no software adapter such as SwiftShader)'
		: 'navigator.gpu is missing (this browser or runtime has no WebGPU)';
}

function unavailable(state: 'unavailable' | 'failed', message: string, adapter: AdapterDescription | null = null): void {
	setWebgpuStatus({ state, message, adapter, eligible: false });
}

function announceRunning(): void {
	if (!current) return;
	const { info, allowSoftware } = current;
	const adapter: AdapterDescription = { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: info.isFallbackAdapter };
	const kind = info.isFallbackAdapter ? 'a software adapter' : 'a hardware adapter';
	setWebgpuStatus({ state: 'running', message: `WebGPU runs on ${kind}`, adapter, eligible: !info.isFallbackAdapter || allowSoftware }, 'webgpu-started');
}

/**
 * Starts the WebGPU backend and registers it as device 'webgpu'. With the default device 'auto', new tensors
 * then go to the GPU when the adapter is a real GPU (or with `allowSoftware: true`); `setDefaultDevice('webgpu')`
 * or `{ device: 'webgpu' }` use it in any case. Calling it again returns the running backend (with new options
 * applied), or starts a new one after the device was lost.
 *
 * ```ts
 * const info = await initWebgpu(); // { vendor, architecture, isFallbackAdapter, matmul, conv, ... }
 * setDefaultDevice('webgpu');
 * ```
 */
export async function initWebgpu(options: WebGpuInitOptions = {}): Promise<WebGpuInfo> {
	if (current && !current.backend.isLost) {
		const { backend, info } = current;
		if (options.matmul) info.matmul = chooseVariant(options.matmul, info.isFallbackAdapter, 'blocked', 'tiled');
		if (options.conv) info.conv = chooseVariant(options.conv, info.isFallbackAdapter, 'direct', 'tiled');
		backend.options = { ...backend.options, matmul: info.matmul, conv: info.conv };
		if (options.syncEveryMs !== undefined) backend.syncEveryMs = options.syncEveryMs;
		if (options.allowSoftware !== undefined) current.allowSoftware = options.allowSoftware;
		announceRunning();
		return { ...info };
	}
	if (!gpuApi()) {
		const message = 'navigator.gpu is missing (this browser or runtime has no WebGPU)';
		unavailable('unavailable', message);
		throw new Error(`initWebgpu: WebGPU is not available here (${message}); stay on the CPU (setDefaultDevice('cpu'), or 'auto')`);
	}
	const adapter = await requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
	if (!adapter) {
		unavailable('unavailable', 'navigator.gpu found no adapter (no usable GPU)');
		throw new Error("initWebgpu: navigator.gpu found no adapter (no usable GPU); stay on the CPU (setDefaultDevice('cpu'), or 'auto')");
	}
	return start(adapter, options);
}

async function start(adapter: GPUAdapter, options: WebGpuInitOptions): Promise<WebGpuInfo> {
	const described = describeAdapter(adapter);
	let device: GPUDevice;
	try {
		const limits = adapter.limits;
		device = await adapter.requestDevice({
			requiredLimits: {
				maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
				maxBufferSize: limits.maxBufferSize,
				maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 10),
			},
		});
	} catch (error) {
		const message = `requesting a device failed: ${(error as Error).message}`;
		unavailable('failed', message, described);
		throw new Error(`initWebgpu: ${message}; stay on the CPU (setDefaultDevice('cpu'), or 'auto')`);
	}
	const info: WebGpuInfo = {
		...described,
		matmul: chooseVariant(options.matmul ?? 'auto', described.isFallbackAdapter, 'blocked', 'tiled'),
		conv: chooseVariant(options.conv ?? 'auto', described.isFallbackAdapter, 'direct', 'tiled'),
	};
	const backend = new WebGpuBackend(device, { matmul: info.matmul, conv: info.conv });
	backend.syncEveryMs = options.syncEveryMs ?? backend.syncEveryMs;
	backend.onLost = (lost) => {
		// every tensor with a CPU copy moves to the CPU in place, then pages hear of it
		const cpu = getBackend('cpu') as CpuBackend;
		const recovery = backend.recover((storage, data) => cpu.adopt(storage, data));
		const reason = `${lost.reason}${lost.message ? `: ${lost.message}` : ''}`;
		const message =
			`the WebGPU device was lost (${reason}); ${recovery.recovered} tensor storages continue on the CPU from their last ` +
			`synchronized copies${recovery.lost ? `, ${recovery.lost} made after the last copy are gone` : ''}`;
		if (current?.backend === backend) setWebgpuStatus({ state: 'lost', message, adapter: described, eligible: false }, 'webgpu-lost', recovery);
	};
	current = { backend, info, allowSoftware: options.allowSoftware ?? false };
	registerBackend(backend);
	announceRunning();
	return { ...info };
}

function chooseVariant<S extends string, H extends string>(choice: 'auto' | S | H, fallback: boolean, software: S, hardware: H): S | H {
	if (choice === 'auto') return fallback ? software : hardware;
	return choice;
}

/**
 * Picks the default device for 'auto' and starts what it needs: WebGPU on a hardware adapter, else the CPU
 * (when WebGPU is missing, fails to start, or the adapter is a software fallback, unless `allowSoftware`). It
 * never throws; the result says which device runs and why. Call it once, before making tensors.
 *
 * ```ts
 * const { device, reason } = await initDevice();
 * status.textContent = `Running on ${device}: ${reason}`;
 * ```
 */
export async function initDevice(options: WebGpuInitOptions = {}): Promise<DeviceInfo> {
	if (getDevicePreference() === 'cpu') return getDeviceInfo();
	try {
		if (current && !current.backend.isLost) {
			await initWebgpu(options);
			return getDeviceInfo();
		}
		if (!gpuApi()) {
			unavailable('unavailable', 'this browser or runtime has no WebGPU (navigator.gpu is missing)');
			return getDeviceInfo();
		}
		const adapter = await requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
		if (!adapter) {
			unavailable('unavailable', 'navigator.gpu found no adapter (no usable GPU)');
			return getDeviceInfo();
		}
		const described = describeAdapter(adapter);
		if (described.isFallbackAdapter && !options.allowSoftware && getDevicePreference() === 'auto') {
			// not worth a device: the CPU's WASM kernels are faster than a software adapter
			setWebgpuStatus({ state: 'software', message: 'the WebGPU adapter is a software fallback', adapter: described, eligible: false });
			return getDeviceInfo();
		}
		await start(adapter, options);
	} catch (error) {
		// start() records a failed device request itself; anything else is recorded here
		if (getWebgpuStatus().state !== 'failed') unavailable('failed', `WebGPU failed to start: ${(error as Error).message}`);
	}
	return getDeviceInfo();
}

/**
 * Copies every GPU tensor changed since its last copy to the CPU, so that a lost device loses at most the work
 * done after this call (reads also do it every `syncEveryMs`). Call it at safe points, e.g. after each epoch.
 * Resolves at once when WebGPU is not running.
 *
 * ```ts
 * for (let epoch = 0; epoch < 10; epoch++) { trainOneEpoch(); await syncToCpu(); }
 * ```
 */
export async function syncToCpu(): Promise<SyncReport> {
	const backend = webgpuBackend();
	if (!backend || backend.isLost) return { storages: 0, bytes: 0, at: Date.now() };
	return backend.syncToCpu();
}

/** The running WebGPU backend, or null before `initWebgpu` (for tests, benchmarks and memory stats). */
export function webgpuBackend(): WebGpuBackend | null {
	if (!current || !hasBackend('webgpu')) return null;
	return getBackend('webgpu') === current.backend ? current.backend : null;
}
