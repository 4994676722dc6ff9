import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver } from '../../src/components/LabRunner/draft-saver';
import { LogBatcher } from '../../src/components/LabRunner/log-batcher';
import { crashMessage, createRunMarker } from '../../src/components/LabRunner/run-marker';
import { labStatus } from '../../src/components/LabRunner/status';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('saving drafts as the learner types', () => {
	it('saves once, 500 ms after the last keystroke, with the latest text', async () => {
		const save = vi.fn(async () => {});
		const saver = createDraftSaver({ save });
		saver.schedule('a');
		await vi.advanceTimersByTimeAsync(300);
		saver.schedule('ab');
		await vi.advanceTimersByTimeAsync(499);
		expect(save).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(save).toHaveBeenCalledExactlyOnceWith('ab');
		expect(saver.pending).toBe(false);
	});

	it('saves a pending change at once on flush (pagehide, before a run), and not twice', async () => {
		const save = vi.fn(async () => {});
		const saver = createDraftSaver({ save });
		saver.schedule('x');
		expect(saver.pending).toBe(true);
		await saver.flush();
		await vi.advanceTimersByTimeAsync(1000);
		expect(save).toHaveBeenCalledExactlyOnceWith('x');
		await saver.flush();
		expect(save).toHaveBeenCalledTimes(1);
	});

	it('does not write the same text again, and drops a pending change on reset', async () => {
		const save = vi.fn(async () => {});
		const saver = createDraftSaver({ save });
		saver.schedule('same');
		await saver.flush();
		saver.schedule('same');
		await saver.flush();
		expect(save).toHaveBeenCalledTimes(1);
		saver.schedule('typed before reset');
		saver.cancel();
		await vi.advanceTimersByTimeAsync(1000);
		expect(save).toHaveBeenCalledTimes(1);
	});

	it('reports a failed write and tries again with the next change', async () => {
		const onError = vi.fn();
		const save = vi.fn().mockRejectedValueOnce(new Error('quota')).mockResolvedValue(undefined);
		const saver = createDraftSaver({ save, onError });
		saver.schedule('a');
		await saver.flush();
		expect(onError).toHaveBeenCalledOnce();
		saver.schedule('a');
		await saver.flush();
		expect(save).toHaveBeenCalledTimes(2);
	});
});

describe('console lines from the worker', () => {
	it('sends a print loop as a few batches, not one message per line', () => {
		let now = 0;
		const batches: number[] = [];
		const batcher = new LogBatcher((entries) => batches.push(entries.length), { now: () => now, maxBatch: 100, intervalMs: 100 });
		for (let i = 0; i < 500; i++) {
			batcher.push({ level: 'log', text: `line ${i}` });
			now += 0.01; // a tight synchronous loop
		}
		batcher.flush();
		expect(batches.reduce((a, b) => a + b, 0)).toBe(500);
		expect(batches.length).toBeLessThanOrEqual(6);
	});

	it('sends a slow trickle when the interval has passed', async () => {
		const batches: string[][] = [];
		const batcher = new LogBatcher((entries) => batches.push(entries.map((e) => e.text)));
		batcher.push({ level: 'log', text: 'first' });
		batcher.push({ level: 'log', text: 'second' });
		expect(batches).toEqual([['first']]);
		await vi.advanceTimersByTimeAsync(100);
		expect(batches).toEqual([['first'], ['second']]);
	});
});

describe('a run that crashed the page', () => {
	const memoryStorage = () => {
		const map = new Map<string, string>();
		return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
	};

	it('is reported once on the next load, and a run that ended is not', () => {
		const storage = memoryStorage();
		const marker = createRunMarker(storage, 'dense-forward', () => 5);
		marker.begin('run');
		marker.end();
		expect(createRunMarker(storage, 'dense-forward').takePrevious()).toBeNull();
		marker.begin('check');
		// ...the tab crashed; the next page load:
		const next = createRunMarker(storage, 'dense-forward');
		expect(next.takePrevious()).toEqual({ kind: 'check', at: 5 });
		expect(next.takePrevious()).toBeNull();
		expect(crashMessage('check')).toContain('ran out of memory');
	});

	it('works without storage', () => {
		const marker = createRunMarker(null, 'x');
		marker.begin('run');
		expect(marker.takePrevious()).toBeNull();
	});
});

describe('lab status', () => {
	const progress = (over = {}) => ({ labId: 'l', bestScore: 5, maxScore: 12, attempts: 2, passed: false, revealedAt: null, lastAttemptAt: 1, ...over });
	it.each([
		['no record', undefined, false, 'not-started', 'Not started'],
		['a draft but no check', undefined, true, 'in-progress', 'In progress'],
		['a partial score', progress(), false, 'in-progress', 'Best score 5 / 12'],
		['full marks', progress({ bestScore: 12, passed: true }), false, 'passed', 'Passed · 12 / 12'],
		['a revealed solution', progress({ revealedAt: 3 }), false, 'in-progress', 'Best score 5 / 12 · solution revealed'],
	])('%s', (_what, record, hasDraft, kind, label) => {
		expect(labStatus(record, hasDraft)).toEqual({ kind, label });
	});
});
