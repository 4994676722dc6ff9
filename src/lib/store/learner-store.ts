import { openDB, type IDBPDatabase } from 'idb';
import type { GradingResult } from '../../../labs/_kit/result';
import {
	DB_NAME,
	DB_VERSION,
	migrations,
	type AttemptRecord,
	type DraftRecord,
	type ExamRecord,
	type LabProgressRecord,
	type LearnerDB,
	type QuizAnswerRecord,
	type ReviewCardRecord,
} from './schema';

/**
 * The learner's progress in IndexedDB: drafts, attempts and best scores of labs, quiz answers, review cards and
 * practice exams. Only the page writes here; learner code runs in a worker that has no IndexedDB.
 */
export class LearnerStore {
	private constructor(private readonly db: IDBPDatabase<LearnerDB>) {}

	/** Opens (and, for a new version, migrates) the store. `name` is for tests. */
	static async open(name = DB_NAME): Promise<LearnerStore> {
		const db = await openDB<LearnerDB>(name, DB_VERSION, {
			upgrade(database, oldVersion, _newVersion, tx) {
				for (let v = oldVersion; v < DB_VERSION; v++) migrations[v](database, tx);
			},
			blocked() {
				console.warn('Chainrule: another tab holds an older version of your progress store; close it to finish the update.');
			},
		});
		return new LearnerStore(db);
	}

	close(): void {
		this.db.close();
	}

	/** A random id made once per browser profile; it seeds lab inputs so each learner gets their own. */
	async learnerId(): Promise<string> {
		const existing = await this.db.get('meta', 'learnerId');
		if (typeof existing === 'string') return existing;
		const id = globalThis.crypto?.randomUUID?.() ?? `learner-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
		await this.db.put('meta', id, 'learnerId');
		return id;
	}

	// ---- labs ----------------------------------------------------------------------------------------------

	async saveDraft(labId: string, code: string): Promise<void> {
		await this.db.put('drafts', { labId, code, updatedAt: Date.now() });
	}

	async getDraft(labId: string): Promise<DraftRecord | undefined> {
		return this.db.get('drafts', labId);
	}

	/** Back to the starter: drops the draft; attempts, best score and the revealed flag stay. */
	async resetLab(labId: string): Promise<void> {
		await this.db.delete('drafts', labId);
	}

	/** Stores a graded attempt and updates the lab's best score. */
	async recordAttempt(labId: string, code: string, result: GradingResult): Promise<LabProgressRecord> {
		const tx = this.db.transaction(['attempts', 'labProgress'], 'readwrite');
		const now = Date.now();
		await tx.objectStore('attempts').add({ labId, code, seed: result.seed, submittedAt: now, result });
		const previous = (await tx.objectStore('labProgress').get(labId)) ?? emptyProgress(labId, result.maxScore);
		const progress: LabProgressRecord = {
			...previous,
			maxScore: result.maxScore,
			bestScore: Math.max(previous.bestScore, result.score),
			attempts: previous.attempts + 1,
			passed: previous.passed || result.score === result.maxScore,
			lastAttemptAt: now,
		};
		await tx.objectStore('labProgress').put(progress);
		await tx.done;
		return progress;
	}

	async attempts(labId: string): Promise<AttemptRecord[]> {
		return this.db.getAllFromIndex('attempts', 'byLab', labId);
	}

	async labProgress(labId: string): Promise<LabProgressRecord | undefined> {
		return this.db.get('labProgress', labId);
	}

	async allLabProgress(): Promise<LabProgressRecord[]> {
		return this.db.getAll('labProgress');
	}

	/** Records that the learner looked at the solution (shown with their grade). */
	async markRevealed(labId: string, maxScore: number): Promise<LabProgressRecord> {
		const tx = this.db.transaction('labProgress', 'readwrite');
		const previous = (await tx.store.get(labId)) ?? emptyProgress(labId, maxScore);
		const progress = { ...previous, revealedAt: previous.revealedAt ?? Date.now() };
		await tx.store.put(progress);
		await tx.done;
		return progress;
	}

	// ---- quizzes, review, exams ----------------------------------------------------------------------------

	async recordQuizAnswer(answer: Omit<QuizAnswerRecord, 'id' | 'at'> & { at?: number }): Promise<void> {
		await this.db.add('quizAnswers', { ...answer, at: answer.at ?? Date.now() });
	}

	async quizAnswers(bankId?: string): Promise<QuizAnswerRecord[]> {
		return bankId ? this.db.getAllFromIndex('quizAnswers', 'byBank', bankId) : this.db.getAll('quizAnswers');
	}

	async putReviewCard(card: ReviewCardRecord): Promise<void> {
		await this.db.put('reviewCards', card);
	}

	async reviewCard(itemId: string): Promise<ReviewCardRecord | undefined> {
		return this.db.get('reviewCards', itemId);
	}

	/** Cards due at or before `now` (ms since epoch), soonest first. */
	async dueCards(now = Date.now()): Promise<ReviewCardRecord[]> {
		return this.db.getAllFromIndex('reviewCards', 'byDue', IDBKeyRange.upperBound(now));
	}

	async allReviewCards(): Promise<ReviewCardRecord[]> {
		return this.db.getAll('reviewCards');
	}

	async recordExam(exam: Omit<ExamRecord, 'id'>): Promise<number> {
		return this.db.add('exams', exam as ExamRecord);
	}

	async exams(certId?: string): Promise<ExamRecord[]> {
		return certId ? this.db.getAllFromIndex('exams', 'byCert', certId) : this.db.getAll('exams');
	}

	/** Internal: the raw database, for backup and restore. */
	get database(): IDBPDatabase<LearnerDB> {
		return this.db;
	}
}

function emptyProgress(labId: string, maxScore: number): LabProgressRecord {
	return { labId, bestScore: 0, maxScore, attempts: 0, passed: false, revealedAt: null, lastAttemptAt: null };
}
