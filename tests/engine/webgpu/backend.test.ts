// The WebGPU backend itself: pipeline cache, batching, buffer pool, memory accounting, errors, a lost device.
import { describe, expect } from 'vitest';
import {
	getDefaultDevice,
	initWebgpu,
	randn,
	setDefaultDevice,
	tensor,
	tidy,
	toDeviceAsync,
	webgpuAvailable,
	zeros,
} from 'chainrule';
import { defineOp } from '../../../engine/define-op';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';
import { WebGpuBackend } from '../../../engine/backends/webgpu/webgpu-backend';
import { MAX_DISPATCHES } from '../../../engine/backends/webgpu/command-batch';
import { sizeClass } from '../../../engine/backends/webgpu/buffer-pool';
import { itOnWebgpu, onDevice } from '../../../engine/testing/webgpu';

const gpu = (data: number[] | number[][], dtype: 'float32' | 'int32' = 'float32') => tensor(data, { device: 'webgpu', dtype });

describe('WebGPU backend', () => {
	itOnWebgpu('initWebgpu reports the adapter and registers the device', async (info) => {
		expect(await webgpuAvailable()).toBe(true);
		expect(typeof info.vendor).toBe('string');
		expect(['tiled', 'blocked']).toContain(info.matmul);
		if (info.isFallbackAdapter) expect(info.matmul).toBe('blocked');
		expect((await initWebgpu()).vendor).toBe(info.vendor); // a second call returns the running backend
		const previous = getDefaultDevice();
		setDefaultDevice('webgpu');
		try {
			const x = zeros([2, 2]).add(1);
			expect(x.device).toBe('webgpu');
			expect(await x.tolist()).toEqual([[1, 1], [1, 1]]);
		} finally {
			setDefaultDevice(previous);
		}
	});

	itOnWebgpu('caches one pipeline per shader key: shapes go in uniforms', async () => {
		const backend = webgpuBackend()!;
		await gpu([1, 2, 3]).exp().data(); // warm: 'exp' on same-shape operands
		const before = backend.stats.pipelines;
		for (const shape of [[5], [2, 3], [7, 1, 4]]) await onDevice('webgpu', () => randn(shape).exp()).data();
		expect(backend.stats.pipelines).toBe(before);
	});

	itOnWebgpu('batches many dispatches into few submits', async () => {
		const backend = webgpuBackend()!;
		const x = gpu([1, 2, 3, 4]);
		await x.data();
		const start = backend.stats;
		let y = x;
		for (let i = 0; i < 100; i++) y = y.mul(1.0001).add(0.5); // 200 dispatches (scalars ride in the arena)
		await y.data();
		const end = backend.stats;
		expect(end.dispatches - start.dispatches).toBe(200);
		expect(end.submits - start.submits).toBeLessThanOrEqual(Math.ceil(200 / MAX_DISPATCHES) + 1);
	});

	itOnWebgpu('bytesInUse counts live storages; dispose and tidy give buffers back to the pool', async () => {
		const backend = webgpuBackend()!;
		const base = backend.bytesInUse();
		const x = gpu([[1, 2, 3], [4, 5, 6]]);
		expect(backend.bytesInUse()).toBe(base + 6 * 4);
		const y = tidy(() => x.mul(2).add(1).exp());
		expect(backend.bytesInUse()).toBe(base + 12 * 4); // only x and y are alive
		const pooled = backend.memory().totalBuffers;
		y.dispose();
		x.dispose();
		expect(backend.bytesInUse()).toBe(base);
		const z = gpu([[1, 2, 3], [4, 5, 6]]); // the same size class: a pooled buffer, not a new one
		expect(backend.memory().totalBuffers).toBe(pooled);
		z.dispose();
		expect(sizeClass(5000)).toBeGreaterThanOrEqual(5000);
		expect(sizeClass(5000)).toBeLessThanOrEqual(5000 * 1.25);
	});

	itOnWebgpu('float64 is CPU-only: a clear error naming both and the fix', async () => {
		expect(() => tensor([1, 2], { device: 'webgpu', dtype: 'float64' })).toThrow(/float64.*'webgpu'.*device: 'cpu'/);
		expect(() => gpu([1, 2]).to('float64')).toThrow(/float64 is CPU-only.*'webgpu'.*toDeviceAsync/);
		const back = await toDeviceAsync(gpu([1.5, 2]), 'cpu');
		expect(back.to('float64').dtype).toBe('float64');
	});

	itOnWebgpu('reads only through await t.data(): dataSync and to(cpu) say so', async () => {
		expect(() => gpu([1]).dataSync()).toThrow('use await t.data()');
		expect(() => gpu([1]).to('cpu')).toThrow('toDeviceAsync');
		expect(await gpu([]).data()).toEqual(new Float32Array(0));
	});

	itOnWebgpu('empty operands: a sum over nothing is 0, a matmul over k = 0 is zeros', async () => {
		const [none, a, b] = onDevice('webgpu', () => [zeros([0, 3]), zeros([3, 0]), zeros([0, 8])]);
		expect(await none.sum(0).tolist()).toEqual([0, 0, 0]);
		for (const variant of ['blocked', 'tiled'] as const) {
			const info = await initWebgpu({ matmul: variant });
			expect(await a.matmul(b).tolist(), info.matmul).toEqual([[0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]);
		}
		await initWebgpu({ matmul: 'auto' });
	});

	itOnWebgpu('an index out of range rejects the next read with the CPU message; later reads work', async () => {
		const x = gpu([[1, 2], [3, 4]]);
		const bad = x.gather(1, gpu([[0, 2], [1, 0]], 'int32'));
		await expect(bad.data()).rejects.toThrow('gather: index 2 is out of bounds for dim 1 with size 2');
		await expect(x.indexSelect(0, gpu([-1], 'int32')).data()).rejects.toThrow('indexSelect: index -1 is out of range for dim 0 of size 2');
		expect(await x.gather(1, gpu([[1], [0]], 'int32')).tolist()).toEqual([[2], [3]]);
	});

	itOnWebgpu('ops without a WebGPU kernel say so', async () => {
		// every engine op has a kernel now, so a test op stands in for one still being written
		const double = defineOp({ name: 'double', inputs: ['x'], shape: ([x]) => [...x], cpu: ([x], out) => out.data.set(x.data.map((v) => 2 * v)) });
		const x = onDevice('webgpu', () => randn([1, 1, 4, 4]));
		expect(() => double([x], {})).toThrow('double: this op has no WebGPU kernel yet');
		expect(Array.from(double([tensor([1, 2])], {}).dataSync())).toEqual([2, 4]);
	});

	itOnWebgpu('a lost device rejects pending reads with a clear error', async () => {
		const adapter = await (globalThis as { navigator: { gpu: GPU } }).navigator.gpu.requestAdapter();
		const device = await adapter!.requestDevice();
		const backend = new WebGpuBackend(device, { matmul: 'blocked' });
		const storage = backend.upload('float32', new Float32Array([1, 2, 3]));
		expect(Array.from(await backend.read(storage))).toEqual([1, 2, 3]);
		const pending = backend.read(storage);
		device.destroy();
		await expect(pending).rejects.toThrow(/device was lost.*initWebgpu/);
		await expect(backend.read(storage)).rejects.toThrow(/device was lost/);
		expect(() => backend.alloc('float32', 4)).toThrow(/device was lost/);
	});
});
