import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LearnerStore, exportProgress, importProgress, eraseProgress, parseBackup, BackupError } from '~/lib/store';
import type { GradingResult } from '../../labs/_kit/result';

let counter = 0;
const stores: LearnerStore[] = [];
async function freshStore(name = `test-${counter++}`) {
	const store = await LearnerStore.open(name);
	stores.push(store);
	return { store, name };
}
afterEach(() => stores.splice(0).forEach((s) => s.close()));

const result = (score: number, maxScore = 10): GradingResult => ({
	labId: 'dense-forward', engineVersion: '0.1.0', backend: 'cpu', seed: 5, score, maxScore, durationMs: 3, checks: [],
});

describe('learner store', () => {
	it('Is a draft still there after the store is closed and opened again (a reload)?', async () => {
		const { store, name } = await freshStore();
		await store.saveDraft('dense-forward', 'export const x = 1;');
		store.close();
		const again = await LearnerStore.open(name);
		stores.push(again);
		expect((await again.getDraft('dense-forward'))?.code).toBe('export const x = 1;');
	});

	it('keeps the best score across attempts and counts them', async () => {
		const { store } = await freshStore();
		await store.recordAttempt('dense-forward', 'a', result(4));
		await store.recordAttempt('dense-forward', 'b', result(10));
		const progress = await store.recordAttempt('dense-forward', 'c', result(6));
		expect(progress).toMatchObject({ bestScore: 10, attempts: 3, passed: true });
		expect((await store.attempts('dense-forward')).map((a) => a.code)).toEqual(['a', 'b', 'c']);
	});

	it('resetting a lab drops the draft but keeps attempts and the revealed flag', async () => {
		const { store } = await freshStore();
		await store.saveDraft('dense-forward', 'mine');
		await store.recordAttempt('dense-forward', 'mine', result(3));
		await store.markRevealed('dense-forward', 10);
		await store.resetLab('dense-forward');
		expect(await store.getDraft('dense-forward')).toBeUndefined();
		expect(await store.labProgress('dense-forward')).toMatchObject({ attempts: 1, bestScore: 3 });
		expect((await store.labProgress('dense-forward'))?.revealedAt).toBeTypeOf('number');
	});

	it('keeps the same learner id once made', async () => {
		const { store } = await freshStore();
		const id = await store.learnerId();
		expect(await store.learnerId()).toBe(id);
	});

	it('lists only review cards that are due', async () => {
		const { store } = await freshStore();
		await store.putReviewCard({ itemId: 'a', bankId: 'x', card: {}, due: 100, updatedAt: 1 });
		await store.putReviewCard({ itemId: 'b', bankId: 'x', card: {}, due: 300, updatedAt: 1 });
		expect((await store.dueCards(200)).map((c) => c.itemId)).toEqual(['a']);
	});

	it('Does an export imported into an empty store give back the same progress?', async () => {
		const { store } = await freshStore();
		await store.saveDraft('dense-forward', 'draft');
		await store.recordAttempt('dense-forward', 'code', result(7));
		await store.recordQuizAnswer({ itemId: 'q1', bankId: 'neuron', mode: 'chapter', correct: true, credit: 1, answer: 2 });
		await store.recordExam({ certId: 'azure-ai-900', seed: 1, startedAt: 1, finishedAt: 2, timed: true, score: 3, maxScore: 5, domainScores: [], answers: [] });
		const backup = JSON.parse(JSON.stringify(await exportProgress(store)));
		const { store: other } = await freshStore();
		await importProgress(other, backup);
		expect((await other.getDraft('dense-forward'))?.code).toBe('draft');
		expect(await other.labProgress('dense-forward')).toMatchObject({ bestScore: 7, attempts: 1 });
		expect(await other.quizAnswers('neuron')).toHaveLength(1);
		expect(await other.exams('azure-ai-900')).toHaveLength(1);
		// importing the same file twice adds nothing
		expect((await importProgress(other, backup)).added).toBe(0);
	});

	it('merging keeps the better best score of the two', async () => {
		const { store } = await freshStore();
		await store.recordAttempt('dense-forward', 'x', result(9));
		const backup = await exportProgress(store);
		const { store: other } = await freshStore();
		await other.recordAttempt('dense-forward', 'y', result(4));
		await importProgress(other, backup);
		expect((await other.labProgress('dense-forward'))?.bestScore).toBe(9);
	});

	it('rejects a damaged or foreign file with a message, and changes nothing', async () => {
		const { store } = await freshStore();
		await store.saveDraft('dense-forward', 'keep me');
		expect(() => parseBackup({ format: 'something-else' })).toThrow(/not a Chainrule progress backup/);
		expect(() => parseBackup(null)).toThrow(BackupError);
		const broken = JSON.parse(JSON.stringify(await exportProgress(store)));
		broken.stores.drafts[0].code = 42;
		await expect(importProgress(store, broken)).rejects.toThrow(/damaged at stores\.drafts\.0\.code/);
		const future = { ...(await exportProgress(store)), schemaVersion: 99 };
		await expect(importProgress(store, future)).rejects.toThrow(/newer version/);
		expect((await store.getDraft('dense-forward'))?.code).toBe('keep me');
	});

	it('erases everything when asked', async () => {
		const { store } = await freshStore();
		await store.saveDraft('dense-forward', 'x');
		await store.recordAttempt('dense-forward', 'x', result(1));
		await eraseProgress(store);
		expect(await store.getDraft('dense-forward')).toBeUndefined();
		expect(await store.allLabProgress()).toEqual([]);
	});
});
