import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against the built site (`dist/`), served by `astro preview` on 127.0.0.1.
 * Run them with `npm test` (or `npm run test:e2e`): scripts/test.mjs builds the site, picks a
 * free port (E2E_PORT) and finds a Chromium (CHROMIUM_PATH). Running `npx playwright test`
 * by hand works too once `npm run build` has run; set CHROMIUM_PATH if Chromium is not at
 * /usr/bin/chromium.
 */
const port = Number(process.env.E2E_PORT ?? 4329);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	// Two cores: one worker per core.
	workers: 2,
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	// The axe scan of a chapter (thousands of KaTeX spans) takes 10-20 s on a busy 2-core machine.
	timeout: 60_000,
	reporter: [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath,
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						// Labs use WebGPU (SwiftShader when there is no GPU).
						'--enable-unsafe-webgpu',
					],
				},
			},
		},
	],
	webServer: {
		command: `"${process.execPath}" node_modules/astro/bin/astro.mjs preview --port ${port} --host 127.0.0.1 --ignore-lock`,
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
	},
});
