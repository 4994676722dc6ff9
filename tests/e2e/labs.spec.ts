import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * The lab page in a real browser: Monaco, the sandbox worker, grading, persistence, the time limit, the
 * network lock-down and accessibility. Each test gets a fresh browser context, so a fresh learner store.
 */
const LAB = '/labs/dense-forward/';
const labFile = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../labs/dense-forward', name), 'utf8');

async function openLab(page: Page, url = LAB) {
	await page.goto(url);
	await page.waitForFunction(() => window.chainruleLab?.ready === true, null, { timeout: 30_000 });
}

const setSource = (page: Page, code: string) => page.evaluate((c) => window.chainruleLab!.setSource(c), code);
const notBusy = (page: Page, timeout = 30_000) =>
	page.waitForFunction(() => !document.querySelector('[data-lab-runner]')!.hasAttribute('data-busy'), null, { timeout });

async function check(page: Page) {
	await page.getByRole('button', { name: /^Check/ }).click();
	await notBusy(page);
	return page.locator('.lab-report-summary[data-score]');
}

test('the solution scores full marks, and the time from Check to the verdict is measured', async ({ page }) => {
	await openLab(page);
	await expect(page.locator('.monaco-editor')).toBeVisible();
	await setSource(page, labFile('solution.ts'));
	const button = page.getByRole('button', { name: /^Check/ });
	const started = Date.now();
	await button.click();
	const summary = page.locator('.lab-report-summary[data-score]');
	await expect(summary).toHaveAttribute('data-score', '12');
	const latency = Date.now() - started;
	test.info().annotations.push({ type: 'check latency (dense-forward, CPU)', description: `${latency} ms` });
	console.log(`Check latency, dense-forward on the CPU: ${latency} ms from click to verdict`);
	await expect(summary).toContainText('12 / 12 points · 7 of 7 checks passed · full marks');
	await expect(page.locator('.lab-check[data-status="pass"]')).toHaveCount(7);
	await expect(page.locator('#lab-best')).toHaveText('Passed · 12 / 12');
	await expect(page.locator('#lab-status')).toContainText('Full marks (attempt 1');
});

test('the starter scores zero, each check saying what to do', async ({ page }) => {
	await openLab(page);
	const summary = await check(page);
	await expect(summary).toHaveAttribute('data-score', '0');
	const checks = page.locator('.lab-check');
	await expect(checks).toHaveCount(7);
	await expect(page.locator('.lab-check[data-status="error"]')).toHaveCount(7);
	await expect(checks.first()).toContainText('Your code threw an error: TODO: dense: return x Wᵀ + b');
});

test('a wrong answer names the known mistake, the worst element and draws the error map', async ({ page }) => {
	await openLab(page);
	const noMaxSubtraction = labFile('solution.ts').replace('const shifted = z.sub(z.amax(1, true));', 'const shifted = z;');
	await setSource(page, noMaxSubtraction);
	await check(page);
	const item = page.locator('.lab-check[data-check-id="softmax-large-logits"]');
	await expect(item).toHaveAttribute('data-status', 'fail');
	await expect(item.locator('.lab-mistake')).toContainText('Known mistake: exp(1000) overflows to Infinity');
	await expect(item.locator('.lab-check-worst')).toContainText('got NaN');
	await expect(item.locator('.lab-check-tolerance')).toContainText('Tolerance: relative');
	const map = item.locator('.lab-heatmap-grid[role="img"]');
	await expect(map).toHaveAttribute('aria-label', /Relative error map, 3 × 4 cells/);
	await expect(map.locator('span')).toHaveCount(12);
});

test('an endless loop is stopped at the time limit while the page keeps answering', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await openLab(page);
	// the lab's limit is 10 s; the test hook shortens it so the test takes ~2 s
	await page.evaluate(() => window.chainruleLab!.setTimeLimitMs(2000));
	await setSource(page, 'export function main() {\n\twhile (true) {}\n}\n');
	// Inside the page: start the run, then 300 ms later use the theme toggle and an output tab. A blocked page
	// thread would fire the timer only after the run (2 s); a free one fires it on time.
	const during = await page.evaluate(async () => {
		const runner = document.querySelector('[data-lab-runner]')!;
		document.querySelector<HTMLButtonElement>('#lab-run')!.click();
		const asked = performance.now();
		await new Promise((resolve) => setTimeout(resolve, 300));
		const late = performance.now() - asked - 300;
		document.querySelector<HTMLButtonElement>('#theme-toggle')!.click();
		document.querySelector<HTMLButtonElement>('#lab-tab-report')!.click();
		return {
			late,
			busy: runner.hasAttribute('data-busy'),
			theme: document.documentElement.dataset.theme,
			tab: document.querySelector('#lab-tab-report')!.getAttribute('aria-selected'),
		};
	});
	expect(during).toMatchObject({ busy: true, theme: 'dark', tab: 'true' });
	expect(during.late).toBeLessThan(500);
	await notBusy(page);
	await expect(page.locator('#lab-errors')).toContainText('Your code ran longer than 2 s and was stopped; an endless loop?');
	await expect(page.getByRole('tab', { name: /Errors/ })).toHaveAttribute('aria-selected', 'true');
	// a fresh worker serves the next run
	await setSource(page, 'export function main() {\n\treturn 6 * 7;\n}\n');
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	await expect(page.locator('#lab-returned')).toHaveText('42');
});

