/**
 * TF.js's side of the benchmark, the same workloads as engine-cases.ts on each TF.js backend:
 *   tf-wasm-1t / tf-wasm-2t  XNNPACK WASM SIMD with 1 and 2 threads (threads need cross-origin isolation)
 *   tf-cpu, tf-webgl, tf-webgpu
 * TF.js is NHWC, so the CNN's input is [128, 28, 28, 1] and its filter [3, 3, 1, 8]: the same computation.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BenchCase } from './timing';
import type { Model } from './engine-cases';

export const TF_IMPLS = ['tf-wasm-1t', 'tf-wasm-2t', 'tf-cpu', 'tf-webgl', 'tf-webgpu'] as const;
export type TfImpl = (typeof TF_IMPLS)[number];

// served by bench/run.mjs from node_modules/@tensorflow/tfjs-backend-wasm/dist
setWasmPaths('/tfjs-wasm/');
const wasmFactory = tf.findBackendFactory('wasm');
let wasmThreads = -1;

/** Activates the backend (re-creating the WASM one with the wanted thread count); returns why not, or null. */
export async function prepareTf(impl: TfImpl): Promise<string | null> {
	try {
		if (impl === 'tf-wasm-1t' || impl === 'tf-wasm-2t') {
			const threads = impl === 'tf-wasm-1t' ? 1 : 2;
			if (threads === 2 && !globalThis.crossOriginIsolated) return 'threads need a cross-origin isolated page';
			if (wasmThreads !== threads) {
				if (tf.findBackend('wasm')) tf.removeBackend('wasm');
				setThreadsCount(threads);
				tf.registerBackend('wasm', wasmFactory, 2);
				wasmThreads = threads;
			}
			// NOTE: TF.js's C++ side caps its thread pool at navigator.hardwareConcurrency / 2 (it assumes two
			// hyper-threads per core), which is 1 on a 2-core machine; for the 2-thread run it is told 4 while the
			// backend starts, so XNNPACK really gets 2 threads (checked below).
			const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'hardwareConcurrency');
			if (threads > 1) Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
			try {
				if (!(await tf.setBackend('wasm'))) return 'tf.setBackend("wasm") failed';
				await tf.ready();
			} finally {
				if (threads > 1 && real) delete (navigator as unknown as Record<string, unknown>).hardwareConcurrency;
			}
			if (getThreadsCount() !== threads) return `asked for ${threads} threads, got ${getThreadsCount()}`;
			return null;
		}
		const name = impl.slice(3);
		if (!(await tf.setBackend(name))) return `tf.setBackend("${name}") failed`;
		await tf.ready();
		return null;
	} catch (error) {
		return `TF.js ${impl}: ${(error as Error).message ?? error}`;
	}
}

/** What TF.js's WASM backend detected here. */
export async function tfInfo(): Promise<Record<string, unknown>> {
	return {
		version: tf.version_core,
		wasmSimd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
		wasmThreads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
		wasmThreadsCount: wasmThreads === -1 ? null : getThreadsCount(),
	};
}

export function tfMatmul(n: number): BenchCase {
	const a = tf.randomNormal([n, n]);
	const b = tf.randomNormal([n, n]);
	let c: tf.Tensor | null = null;
	return {
		step: () => {
			c?.dispose();
			c = tf.matMul(a, b);
		},
		read: async () => {
			await c!.data();
		},
		dispose: () => [a, b, c].forEach((t) => t?.dispose()),
	};
}

function dense(inputs: number, outputs: number): [tf.Variable, tf.Variable] {
	return [tf.variable(tf.randomNormal([inputs, outputs], 0, Math.sqrt(1 / inputs))), tf.variable(tf.zeros([outputs]))];
}

/** One Adam step per `step()` (tf.train.adam, softmax cross-entropy); `read()` reads the last bias. */
export function tfTrain(model: Model): BenchCase {
	const batch = model === 'mlp' ? 256 : 128;
	const x = tf.randomNormal(model === 'mlp' ? [batch, 64] : [batch, 28, 28, 1]);
	const labels = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32') as tf.Tensor1D, 10);
	const vars: tf.Variable[] = [];
	let forward: () => tf.Tensor;
	if (model === 'mlp') {
		const layers = [dense(64, 128), dense(128, 64), dense(64, 10)];
		layers.forEach((l) => vars.push(...l));
		forward = () => {
			let h: tf.Tensor = x;
			layers.forEach(([w, b], i) => {
				h = tf.add(tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D), b);
				if (i < layers.length - 1) h = tf.relu(h);
			});
			return h;
		};
	} else {
		const filter = tf.variable(tf.randomNormal([3, 3, 1, 8], 0, 1 / 3));
		const convBias = tf.variable(tf.zeros([8]));
		const [w, b] = dense(8 * 14 * 14, 10);
		vars.push(filter, convBias, w, b);
		forward = () => {
			const h = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same'), convBias));
			const p = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
			return tf.add(tf.matMul(tf.reshape(p, [batch, 8 * 14 * 14]), w as tf.Tensor2D), b);
		};
	}
	const opt = tf.train.adam(1e-3);
	const probe = vars[vars.length - 1];
	return {
		step: () => {
			tf.tidy(() => {
				opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, forward()) as tf.Scalar, false, vars);
			});
		},
		read: async () => {
			await probe.data();
		},
		dispose: () => {
			[x, labels, ...vars].forEach((t) => t.dispose());
			opt.dispose();
		},
	};
}
