/**
 * The engine's side of the benchmark: matmul, and an Adam step of the MLP and of the CNN, on
 *   engine-wasm    the CPU backend with its WASM SIMD kernels (float32)
 *   engine-ts      the CPU backend with WASM switched off (the plain TypeScript kernels)
 *   engine-webgpu  the WebGPU backend, where the browser has an adapter
 *   engine-auto    setDefaultDevice('auto') after initDevice(): WebGPU on a hardware adapter, else the CPU path
 */
import {
	F, initDevice, initWasm, initWebgpu, manualSeed, nn, noGrad, optim, randint, randn, setDefaultDevice, tidy, useWasm, webgpuAvailable,
	type DevicePreference, type Tensor,
} from 'chainrule';
import type { BenchCase } from './timing';

export const ENGINE_IMPLS = ['engine-wasm', 'engine-ts', 'engine-webgpu', 'engine-auto'] as const;
export type EngineImpl = (typeof ENGINE_IMPLS)[number];

const deviceOf = (impl: EngineImpl): DevicePreference => (impl === 'engine-webgpu' ? 'webgpu' : impl === 'engine-auto' ? 'auto' : 'cpu');

function select(impl: EngineImpl): void {
	useWasm(impl !== 'engine-ts');
	setDefaultDevice(deviceOf(impl));
}

/** Makes the backend ready; returns why it cannot run here, or null. */
export async function prepareEngine(impl: EngineImpl): Promise<string | null> {
	if (impl === 'engine-webgpu') {
		if (!(await webgpuAvailable())) return 'no WebGPU adapter in this browser';
		await initWebgpu();
	} else if (impl === 'engine-wasm') {
		if (!(await initWasm())) return 'no WebAssembly SIMD';
	} else if (impl === 'engine-auto') {
		await Promise.all([initWasm(), initDevice()]);
	}
	select(impl);
	return null;
}

export function engineMatmul(impl: EngineImpl, n: number): BenchCase {
	select(impl);
	const a = randn([n, n]);
	const b = randn([n, n]);
	let c: Tensor | null = null;
	return {
		step: () => {
			select(impl);
			c?.dispose();
			c = noGrad(() => a.matmul(b));
		},
		read: async () => {
			await c!.data();
		},
		dispose: () => [a, b, c].forEach((t) => t?.dispose()),
	};
}

/** MLP 64→128→64→10 with ReLU, batch 256. */
function mlp(): nn.Module {
	return new nn.Sequential(new nn.Linear(64, 128), new nn.ReLU(), new nn.Linear(128, 64), new nn.ReLU(), new nn.Linear(64, 10));
}

/** CNN on 28×28×1: conv 3×3 × 8 (same padding), ReLU, max-pool 2, dense 10; batch 128. */
function cnn(): nn.Module {
	return new nn.Sequential(
		new nn.Conv2d(1, 8, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(8 * 14 * 14, 10),
	);
}

export type Model = 'mlp' | 'cnn';

/** One Adam step (zeroGrad, forward, cross-entropy, backward, step) per `step()`; `read()` reads a parameter. */
export function engineTrain(impl: EngineImpl, model: Model): BenchCase {
	select(impl);
	manualSeed(0);
	const net = model === 'mlp' ? mlp() : cnn();
	const opt = new optim.Adam(net.parameters(), { lr: 1e-3 });
	const batch = model === 'mlp' ? 256 : 128;
	const x = randn(model === 'mlp' ? [batch, 64] : [batch, 1, 28, 28]);
	const y = randint(0, 10, [batch]);
	const params = net.parameters();
	// the last parameter the step updates: reading it waits for the whole step
	const probe = params[params.length - 1];
	return {
		step: () => {
			select(impl);
			tidy(() => {
				opt.zeroGrad();
				F.crossEntropy(net.forward(x) as Tensor, y).backward();
				opt.step();
			});
		},
		read: async () => {
			await probe.data();
		},
		dispose: () => {
			[x, y, ...params].forEach((t) => t.dispose());
		},
	};
}