test('a syntax error shows its line and column, with a marker in the editor', async ({ page }) => {
	await openLab(page);
	await setSource(page, 'const a = 1;\nconst b = ;\n');
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	const errors = page.locator('#lab-errors');
	await expect(errors).toContainText('Line 2, column 11');
	await expect(errors).toContainText('Syntax error');
	const markers = await page.evaluate(() => {
		const monaco = (window as unknown as { chainruleMonaco: { editor: { getModelMarkers(f: { owner: string }): { startLineNumber: number }[] } } }).chainruleMonaco;
		return monaco.editor.getModelMarkers({ owner: 'chainrule' }).map((m) => m.startLineNumber);
	});
	expect(markers).toEqual([2]);
	await errors.getByRole('button', { name: 'Go to line 2' }).click();
	await expect(page.locator('.monaco-editor textarea, .monaco-editor .native-edit-context').first()).toBeFocused();
});

test('console output, the returned value and plots of a run are shown', async ({ page }) => {
	await openLab(page);
	await setSource(
		page,
		"import { tensor } from 'chainrule';\nimport { plot } from 'chainrule/lab';\n\nexport function main() {\n\tconsole.log('x is', tensor([1, 2]));\n\tplot('loss', [3, 2, 1.5, 1.2]);\n\treturn { done: true };\n}\n",
	);
	await page.keyboard.press('Control+Enter');
	await notBusy(page);
	await expect(page.getByRole('tab', { name: /Plots/ })).toHaveAttribute('aria-selected', 'true');
	await expect(page.locator('#lab-plots canvas')).toHaveAttribute('aria-label', /loss: 4 values, from 3 to 1.2/);
	await expect(page.locator('#lab-console')).toContainText('x is tensor([1., 2.])');
	await expect(page.locator('#lab-returned')).toHaveText('{ done: true }');
});

test('the editor knows the engine’s types (IntelliSense from the generated declarations)', async ({ page }) => {
	await openLab(page);
	await setSource(page, "import { tensor } from 'chainrule';\n\nexport const t = tensor([1, 2]).notAMethod();\n");
	const messages = await page.waitForFunction(
		() => {
			const monaco = (window as unknown as { chainruleMonaco: { editor: { getModelMarkers(f: { owner: string }): { message: string }[] } } }).chainruleMonaco;
			const found = monaco.editor.getModelMarkers({ owner: 'typescript' }).map((m) => m.message);
			return found.length > 0 ? found : null;
		},
		null,
		{ timeout: 30_000 },
	);
	expect(await messages.jsonValue()).toEqual([expect.stringContaining("Property 'notAMethod' does not exist on type 'Tensor'")]);
});

test('a reload restores the draft, the best score and the last report', async ({ page }) => {
	await openLab(page);
	await setSource(page, labFile('solution.ts'));
	await expect(await check(page)).toHaveAttribute('data-score', '12');
	const draft = `${labFile('solution.ts')}\n// my notes\n`;
	await setSource(page, draft);
	await page.waitForTimeout(800); // the draft saves 500 ms after the last change
	await page.reload();
	await page.waitForFunction(() => window.chainruleLab?.ready === true);
	expect(await page.evaluate(() => window.chainruleLab!.getSource())).toBe(draft);
	await expect(page.locator('#lab-best')).toHaveText('Passed · 12 / 12');
	await expect(page.locator('.lab-report-summary')).toContainText('12 / 12 points');
	await expect(page.locator('.lab-report-caption')).toHaveText('Your last check (attempt 1).');
	// and the course map shows the status
	await page.goto('/');
	await expect(page.locator('[data-lab-status="dense-forward"]')).toHaveText('Passed · 12 / 12');
});

