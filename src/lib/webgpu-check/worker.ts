/// <reference lib="webworker" />
/**
 * The WebGPU check's module worker, as labs run the engine: it starts WebGPU (software adapters allowed, so
 * SwiftShader counts), runs the cases on both devices and posts the report to the page.
 */
import { getDeviceInfo, initWebgpu } from 'chainrule';
import { runChecks, type CheckResult } from './cases.ts';

export type CheckReport =
	| { kind: 'done'; adapter: Awaited<ReturnType<typeof initWebgpu>>; device: ReturnType<typeof getDeviceInfo>; results: CheckResult[]; ms: number }
	| { kind: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function main(): Promise<CheckReport> {
	const start = performance.now();
	try {
		const adapter = await initWebgpu({ allowSoftware: true });
		const results = await runChecks();
		return { kind: 'done', adapter, device: getDeviceInfo(), results, ms: performance.now() - start };
	} catch (error) {
		return { kind: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
	}
}

main().then((report) => scope.postMessage(report));
