// The default device 'auto': WebGPU on a hardware adapter, the CPU when WebGPU is missing, fails to start or is
// a software fallback (SwiftShader here), with the explicit overrides, getDeviceInfo() and onDeviceChange().
// Each test imports a fresh engine (vi.resetModules), so it starts from the engine's initial state; some give
// it a stand-in navigator.gpu (none, a failing one, or SwiftShader dressed up as a hardware GPU).
import { afterEach, describe, expect, it, vi, type TestContext } from 'vitest';

type Engine = typeof import('../../../engine/index');
type Nav = { navigator: { gpu?: GPU } };

const realGpu = (globalThis as unknown as Nav).navigator?.gpu;

async function freshEngine(): Promise<Engine> {
	vi.resetModules();
	return import('../../../engine/index');
}

function setGpu(gpu: unknown): void {
	Object.defineProperty((globalThis as unknown as Nav).navigator, 'gpu', { value: gpu, configurable: true });
}

/** The real adapter with other names (and fallback flag), to stand in for a hardware GPU or another adapter. */
function disguised(info: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter: boolean }): GPU {
	const gpu = realGpu!;
	return {
		requestAdapter: async (options?: GPURequestAdapterOptions) => {
			const adapter = await gpu.requestAdapter(options);
			if (!adapter) return null;
			return new Proxy(adapter, {
				get(target, key) {
					if (key === 'info') return info;
					if (key === 'isFallbackAdapter') return info.isFallbackAdapter;
					const value = Reflect.get(target, key, target);
					return typeof value === 'function' ? value.bind(target) : value;
				},
			});
		},
	} as unknown as GPU;
}

function needsGpu(ctx: TestContext): void {
	const note = (globalThis as { __chainruleWebgpuNote?: string }).__chainruleWebgpuNote;
	if (!realGpu) ctx.skip(`no WebGPU adapter: ${note ?? 'navigator.gpu is missing'}`);
}

afterEach(() => setGpu(realGpu));

