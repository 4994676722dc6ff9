/**
 * kernels.generated.ts is committed (so the engine loads without a build step); this checks it is exactly what
 * scripts/build-wasm.mjs makes from the AssemblyScript sources today, and that both variants instantiate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWasm, GENERATED } from '../../../scripts/build-wasm.mjs';
import { WASM_RELAXED, WASM_SIMD } from './kernels.generated';
import type { WasmExports } from './runtime';

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

	// the engine runs whichever variant the platform validates (relaxed here); this runs the other one too
	it('both variants compute the same products (sgemm with a transposed, strided A) within float32 rounding', () => {
		const [m, n, k] = [37, 53, 41];
		const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
		const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(3 * i));
		for (const base64 of [WASM_SIMD, WASM_RELAXED]) {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as WasmExports;
			const base = (wasm.heapBase() + 15) & ~15;
			const [pa, pb, pc, work] = [base, base + 4 * m * k, base + 4 * (m * k + k * n), base + 4 * (m * k + k * n + m * n)];
			wasm.memory.grow(Math.ceil((work + wasm.gemmWorkBytes(n)) / 65536));
			const heap = new Float32Array(wasm.memory.buffer);
			// A is stored transposed ([k, m]): element (i, p) at p * m + i, so rsA = 1 and csA = m
			for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) heap[pa / 4 + p * m + i] = a[i * k + p];
			heap.set(b, pb / 4);
			wasm.sgemm(m, n, k, pa, 1, m, pb, n, 1, pc, n, 0, work);
			for (let i = 0; i < m; i++) {
				for (let j = 0; j < n; j++) {
					let exact = 0;
					let magnitude = 0;
					for (let p = 0; p < k; p++) {
						exact += a[i * k + p] * b[p * n + j];
						magnitude += Math.abs(a[i * k + p] * b[p * n + j]);
					}
					expect(Math.abs(heap[pc / 4 + i * n + j] - exact)).toBeLessThanOrEqual((k + 2) * 2 ** -23 * magnitude);
				}
			}
		}
	});
});
