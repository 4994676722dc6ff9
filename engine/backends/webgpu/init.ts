import { getBackend, hasBackend, registerBackend } from '../registry';
import { WebGpuBackend } from './webgpu-backend';

export interface WebGpuInitOptions {
	/**
	 * Matmul kernel: 'tiled' (workgroup-memory tiles, for GPUs), 'blocked' (barrier-free 4×4 register blocks,
	 * for software adapters such as SwiftShader), or 'auto' (default: 'blocked' on fallback adapters).
	 */
	matmul?: 'auto' | 'tiled' | 'blocked';
	powerPreference?: 'low-power' | 'high-performance';
}

/** What `initWebgpu` found. */
export interface WebGpuInfo {
	vendor: string;
	architecture: string;
	device: string;
	description: string;
	/** A software or otherwise limited adapter (SwiftShader, WARP). */
	isFallbackAdapter: boolean;
	/** The matmul kernel in use. */
	matmul: 'tiled' | 'blocked';
}

let current: { backend: WebGpuBackend; info: WebGpuInfo; adapter: GPUAdapter } | null = null;
let probe: Promise<GPUAdapter | null> | null = null;

function gpuApi(): GPU | undefined {
	return (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
}

function requestAdapter(options?: GPURequestAdapterOptions): Promise<GPUAdapter | null> {
	const gpu = gpuApi();
	if (!gpu) return Promise.resolve(null);
	return gpu.requestAdapter(options).catch(() => null);
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

/**
 * Starts the WebGPU backend and registers it as device 'webgpu'; then `setDefaultDevice('webgpu')` or
 * `{ device: 'webgpu' }` put tensors on the GPU. Calling it again returns the running backend (with new
 * options applied), or starts a new one after the device was lost.
 *
 * ```ts
 * const info = await initWebgpu(); // { vendor, architecture, isFallbackAdapter, matmul, ... }
 * setDefaultDevice('webgpu');
 * ```
 */
export async function initWebgpu(options: WebGpuInitOptions = {}): Promise<WebGpuInfo> {
	if (current && !current.backend.isLost) {
		if (options.matmul) {
			current.info.matmul = chooseMatmul(options.matmul, current.info.isFallbackAdapter);
			current.backend.options = { ...current.backend.options, matmul: current.info.matmul };
		}
		return { ...current.info };
	}
	const gpu = gpuApi();
	if (!gpu) {
		throw new Error(
			'initWebgpu: WebGPU is not available here (navigator.gpu is missing); use a browser with WebGPU, or stay on the CPU ' +
				"(the default device; setDefaultDevice('cpu'))",
		);
	}
	const adapter = await requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
	if (!adapter) {
		throw new Error("initWebgpu: navigator.gpu found no adapter (no usable GPU); stay on the CPU (setDefaultDevice('cpu'))");
	}
	const limits = adapter.limits;
	const device = await adapter.requestDevice({
		requiredLimits: {
			maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
			maxBufferSize: limits.maxBufferSize,
			maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 10),
		},
	});
	const raw = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
	const legacy = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
	const text = `${raw.vendor} ${raw.architecture} ${raw.device} ${raw.description}`;
	const isFallbackAdapter = Boolean(raw.isFallbackAdapter ?? legacy) || /swiftshader|llvmpipe|warp|software/i.test(text);
	const info: WebGpuInfo = {
		vendor: raw.vendor,
		architecture: raw.architecture,
		device: raw.device,
		description: raw.description,
		isFallbackAdapter,
		matmul: chooseMatmul(options.matmul ?? 'auto', isFallbackAdapter),
	};
	const backend = new WebGpuBackend(device, { matmul: info.matmul });
	current = { backend, info, adapter };
	registerBackend(backend);
	return { ...info };
}

function chooseMatmul(choice: 'auto' | 'tiled' | 'blocked', fallback: boolean): 'tiled' | 'blocked' {
	if (choice === 'auto') return fallback ? 'blocked' : 'tiled';
	return choice;
}

/** The running WebGPU backend, or null before `initWebgpu` (for tests, benchmarks and memory stats). */
export function webgpuBackend(): WebGpuBackend | null {
	if (!current || !hasBackend('webgpu')) return null;
	return getBackend('webgpu') === current.backend ? current.backend : null;
}
