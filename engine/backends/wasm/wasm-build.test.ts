/**
 * kernels.generated.ts is committed (so the engine loads without a build step); this checks it is exactly what
 * scripts/build-wasm.mjs makes from the AssemblyScript sources today, and that both variants instantiate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWasm, GENERATED } from '../../../scripts/build-wasm.mjs';
import { WASM_RELAXED, WASM_SIMD } from './kernels.generated';

describe('the embedded WASM kernels', () => {
	it('are up to date with engine/backends/wasm/assembly (else run `npm run build:wasm`)', async () => {
		const { source } = (await buildWasm()) as { source: string };
		expect(readFileSync(GENERATED as string, 'utf8') === source, 'kernels.generated.ts is stale: run npm run build:wasm').toBe(true);
	}, 60_000);

	it('both variants validate and export the kernels the runtime calls', () => {
		for (const base64 of [WASM_SIMD, WASM_RELAXED]) {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			expect(WebAssembly.validate(bytes)).toBe(true);
			const names = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
			for (const name of ['memory', 'heapBase', 'gemmWorkBytes', 'sgemm', 'binary', 'where', 'unary', 'permute', 'sumDims',
				'conv2dForward', 'conv2dBackwardInput', 'conv2dBackwardWeight', 'maxPoolArgmax', 'gatherIndex', 'scatterIndexAdd']) {
				expect(names).toContain(name);
			}
			// no imports: the module needs nothing from JS (no abort, no memory)
			expect(WebAssembly.Module.imports(new WebAssembly.Module(bytes))).toEqual([]);
		}
	});
});
