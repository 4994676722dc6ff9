/**
 * Saving quiz answers: every graded answer is recorded in the learner store (DESIGN.md §6) and
 * reschedules the item's spaced-review card (ts-fsrs, see src/lib/quiz/review.ts).
 */
import type { DrawnItem } from '../../lib/quiz/draw.ts';
import { seedFor } from '../../lib/quiz/draw.ts';
import { recordAnswer, type ReviewCard, type ReviewDeck } from '../../lib/quiz/review.ts';
import type { Grade, Response } from '../../lib/quiz/scoring.ts';
import { learnerStore } from '../../lib/store/shared';

/** Fired on `window` after a review card changed (the home page's "due today" count listens). */
export const REVIEW_CHANGED = 'chainrule:review-changed';

/** This browser's learner as a number, for drawing their own variant of parameterized questions. */
export async function learnerSeed(): Promise<number> {
	const store = await learnerStore();
	return seedFor(`learner:${await store.learnerId()}`, 0);
}

/** Every review card, as a deck keyed by item id. */
export async function loadDeck(): Promise<ReviewDeck> {
	const store = await learnerStore();
	return Object.fromEntries((await store.allReviewCards()).map((r) => [r.itemId, r.card as unknown as ReviewCard]));
}

export interface SaveOptions {
	mode: 'chapter' | 'exam' | 'review';
	/** Time taken to answer, in ms (a fast right answer counts as easy). */
	elapsedMs?: number;
	/** Reschedule the review card too (default true). */
	review?: boolean;
}

/** Records one graded answer and reschedules the item's review card. Never throws (storage may be off). */
export async function saveAnswer(item: DrawnItem, response: Response, grade: Grade, { mode, elapsedMs, review = true }: SaveOptions): Promise<void> {
	try {
		const store = await learnerStore();
		await store.recordQuizAnswer({ itemId: item.id, bankId: item.chapter, mode, correct: grade.correct, credit: grade.score, answer: response ?? null, seed: item.seed });
		if (!review) return;
		const previous = await store.reviewCard(item.id);
		const deck: ReviewDeck = previous ? { [item.id]: previous.card as unknown as ReviewCard } : {};
		const card = recordAnswer(deck, item.id, grade, new Date(), elapsedMs === undefined ? {} : { elapsedMs })[item.id]!;
		await store.putReviewCard({ itemId: item.id, bankId: item.chapter, card: card as unknown as Record<string, unknown>, due: Date.parse(card.due), updatedAt: Date.now() });
		dispatchEvent(new CustomEvent(REVIEW_CHANGED));
	} catch (error) {
		console.warn('Chainrule: could not save the quiz answer', error);
	}
}
