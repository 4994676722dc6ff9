import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// WebGPU in Node (the `webgpu` package, Dawn) on SwiftShader, Chromium's software Vulkan: Dawn dlopens
// libvulkan.so.1 and Vulkan reads the ICD list from the environment. Child processes (pool: 'forks') inherit
// these; worker threads share this process, whose library path is fixed, so tests/setup/webgpu.ts also loads
// the library by absolute path.
const CHROMIUM = '/usr/lib/chromium';
if (existsSync(`${CHROMIUM}/vk_swiftshader_icd.json`)) {
	process.env.LD_LIBRARY_PATH = [CHROMIUM, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
	process.env.VK_ICD_FILENAMES ??= `${CHROMIUM}/vk_swiftshader_icd.json`;
}

export default defineConfig({
	resolve: {
		alias: {
			chainrule: fileURLToPath(new URL('./engine/index.ts', import.meta.url)),
			'~': fileURLToPath(new URL('./src', import.meta.url)),
		},
	},
	test: {
		include: ['engine/**/*.test.ts', 'tests/{engine,labs,content,unit}/**/*.test.ts', 'labs/**/*.test.ts'],
		testTimeout: 60_000,
		pool: 'threads',
		setupFiles: ['tests/setup/webgpu.ts'],
	},
});
