import { createEmptyCard, fsrs, Rating, State, type Card, type Grade as FsrsGrade } from 'ts-fsrs';
import type { Grade } from './scoring.ts';

/**
 * Spaced review of quiz items on top of ts-fsrs (the maintained FSRS scheduler): a graded answer
 * becomes an FSRS rating, the item's card is rescheduled, and the review page lists what is due.
 * Cards are plain JSON (dates as ISO strings) so the learner store can keep them in IndexedDB.
 */

/** One item's schedule, as stored. */
export interface ReviewCard {
	itemId: string;
	/** When the item is next due (ISO 8601). */
	due: string;
	stability: number;
	difficulty: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: 'new' | 'learning' | 'review' | 'relearning';
	/** When it was last answered (ISO 8601). */
	lastReview?: string;
	/** The last answer's credit in [0, 1], shown on the review page. */
	lastScore?: number;
}

export type ReviewDeck = Record<string, ReviewCard>;

const STATES = ['new', 'learning', 'review', 'relearning'] as const;

// NOTE: fuzz is off so a schedule is reproducible (tests, and the same answer on two devices).
const scheduler = fsrs({ enable_fuzz: false });

export interface RatingOptions {
	/** Time the learner took, in ms. */
	elapsedMs?: number;
	/** A correct answer faster than this is "easy" (default 15 s). */
	fastMs?: number;
	/** The item had never been answered before. A first-sight correct answer counts as easy. */
	firstTime?: boolean;
}

/**
 * The FSRS rating for a graded answer: wrong (under half credit) → Again, partly right → Hard,
 * right → Good, right and fast or right at first sight → Easy.
 */
export function ratingFor(grade: Grade, { elapsedMs, fastMs = 15_000, firstTime = false }: RatingOptions = {}): FsrsGrade {
	if (grade.blank || grade.score < 0.5) return Rating.Again;
	if (!grade.correct) return Rating.Hard;
	if (firstTime || (elapsedMs !== undefined && elapsedMs <= fastMs)) return Rating.Easy;
	return Rating.Good;
}

function toCard(c: ReviewCard): Card {
	return {
		due: new Date(c.due),
		stability: c.stability,
		difficulty: c.difficulty,
		elapsed_days: 0,
		scheduled_days: c.scheduledDays,
		learning_steps: c.learningSteps,
		reps: c.reps,
		lapses: c.lapses,
		state: STATES.indexOf(c.state) as State,
		...(c.lastReview ? { last_review: new Date(c.lastReview) } : {}),
	};
}

function fromCard(itemId: string, card: Card, lastScore?: number): ReviewCard {
	return {
		itemId,
		due: card.due.toISOString(),
		stability: card.stability,
		difficulty: card.difficulty,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: STATES[card.state]!,
		...(card.last_review ? { lastReview: card.last_review.toISOString() } : {}),
		...(lastScore !== undefined ? { lastScore } : {}),
	};
}

/** A card for an item never answered, due now. */
export function newReviewCard(itemId: string, now: Date): ReviewCard {
	return fromCard(itemId, createEmptyCard(now));
}

/** Reschedules one card after a rating. */
export function schedule(card: ReviewCard, rating: FsrsGrade, now: Date, lastScore?: number): ReviewCard {
	const { card: next } = scheduler.next(toCard(card), now, rating);
	return fromCard(card.itemId, next, lastScore);
}

/** Records a graded answer in the deck (returns a new deck; the old one is untouched). */
export function recordAnswer(deck: ReviewDeck, itemId: string, grade: Grade, now: Date, options: Omit<RatingOptions, 'firstTime'> = {}): ReviewDeck {
	const existing = deck[itemId];
	const rating = ratingFor(grade, { ...options, firstTime: !existing });
	const card = schedule(existing ?? newReviewCard(itemId, now), rating, now, grade.score);
	return { ...deck, [itemId]: card };
}

/** Cards due at or before `at`, most overdue first. */
export function dueCards(deck: ReviewDeck, at: Date): ReviewCard[] {
	const t = at.getTime();
	return Object.values(deck)
		.filter((c) => Date.parse(c.due) <= t)
		.sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.itemId.localeCompare(b.itemId));
}

/** The end of `now`'s local day (23:59:59.999). */
export function endOfDay(now: Date): Date {
	const d = new Date(now);
	d.setHours(23, 59, 59, 999);
	return d;
}

/** Cards due today (before the end of the local day), as the home page counts them. */
export function dueToday(deck: ReviewDeck, now: Date): ReviewCard[] {
	return dueCards(deck, endOfDay(now));
}

export function countDueToday(deck: ReviewDeck, now: Date): number {
	return dueToday(deck, now).length;
}
