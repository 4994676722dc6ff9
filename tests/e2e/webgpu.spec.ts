import { expect, test } from '@playwright/test';

// The engine on WebGPU inside a module worker, as labs run it: headless Chromium (--enable-unsafe-webgpu, see
// playwright.config.ts) gives workers a WebGPU adapter, SwiftShader where there is no GPU. The page
// src/pages/dev/webgpu-check.astro runs matmul, conv2d and its gradients, max pooling, a softmax cross-entropy
// backward and element-wise ops on WebGPU and on the CPU in the worker and reports the largest differences.

interface CheckResult {
	name: string;
	maxAbsError: number;
	maxRelError: number;
	tolerance: { rtol: number; atol: number };
	ok: boolean;
}

test('WebGPU in a worker: matmul, conv2d, pooling, a cross-entropy backward and element-wise ops match the CPU', async ({ page }) => {
	test.setTimeout(180_000); // SwiftShader compiles every kernel on a busy 2-core machine
	await page.goto('/dev/webgpu-check/');
	const root = page.locator('#webgpu-check');
	await expect(root).not.toHaveAttribute('data-status', 'running', { timeout: 170_000 });
	const report = JSON.parse((await page.locator('#webgpu-check-report').textContent()) ?? '{}');
	expect(report.kind, report.message).toBe('done');
	expect(report.adapter.matmul).toMatch(/^(blocked|tiled)$/);
	// with allowSoftware, 'auto' runs on whatever adapter the worker got
	expect(report.device.device).toBe('webgpu');
	const results = report.results as CheckResult[];
	expect(results.length).toBeGreaterThanOrEqual(15);
	for (const needle of ['matmul', 'conv2d', 'dx', 'dw', 'maxPool2d', 'dlogits', 'gelu', 'a / b']) {
		expect(results.some((r) => r.name.includes(needle)), `a case with ${needle}`).toBe(true);
	}
	for (const r of results) {
		expect(r.ok, `${r.name}: max abs error ${r.maxAbsError}, max rel error ${r.maxRelError} (rtol ${r.tolerance.rtol}, atol ${r.tolerance.atol})`).toBe(true);
	}
	await expect(root).toHaveAttribute('data-status', 'pass');
	await expect(page.locator('#webgpu-check-table tbody tr')).toHaveCount(results.length);
});

test('the WebGPU check page is kept out of the course: noindex, out of search, not linked from the home page', async ({ page }) => {
	await page.goto('/dev/webgpu-check/');
	await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
	await expect(page.locator('#webgpu-check')).toHaveAttribute('data-pagefind-ignore', 'all');
	await page.goto('/');
	await expect(page.locator('a[href*="/dev/"]')).toHaveCount(0);
});
