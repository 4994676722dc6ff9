/**
 * `<chainrule-review>`: the review queue. Lists the questions due today (soonest first), lets the
 * learner answer each, and reschedules its card from the grade.
 */
import { drawItem, seedFor, type DrawnItem } from '../../lib/quiz/draw.ts';
import { escapeHtml } from '../../lib/quiz/markdown.ts';
import { questionHtml } from '../../lib/quiz/question-html.ts';
import { dueToday, type ReviewCard } from '../../lib/quiz/review.ts';
import { grade } from '../../lib/quiz/scoring.ts';
import { loadBank, loadTex } from './client-bank.ts';
import { readResponse, revealFeedback, setLocked, verdict, wireOrdering } from './quiz-dom.ts';
import { learnerSeed, loadDeck, saveAnswer } from './quiz-store.ts';

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const dateOf = (iso: string) => new Date(iso).toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });

class ChainruleReview extends HTMLElement {
	private titles: Record<string, string> = {};

	connectedCallback(): void {
		this.titles = JSON.parse(this.querySelector('.chapter-titles')?.textContent ?? '{}') as Record<string, string>;
		void this.load().catch((error: Error) => {
			this.status(`Your review queue could not be loaded: ${error.message}. (Is storage turned off in this browser?)`);
		});
	}

	private status(text: string): void {
		this.querySelector('.review-status')!.textContent = text;
	}

	private async load(): Promise<void> {
		const deck = await loadDeck();
		const now = new Date();
		const due = dueToday(deck, now);
		const all = Object.values(deck);
		if (due.length === 0) {
			const next = all.map((c) => c.due).sort()[0];
			this.status(
				all.length === 0
					? 'Nothing to review yet. Answer the quiz at the end of a chapter, and the questions will come back here.'
					: `Nothing is due today. You have ${all.length} question${all.length === 1 ? '' : 's'} scheduled; the next is due on ${dateOf(next!)}.`,
			);
			return;
		}
		const [bank, tex, seed] = await Promise.all([loadBank(), loadTex(), learnerSeed()]);
		const cards = due.filter((c) => bank.has(c.itemId));
		this.status(`${cards.length} question${cards.length === 1 ? '' : 's'} due today.`);
		const list = this.querySelector('.review-list')!;
		const announcer = this.querySelector<HTMLElement>('.review-announcer')!;
		cards.forEach((card, n) => list.append(this.renderCard(card, bank.get(card.itemId)!, seed, tex, n, cards.length, now, (m) => (announcer.textContent = m))));
	}

	private renderCard(card: ReviewCard, source: Parameters<typeof drawItem>[0], seed: number, tex: Awaited<ReturnType<typeof loadTex>>, n: number, total: number, now: Date, announce: (m: string) => void): HTMLElement {
		// A fresh draw each review: new numbers for parameterized questions, a new choice order.
		const item: DrawnItem = drawItem(source, seedFor(card.itemId, seed) + card.reps);
		const li = document.createElement('li');
		li.className = 'review-item';
		li.dataset.itemId = item.id;
		const when = Date.parse(card.due) <= now.getTime() ? 'due now' : `due at ${timeOf(card.due)}`;
		const chapter = `<a href="/chapters/${item.chapter}/">${escapeHtml(this.titles[item.chapter] ?? item.chapter)}</a>`;
		li.innerHTML =
			questionHtml(item, { uid: `review-${item.id}`, tex, heading: `Question ${n + 1} of ${total} · ${when}` }) +
			`<p class="quiz-hint">From the chapter “${chapter}”.${card.lastScore !== undefined && card.lastScore < 1 ? ' You missed it last time.' : ''}</p>` +
			'<div class="quiz-actions"><button type="button" class="quiz-button quiz-check">Check answer</button></div>' +
			'<div class="quiz-result" role="status"></div>';
		const q = li.querySelector<HTMLElement>('.quiz-q')!;
		const shown = Date.now();
		wireOrdering(q, announce);
		const check = async () => {
			const result = li.querySelector<HTMLElement>('.quiz-result')!;
			const response = readResponse(q, item);
			if (response === 'invalid' || response === null) {
				result.textContent = response === null ? 'Answer first.' : 'That is not a number.';
				return;
			}
			const g = grade(item, response, { partial: true });
			revealFeedback(q, item, response);
			setLocked(q, true);
			li.querySelector<HTMLButtonElement>('.quiz-check')!.hidden = true;
			result.dataset.verdict = g.correct ? 'right' : 'wrong';
			result.textContent = `${verdict(g)} ${g.correct ? 'It will come back in a while.' : 'It will come back soon.'}`;
			await saveAnswer(item, response, g, { mode: 'review', elapsedMs: Date.now() - shown });
		};
		li.querySelector('.quiz-check')!.addEventListener('click', () => void check());
		li.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' && (e.target as HTMLElement).matches('.quiz-numeric input')) void check();
		});
		return li;
	}
}

if (!customElements.get('chainrule-review')) customElements.define('chainrule-review', ChainruleReview);
