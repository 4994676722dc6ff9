import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ACTIVATIONS, PLAYGROUND, chapterSlugs } from './chapters.ts';

/** Does a canvas hold any non-transparent pixel? (A chart draws at least its axes.) */
function canvasIsDrawn(page: Page, selector: string, index: number): Promise<boolean> {
	return page
		.locator(selector)
		.nth(index)
		.evaluate((canvas: HTMLCanvasElement) => {
			const ctx = canvas.getContext('2d');
			if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
			const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
			let painted = 0;
			for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
			// more than a stray pixel or a frame: at least 0.5% of the area
			return painted > (canvas.width * canvas.height) / 200;
		});
}

/** Scrolls every live figure into view and waits until it is drawn. */
async function renderFigures(page: Page): Promise<number> {
	const figures = page.locator('figure.live-figure');
	const count = await figures.count();
	for (let i = 0; i < count; i++) {
		const figure = figures.nth(i);
		await figure.scrollIntoViewIfNeeded();
		const body = figure.locator('.live-figure-body');
		await expect(body, `figure ${i + 1} on ${page.url()}`).toHaveAttribute('data-state', 'ready', {
			timeout: 20_000,
		});
	}
	return count;
}

test.describe('Do the live figures render on every chapter?', () => {
	for (const slug of chapterSlugs()) {
		test(`figures on /chapters/${slug}/ draw into their canvases`, async ({ page }) => {
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			await page.goto(`/chapters/${slug}/`);
			const count = await renderFigures(page);
			const canvases = page.locator('figure.live-figure canvas');
			const n = await canvases.count();
			expect(n).toBeGreaterThanOrEqual(count);
			for (let i = 0; i < n; i++) {
				await expect
					.poll(() => canvasIsDrawn(page, 'figure.live-figure canvas', i), {
						message: `canvas ${i + 1} on /chapters/${slug}/`,
						timeout: 10_000,
					})
					.toBe(true);
			}
			expect(errors).toEqual([]);
		});
	}

	test('every figure has a caption, a labelled canvas and a data table', async ({ page }) => {
		await page.goto(ACTIVATIONS);
		const figures = page.locator('figure.live-figure');
		expect(await figures.count()).toBeGreaterThanOrEqual(2);
		for (const figure of await figures.all()) {
			await expect(figure.locator('figcaption')).not.toBeEmpty();
			for (const canvas of await figure.locator('canvas').all()) {
				await expect(canvas).toHaveAttribute('role', 'img');
				expect((await canvas.getAttribute('aria-label'))?.length).toBeGreaterThan(10);
			}
			// the table is in the HTML before any script runs
			expect(await figure.locator('details table tbody tr').count()).toBeGreaterThan(0);
		}
	});

	test('a figure follows the theme: switching it recolours the chart', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(ACTIVATIONS);
		await renderFigures(page);
		const tickColour = () =>
			page.evaluate(() => {
				const canvas = document.querySelector('activations-figure canvas') as HTMLCanvasElement;
				const ctx = canvas.getContext('2d')!;
				// mean brightness of the opaque pixels (lines and text): low on light, high on dark
				const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
				let sum = 0;
				let n = 0;
				for (let i = 0; i < data.length; i += 4) {
					if (data[i + 3] > 200) {
						sum += data[i] + data[i + 1] + data[i + 2];
						n++;
					}
				}
				return sum / Math.max(1, n);
			});
		const light = await tickColour();
		await page.locator('#theme-toggle').click();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expect.poll(tickColour).toBeGreaterThan(light + 40);
	});

	test('the activations figure hides a function when its checkbox is cleared, from the keyboard', async ({
		page,
	}) => {
		await page.goto(ACTIVATIONS);
		await renderFigures(page);
		// scoped to the figure: the chapter's quiz can offer a choice named 'sigmoid' too
		const box = page.locator('figure.live-figure').first().getByRole('checkbox', { name: 'sigmoid' });
		await box.focus();
		await page.keyboard.press('Space');
		await expect(box).not.toBeChecked();
	});
});

