/**
 * The benchmark page: `window.runBench({ quick })` measures the engine and TF.js in this one page and returns
 * every timing; bench/run.mjs prints the table and the ratios and saves the JSON.
 */
import { wasmInfo } from 'chainrule';
import { ENGINE_IMPLS, engineMatmul, engineTrain, prepareEngine, type EngineImpl, type Model } from './engine-cases';
import { TF_IMPLS, prepareTf, tfInfo, tfMatmul, tfTrain, type TfImpl } from './tfjs-cases';
import { measure, once, type BenchCase, type Timing } from './timing';

type Impl = EngineImpl | TfImpl;

export interface BenchResult {
	bench: string;
	impl: Impl;
	status: 'ok' | 'unavailable' | 'failed';
	/** Milliseconds per step (one sample for first-step latencies). */
	ms?: Timing;
	/** Matmul throughput at the median time. */
	gflops?: number;
	note?: string;
}

export interface BenchOptions {
	quick?: boolean;
	/** Only these implementations / benchmarks (all when empty). */
	impls?: string[];
	benches?: string[];
}

const isEngine = (impl: Impl): impl is EngineImpl => impl.startsWith('engine');
const prepare = (impl: Impl) => (isEngine(impl) ? prepareEngine(impl) : prepareTf(impl));
const train = (impl: Impl, model: Model): BenchCase => (isEngine(impl) ? engineTrain(impl, model) : tfTrain(model));
const matmul = (impl: Impl, n: number): BenchCase => (isEngine(impl) ? engineMatmul(impl, n) : tfMatmul(n));
const message = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200);

async function runBench(options: BenchOptions = {}): Promise<{ env: Record<string, unknown>; results: BenchResult[] }> {
	const quick = options.quick === true;
	const opts = { runs: quick ? 3 : 7, batchMs: quick ? 40 : 150, warmup: quick ? 1 : 2 };
	const sizes = quick ? [128, 256] : [128, 256, 512, 1024];
	const impls: Impl[] = [...ENGINE_IMPLS, ...TF_IMPLS].filter((i) => !options.impls?.length || options.impls.includes(i));
	const wanted = (bench: string) => !options.benches?.length || options.benches.includes(bench);
	const results: BenchResult[] = [];
	const unavailable = new Map<Impl, string>();
	const log = (r: BenchResult) => {
		results.push(r);
		const t = r.ms ? `${r.ms.median.toFixed(2)} ms [${r.ms.min.toFixed(2)}–${r.ms.max.toFixed(2)}]` : r.note;
		console.log(`bench: ${r.bench.padEnd(15)} ${r.impl.padEnd(14)} ${r.status.padEnd(11)} ${t}${r.gflops ? ` ${r.gflops.toFixed(1)} GFLOP/s` : ''}`);
	};

	// 1. first-step latency: backend start (WASM instantiation, shader compilation) + model + first Adam step + readback.
	// The engine's WASM path goes first, before any engine op instantiates its module.
	for (const impl of wanted('first-mlp-step') ? impls : []) {
		try {
			const ms = await once(async () => {
				const reason = await prepare(impl);
				if (reason) throw Object.assign(new Error(reason), { unavailable: true });
				const c = train(impl, 'mlp');
				await c.step();
				await c.read();
				c.dispose();
			});
			log({ bench: 'first-mlp-step', impl, status: 'ok', ms: { median: ms, min: ms, max: ms, runs: 1, reps: 1 } });
		} catch (error) {
			const unavailableHere = (error as { unavailable?: boolean }).unavailable === true;
			if (unavailableHere) unavailable.set(impl, message(error));
			log({ bench: 'first-mlp-step', impl, status: unavailableHere ? 'unavailable' : 'failed', note: message(error) });
		}
	}

	const timed = async (bench: string, impl: Impl, make: () => BenchCase, flops?: number) => {
		if (!wanted(bench)) return;
		if (unavailable.has(impl)) return log({ bench, impl, status: 'unavailable', note: unavailable.get(impl) });
		let c: BenchCase | null = null;
		try {
			const reason = await prepare(impl);
			if (reason) return log({ bench, impl, status: 'unavailable', note: reason });
			c = make();
			const ms = await measure(c, opts);
			log({ bench, impl, status: 'ok', ms, gflops: flops ? flops / (ms.median * 1e6) : undefined });
		} catch (error) {
			log({ bench, impl, status: 'failed', note: message(error) });
		} finally {
			try {
				c?.dispose();
			} catch {}
		}
	};

	// 2. the Adam steps
	for (const model of ['mlp', 'cnn'] as const) {
		for (const impl of impls) await timed(`${model}-step`, impl, () => train(impl, model));
	}

	// 3. square matmuls (--quick: 128 and 256 only; the plain loops take seconds at 1024 and get fewer runs)
	for (const n of sizes) {
		for (const impl of impls) await timed(`matmul-${n}`, impl, () => matmul(impl, n), 2 * n ** 3);
	}

	const env = {
		userAgent: navigator.userAgent,
		hardwareConcurrency: navigator.hardwareConcurrency,
		crossOriginIsolated: globalThis.crossOriginIsolated,
		engineWasm: wasmInfo(),
		tfjs: await tfInfo(),
		quick,
		options: opts,
	};
	return { env, results };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
document.body.dataset.ready = 'true';
