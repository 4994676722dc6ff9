import { afterEach, describe, expect, it } from 'vitest';
import { SandboxHost, type RunEnd, type WorkerLike } from '../../src/components/LabRunner/sandbox-host';
import type { SandboxMessage } from '../../src/components/LabRunner/protocol';

/** A stand-in for the sandbox worker: the test plays the worker's side of the private port. */
class FakeWorker implements WorkerLike {
	port: MessagePort | null = null;
	requests: Record<string, unknown>[] = [];
	terminated = false;
	private errorListeners: ((e: Event) => void)[] = [];
	postMessage(message: unknown, transfer: Transferable[]): void {
		if ((message as { kind?: string }).kind === 'init') {
			this.port = transfer[0] as MessagePort;
			this.port.onmessage = (e: MessageEvent) => this.requests.push(e.data);
		}
	}
	terminate(): void {
		this.terminated = true;
		this.port?.close();
	}
	addEventListener(type: string, listener: (e: Event) => void): void {
		if (type === 'error') this.errorListeners.push(listener);
	}
	send(message: unknown): void {
		this.port!.postMessage(message);
	}
	crash(message = 'Out of memory'): void {
		for (const l of this.errorListeners) l(Object.assign(new Event('error'), { message }));
	}
}

/** Timers the test fires by hand. */
function manualTimers() {
	const timers = new Map<number, { fn: () => void; ms: number }>();
	let next = 1;
	return {
		setTimer: (fn: () => void, ms: number) => {
			timers.set(next, { fn, ms });
			return next++;
		},
		clearTimer: (id: unknown) => void timers.delete(id as number),
		fire(ms: number) {
			for (const [id, t] of [...timers]) {
				if (t.ms === ms) {
					timers.delete(id);
					t.fn();
				}
			}
		},
	};
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const hosts: SandboxHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.dispose()));

function setup() {
	const workers: FakeWorker[] = [];
	const timers = manualTimers();
	const host = new SandboxHost({
		createWorker: () => {
			const w = new FakeWorker();
			workers.push(w);
			return w;
		},
		setTimer: timers.setTimer,
		clearTimer: timers.clearTimer,
		startupTimeoutMs: 30_000,
	});
	hosts.push(host);
	return { host, workers, timers };
}

const request = { kind: 'run' as const, labId: 'dense-forward', source: 'export function main() {}', seed: 1, device: 'cpu' as const };

describe('the sandbox host', () => {
	it('sends the request once the worker is ready, streams its messages and ends on done', async () => {
		const { host, workers } = setup();
		const seen: SandboxMessage[] = [];
		const ended = host.run(request, 10_000, (m) => seen.push(m));
		const worker = workers[0];
		worker.send({ kind: 'ready' });
		await tick();
		expect(worker.requests).toHaveLength(1);
		const runId = worker.requests[0].runId as string;
		expect(worker.requests[0]).toMatchObject(request);
		worker.send({ kind: 'log', runId, entries: [{ level: 'log', text: 'hello' }] });
		worker.send({ kind: 'done', runId, mode: 'run', summary: { plots: [], droppedLogs: 0, durationMs: 1, backend: 'cpu', returned: '2' } });
		const end = await ended;
		expect(end.kind).toBe('done');
		expect(seen).toEqual([{ kind: 'log', runId, entries: [{ level: 'log', text: 'hello' }] }]);
		expect(worker.terminated).toBe(true);
		// a fresh worker is already starting for the next run
		expect(workers).toHaveLength(2);
	});

	it('ignores malformed messages and messages of another run', async () => {
		const { host, workers } = setup();
		const seen: SandboxMessage[] = [];
		const ended = host.run(request, 10_000, (m) => seen.push(m));
		const worker = workers[0];
		worker.send({ kind: 'ready' });
		await tick();
		const runId = worker.requests[0].runId as string;
		worker.send({ kind: 'done', runId: 'forged', mode: 'check', result: { labId: 'x', engineVersion: '0', backend: 'cpu', seed: 0, score: 99, maxScore: 99, durationMs: 0, checks: [] } });
		worker.send({ kind: 'log', runId, entries: 'not a list' });
		worker.send({ kind: 'done', runId, mode: 'run', summary: { plots: 'nope' } });
		worker.send('done');
		await tick();
		expect(seen).toEqual([]);
		expect(host.running).toBe(true);
		worker.send({ kind: 'done', runId, mode: 'run', summary: { plots: [], droppedLogs: 0, durationMs: 1, backend: 'cpu' } });
		expect((await ended).kind).toBe('done');
	});

	it('stops a run at the time limit by terminating its worker', async () => {
		const { host, workers, timers } = setup();
		const ended = host.run(request, 2_000, () => {});
		workers[0].send({ kind: 'ready' });
		await tick();
		timers.fire(2_000);
		expect(await ended).toEqual<RunEnd>({ kind: 'timeout', limitMs: 2_000 });
		expect(workers[0].terminated).toBe(true);
	});

	it('does not count the worker start-up against the time limit', async () => {
		const { host, workers, timers } = setup();
		let ended: RunEnd | null = null;
		void host.run(request, 2_000, () => {}).then((e) => (ended = e));
		timers.fire(2_000); // no time-limit timer exists before `ready`
		await tick();
		expect(ended).toBeNull();
		timers.fire(30_000);
		await tick();
		expect(ended).toMatchObject({ kind: 'crashed', message: 'The sandbox did not start within 30 s.' });
		expect(workers[0].terminated).toBe(true);
	});

	it('reports a worker that dies mid-run as out of memory or crashed, and starts a fresh one', async () => {
		const { host, workers } = setup();
		const ended = host.run(request, 10_000, () => {});
		workers[0].send({ kind: 'ready' });
		await tick();
		workers[0].crash();
		const end = await ended;
		expect(end.kind).toBe('crashed');
		expect(end.kind === 'crashed' && end.message).toMatch(/^The sandbox ran out of memory or crashed \(Out of memory\)/);
		expect(workers).toHaveLength(2);
		// the next run uses the fresh worker
		const next = host.run(request, 10_000, () => {});
		workers[1].send({ kind: 'ready' });
		await tick();
		expect(workers[1].requests).toHaveLength(1);
		host.cancel();
		expect((await next).kind).toBe('cancelled');
	});

	it('uses the worker started ahead of time', async () => {
		const { host, workers } = setup();
		host.prewarm();
		workers[0].send({ kind: 'ready' });
		await tick();
		void host.run(request, 10_000, () => {});
		await tick();
		expect(workers[0].requests).toHaveLength(1);
	});
});
