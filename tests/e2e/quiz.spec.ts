import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { NEURON } from './chapters.ts';

/** What the page hands the browser for grading a question (see components/Quiz/quiz-props.ts). */
interface Drawn {
	id: string;
	type: 'single' | 'multiple' | 'numeric' | 'ordering';
	answer: number | number[];
}

async function drawnOf(item: Locator): Promise<Drawn> {
	return JSON.parse((await item.locator('.quiz-slot').getAttribute('data-drawn'))!) as Drawn;
}

/** The first quiz item of a given type on a chapter page. */
async function firstOfType(page: Page, type: Drawn['type']): Promise<{ item: Locator; drawn: Drawn }> {
	await expect(page.locator('chainrule-quiz')).toHaveAttribute('data-ready', 'true');
	const items = page.locator('chainrule-quiz .quiz-item');
	for (let i = 0; i < (await items.count()); i++) {
		const drawn = await drawnOf(items.nth(i));
		if (drawn.type === type) return { item: items.nth(i), drawn };
	}
	throw new Error(`no ${type} question on the page`);
}

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
	let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
	if (include) builder = builder.include(include);
	const results = await builder.analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
}

test('an in-chapter quiz gives immediate feedback with a reason for every choice', async ({ page }) => {
	await page.goto(NEURON);
	const { item, drawn } = await firstOfType(page, 'single');
	await item.locator(`.quiz-slot input[value="${drawn.answer}"]`).check();
	await item.getByRole('button', { name: 'Check answer' }).click();
	await expect(item.locator('.quiz-result')).toHaveText('Correct.');
	await expect(item.locator('.quiz-explanation')).toBeVisible();
	const whys = item.locator('.quiz-why');
	for (let i = 0; i < (await whys.count()); i++) await expect(whys.nth(i)).toBeVisible();
	await expect(item.locator('.quiz-choice.is-right.is-picked .quiz-why-tag')).toContainText('Your choice.');

	// A wrong numeric answer shows the right value; "Try again" clears it.
	const numeric = await firstOfType(page, 'numeric');
	const input = numeric.item.locator('.quiz-numeric input');
	await input.fill(String((numeric.drawn.answer as number) + 1000));
	await input.press('Enter');
	await expect(numeric.item.locator('.quiz-result')).toHaveText('Not quite.');
	await expect(numeric.item.locator('.quiz-true-value')).toContainText('The answer is');
	await numeric.item.getByRole('button', { name: 'Try again' }).click();
	await expect(input).toHaveValue('');
	await expect(input).toBeEnabled();
});

test('a quiz question can be answered from the keyboard', async ({ page }) => {
	await page.goto(NEURON);
	const { item, drawn } = await firstOfType(page, 'single');
	const radio = item.locator(`.quiz-slot input[value="${drawn.answer}"]`);
	await radio.focus();
	await page.keyboard.press('Space');
	await expect(radio).toBeChecked();
	await item.getByRole('button', { name: 'Check answer' }).focus();
	await page.keyboard.press('Enter');
	await expect(item.locator('.quiz-result')).toHaveText('Correct.');
});

test('a missed question is in the review queue after a reload', async ({ page }) => {
	await page.goto(NEURON);
	const { item, drawn } = await firstOfType(page, 'single');
	const choices = await item.locator('.quiz-slot input[type=radio]').count();
	await item.locator(`.quiz-slot input[value="${((drawn.answer as number) + 1) % choices}"]`).check();
	await item.getByRole('button', { name: 'Check answer' }).click();
	await expect(item.locator('.quiz-result')).toHaveText('Not quite.');

	await page.reload();
	await page.goto('/');
	const due = page.locator('.due-today');
	await expect(due).toBeVisible();
	await expect(due).toContainText('1 question due today');
	await due.getByRole('link').click();
	await expect(page).toHaveURL(/\/review\/$/);
	const missed = page.locator(`.review-item[data-item-id="${drawn.id}"]`);
	await expect(missed).toBeVisible();
	await expect(missed).toContainText('You missed it last time.');
	expect(await seriousViolations(page), 'axe on /review/').toEqual([]);

	// Answering it reschedules it.
	await missed.locator('.quiz-choice input').first().check();
	await missed.getByRole('button', { name: 'Check answer' }).click();
	await expect(missed.locator('.quiz-explanation')).toBeVisible();
});

