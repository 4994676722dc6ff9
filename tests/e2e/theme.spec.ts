import { expect, test } from '@playwright/test';

test('the theme follows the system when the learner has not chosen', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.emulateMedia({ colorScheme: 'light' });
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the theme choice survives a reload and applies before first paint', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/chapters/neuron/');
	const html = page.locator('html');
	await expect(html).toHaveAttribute('data-theme', 'light');
	const toggle = page.locator('#theme-toggle');
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');

	// Record the theme as soon as <body> exists, before any module script has run.
	await page.addInitScript(() => {
		document.addEventListener(
			'readystatechange',
			() => {
				if (document.readyState === 'interactive') {
					(window as unknown as { firstTheme?: string }).firstTheme =
						document.documentElement.dataset.theme;
				}
			},
			{ once: true },
		);
	});
	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	expect(await page.evaluate(() => (window as unknown as { firstTheme?: string }).firstTheme)).toBe(
		'dark',
	);
	const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(background).not.toBe('rgb(255, 255, 255)');

	await page.goto('/');
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await page.locator('#theme-toggle').click();
	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'light');
});