test.describe('the playground', () => {
	const XOR = `${PLAYGROUND}?data=xor&noise=0.1&layers=1&width=4&act=tanh&lr=0.03&opt=adam&reg=none&lambda=0.001&batch=16&seed=3`;

	test('trains: the loss falls over a few seconds while the page stays responsive', async ({
		page,
	}) => {
		await page.goto(XOR);
		const pg = page.locator('chainrule-playground');
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		await expect(pg).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
		const lossAt0 = Number(await page.locator('[data-part="stat-train-loss"]').textContent());
		expect(lossAt0).toBeGreaterThan(0.3);

		// Watch the main thread while training runs: frames keep coming, clicks are handled.
		await page.evaluate(() => {
			const w = window as unknown as { gaps: number[]; watching: boolean };
			w.gaps = [];
			w.watching = true;
			let last = performance.now();
			const tick = (now: number) => {
				w.gaps.push(now - last);
				last = now;
				if (w.watching) requestAnimationFrame(tick);
			};
			requestAnimationFrame(tick);
		});
		await pg.getByRole('button', { name: 'Play' }).click();
		await expect(pg.getByRole('button', { name: 'Pause' })).toBeVisible();
		await page.waitForTimeout(3000);
		const clickStarted = Date.now();
		await pg.getByRole('button', { name: 'Pause' }).click();
		await expect(pg.getByRole('button', { name: 'Play' })).toBeVisible();
		const clickMs = Date.now() - clickStarted;
		const gaps = await page.evaluate(() => {
			const w = window as unknown as { gaps: number[]; watching: boolean };
			w.watching = false;
			return w.gaps.slice(1);
		});

		const epoch = Number(await pg.getAttribute('data-epoch'));
		const lossAfter = Number(await page.locator('[data-part="stat-train-loss"]').textContent());
		expect(epoch).toBeGreaterThan(10);
		expect(lossAfter).toBeLessThan(lossAt0 * 0.7);
		expect(gaps.length, 'frames painted during 3 s of training').toBeGreaterThan(30);
		expect(Math.max(...gaps), `longest frame gap in ms (${gaps.length} frames)`).toBeLessThan(500);
		expect(clickMs, 'Pause responded').toBeLessThan(1500);
		await expect(page.locator('[data-part="boundary"]')).toBeVisible();
		expect(await canvasIsDrawn(page, '[data-part="boundary"]', 0)).toBe(true);
		expect(await canvasIsDrawn(page, '[data-part="loss"]', 0)).toBe(true);
	});

	test('its settings round-trip through the URL', async ({ page }) => {
		const query =
			'data=moons&noise=0.2&layers=3&width=5&act=relu&lr=0.1&opt=momentum&reg=l2&lambda=0.01&batch=full&seed=7';
		await page.goto(`${PLAYGROUND}?${query}`);
		const pg = page.locator('chainrule-playground');
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		await expect(pg.getByLabel('Data set', { exact: true })).toHaveValue('moons');
		await expect(pg.getByLabel('Noise', { exact: true })).toHaveValue('0.2');
		await expect(pg.getByLabel('Hidden layers', { exact: true })).toHaveValue('3');
		await expect(pg.getByLabel('Neurons per layer')).toHaveValue('5');
		await expect(pg.getByLabel('Activation', { exact: true })).toHaveValue('relu');
		await expect(pg.getByLabel('Learning rate')).toHaveValue('0.1');
		await expect(pg.getByLabel('Optimizer')).toHaveValue('momentum');
		await expect(pg.getByLabel('Regularization', { exact: true })).toHaveValue('l2');
		await expect(pg.getByLabel('Regularization rate λ')).toHaveValue('0.01');
		await expect(pg.getByLabel('Batch size')).toHaveValue('full');
		await expect(pg.getByLabel('Seed', { exact: true })).toHaveValue('7');
		await expect(page.locator('[data-part="notes"]')).toBeHidden();

		// Change one control: the URL follows, the other settings stay, and a reload restores them.
		await pg.getByLabel('Activation', { exact: true }).selectOption('gelu');
		await expect.poll(() => new URL(page.url()).searchParams.get('act')).toBe('gelu');
		const params = new URL(page.url()).searchParams;
		expect(params.get('data')).toBe('moons');
		expect(params.get('batch')).toBe('full');
		await page.reload();
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		await expect(pg.getByLabel('Activation', { exact: true })).toHaveValue('gelu');
		await expect(pg.getByLabel('Data set', { exact: true })).toHaveValue('moons');
	});

	test('a bad URL value falls back with a visible note', async ({ page }) => {
		await page.goto(`${PLAYGROUND}?lr=banana&data=mnist`);
		const pg = page.locator('chainrule-playground');
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		const notes = page.locator('[data-part="notes"]');
		await expect(notes).toBeVisible();
		await expect(notes).toContainText('Ignored lr="banana"');
		await expect(notes).toContainText('Ignored data="mnist"');
		await expect(pg.getByLabel('Data set', { exact: true })).toHaveValue('spiral');
	});

	test('is driven from the keyboard: Step trains one epoch', async ({ page }) => {
		await page.goto(XOR);
		const pg = page.locator('chainrule-playground');
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		const step = pg.getByRole('button', { name: 'Step' });
		await expect(step).toBeEnabled();
		await step.focus();
		await page.keyboard.press('Enter');
		await expect(pg).toHaveAttribute('data-epoch', '1');
		await page.keyboard.press('Space');
		await expect(pg).toHaveAttribute('data-epoch', '2');
	});

	test('is embedded in the neuron chapter with its preset', async ({ page }) => {
		await page.goto('/chapters/neuron/');
		const pg = page.locator('chainrule-playground');
		await pg.scrollIntoViewIfNeeded();
		await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
		await expect(pg.getByLabel('Data set', { exact: true })).toHaveValue('xor');
		await expect(pg.getByLabel('Hidden layers', { exact: true })).toHaveValue('1');
	});
});

for (const colorScheme of ['light', 'dark'] as const) {
	for (const url of [ACTIVATIONS, PLAYGROUND]) {
		test(`axe finds no serious or critical violation on ${url} with its figures drawn (${colorScheme})`, async ({
			page,
		}) => {
			await page.emulateMedia({ colorScheme });
			await page.goto(url);
			await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
			if (url === PLAYGROUND) {
				const pg = page.locator('chainrule-playground');
				await expect(pg).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
				await expect(pg).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
			} else {
				await renderFigures(page);
				// open one data table so its cells are checked too
				await page.locator('figure.live-figure details summary').first().click();
			}
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
