#!/usr/bin/env node
// `npm test`: every test in the project.
//   1. unit and content tests (vitest)
//   2. build the site (npm run build: content check, astro build, pagefind)
//   3. browser tests (Playwright, tests/e2e) against the built site on 127.0.0.1
//
// Flags: --unit-only, --e2e-only. With one of them, other arguments go to that runner, e.g.
//   npm test -- --e2e-only tests/e2e/search.spec.ts
// Browser: CHROMIUM_PATH if set, else a system Chromium; as root on Debian it installs one
// with apt-get. Exits non-zero if anything fails.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, formatMs, projectEnv, run, stripAnsi } from './lib.mjs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit-only');
const e2eOnly = args.includes('--e2e-only');
const passThrough = args.filter((a) => a !== '--unit-only' && a !== '--e2e-only');
if (unitOnly && e2eOnly) {
	console.error('Use at most one of --unit-only and --e2e-only.');
	process.exit(2);
}
if (passThrough.length > 0 && !unitOnly && !e2eOnly) {
	console.error(
		'Extra arguments go to one runner: add --unit-only (vitest) or --e2e-only (Playwright).',
	);
	process.exit(2);
}

/** @type {{ name: string; ok: boolean; ms: number; detail: string; counts?: { passed: number; failed: number; skipped: number } }[]} */
const steps = [];
const started = Date.now();

function heading(text) {
	console.log(`\n━━━ ${text} ${'━'.repeat(Math.max(0, 70 - text.length))}`);
}

// ---------- 1. vitest ----------
if (!e2eOnly) {
	heading('Unit and content tests (vitest)');
	const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
	const result = await run(process.execPath, [vitest, 'run', ...passThrough], {
		capture: true,
		env: projectEnv({ FORCE_COLOR: process.stdout.isTTY ? '1' : '0' }),
	});
	const text = stripAnsi(result.output);
	const tests = /^\s*Tests\s+(\d[^\n]*)$/m.exec(text)?.[1]?.trim() ?? '';
	steps.push({ name: 'vitest', ok: result.code === 0, ms: result.ms, detail: tests, counts: countsIn(tests) });
}

// ---------- 2 and 3. build + Playwright ----------
if (!unitOnly) {
	heading('Build the site (npm run build)');
	const build = await run('npm', ['run', '--silent', 'build']);
	steps.push({
		name: 'build',
		ok: build.code === 0,
		ms: build.ms,
		detail: build.code === 0 ? 'dist/' : 'failed',
	});

	if (build.code === 0) {
		const browser = findChromium();
		if (!browser.path) {
			steps.push({ name: 'browser tests', ok: false, ms: 0, detail: 'no Chromium' });
			console.error(`\n${browser.message}`);
		} else {
			const port = await freePort();
			heading(`Browser tests (Playwright, ${path.basename(browser.path)}, port ${port})`);
			const cli = path.join(ROOT, 'node_modules/@playwright/test/cli.js');
			const result = await run(process.execPath, [cli, 'test', ...passThrough], {
				capture: true,
				env: projectEnv({ E2E_PORT: String(port), CHROMIUM_PATH: browser.path }),
			});
			const text = stripAnsi(result.output);
			const counts = ['passed', 'failed', 'flaky', 'skipped', 'did not run']
				.flatMap((word) => {
					const match = new RegExp(`^\\s*(\\d+) ${word}`, 'm').exec(text);
					return match ? [`${match[1]} ${word}`] : [];
				})
				.join(', ');
			steps.push({ name: 'browser tests', ok: result.code === 0, ms: result.ms, detail: counts, counts: countsIn(counts) });
		}
	} else {
		steps.push({ name: 'browser tests', ok: false, ms: 0, detail: 'skipped: the build failed' });
	}
}

// ---------- summary ----------
heading('Summary');
for (const step of steps) {
	const mark = step.ok ? 'PASS' : 'FAIL';
	console.log(
		`  ${mark}  ${step.name.padEnd(14)} ${formatMs(step.ms).padStart(8)}   ${step.detail}`,
	);
}
const failed = steps.filter((s) => !s.ok);
console.log(
	failed.length === 0
		? `\nAll ${steps.length} step${steps.length === 1 ? '' : 's'} passed in ${formatMs(Date.now() - started)}.`
		: `\n${failed.length} of ${steps.length} steps failed: ${failed.map((s) => s.name).join(', ')}.`,
);
// The plain closing line CI reads: every test of every runner, summed.
const total = { passed: 0, failed: 0, skipped: 0 };
for (const step of steps) {
	const c = step.counts ?? { passed: 0, failed: step.ok ? 0 : 1, skipped: 0 };
	total.passed += c.passed;
	total.failed += c.failed + (!step.ok && c.failed === 0 ? 1 : 0);
	total.skipped += c.skipped;
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (failed.some((s) => s.name === 'browser tests')) {
	console.log(
		'Traces of failed browser tests are in test-results/ (npx playwright show-trace <zip>).',
	);
}
process.exit(failed.length === 0 ? 0 : 1);

// ---------- helpers ----------

/** Reads "12 passed", "3 failed", "2 skipped" (and Playwright's "flaky", "did not run") out of a runner's summary. */
function countsIn(text) {
	const n = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);
	return { passed: n('passed') + n('flaky'), failed: n('failed'), skipped: n('skipped') + n('did not run') + n('todo') };
}

/** Find a Chromium for Playwright; install Debian's package when running as root. */
function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		return isExecutable(fromEnv)
			? { path: fromEnv }
			: { message: `CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.` };
	}
	const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	const found = candidates.find(isExecutable);
	if (found) return { path: found };

	const isRoot = process.getuid?.() === 0;
	if (isRoot && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get')) {
		heading('No Chromium found: installing Debian’s chromium package');
		try {
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
			execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
				stdio: 'inherit',
				env,
			});
		} catch (error) {
			return { message: `Installing chromium with apt-get failed: ${error.message}` };
		}
		if (isExecutable('/usr/bin/chromium')) return { path: '/usr/bin/chromium' };
	}
	return {
		message: [
			'No Chromium found for the browser tests. Either:',
			'  - install one: `sudo apt-get install chromium` (Debian/Ubuntu), or your OS package;',
			'  - or point to one: `CHROMIUM_PATH=/path/to/chrome npm test`;',
			'  - or, with internet access, `npx playwright install chromium` and',
			'    CHROMIUM_PATH=$(node -e "console.log(require(\'playwright\').chromium.executablePath())").',
			'Run `npm test -- --unit-only` to skip the browser tests.',
		].join('\n'),
	};
}

function isExecutable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Ask the OS for a free TCP port on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}
