import { describe, expect, it } from 'vitest';
import { parseSandboxMessage, parseSandboxRequest } from '../../src/components/LabRunner/protocol';
import type { CheckResult, GradingResult } from '../../labs/_kit/result';

const check = (over: Partial<CheckResult> = {}): CheckResult => ({
	id: 'dense-values',
	title: 'dense computes x Wᵀ + b',
	status: 'fail',
	points: 0,
	maxPoints: 3,
	message: 'z is wrong',
	mistake: { id: 'forgot-bias', message: 'add the bias' },
	tensor: {
		name: 'z',
		shape: [5, 3],
		maxAbsError: NaN,
		maxRelError: 1,
		worst: { index: [0, 1], got: NaN, expected: 0.5 },
		errorMap: [[0, 1], [1e-9, 0.5]],
		tolerance: { rtol: 1e-6, atol: 1e-8 },
	},
	...over,
});

const result = (checks: CheckResult[] = [check()]): GradingResult => ({
	labId: 'dense-forward', engineVersion: '0.1.0', backend: 'cpu', seed: 7, score: 0, maxScore: 3, durationMs: 12, checks,
});

describe('messages from the sandbox worker', () => {
	it('accepts each shape the worker sends', () => {
		expect(parseSandboxMessage({ kind: 'ready' })).toEqual({ kind: 'ready' });
		expect(parseSandboxMessage({ kind: 'log', runId: 'r1', entries: [{ level: 'warn', text: 'hi' }] })?.kind).toBe('log');
		expect(parseSandboxMessage({ kind: 'device', runId: 'r1', backend: 'webgpu', adapter: 'SwiftShader' })).toMatchObject({ backend: 'webgpu', adapter: 'SwiftShader' });
		expect(parseSandboxMessage({ kind: 'started', runId: 'r1', total: 1, checks: [{ id: 'a', title: 'A', maxPoints: 1, hidden: false }] })?.kind).toBe('started');
		expect(parseSandboxMessage({ kind: 'check', runId: 'r1', index: 0, total: 7, result: check() })?.kind).toBe('check');
		expect(parseSandboxMessage({ kind: 'done', runId: 'r1', mode: 'check', result: result() })?.kind).toBe('done');
		expect(
			parseSandboxMessage({ kind: 'done', runId: 'r1', mode: 'run', summary: { plots: [{ name: 'loss', x: [0, 1], y: [2, 1] }], droppedLogs: 0, durationMs: 3, backend: 'cpu', returned: '42' } }),
		).toMatchObject({ mode: 'run' });
		expect(parseSandboxMessage({ kind: 'error', runId: null, message: 'failed', location: { line: 3, column: 1 } })?.kind).toBe('error');
	});

	it('keeps NaN and Infinity (structured clone) and accepts null where JSON lost them', () => {
		const parsed = parseSandboxMessage({ kind: 'check', runId: 'r', index: 0, total: 1, result: check() });
		expect(parsed?.kind === 'check' && parsed.result.tensor?.worst?.got).toBeNaN();
		const fromJson = JSON.parse(JSON.stringify(check()));
		expect(fromJson.tensor.worst.got).toBeNull();
		expect(parseSandboxMessage({ kind: 'check', runId: 'r', index: 0, total: 1, result: fromJson })).not.toBeNull();
	});

	it.each([
		['not an object', 'done'],
		['null', null],
		['an unknown kind', { kind: 'grade', runId: 'r' }],
		['a log without a run id', { kind: 'log', entries: [] }],
		['a log with an unknown level', { kind: 'log', runId: 'r', entries: [{ level: 'debug', text: 'x' }] }],
		['a done without a mode', { kind: 'done', runId: 'r', result: result() }],
		['a result with a string score', { kind: 'done', runId: 'r', mode: 'check', result: { ...result(), score: '12' } }],
		['a check with an unknown status', { kind: 'check', runId: 'r', index: 0, total: 1, result: check({ status: 'passed' as never }) }],
		['a check index past the total', { kind: 'check', runId: 'r', index: 3, total: 3, result: check() }],
		['a plot with x and y of different lengths', { kind: 'done', runId: 'r', mode: 'run', summary: { plots: [{ name: 'p', x: [0], y: [1, 2] }], droppedLogs: 0, durationMs: 1, backend: 'cpu' } }],
		['a flood of log entries in one message', { kind: 'log', runId: 'r', entries: Array.from({ length: 501 }, () => ({ level: 'log', text: 'x' })) }],
		['an error map larger than 16 × 16', { kind: 'check', runId: 'r', index: 0, total: 1, result: check({ tensor: { ...check().tensor!, errorMap: Array.from({ length: 17 }, () => [0]) } }) }],
	])('ignores %s', (_what, data) => {
		expect(parseSandboxMessage(data)).toBeNull();
	});
});

describe('requests to the worker', () => {
	it('accepts a run or check request and nothing else', () => {
		const request = { kind: 'check', runId: 'r', labId: 'dense-forward', source: 'x', seed: 1, device: 'cpu' };
		expect(parseSandboxRequest(request)).toEqual(request);
		expect(parseSandboxRequest({ ...request, kind: 'eval' })).toBeNull();
		expect(parseSandboxRequest({ ...request, device: 'tpu' })).toBeNull();
		expect(parseSandboxRequest({ ...request, seed: '1' })).toBeNull();
	});
});
