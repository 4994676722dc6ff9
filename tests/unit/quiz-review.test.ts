import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { countDueToday, dueCards, newReviewCard, ratingFor, recordAnswer, type ReviewDeck } from '../../src/lib/quiz/review.ts';

const right = { correct: true, score: 1, blank: false };
const wrong = { correct: false, score: 0, blank: false };
const partly = { correct: false, score: 0.5, blank: false };

describe('ratingFor', () => {
	it('maps grades to FSRS ratings', () => {
		expect(ratingFor(wrong)).toBe(Rating.Again);
		expect(ratingFor({ correct: false, score: 0, blank: true })).toBe(Rating.Again);
		expect(ratingFor(partly)).toBe(Rating.Hard);
		expect(ratingFor(right, { elapsedMs: 60_000 })).toBe(Rating.Good);
		expect(ratingFor(right, { elapsedMs: 5_000 })).toBe(Rating.Easy);
		expect(ratingFor(right, { firstTime: true })).toBe(Rating.Easy);
	});
});

describe('the review deck', () => {
	const now = new Date('2026-03-10T09:00:00');

	it('brings a missed item back today and a known one days later', () => {
		let deck: ReviewDeck = {};
		deck = recordAnswer(deck, 'missed', wrong, now);
		deck = recordAnswer(deck, 'known', right, now);
		expect(Date.parse(deck.missed!.due) - now.getTime()).toBeLessThan(60 * 60 * 1000);
		expect(Date.parse(deck.known!.due) - now.getTime()).toBeGreaterThan(24 * 60 * 60 * 1000);
		expect(countDueToday(deck, now)).toBe(1);
		expect(dueCards(deck, new Date(now.getTime() + 2 * 60_000)).map((c) => c.itemId)).toEqual(['missed']);
		expect(deck.missed!.lapses).toBe(0);
		expect(deck.missed!.lastScore).toBe(0);
	});

	it('is plain JSON that survives a round trip (as IndexedDB stores it)', () => {
		const deck = recordAnswer({}, 'a', partly, now);
		const copy = JSON.parse(JSON.stringify(deck)) as ReviewDeck;
		const later = new Date(now.getTime() + 10 * 60_000);
		expect(recordAnswer(copy, 'a', right, later)).toEqual(recordAnswer(deck, 'a', right, later));
	});

	it('grows the interval as an item keeps being answered right', () => {
		let deck = recordAnswer({}, 'x', right, now);
		let t = new Date(deck.x!.due);
		const intervals: number[] = [];
		for (let i = 0; i < 3; i++) {
			deck = recordAnswer(deck, 'x', right, t, { elapsedMs: 30_000 });
			intervals.push(deck.x!.scheduledDays);
			t = new Date(deck.x!.due);
		}
		expect(intervals[2]).toBeGreaterThan(intervals[0]!);
	});

	it('counts a lapse when a learned item is missed', () => {
		let deck = recordAnswer({}, 'x', right, now);
		deck = recordAnswer(deck, 'x', wrong, new Date(deck.x!.due));
		expect(deck.x!.lapses).toBe(1);
		expect(deck.x!.state).toBe('relearning');
	});

	it('starts new cards due immediately', () => {
		expect(Date.parse(newReviewCard('n', now).due)).toBe(now.getTime());
	});
});
