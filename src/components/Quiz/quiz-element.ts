/**
 * `<chainrule-quiz>`: the behaviour of an in-chapter quiz. The questions are already in the page
 * (rendered at build time); this picks the learner's variant of parameterized questions, grades
 * on "Check answer", reveals the feedback and saves the answer.
 */
import { seedFor } from '../../lib/quiz/draw.ts';
import type { DrawnItem } from '../../lib/quiz/draw.ts';
import { grade } from '../../lib/quiz/scoring.ts';
import { readResponse, resetQuestion, revealFeedback, setLocked, verdict, wireOrdering } from './quiz-dom.ts';
import type { GradingData } from './quiz-props.ts';
import { learnerSeed, saveAnswer } from './quiz-store.ts';

class ChainruleQuiz extends HTMLElement {
	private results = new Map<string, boolean>();
	private touched = new Set<string>();
	private shownAt = new Map<string, number>();

	connectedCallback(): void {
		const announcer = this.querySelector<HTMLElement>('.quiz-announcer')!;
		const announce = (message: string) => (announcer.textContent = message);
		for (const li of this.querySelectorAll<HTMLElement>('.quiz-item')) {
			const id = li.dataset.itemId!;
			this.shownAt.set(id, Date.now());
			li.addEventListener('input', () => this.touched.add(id));
			wireOrdering(li, announce, () => this.touched.add(id));
			li.querySelector('.quiz-check')!.addEventListener('click', () => void this.check(li));
			li.querySelector('.quiz-retry')!.addEventListener('click', () => this.retry(li));
			li.addEventListener('keydown', (event) => {
				if (event.key === 'Enter' && (event.target as HTMLElement).matches('.quiz-numeric input')) void this.check(li);
			});
		}
		// data-ready: the learner's variants are in place (tests wait for it before reading answers)
		void this.pickVariants().finally(() => (this.dataset.ready = 'true'));
	}

	/** Swaps in the learner's own variant of each parameterized question (unless already answered). */
	private async pickVariants(): Promise<void> {
		let seed: number;
		try {
			seed = await learnerSeed();
		} catch {
			return; // no storage: everyone sees variant 0
		}
		for (const li of this.querySelectorAll<HTMLElement>('.quiz-item')) {
			const templates = [...li.querySelectorAll<HTMLTemplateElement>('template[data-variant]')];
			const id = li.dataset.itemId!;
			if (templates.length === 0 || this.touched.has(id)) continue;
			const v = seedFor(id, seed) % (templates.length + 1);
			if (v === 0) continue;
			const slot = li.querySelector<HTMLElement>('.quiz-slot')!;
			const template = templates[v - 1]!;
			slot.replaceChildren(template.content.cloneNode(true));
			slot.dataset.drawn = template.dataset.drawn!;
		}
	}

	private async check(li: HTMLElement): Promise<void> {
		const slot = li.querySelector<HTMLElement>('.quiz-slot')!;
		const q = slot.querySelector<HTMLElement>('.quiz-q')!;
		const item = JSON.parse(slot.dataset.drawn!) as GradingData;
		const result = li.querySelector<HTMLElement>('.quiz-result')!;
		const response = readResponse(q, item);
		if (response === 'invalid') {
			result.textContent = 'That is not a number. Use digits, a decimal point, and e.g. 1e-3 or 3/4.';
			return;
		}
		if (response === null) {
			result.textContent = item.type === 'numeric' ? 'Type a number first.' : 'Choose an answer first.';
			return;
		}
		this.touched.add(item.id);
		const g = grade(item, response, { partial: true });
		revealFeedback(q, item, response);
		setLocked(q, true);
		result.textContent = verdict(g);
		result.dataset.verdict = g.correct ? 'right' : 'wrong';
		li.querySelector<HTMLButtonElement>('.quiz-check')!.hidden = true;
		li.querySelector<HTMLButtonElement>('.quiz-retry')!.hidden = false;
		this.results.set(item.id, g.correct);
		this.updateScore();
		await saveAnswer(item as DrawnItem, response, g, { mode: 'chapter', elapsedMs: Date.now() - (this.shownAt.get(item.id) ?? Date.now()) });
	}

	private retry(li: HTMLElement): void {
		resetQuestion(li.querySelector<HTMLElement>('.quiz-q')!);
		const result = li.querySelector<HTMLElement>('.quiz-result')!;
		result.textContent = '';
		delete result.dataset.verdict;
		li.querySelector<HTMLButtonElement>('.quiz-retry')!.hidden = true;
		const check = li.querySelector<HTMLButtonElement>('.quiz-check')!;
		check.hidden = false;
		check.focus();
		this.shownAt.set(li.dataset.itemId!, Date.now());
	}

	private updateScore(): void {
		const right = [...this.results.values()].filter(Boolean).length;
		const total = this.querySelectorAll('.quiz-item').length;
		this.querySelector('.quiz-score')!.textContent = `${right} of ${this.results.size} checked answers right (${total} questions).`;
	}
}

if (!customElements.get('chainrule-quiz')) customElements.define('chainrule-quiz', ChainruleQuiz);
