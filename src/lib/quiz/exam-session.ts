import type { CertificationEntry } from './certification-schema.ts';
import { drawItem, type DrawnItem } from './draw.ts';
import { assembleExam, scoreExam, type Exam, type ExamReport } from './exam.ts';
import type { QuizItem } from './schema.ts';
import { grade, type Grade, type Response } from './scoring.ts';

/**
 * One sitting of a practice exam: the drawn questions, the learner's responses and flags, and
 * the clock. Plain JSON, so the page can keep it in sessionStorage and survive a reload. Pure.
 */

export interface ExamSession {
	certId: string;
	exam: Exam;
	/** null when untimed. */
	deadline: number | null;
	durationMs: number | null;
	startedAt: number;
	responses: Response[];
	flagged: boolean[];
	/** Ordering questions count as answered only once a step has been moved. */
	touched: boolean[];
	current: number;
}

export interface SessionOptions {
	count: number;
	/** Minutes, or null for untimed. */
	minutes: number | null;
	seed: number;
	now: number;
}

/** About 1.5 minutes per question, rounded up; a common pace for certification exams. */
export function defaultMinutes(count: number): number {
	return Math.max(1, Math.ceil(count * 1.5));
}

export function newSession(cert: CertificationEntry, items: readonly QuizItem[], { count, minutes, seed, now }: SessionOptions): ExamSession {
	const exam = assembleExam(cert, items, { count, seed });
	const n = exam.questions.length;
	const durationMs = minutes === null ? null : minutes * 60_000;
	return {
		certId: cert.id,
		exam,
		deadline: durationMs === null ? null : now + durationMs,
		durationMs,
		startedAt: now,
		responses: Array.from({ length: n }, () => null),
		flagged: Array.from({ length: n }, () => false),
		touched: Array.from({ length: n }, () => false),
		current: 0,
	};
}

/** The drawn question `i` of the session (same values and choice order every time). */
export function sessionQuestion(session: ExamSession, items: ReadonlyMap<string, QuizItem>, i: number): DrawnItem {
	const q = session.exam.questions[i]!;
	return drawItem(items.get(q.itemId)!, q.seed);
}

export function isAnswered(session: ExamSession, i: number): boolean {
	const r = session.responses[i];
	return r !== null && r !== undefined && (!Array.isArray(r) || r.length > 0) && session.touched[i] !== false;
}

export function progress(session: ExamSession): { answered: number; unanswered: number; flagged: number } {
	const answered = session.responses.filter((_, i) => isAnswered(session, i)).length;
	return { answered, unanswered: session.responses.length - answered, flagged: session.flagged.filter(Boolean).length };
}

/** Milliseconds left (0 when time is up), or null when untimed. */
export function remainingMs(session: ExamSession, now: number): number | null {
	return session.deadline === null ? null : Math.max(0, session.deadline - now);
}

/** 65:04 or 1:05:04. */
export function formatClock(ms: number): string {
	const s = Math.ceil(ms / 1000);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const sec = s % 60;
	const pad = (x: number) => String(x).padStart(2, '0');
	return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/** Accessible name of a question button in the palette. */
export function paletteLabel(session: ExamSession, i: number): string {
	const parts = [`Question ${i + 1}`, isAnswered(session, i) ? 'answered' : 'not answered'];
	if (session.flagged[i]) parts.push('flagged');
	return parts.join(', ');
}

export interface SessionResult {
	items: DrawnItem[];
	grades: Grade[];
	report: ExamReport;
}

/** Grades every question (all or nothing, as certification exams do) and scores per domain. */
export function finishSession(session: ExamSession, cert: CertificationEntry, items: ReadonlyMap<string, QuizItem>): SessionResult {
	const drawn = session.exam.questions.map((_, i) => sessionQuestion(session, items, i));
	const grades = drawn.map((d, i) => grade(d, isAnswered(session, i) ? session.responses[i] : null));
	return { items: drawn, grades, report: scoreExam(cert, session.exam, grades) };
}
