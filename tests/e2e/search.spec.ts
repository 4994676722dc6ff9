import { expect, test } from '@playwright/test';
import { NEURON } from './chapters.ts';

// "NAND" appears only in the neuron chapter's body (the logic-gate figure and exercises).
test('searching from the header finds a word that only the neuron chapter uses', async ({
	page,
}) => {
	await page.goto('/');
	const box = page.getByRole('searchbox', { name: 'Search the course' }).first();
	await box.fill('NAND');
	await box.press('Enter');
	await expect(page).toHaveURL(/\/search\/\?q=NAND/);
	const results = page.locator('.pagefind-ui__result-link');
	await expect(results.first()).toBeVisible();
	await expect(results.first()).toHaveAttribute('href', new RegExp(`${NEURON}$`));
	await expect(results.first()).toHaveText('The artificial neuron');
});

test('only chapter bodies are indexed, not the home page or the search page', async ({ page }) => {
	// "Instructors" is on the home page and in the first chapter ("How this course works").
	await page.goto('/search/?q=instructors');
	const results = page.locator('.pagefind-ui__result-link');
	await expect(results.first()).toBeVisible();
	const hrefs = await results.evaluateAll((links) =>
		links.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
	);
	for (const href of hrefs) expect(href).toMatch(/^\/chapters\/[^/]+\/$/);
});
