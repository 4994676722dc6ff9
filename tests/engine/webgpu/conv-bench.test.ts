// Benchmark, not a test: conv2d forward + backward on [32, 8, 28, 28] with a 3×3 kernel and 16 output channels,
// on WebGPU (each conv variant) and on the CPU backend (WASM SIMD when ready, else TypeScript).
// Run with: CHAINRULE_BENCH=1 npx vitest run tests/engine/webgpu/conv-bench.test.ts
import { describe, expect, it } from 'vitest';
import { F, initWasm, randn, wasmInfo, type Tensor } from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';
import { copyTo, expectMatchesCpu, itOnWebgpu, onDevice } from '../../../engine/testing/webgpu';

const enabled = process.env.CHAINRULE_BENCH === '1';

/** One training step's conv work: forward, then dx and dw; returns what must be awaited. */
function step(x: Tensor, w: Tensor): Tensor[] {
	x.grad = null;
	w.grad = null;
	const y = F.conv2d(x, w, null, { padding: 1 });
	y.sum().backward();
	return [y, x.grad!, w.grad!];
}

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<number> {
	await fn(); // compile and warm up
	const start = performance.now();
	for (let i = 0; i < runs; i++) await fn();
	const ms = (performance.now() - start) / runs;
	console.log(`${label}: ${ms.toFixed(1)} ms per forward + backward`);
	return ms;
}

describe('conv2d [32, 8, 28, 28] * [16, 8, 3, 3] forward + backward (benchmark)', () => {
	if (!enabled) {
		it.skip('set CHAINRULE_BENCH=1 to run the conv2d benchmark');
		return;
	}
	itOnWebgpu('WebGPU variants and the CPU', async (info) => {
		await initWasm();
		const x = randn([32, 8, 28, 28]).requiresGrad_();
		const w = randn([16, 8, 3, 3]).mul(0.1).requiresGrad_();
		const gx = copyTo(x, 'webgpu').requiresGrad_();
		const gw = copyTo(w, 'webgpu').requiresGrad_();
		const backend = webgpuBackend()!;
		const saved = backend.options;
		for (const conv of ['direct', 'tiled'] as const) {
			backend.options = { ...saved, conv };
			await time(`${info.description || info.vendor} (${info.isFallbackAdapter ? 'software' : 'hardware'}), ${conv}`, 3, async () => {
				const out = onDevice('webgpu', () => step(gx, gw));
				await Promise.all(out.map((t) => t.data()));
			});
		}
		backend.options = saved;
		const cpuMs = await time(`CPU (${wasmInfo().ready ? `WASM ${wasmInfo().variant}` : 'TypeScript'})`, 3, async () => step(x, w));
		expect(cpuMs).toBeGreaterThan(0);
		const [cy, cdx, cdw] = step(x, w);
		const [y, dx, dw] = onDevice('webgpu', () => step(gx, gw));
		await expectMatchesCpu(y, cy, { rtol: 1e-4, atol: 1e-4 }, 'y');
		await expectMatchesCpu(dx, cdx, { rtol: 1e-4, atol: 1e-4 }, 'dx');
		await expectMatchesCpu(dw, cdw, { rtol: 1e-4, atol: 1e-2 }, 'dw');
	}, 600_000);
});
