import type { DrawnItem } from './draw.ts';
import { formatAnswer } from './draw.ts';
import { escapeHtml, renderMarkdown, type TexRenderer } from './markdown.ts';
import type { Tolerance } from './schema.ts';

/**
 * The markup of one question, as a string: the same builder serves the chapter quiz (at build
 * time) and the practice exam and review pages (in the browser), so all three look and behave
 * alike. Feedback elements (each choice's "why", the explanation) are present but hidden; the
 * page reveals them after checking (see `components/Quiz/quiz-dom.ts`).
 *
 * Accessibility: the prompt labels the group of inputs (`radiogroup` or `group`), every input has
 * a label, and ordering steps move with buttons, so the whole question works from the keyboard.
 */

export interface QuestionHtmlOptions {
	/** Unique on the page; used to build element ids. */
	uid: string;
	tex: TexRenderer;
	/** Shown before the prompt, e.g. "Question 3 of 20". */
	heading?: string;
}

/** How close a numeric answer must be, in words (shown under the input). */
export function toleranceText(tolerance: Tolerance | undefined): string {
	if (tolerance === undefined || tolerance === 0) return 'Give the exact value.';
	if (typeof tolerance === 'number') return `Answers within ±${formatAnswer(tolerance)} of the true value are accepted.`;
	return `Answers within ${Number((tolerance.rel * 100).toPrecision(3))} % of the true value are accepted.`;
}

/** A, B, C, … : shown on choices and steps so feedback can name them. */
export const letter = (i: number): string => String.fromCharCode(65 + i);

const hint = (id: string, text: string) => `<p class="quiz-hint" id="${id}">${escapeHtml(text)}</p>`;

export function questionHtml(item: DrawnItem, { uid, tex, heading }: QuestionHtmlOptions): string {
	const md = (s: string) => renderMarkdown(s, tex);
	const promptId = `${uid}-prompt`;
	const parts: string[] = [];
	parts.push(
		`<div class="quiz-prompt" id="${promptId}">${heading ? `<p class="quiz-q-heading">${escapeHtml(heading)}</p>` : ''}${md(item.prompt)}</div>`,
	);
	const choices = item.choices ?? [];
	const why = (i: number, text: string) => `<div class="quiz-why" id="${uid}-why${i}" hidden>${md(text)}</div>`;

	if (item.type === 'single' || item.type === 'multiple') {
		const inputType = item.type === 'single' ? 'radio' : 'checkbox';
		const role = item.type === 'single' ? 'radiogroup' : 'group';
		const hintId = `${uid}-hint`;
		if (item.type === 'multiple') parts.push(hint(hintId, 'Select all that apply.'));
		parts.push(
			`<div class="quiz-choices" role="${role}" aria-labelledby="${promptId}"${item.type === 'multiple' ? ` aria-describedby="${hintId}"` : ''}>`,
		);
		choices.forEach((c, i) => {
			const id = `${uid}-c${i}`;
			parts.push(
				`<div class="quiz-choice" data-choice="${i}"><input type="${inputType}" id="${id}" name="${uid}" value="${i}" />` +
					`<label for="${id}"><span class="quiz-letter">${letter(i)}</span>${md(c.text)}</label>${why(i, c.why)}</div>`,
			);
		});
		parts.push('</div>');
	} else if (item.type === 'numeric') {
		const id = `${uid}-num`;
		const hintId = `${uid}-hint`;
		parts.push(
			`<div class="quiz-numeric"><label for="${id}">Your answer</label>` +
				`<input type="text" id="${id}" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="${hintId}" />` +
				`</div>${hint(hintId, toleranceText(item.tolerance))}`,
		);
	} else {
		const hintId = `${uid}-hint`;
		parts.push(hint(hintId, 'Put the steps in order with the Move up and Move down buttons.'));
		parts.push(`<ol class="quiz-order" aria-labelledby="${promptId}" aria-describedby="${hintId}">`);
		choices.forEach((c, i) => {
			const textId = `${uid}-o${i}`;
			parts.push(
				`<li class="quiz-order-step" data-index="${i}"><div class="quiz-order-row"><div class="quiz-order-text" id="${textId}"><span class="quiz-letter">${letter(i)}</span>${md(c.text)}</div>` +
					`<span class="quiz-order-buttons"><button type="button" class="quiz-move" data-move="-1" aria-label="Move up" aria-describedby="${textId}">↑</button>` +
					`<button type="button" class="quiz-move" data-move="1" aria-label="Move down" aria-describedby="${textId}">↓</button></span></div>` +
					`${why(i, c.why)}</li>`,
			);
		});
		parts.push('</ol>');
	}
	parts.push(
		`<div class="quiz-explanation" id="${uid}-explanation" hidden><p class="quiz-explanation-title">Explanation</p>${md(item.explanation)}</div>`,
	);
	return `<div class="quiz-q" data-uid="${uid}" data-type="${item.type}">${parts.join('')}</div>`;
}

/** The right answer in words, for feedback and exam reviews ("B and D", "0.25", "3, 1, 2, 4"). */
export function answerText(item: DrawnItem): string {
	switch (item.type) {
		case 'single':
			return `choice ${letter(item.answer as number)}`;
		case 'multiple':
			return `choices ${(item.answer as number[]).map(letter).join(', ')}`;
		case 'numeric':
			return formatAnswer(item.answer as number, item.tolerance);
		case 'ordering':
			return (item.answer as number[]).map((i) => letter(i)).join(' → ');
	}
}
