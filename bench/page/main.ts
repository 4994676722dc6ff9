/**
 * The benchmark page: `window.runBench({ quick })` measures the engine and TF.js in this one page and returns
 * every timing; bench/run.mjs prints the table and the ratios and saves the JSON.
 */
import { getDeviceInfo, setDefaultDevice, wasmInfo } from 'chainrule';
import { ENGINE_IMPLS, engineMatmul, engineTrain, prepareEngine, type EngineImpl, type Model } from './engine-cases';
import { TF_IMPLS, prepareTf, tfInfo, tfMatmul, tfTrain, type TfImpl } from './tfjs-cases';
import { batch, once, summarize, warm, type BenchCase, type Timing } from './timing';

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

	/**
	 * One benchmark on a group of implementations, interleaved: after every case's warm-up, run r of each case
	 * follows run r - 1 of every other, so a burst of load from elsewhere on the machine hits them alike.
	 */
	const timed = async (bench: string, group: Impl[], make: (impl: Impl) => BenchCase, flops?: number) => {
		if (!wanted(bench)) return;
		const live: { impl: Impl; c: BenchCase; reps: number; runs: number; times: number[]; cold: number }[] = [];
		for (const impl of group) {
			if (unavailable.has(impl)) {
				log({ bench, impl, status: 'unavailable', note: unavailable.get(impl) });
				continue;
			}
			let c: BenchCase | null = null;
			try {
				const reason = await prepare(impl);
				if (reason) {
					log({ bench, impl, status: 'unavailable', note: reason });
					continue;
				}
				c = make(impl);
				const w = await warm(c, opts);
				live.push({ impl, c, reps: w.reps, runs: w.runs, times: [], cold: w.lastMs });
			} catch (error) {
				log({ bench, impl, status: 'failed', note: message(error) });
				c?.dispose();
			}
		}
		const failed = new Set<Impl>();
		for (let r = 0; r < opts.runs; r++) {
			for (const e of live) {
				if (r >= e.runs || failed.has(e.impl)) continue;
				try {
					await prepare(e.impl);
					e.times.push(await batch(e.c, e.reps));
				} catch (error) {
					failed.add(e.impl);
					log({ bench, impl: e.impl, status: 'failed', note: message(error) });
				}
			}
		}
		for (const e of live) {
			if (!failed.has(e.impl)) {
				// too slow to repeat (software WebGPU): the one warm-up step is all there is
				const ms = e.times.length > 0 ? summarize(e.times, e.reps) : { median: e.cold, min: e.cold, max: e.cold, runs: 1, reps: 1 };
				log({ bench, impl: e.impl, status: 'ok', ms, gflops: flops ? flops / (ms.median * 1e6) : undefined, note: e.times.length ? undefined : 'one warm-up step only' });
			}
			try {
				e.c.dispose();
			} catch {}
		}
	};
	// TF.js has one 'wasm' backend at a time: the 2-thread one is measured on its own, the rest together
	const groups = [impls.filter((i) => i !== 'tf-wasm-2t'), impls.filter((i) => i === 'tf-wasm-2t')].filter((g) => g.length > 0);

	// 2. the Adam steps
	for (const model of ['mlp', 'cnn'] as const) {
		for (const group of groups) await timed(`${model}-step`, group, (impl) => train(impl, model));
	}

	// 3. square matmuls (--quick: 128 and 256 only)
	for (const n of sizes) {
		for (const group of groups) await timed(`matmul-${n}`, group, (impl) => matmul(impl, n), 2 * n ** 3);
	}

	const env = {
		userAgent: navigator.userAgent,
		hardwareConcurrency: navigator.hardwareConcurrency,
		crossOriginIsolated: globalThis.crossOriginIsolated,
		engineWasm: wasmInfo(),
		engineAuto: (setDefaultDevice('auto'), getDeviceInfo()),
		tfjs: await tfInfo(),
		quick,
		options: opts,
	};
	return { env, results };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
document.body.dataset.ready = 'true';
