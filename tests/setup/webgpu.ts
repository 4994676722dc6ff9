/**
 * Vitest setup: gives Node a `navigator.gpu` from the `webgpu` package (Dawn), so engine tests can run on
 * WebGPU. On this project's machines Dawn finds no GPU and runs on SwiftShader, Chromium's software Vulkan in
 * /usr/lib/chromium. Dawn dlopens `libvulkan.so.1`, which is not on the library path there, and the loader reads
 * LD_LIBRARY_PATH only when a process starts; so we load Chromium's copy by absolute path first (kept loaded
 * with RTLD_NODELETE), and Dawn's dlopen by name then finds it. VK_ICD_FILENAMES is read when Vulkan starts, so
 * setting it here is early enough. vitest.config.ts sets both variables as well, for child processes.
 *
 * When anything is missing, WebGPU tests skip with the reason in `globalThis.__chainruleWebgpuNote`.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';

const CHROMIUM = '/usr/lib/chromium';
const RTLD_NODELETE = 0x1000; // glibc's value; Node's os.constants.dlopen does not list it
const state = globalThis as { navigator?: { gpu?: unknown }; __chainruleWebgpuNote?: string };

async function install(): Promise<void> {
	if (state.navigator?.gpu) return;
	if (process.platform === 'linux' && existsSync(`${CHROMIUM}/libvulkan.so.1`)) {
		process.env.VK_ICD_FILENAMES ??= `${CHROMIUM}/vk_swiftshader_icd.json`;
		const flags = os.constants.dlopen;
		try {
			process.dlopen({ exports: {} }, `${CHROMIUM}/libvulkan.so.1`, flags.RTLD_NOW | flags.RTLD_GLOBAL | RTLD_NODELETE);
		} catch {
			// expected: "Module did not self-register" (it is not a Node addon), but the library stays loaded
		}
	}
	let webgpu: typeof import('webgpu');
	try {
		webgpu = await import('webgpu');
	} catch (error) {
		state.__chainruleWebgpuNote = `the 'webgpu' package did not load: ${(error as Error).message}`;
		return;
	}
	const gpu = webgpu.create([]);
	const adapter = await gpu.requestAdapter();
	if (!adapter) {
		state.__chainruleWebgpuNote =
			'Dawn found no adapter (no GPU; for SwiftShader install Debian\'s chromium package, which ships /usr/lib/chromium)';
		return;
	}
	Object.assign(globalThis, webgpu.globals);
	if (!state.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
	Object.defineProperty(state.navigator, 'gpu', { value: gpu, configurable: true });
}

await install();