test('learner code cannot reach the network: fetch and imports of URLs fail with a clear message', async ({ page }) => {
	await openLab(page);
	// requests the CSP blocks are reported as failed ('csp'); none may get a response
	const responses: string[] = [];
	page.on('response', (r) => {
		const { protocol, hostname } = new URL(r.url());
		if (protocol.startsWith('http') && hostname !== '127.0.0.1') responses.push(r.url());
	});
	await setSource(page, "export async function main() {\n\treturn await fetch('https://example.com');\n}\n");
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	await expect(page.locator('#lab-errors')).toContainText('fetch is not available in labs: network access');
	await expect(page.locator('#lab-errors')).toContainText('Line 2');
	// an import the sandbox's loader sees: refused by name
	await setSource(page, "export async function main() {\n\treturn await import('https://example.com/x.js');\n}\n");
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	await expect(page.locator('#lab-errors')).toContainText("Cannot import 'https://example.com/x.js' here");
	// one hidden from the compiler: stopped by the page's Content-Security-Policy, which the worker inherits
	await setSource(page, 'export async function main() {\n\treturn await new Function("return import(\'https://example.com/y.js\')")();\n}\n');
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	await expect(page.locator('#lab-errors')).toContainText('Failed to fetch dynamically imported module');
	// and storage is out of reach
	await setSource(page, 'export function main() {\n\treturn (self as any).indexedDB.open("chainrule-learner");\n}\n');
	await page.getByRole('button', { name: /^Run/ }).click();
	await notBusy(page);
	await expect(page.locator('#lab-errors')).toContainText('indexedDB is not available in labs');
	expect(responses).toEqual([]);
});

test('reset and show solution ask first; the solution is marked as revealed', async ({ page }) => {
	await openLab(page);
	const reveal = page.getByRole('button', { name: 'Show solution' });
	await expect(reveal).toBeDisabled();
	await setSource(page, 'export const mine = 1;\n');
	await page.getByRole('button', { name: 'Reset to starter' }).click();
	const resetDialog = page.getByRole('dialog', { name: 'Reset to the starter code?' });
	await expect(resetDialog).toBeVisible();
	await resetDialog.getByRole('button', { name: 'Keep my code' }).click();
	expect(await page.evaluate(() => window.chainruleLab!.getSource())).toBe('export const mine = 1;\n');
	await page.getByRole('button', { name: 'Reset to starter' }).click();
	await resetDialog.getByRole('button', { name: 'Reset' }).click();
	expect(await page.evaluate(() => window.chainruleLab!.getSource())).toBe(labFile('starter.ts'));

	await check(page);
	await expect(reveal).toBeEnabled();
	await reveal.click();
	const revealDialog = page.getByRole('dialog', { name: 'Show the reference solution?' });
	await revealDialog.getByRole('button', { name: 'Show the solution' }).click();
	await expect(page.locator('#lab-solution-code')).toContainText('return x.matmul(W.t()).add(b);');
	await expect(page.locator('#lab-best')).toHaveText('Best score 0 / 12 · solution revealed');
	await expect(page.locator('.lab-report-summary')).toContainText('solution revealed');
});

test('a run that crashed the tab is reported after the reload', async ({ page }) => {
	await openLab(page);
	// A crash leaves the "run started" marker behind (no pagehide runs). Playwright cannot reload a crashed
	// page, so the next load starts with the marker a crash would have left.
	await page.addInitScript(() => sessionStorage.setItem('chainrule:running:dense-forward', JSON.stringify({ kind: 'run', at: Date.now() })));
	await page.reload();
	await page.waitForFunction(() => window.chainruleLab?.ready === true);
	await expect(page.locator('#lab-errors')).toContainText('Your last Run stopped the whole page');
	await expect(page.getByRole('tab', { name: /Errors/ })).toHaveAttribute('aria-selected', 'true');
});

test('the chapter shows a lab card and the course map links the lab', async ({ page }) => {
	await page.goto('/chapters/neuron/');
	const card = page.locator('.lab-card');
	await expect(card.getByRole('link', { name: 'A dense network’s forward pass'.replace('’', "'") })).toHaveAttribute('href', LAB);
	await expect(card.locator('[data-lab-status]')).toHaveText('Not started');
	await page.goto('/');
	const link = page.locator('.course-map a[href="/labs/dense-forward/"]');
	await expect(link).toBeVisible();
	await link.click();
	await expect(page).toHaveURL(LAB);
});

for (const colorScheme of ['light', 'dark'] as const) {
	test(`axe finds no serious or critical violation on the lab page (${colorScheme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme });
		await openLab(page);
		await check(page); // with a report on screen
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
		const bad = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
		expect(bad, bad.join('\n')).toEqual([]);
	});
}

test('Check grades on WebGPU when the learner picks it: the solution scores full marks in float32', async ({ page }) => {
	test.setTimeout(120_000);
	await openLab(page);
	const device = page.locator('#lab-device');
	await expect(device.locator('option[value="webgpu"]')).toHaveCount(1, { timeout: 30_000 });
	await device.selectOption('webgpu');
	await setSource(page, labFile('solution.ts'));
	const summary = await (async () => {
		await page.getByRole('button', { name: /^Check/ }).click();
		await notBusy(page, 90_000);
		return page.locator('.lab-report-summary[data-score]');
	})();
	await expect(summary).toHaveAttribute('data-score', '12');
	await expect(page.locator('#lab-device-note')).toContainText(/float32/);
});
