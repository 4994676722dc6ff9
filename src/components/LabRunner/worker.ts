/// <reference lib="webworker" />
/**
 * The lab sandbox: a dedicated module worker that runs one learner request (Run or Check) and answers on a
 * private MessagePort. The page makes a fresh worker for every request and terminates it afterwards, so
 * nothing a run leaves behind (timers, patched prototypes, an endless loop) reaches the next one.
 *
 * Order matters: the engine, the grading kit and this file's private references are set up first; then
 * `lockDown` removes network and storage globals; only then is learner code evaluated.
 */
import { initWebgpu, manualSeed, setDefaultDevice } from 'chainrule';
import { describeThrown } from '../../../labs/_kit/failure';
import { gradeSource, runSource } from '../../../labs/_kit/sandbox/run-source';
import { labRegistry } from '../../lib/labs/registry';
import { LogBatcher } from './log-batcher';
import { lockDown } from './lockdown';
import { parseSandboxRequest, type SandboxMessage, type SandboxRequest } from './protocol';
import { explainMemoryError } from './report';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Private references, taken before learner code can patch the prototypes they come from.
const portPostMessage = MessagePort.prototype.postMessage;
const apply = Reflect.apply;
let port: MessagePort | null = null;
let busy: string | null = null;

function send(message: SandboxMessage): void {
	if (!port) return;
	try {
		apply(portPostMessage, port, [message]);
	} catch (error) {
		// e.g. a value structured clone cannot copy: report that instead of going silent
		apply(portPostMessage, port, [{ kind: 'error', runId: busy, message: `The sandbox could not send its result: ${describeThrown(error)}` }]);
	}
}

/** Errors that escape learner code after its call returned (a timer, an unawaited promise). */
function reportStray(what: string, thrown: unknown): void {
	if (busy) send({ kind: 'log', runId: busy, entries: [{ level: 'error', text: `${what}: ${describeThrown(thrown)}` }] });
}
scope.addEventListener('error', (event) => {
	event.preventDefault();
	reportStray('Uncaught error (in a timer or callback)', event.error ?? event.message);
});
scope.addEventListener('unhandledrejection', (event) => {
	event.preventDefault();
	reportStray('Unhandled promise rejection', event.reason);
});

async function useDevice(request: SandboxRequest): Promise<'cpu' | 'webgpu'> {
	if (request.device === 'cpu') {
		setDefaultDevice('cpu');
		send({ kind: 'device', runId: request.runId, backend: 'cpu' });
		return 'cpu';
	}
	try {
		// the learner chose WebGPU, so a software adapter (SwiftShader) is allowed too
		const info = await initWebgpu({ allowSoftware: true });
		// a check builds its inputs and the float64 reference on the CPU; the kit moves the learner's calls to
		// the GPU (labs/_kit/learner-device.ts)
		setDefaultDevice(request.kind === 'check' ? 'cpu' : 'webgpu');
		const adapter = info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'WebGPU adapter';
		const note = request.kind === 'check' ? 'Your code runs in float32 on the GPU; the reference in float64 on the CPU, with a float32 tolerance.' : undefined;
		send({ kind: 'device', runId: request.runId, backend: 'webgpu', adapter, note });
		return 'webgpu';
	} catch (error) {
		setDefaultDevice('cpu');
		send({ kind: 'device', runId: request.runId, backend: 'cpu', note: `WebGPU could not start (${describeThrown(error)}); running on the CPU.` });
		return 'cpu';
	}
}

async function handle(request: SandboxRequest): Promise<void> {
	const { runId } = request;
	if (!labRegistry.has(request.labId)) {
		send({ kind: 'error', runId, message: `No lab "${request.labId}" in this build.` });
		return;
	}
	const backend = await useDevice(request);
	if (request.kind === 'run') {
		const batcher = new LogBatcher((entries) => send({ kind: 'log', runId, entries }));
		manualSeed(request.seed);
		const outcome = await runSource(request.source, (entry) => batcher.push(entry));
		batcher.flush();
		send({
			kind: 'done',
			runId,
			mode: 'run',
			summary: {
				returned: outcome.returned,
				plots: outcome.plots,
				problem: outcome.problem && { ...outcome.problem, message: explainMemoryError(outcome.problem.message) },
				droppedLogs: outcome.droppedLogs,
				durationMs: outcome.durationMs,
				backend,
			},
		});
		return;
	}
	const lab = await labRegistry.runtime(request.labId);
	const outline = lab.checks.checks.map((c) => ({ id: c.id, title: c.title, maxPoints: c.points, hidden: c.hidden }));
	send({ kind: 'started', runId, total: outline.length, checks: outline });
	const graded = await gradeSource(request.source, { id: lab.id, checks: lab.checks, solution: lab.solution }, {
		seed: request.seed,
		backend,
		onCheck: (result, index, total) => send({ kind: 'check', runId, index, total, result: { ...result, message: explainMemoryError(result.message) } }),
	});
	graded.result.checks = graded.result.checks.map((c) => ({ ...c, message: explainMemoryError(c.message) }));
	if (graded.logs.length > 0) send({ kind: 'log', runId, entries: graded.logs.slice(0, 500) });
	send({ kind: 'done', runId, mode: 'check', result: graded.result, problem: graded.problem });
}

// The first message hands over the private port; nothing else is accepted on the global channel.
function onInit(event: MessageEvent): void {
	if (port || event.data?.kind !== 'init' || !(event.ports[0] instanceof MessagePort)) return;
	scope.removeEventListener('message', onInit);
	port = event.ports[0];
	port.onmessage = (message) => {
		const request = parseSandboxRequest(message.data);
		if (!request || busy) return; // one request per worker
		busy = request.runId;
		handle(request).catch((error) => send({ kind: 'error', runId: request.runId, message: `The sandbox failed: ${describeThrown(error)}` }));
	};
	lockDown(scope);
	send({ kind: 'ready' });
}
scope.addEventListener('message', onInit);
