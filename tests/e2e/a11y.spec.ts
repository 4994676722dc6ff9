import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { NEURON } from './chapters.ts';

for (const colorScheme of ['light', 'dark'] as const) {
	for (const url of ['/', NEURON, '/search/?q=neuron', '/no-such-page/']) {
		test(`axe finds no serious or critical violation on ${url} (${colorScheme})`, async ({
			page,
		}) => {
			await page.emulateMedia({ colorScheme });
			await page.goto(url);
			await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
			if (url.startsWith('/search/'))
				await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
				.analyze();
			const bad = results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map(
					(v) =>
						`${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
				);
			expect(bad, bad.join('\n')).toEqual([]);
		});
	}
}

test('the first Tab focuses the skip link, and Enter moves focus to the main content', async ({
	page,
}) => {
	await page.goto(NEURON);
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.locator('main#main-content')).toBeFocused();
	// The next Tab continues inside the main content, not back in the header.
	await page.keyboard.press('Tab');
	const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
	expect(inMain).toBe(true);
});

test('the theme toggle works from the keyboard', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	await page.locator('#theme-toggle').focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('on a phone the chapters menu opens from the keyboard and Escape returns focus', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(NEURON);
	const menu = page.getByRole('button', { name: 'Chapters menu' });
	await menu.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('nav.sidebar a[aria-current="page"]')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.locator('nav.sidebar')).toBeHidden();
	await expect(menu).toBeFocused();
});
