import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { GradingResult } from '../../../labs/_kit/result';

/** The learner's saved work. Every record type lives here; `migrations` says how each version was built. */
export const DB_NAME = 'chainrule-learner';

export interface DraftRecord {
	labId: string;
	code: string;
	updatedAt: number;
}

export interface AttemptRecord {
	id?: number;
	labId: string;
	code: string;
	seed: number;
	submittedAt: number;
	result: GradingResult;
}

export interface LabProgressRecord {
	labId: string;
	bestScore: number;
	maxScore: number;
	attempts: number;
	passed: boolean;
	/** Set once the learner has looked at the reference solution; never cleared by a reset. */
	revealedAt: number | null;
	lastAttemptAt: number | null;
}

export interface QuizAnswerRecord {
	id?: number;
	itemId: string;
	bankId: string;
	/** 'chapter' for an in-chapter quiz, 'exam' inside a practice exam, 'review' in spaced review. */
	mode: 'chapter' | 'exam' | 'review';
	correct: boolean;
	/** Fraction of credit, 0..1. */
	credit: number;
	answer: unknown;
	seed?: number;
	at: number;
}

export interface ReviewCardRecord {
	itemId: string;
	bankId: string;
	/** The scheduler's card, serialised (ts-fsrs Card with dates as ISO strings). */
	card: Record<string, unknown>;
	due: number;
	updatedAt: number;
}

export interface ExamRecord {
	id?: number;
	certId: string;
	seed: number;
	startedAt: number;
	finishedAt: number;
	timed: boolean;
	score: number;
	maxScore: number;
	domainScores: { domainId: string; score: number; maxScore: number }[];
	answers: { itemId: string; answer: unknown; correct: boolean; flagged: boolean }[];
}

export interface LearnerDB extends DBSchema {
	meta: { key: string; value: unknown };
	drafts: { key: string; value: DraftRecord };
	attempts: { key: number; value: AttemptRecord; indexes: { byLab: string } };
	labProgress: { key: string; value: LabProgressRecord };
	quizAnswers: { key: number; value: QuizAnswerRecord; indexes: { byItem: string; byBank: string } };
	reviewCards: { key: string; value: ReviewCardRecord; indexes: { byDue: number } };
	exams: { key: number; value: ExamRecord; indexes: { byCert: string } };
}

export type StoreName = StoreNames<LearnerDB>;
export const STORE_NAMES: StoreName[] = ['meta', 'drafts', 'attempts', 'labProgress', 'quizAnswers', 'reviewCards', 'exams'];

type UpgradeTx = IDBPTransaction<LearnerDB, StoreName[], 'versionchange'>;

/**
 * One entry per schema version, applied in order on upgrade; an existing learner's data is carried along.
 * To change the schema, append a step (never edit a released one) and bump nothing else.
 */
export const migrations: ((db: IDBPDatabase<LearnerDB>, tx: UpgradeTx) => void)[] = [
	// version 1
	(db) => {
		db.createObjectStore('meta');
		db.createObjectStore('drafts', { keyPath: 'labId' });
		db.createObjectStore('attempts', { keyPath: 'id', autoIncrement: true }).createIndex('byLab', 'labId');
		db.createObjectStore('labProgress', { keyPath: 'labId' });
		const answers = db.createObjectStore('quizAnswers', { keyPath: 'id', autoIncrement: true });
		answers.createIndex('byItem', 'itemId');
		answers.createIndex('byBank', 'bankId');
		db.createObjectStore('reviewCards', { keyPath: 'itemId' }).createIndex('byDue', 'due');
		db.createObjectStore('exams', { keyPath: 'id', autoIncrement: true }).createIndex('byCert', 'certId');
	},
];

export const DB_VERSION = migrations.length;