describe("device 'auto'", () => {
	it('is the initial default and runs on the CPU until WebGPU is started', async () => {
		const engine = await freshEngine();
		const info = engine.getDeviceInfo();
		expect(info).toMatchObject({ device: 'cpu', requested: 'auto', webgpu: { state: 'not-started', adapter: null } });
		expect(info.reason).toContain('initDevice()');
		expect(engine.getDefaultDevice()).toBe('cpu');
		expect(engine.tensor([1, 2]).device).toBe('cpu');
		expect(['wasm', 'typescript']).toContain(info.cpu.kernels);
	});

	it('stays on the CPU when navigator.gpu is missing, and says so', async () => {
		setGpu(undefined);
		const engine = await freshEngine();
		const info = await engine.initDevice();
		expect(info).toMatchObject({ device: 'cpu', requested: 'auto', webgpu: { state: 'unavailable' } });
		expect(info.reason).toMatch(/'auto' runs on the CPU: this browser or runtime has no WebGPU/);
		await expect(engine.initWebgpu()).rejects.toThrow(/initWebgpu: WebGPU is not available here/);
	});

	it('stays on the CPU when there is no adapter', async () => {
		setGpu({ requestAdapter: async () => null });
		const engine = await freshEngine();
		const info = await engine.initDevice();
		expect(info).toMatchObject({ device: 'cpu', webgpu: { state: 'unavailable' } });
		expect(info.reason).toContain('no adapter');
	});

	it('stays on the CPU when the device fails to start (and initDevice does not throw)', async () => {
		const adapter = {
			info: { vendor: 'acme', architecture: 'rdna9', device: 'X1', description: 'Acme X1' },
			limits: { maxStorageBufferBindingSize: 1 << 27, maxBufferSize: 1 << 28, maxStorageBuffersPerShaderStage: 8 },
			requestDevice: async () => {
				throw new Error('out of memory');
			},
		};
		setGpu({ requestAdapter: async () => adapter });
		const engine = await freshEngine();
		const info = await engine.initDevice();
		expect(info).toMatchObject({ device: 'cpu', webgpu: { state: 'failed', adapter: { description: 'Acme X1', isFallbackAdapter: false } } });
		expect(info.reason).toContain('out of memory');
	});

	it('stays on the CPU on a software adapter without making a GPU device; allowSoftware or an explicit choice override it', async (ctx) => {
		needsGpu(ctx);
		const engine = await freshEngine();
		const events: import('../../../engine/index').DeviceChangeEvent[] = [];
		const stop = engine.onDeviceChange((e) => events.push(e));
		const info = await engine.initDevice();
		expect(info.device).toBe('cpu');
		expect(info.webgpu.state).toBe('software');
		expect(info.webgpu.adapter?.isFallbackAdapter).toBe(true); // SwiftShader on this machine
		expect(info.reason).toMatch(/software fallback.*allowSoftware: true/);
		expect(() => engine.tensor([1], { device: 'webgpu' })).toThrow(/initWebgpu/); // no device was made
		expect(events).toEqual([]);

		// opting in: 'auto' now picks the software adapter, and listeners hear of it
		const allowed = await engine.initDevice({ allowSoftware: true });
		expect(allowed).toMatchObject({ device: 'webgpu', requested: 'auto', webgpu: { state: 'running' } });
		expect(allowed.reason).toContain('allowed by initWebgpu({ allowSoftware: true })');
		expect(engine.randn([2]).device).toBe('webgpu');
		expect(events.map((e) => [e.cause, e.previous, e.device])).toEqual([['webgpu-started', 'cpu', 'webgpu']]);

		// an explicit choice wins over 'auto'; 'auto' comes back
		engine.setDefaultDevice('cpu');
		expect(engine.getDeviceInfo()).toMatchObject({ device: 'cpu', requested: 'cpu', reason: "setDefaultDevice('cpu') chose the CPU" });
		engine.setDefaultDevice('auto');
		expect(engine.getDefaultDevice()).toBe('webgpu');
		await engine.initWebgpu({ allowSoftware: false }); // withdraw the opt-in: 'auto' goes back to the CPU
		expect(engine.getDefaultDevice()).toBe('cpu');
		engine.setDefaultDevice('webgpu'); // ... but the software adapter can still be chosen explicitly
		expect(engine.getDeviceInfo()).toMatchObject({ device: 'webgpu', requested: 'webgpu' });
		expect(engine.getDeviceInfo().reason).toMatch(/setDefaultDevice\('webgpu'\) chose WebGPU on SwiftShader/);
		stop();
		engine.setDefaultDevice('cpu');
		expect(events.map((e) => e.cause)).toEqual(['webgpu-started', 'setDefaultDevice', 'setDefaultDevice', 'webgpu-started', 'setDefaultDevice']);
		expect(() => engine.setDefaultDevice('gpu' as 'webgpu')).toThrow("setDefaultDevice: unknown device \"gpu\"; use 'cpu', 'webgpu' or 'auto'");
	});

	it('picks WebGPU on a hardware adapter (SwiftShader dressed as one), with its description', async (ctx) => {
		needsGpu(ctx);
		setGpu(disguised({ vendor: 'acme', architecture: 'rdna9', device: 'X1', description: 'Acme Radeon X1', isFallbackAdapter: false }));
		const engine = await freshEngine();
		const seen: string[] = [];
		engine.onDeviceChange((e) => seen.push(`${e.previous}->${e.device}`));
		const info = await engine.initDevice();
		expect(info).toMatchObject({ device: 'webgpu', requested: 'auto', webgpu: { state: 'running', adapter: { description: 'Acme Radeon X1', isFallbackAdapter: false } } });
		expect(info.reason).toBe("'auto' uses WebGPU on Acme Radeon X1, a hardware adapter");
		expect(seen).toEqual(['cpu->webgpu']);
		const x = engine.tensor([[1, 2], [3, 4]]);
		expect(x.device).toBe('webgpu');
		expect(await x.matmul(x).tolist()).toEqual([[7, 10], [15, 22]]);
		// a hardware adapter gets the GPU kernel variants
		expect((await engine.initWebgpu())).toMatchObject({ matmul: 'tiled', conv: 'tiled' });
	});

	it('also recognises a software adapter by its name when it has no fallback flag', async (ctx) => {
		needsGpu(ctx);
		setGpu(disguised({ vendor: 'mesa', architecture: '', device: 'llvmpipe (LLVM 15.0.7, 256 bits)', description: '', isFallbackAdapter: undefined as unknown as boolean }));
		const engine = await freshEngine();
		const info = await engine.initDevice();
		expect(info).toMatchObject({ device: 'cpu', webgpu: { state: 'software', adapter: { isFallbackAdapter: true } } });
	});

	it("an explicit setDefaultDevice('cpu') is kept by initDevice", async (ctx) => {
		needsGpu(ctx);
		const engine = await freshEngine();
		engine.setDefaultDevice('cpu');
		const info = await engine.initDevice({ allowSoftware: true });
		expect(info).toMatchObject({ device: 'cpu', requested: 'cpu', webgpu: { state: 'not-started' } });
	});
});
