import { expect, test } from '@playwright/test';
import { NEURON, chapterSlugs } from './chapters.ts';

test('the home page lists every chapter on the course map', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/Chainrule/);
	const map = page.locator('.course-map');
	await expect(map.getByRole('heading', { name: 'Course map' })).toBeVisible();
	for (const slug of chapterSlugs()) {
		await expect(map.locator(`a[href="/chapters/${slug}/"]`)).toBeVisible();
	}
	await expect(map.getByRole('link', { name: 'The artificial neuron' })).toBeVisible();
});

test('a chapter renders its math with KaTeX and leaves no raw TeX in the text', async ({
	page,
}) => {
	await page.goto(NEURON);
	await expect(
		page.getByRole('heading', { level: 1, name: 'The artificial neuron' }),
	).toBeVisible();
	const article = page.locator('main article');
	expect(await article.locator('.katex').count()).toBeGreaterThan(10);
	expect(await article.locator('.katex-display').count()).toBeGreaterThan(3);
	// Text outside the rendered math: no $$ delimiters or TeX commands left behind.
	const text = await article.evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.katex, pre').forEach((n) => n.remove());
		return copy.textContent ?? '';
	});
	expect(text).not.toContain('$$');
	expect(text).not.toMatch(/\\(mathbf|frac|sum|begin)/);
	// KaTeX fonts come from the site itself, not a CDN.
	const fontUrls = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((r) => r.name)
			.filter((n) => /KaTeX/.test(n)),
	);
	for (const url of fontUrls) expect(new URL(url).host).toBe(new URL(page.url()).host);
});

test('a chapter has a code block, an aside, a table of contents, Summary and Exercises', async ({
	page,
}) => {
	await page.goto(NEURON);
	await expect(page.locator('main pre code').first()).toContainText('function dense');
	await expect(page.locator('main .aside').first()).toBeVisible();
	const toc = page.locator('nav.toc');
	await expect(toc.getByRole('link', { name: 'Summary' })).toHaveAttribute('href', '#summary');
	await expect(page.locator('#summary')).toHaveText('Summary');
	await expect(page.locator('#exercises')).toHaveText('Exercises');
});

test('the sidebar marks the current chapter and every sidebar link leads to a real page', async ({
	page,
}) => {
	await page.goto(NEURON);
	const sidebar = page.locator('nav.sidebar');
	await expect(sidebar.locator('a[aria-current="page"]')).toHaveAttribute('href', NEURON);
	await expect(sidebar.locator('a[aria-current="page"]')).toHaveCount(1);
	const hrefs = await sidebar
		.locator('a')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
	expect(hrefs.length).toBeGreaterThanOrEqual(chapterSlugs().length);
	for (const href of new Set(hrefs)) {
		const response = await page.request.get(href);
		expect(response.status(), href).toBe(200);
		expect(await response.text(), href).toMatch(/<title>[^<]+<\/title>/);
	}
});

test('previous and next links lead to real chapter pages', async ({ page }) => {
	test.skip(chapterSlugs().length < 2, 'needs two chapters');
	test.slow(); // sixteen full chapter pages with live figures and quizzes
	// Load every chapter once: record where its links point and what its own heading and title are.
	const links: { from: string; href: string; title: string }[] = [];
	const pages = new Map<string, { heading: string; title: string }>();
	for (const slug of chapterSlugs()) {
		const url = `/chapters/${slug}/`;
		const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
		expect(response?.status(), url).toBe(200);
		pages.set(url, { heading: (await page.getByRole('heading', { level: 1 }).textContent())!.trim(), title: await page.title() });
		for (const rel of ['prev', 'next']) {
			const link = page.locator(`nav.prev-next a[rel="${rel}"]`);
			if ((await link.count()) === 0) continue;
			links.push({ from: url, href: (await link.getAttribute('href'))!, title: (await link.locator('.title').textContent())!.trim() });
		}
	}
	expect(links.length).toBeGreaterThanOrEqual(2 * (chapterSlugs().length - 1));
	for (const { from, href, title } of links) {
		const target = pages.get(href.endsWith('/') ? href : `${href}/`);
		expect(target, `${from} links to ${href}, which is not a chapter page`).toBeDefined();
		expect(target!.heading, `${from} → ${href}`).toBe(title);
		expect(target!.title).toBe(`${title} · Chainrule`);
	}
	// and one real click, to be sure the link navigates
	await page.goto(links[0].from, { waitUntil: 'domcontentloaded' });
	await page.locator(`nav.prev-next a[href="${links[0].href}"]`).first().click();
	await expect(page).toHaveURL(new RegExp(`${links[0].href}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(links[0].title);
});

test('an unknown URL shows the 404 page', async ({ page }) => {
	const response = await page.goto('/no-such-chapter/');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Go to the course map' })).toHaveAttribute(
		'href',
		'/',
	);
});

test('on a 360px phone the sidebar sits behind the menu button and nothing overflows', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(NEURON);
	const sidebar = page.locator('nav.sidebar');
	await expect(sidebar).toBeHidden();
	const menu = page.getByRole('button', { name: 'Chapters menu' });
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await expect(sidebar.locator('a[aria-current="page"]')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(sidebar).toBeHidden();
	for (const url of ['/', NEURON]) {
		await page.goto(url);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth,
		);
		expect(overflow, url).toBeLessThanOrEqual(0);
	}
});

test('printing hides navigation and keeps the chapter', async ({ page }) => {
	await page.goto(NEURON);
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.locator('nav.sidebar')).toBeHidden();
	await expect(page.locator('nav.toc')).toBeHidden();
	await expect(page.locator('#theme-toggle')).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
