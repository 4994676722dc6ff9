// A GPU device lost in the middle of training (here: device.destroy()): every tensor with a CPU copy moves to
// the CPU in place, training continues there from the last synchronized state, and onDeviceChange tells the
// page. What can be lost: the work since the last sync (syncToCpu(), or the automatic one at reads).
import { afterEach, describe, expect, it, vi, type TestContext } from 'vitest';
import {
	DeviceLostError,
	F,
	getDefaultDevice,
	initWebgpu,
	manualSeed,
	nn,
	onDeviceChange,
	optim,
	randint,
	randn,
	setDefaultDevice,
	syncToCpu,
	tensor,
	tidy,
	type DeviceChangeEvent,
	type Tensor,
} from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';

const hasGpu = Boolean((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu);

function needsGpu(ctx: TestContext): void {
	const note = (globalThis as { __chainruleWebgpuNote?: string }).__chainruleWebgpuNote;
	if (!hasGpu) ctx.skip(`no WebGPU adapter: ${note ?? 'navigator.gpu is missing'}`);
}

/** Starts a fresh GPU device (the previous test destroyed its own) with 'auto' picking it. */
async function freshGpu(syncEveryMs: number): Promise<void> {
	await initWebgpu({ allowSoftware: true, syncEveryMs });
	setDefaultDevice('auto');
	expect(getDefaultDevice()).toBe('webgpu');
}

function destroyDevice(): void {
	webgpuBackend()!.device.destroy();
}

/** Runs one step and reads its loss; a step caught by the loss of the device reports the error instead. */
async function attempt(step: () => Tensor): Promise<number | Error> {
	try {
		return await step().item();
	} catch (error) {
		return error as Error;
	}
}

let stop: (() => void) | null = null;
afterEach(() => {
	stop?.();
	stop = null;
	setDefaultDevice('cpu');
});

describe('a lost GPU device', () => {
	it('mid-training: training continues on the CPU from the last sync, parameters and optimizer state intact', async (ctx) => {
		needsGpu(ctx);
		await freshGpu(0); // only explicit syncs, so what is recovered is known exactly
		const events: DeviceChangeEvent[] = [];
		stop = onDeviceChange((e) => events.push(e));
		manualSeed(0);
		const model = new nn.Sequential(
			new nn.Conv2d(1, 4, 3, { padding: 1 }),
			new nn.ReLU(),
			new nn.MaxPool2d(2),
			new nn.Flatten(),
			new nn.Linear(4 * 4 * 4, 3),
		);
		const params = model.parameters();
		expect(params.every((p) => p.device === 'webgpu')).toBe(true);
		const optimizer = new optim.Adam(params, { lr: 0.02 });
		const X = randn([16, 1, 8, 8]);
		const y = randint(0, 3, [16]);
		const step = () =>
			tidy(() => {
				optimizer.zeroGrad();
				const loss = F.crossEntropy(model.forward(X), y);
				loss.backward();
				optimizer.step();
				return loss;
			});
		for (let i = 0; i < 5; i++) expect(typeof (await attempt(step))).toBe('number');

		const report = await syncToCpu(); // a safe point: parameters, Adam's moments and the data copied together
		expect(report.storages).toBeGreaterThanOrEqual(params.length * 3);
		const moments = (p: Tensor) => [optimizer.state.get(p)!.expAvg as Tensor, optimizer.state.get(p)!.expAvgSq as Tensor];
		const syncedParams = await Promise.all(params.map((p) => p.data()));
		const syncedMoments = await Promise.all(params.flatMap(moments).map((m) => m.data()));

		for (let i = 0; i < 2; i++) expect(typeof (await attempt(step))).toBe('number'); // not synced: these are lost
		destroyDevice();
		// the step in flight when the device goes fails: its loss was made on the GPU after the last sync
		const failed = await attempt(step);
		expect(failed).toBeInstanceOf(DeviceLostError);
		expect((failed as Error).message).toMatch(/device was lost.*syncToCpu/);

		// the page heard of it, with what was recovered
		expect(events.map((e) => [e.cause, e.previous, e.device])).toEqual([['webgpu-lost', 'webgpu', 'cpu']]);
		const recovery = events[0].recovery!;
		expect(recovery.recovered).toBeGreaterThanOrEqual(params.length * 3 + 2); // parameters, 2 moments each, X and y
		expect(recovery.rolledBack).toBeGreaterThanOrEqual(params.length * 3); // changed by the 2 unsynced steps
		expect(recovery.lastSync).toBe(report.at);
		expect(events[0].info.reason).toMatch(/'auto' moved to the CPU: the WebGPU device was lost/);

		// parameters and moments are the synced values, on the CPU, in the same tensor objects
		params.forEach((p, i) => {
			expect(p.device).toBe('cpu');
			expect(p.dataSync()).toEqual(syncedParams[i]);
		});
		params.flatMap(moments).forEach((m, i) => expect(m.dataSync()).toEqual(syncedMoments[i]));
		expect(X.device).toBe('cpu');

		// training simply continues, on the CPU
		expect(getDefaultDevice()).toBe('cpu');
		const losses: number[] = [];
		for (let i = 0; i < 15; i++) {
			const loss = await attempt(step);
			expect(typeof loss, `step ${i} after the loss: ${loss}`).toBe('number');
			losses.push(loss as number);
		}
		expect(losses.every(Number.isFinite)).toBe(true);
		expect(losses[14]).toBeLessThan(losses[0]);
		expect(params.every((p) => p.device === 'cpu' && p.grad?.device === 'cpu')).toBe(true);
		expect(randn([2]).device).toBe('cpu');
	}, 120_000);

	it('reads refresh the copies every syncEveryMs; a read waiting when the device goes resolves from the copy', async (ctx) => {
		needsGpu(ctx);
		await freshGpu(1);
		const backend = webgpuBackend()!;
		const w = randn([3, 3]).requiresGrad_(); // uploaded: its copy exists from the start
		const before = backend.copies.lastSync;
		const scratch = w.mul(2).add(1); // made on the GPU: no copy yet
		expect(backend.copies.stats().copies).toBeLessThan(backend.copies.stats().live);
		await scratch.data(); // a read starts a sync
		await vi.waitFor(() => expect(backend.copies.lastSync).not.toBe(before));
		const values = await scratch.data();
		const pending = scratch.data(); // waiting for the GPU when it goes
		destroyDevice();
		expect(await pending).toEqual(values);
		expect(scratch.device).toBe('cpu');
		expect(scratch.dataSync()).toEqual(values);
	}, 60_000);

	it('a tensor made after the last sync is gone, with an error that says so; a new device can be started', async (ctx) => {
		needsGpu(ctx);
		await freshGpu(0);
		const kept = tensor([1, 2, 3]);
		const gone = kept.mul(10); // never synced
		destroyDevice();
		await expect(gone.data()).rejects.toThrow(DeviceLostError);
		await vi.waitFor(() => expect(kept.device).toBe('cpu'));
		expect(() => gone.add(1)).toThrow(/made or changed on 'webgpu' after the last copy and is gone/);
		expect(() => setDefaultDevice('webgpu')).toThrow(/the WebGPU device was lost; call `await initWebgpu\(\)`/);
		expect(kept.add(1).dataSync()).toEqual(new Float32Array([2, 3, 4]));

		await freshGpu(0); // a new device: 'auto' picks it again, the recovered tensors stay on the CPU
		expect(tensor([1]).device).toBe('webgpu');
		expect(kept.device).toBe('cpu');
		expect(await syncToCpu()).toMatchObject({ storages: expect.any(Number) });
	}, 60_000);
});
