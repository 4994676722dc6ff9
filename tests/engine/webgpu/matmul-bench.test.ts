// Benchmark, not a test: 512×512 float32 matmul with each WebGPU kernel variant.
// Run with: CHAINRULE_BENCH=1 npx vitest run tests/engine/webgpu/matmul-bench.test.ts
import { describe, expect, it } from 'vitest';
import { initWebgpu, randn, toDeviceAsync } from 'chainrule';
import { expectMatchesCpu, itOnWebgpu, onDevice } from '../../../engine/testing/webgpu';

const enabled = process.env.CHAINRULE_BENCH === '1';

describe('matmul 512×512 (benchmark)', () => {
	if (!enabled) {
		it.skip('set CHAINRULE_BENCH=1 to run the WebGPU matmul benchmark');
		return;
	}
	itOnWebgpu('GFLOP/s of each variant', async (info) => {
		const n = 512;
		const [a, b] = onDevice('webgpu', () => [randn([n, n]), randn([n, n])]);
		for (const variant of ['blocked', 'tiled'] as const) {
			await initWebgpu({ matmul: variant });
			await a.matmul(b).data(); // compile and warm up
			const runs = 5;
			const start = performance.now();
			let c = a.matmul(b);
			for (let i = 1; i < runs; i++) c = a.matmul(b);
			await c.data(); // the queue runs them in order: this waits for all
			const ms = (performance.now() - start) / runs;
			const gflops = (2 * n ** 3) / (ms * 1e6);
			console.log(`${info.description} ${variant}: ${ms.toFixed(1)} ms per 512×512 matmul (5 in a row, then one readback), ${gflops.toFixed(2)} GFLOP/s`);
			expect(gflops).toBeGreaterThan(0);
		}
		await initWebgpu({ matmul: info.matmul });
		const [ca, cb] = [await toDeviceAsync(a, 'cpu'), await toDeviceAsync(b, 'cpu')];
		ca.matmul(cb);
		const start = performance.now();
		const cpu = ca.matmul(cb);
		const ms = performance.now() - start;
		console.log(`CPU backend: ${ms.toFixed(1)} ms, ${((2 * n ** 3) / (ms * 1e6)).toFixed(2)} GFLOP/s`);
		await expectMatchesCpu(a.matmul(b), cpu, { rtol: 1e-4, atol: 1e-4 }, 'the same product');
	}, 120_000);
});