/** Answers the current exam question with something (the first choice, a number, or one move). */
async function answerCurrent(page: Page): Promise<void> {
	const q = page.locator('.exam-question .quiz-q');
	const type = await q.getAttribute('data-type');
	if (type === 'single' || type === 'multiple') await q.locator('.quiz-choice input').first().check();
	else if (type === 'numeric') await q.locator('.quiz-numeric input').fill('1');
	else await q.getByRole('button', { name: 'Move down' }).first().click();
}

test('a short timed practice exam ends in a report with per-domain scores', async ({ page }) => {
	await page.goto('/practice/aws-mla-c01/');
	expect(await seriousViolations(page), 'axe on the exam set-up').toEqual([]);
	await page.getByLabel('Number of questions').selectOption('5');
	await expect(page.getByLabel('Minutes')).toHaveValue('8');
	await page.getByRole('button', { name: 'Start the exam' }).click();

	await expect(page.getByRole('heading', { name: 'Practice exam: MLA-C01' })).toBeFocused();
	await expect(page.getByRole('timer')).toHaveText(/Time left 0\d:\d\d/);
	await expect(page.locator('.exam-position')).toHaveText('Question 1 of 5');
	for (let i = 0; i < 4; i++) {
		await answerCurrent(page);
		if (i === 1) await page.getByRole('button', { name: 'Flag for review' }).click();
		await page.getByRole('button', { name: 'Next', exact: true }).click();
	}
	// No feedback during the exam.
	await expect(page.locator('.exam-question .quiz-explanation')).toBeHidden();
	await expect(page.locator('.exam-progress')).toHaveText('4 answered · 1 flagged');
	await expect(page.getByRole('button', { name: 'Question 2, answered, flagged' })).toBeVisible();
	expect(await seriousViolations(page), 'axe during the exam').toEqual([]);

	// The sitting survives a reload.
	await page.reload();
	await expect(page.locator('.exam-progress')).toHaveText('4 answered · 1 flagged');

	await page.getByRole('button', { name: 'Submit the exam' }).click();
	await expect(page.locator('.exam-confirm-text')).toContainText('1 unanswered and 1 flagged question');
	await page.getByRole('button', { name: 'Submit now' }).click();

	await expect(page.getByRole('heading', { name: /Your result: \d+(\.\d)? %/ })).toBeFocused();
	const table = page.getByRole('table', { name: /Score per domain, against the 72 % pass line/ });
	for (const domain of ['Data Preparation for Machine Learning (ML)', 'ML Model Development', 'Deployment and Orchestration of ML Workflows', 'ML Solution Monitoring, Maintenance, and Security']) {
		await expect(table.getByRole('rowheader', { name: domain })).toBeVisible();
	}
	await expect(page.locator('.exam-review-list > li')).toHaveCount(5);
	await expect(page.locator('.exam-review-list .quiz-explanation').first()).toBeVisible();
	await expect(page.getByRole('table', { name: 'Attempts at MLA-C01' }).locator('tbody tr')).toHaveCount(1);
	await expect(page.locator('.exam-chart canvas')).toBeVisible();
	expect(await seriousViolations(page), 'axe on the report').toEqual([]);
});

test('an untimed exam shows no countdown', async ({ page }) => {
	await page.goto('/practice/azure-ai-900/');
	await page.getByLabel('Untimed').check();
	await expect(page.getByLabel('Minutes')).toBeDisabled();
	await page.getByLabel('Number of questions').selectOption('5');
	await page.getByRole('button', { name: 'Start the exam' }).click();
	await expect(page.getByRole('timer')).toHaveText('Untimed');
});

test('axe finds no serious or critical violation in an answered chapter quiz', async ({ page }) => {
	await page.goto(NEURON);
	const { item, drawn } = await firstOfType(page, 'single');
	await item.locator(`.quiz-slot input[value="${drawn.answer}"]`).check();
	await item.getByRole('button', { name: 'Check answer' }).click();
	const ordering = await firstOfType(page, 'ordering');
	await ordering.item.getByRole('button', { name: 'Move down' }).first().click();
	await ordering.item.getByRole('button', { name: 'Check answer' }).click();
	expect(await seriousViolations(page, 'chainrule-quiz')).toEqual([]);
});

test('the practice exam and review pages fit a 360px phone', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	for (const url of ['/practice/', '/practice/aws-mla-c01/', '/review/']) {
		await page.goto(url);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, url).toBeLessThanOrEqual(0);
	}
});
