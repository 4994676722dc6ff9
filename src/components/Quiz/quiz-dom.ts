/**
 * Browser helpers for a question rendered by `questionHtml` (src/lib/quiz/question-html.ts):
 * read the learner's response, move ordering steps, lock the inputs, and reveal feedback.
 * Used by the chapter quiz, the practice exam and the review page.
 */
import type { DrawnItem } from '../../lib/quiz/draw.ts';
import { formatAnswer } from '../../lib/quiz/draw.ts';
import { letter } from '../../lib/quiz/question-html.ts';
import { parseNumber, type Grade, type Response } from '../../lib/quiz/scoring.ts';

type Gradable = Pick<DrawnItem, 'type' | 'answer' | 'tolerance'>;

/** The response in the question's display indices; `null` when blank, `'invalid'` for a non-number. */
export function readResponse(q: HTMLElement, item: Gradable): Response | 'invalid' {
	switch (item.type) {
		case 'single': {
			const checked = q.querySelector<HTMLInputElement>('input[type=radio]:checked');
			return checked ? Number(checked.value) : null;
		}
		case 'multiple': {
			const checked = [...q.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((i) => Number(i.value));
			return checked.length ? checked : null;
		}
		case 'numeric': {
			const text = q.querySelector<HTMLInputElement>('.quiz-numeric input')!.value;
			if (text.trim() === '') return null;
			return parseNumber(text) ?? 'invalid';
		}
		case 'ordering':
			return [...q.querySelectorAll<HTMLElement>('.quiz-order-step')].map((li) => Number(li.dataset.index));
	}
}

/** Puts a saved response back into the inputs (exam navigation, restored attempts). */
export function writeResponse(q: HTMLElement, item: Gradable, response: Response): void {
	if (response === null || response === undefined) return;
	if (item.type === 'single' || item.type === 'multiple') {
		const chosen = new Set(Array.isArray(response) ? response : [response]);
		q.querySelectorAll<HTMLInputElement>('.quiz-choice input').forEach((input) => (input.checked = chosen.has(Number(input.value))));
	} else if (item.type === 'numeric') {
		q.querySelector<HTMLInputElement>('.quiz-numeric input')!.value = String(response);
	} else if (Array.isArray(response)) {
		const list = q.querySelector('.quiz-order')!;
		for (const index of response) {
			const li = list.querySelector(`.quiz-order-step[data-index="${index}"]`);
			if (li) list.append(li);
		}
	}
}

/**
 * Makes the Move up / Move down buttons of ordering questions work. Focus stays on the pressed
 * button as its step moves, and `announce` (a polite live region) says where it went.
 */
export function wireOrdering(q: HTMLElement, announce: (message: string) => void, onChange?: () => void): void {
	q.addEventListener('click', (event) => {
		const button = (event.target as HTMLElement).closest<HTMLButtonElement>('.quiz-move');
		if (!button || button.disabled) return;
		const li = button.closest<HTMLElement>('.quiz-order-step')!;
		const list = li.parentElement!;
		const up = button.dataset.move === '-1';
		const sibling = up ? li.previousElementSibling : li.nextElementSibling;
		if (!sibling) {
			announce(up ? 'Already first.' : 'Already last.');
			return;
		}
		if (up) list.insertBefore(li, sibling);
		else list.insertBefore(sibling, li);
		button.focus();
		const steps = [...list.children];
		announce(`Step ${letter(Number(li.dataset.index))} is now ${steps.indexOf(li) + 1} of ${steps.length}.`);
		onChange?.();
	});
}

export function setLocked(q: HTMLElement, locked: boolean): void {
	q.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, .quiz-move').forEach((el) => (el.disabled = locked));
}

/** One line saying how the answer went. */
export function verdict(grade: Grade): string {
	if (grade.correct) return 'Correct.';
	if (grade.score > 0) return `Partly right (${Math.round(grade.score * 100)} % credit).`;
	return 'Not quite.';
}

/**
 * Reveals feedback in the question: every choice's "why", which choices are right and which
 * were picked, the right value or order, and the explanation.
 */
export function revealFeedback(q: HTMLElement, item: Gradable, response: Response): void {
	q.classList.add('is-answered');
	q.querySelectorAll<HTMLElement>('.quiz-why, .quiz-explanation').forEach((el) => (el.hidden = false));
	if (item.type === 'single' || item.type === 'multiple') {
		const right = new Set(Array.isArray(item.answer) ? item.answer : [item.answer]);
		const picked = new Set(Array.isArray(response) ? response : response === null || response === undefined ? [] : [response]);
		q.querySelectorAll<HTMLElement>('.quiz-choice').forEach((el) => {
			const i = Number(el.dataset.choice);
			el.classList.toggle('is-right', right.has(i));
			el.classList.toggle('is-picked', picked.has(i));
			el.classList.toggle('is-wrong', picked.has(i) && !right.has(i));
			// A visible tag, so the verdict on each choice never relies on colour alone. Most reasons
			// already open with "Right." or "Wrong."; others ("Unlikely.", "Risky.") get the verdict added.
			const why = el.querySelector<HTMLElement>('.quiz-why');
			if (!why) return;
			why.querySelector('.quiz-why-tag')?.remove();
			const saysVerdict = /^(Right|Wrong)\b/.test(why.textContent?.trim() ?? '');
			const text = `${picked.has(i) ? 'Your choice. ' : ''}${saysVerdict ? '' : right.has(i) ? 'Right answer. ' : 'Not right. '}`;
			if (!text) return;
			const tag = document.createElement('strong');
			tag.className = 'quiz-why-tag';
			tag.textContent = text;
			(why.querySelector('p') ?? why).prepend(tag);
		});
	} else if (item.type === 'numeric') {
		const box = q.querySelector('.quiz-numeric')!;
		box.querySelector('.quiz-true-value')?.remove();
		const p = document.createElement('p');
		p.className = 'quiz-true-value';
		p.textContent = `The answer is ${formatAnswer(item.answer as number, item.tolerance)}.`;
		box.after(p);
	} else {
		const order = item.answer as number[];
		q.querySelectorAll<HTMLElement>('.quiz-order-step').forEach((li, position) => {
			li.classList.toggle('is-right', order[position] === Number(li.dataset.index));
			li.classList.toggle('is-wrong', order[position] !== Number(li.dataset.index));
		});
		q.querySelector('.quiz-true-order')?.remove();
		const p = document.createElement('p');
		p.className = 'quiz-true-order';
		p.textContent = `The right order is ${order.map(letter).join(' → ')}.`;
		q.querySelector('.quiz-order')!.after(p);
	}
}

/** Hides the feedback and unlocks the question for another try (keeps ordering as it is). */
export function resetQuestion(q: HTMLElement): void {
	q.classList.remove('is-answered');
	q.querySelectorAll<HTMLElement>('.quiz-why, .quiz-explanation').forEach((el) => (el.hidden = true));
	q.querySelectorAll('.quiz-true-value, .quiz-true-order, .quiz-why-tag').forEach((el) => el.remove());
	q.querySelectorAll('.is-right, .is-wrong, .is-picked').forEach((el) => el.classList.remove('is-right', 'is-wrong', 'is-picked'));
	q.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]').forEach((i) => (i.checked = false));
	const num = q.querySelector<HTMLInputElement>('.quiz-numeric input');
	if (num) num.value = '';
	setLocked(q, false);
}
