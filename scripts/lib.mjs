// Small helpers shared by scripts/start.mjs and scripts/test.mjs (Node 22, no dependencies).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** PATH with this Node and the project's binaries first, so child `npm`/`astro` use Node 22. */
export function projectEnv(extra = {}) {
	const PATH = [
		path.dirname(process.execPath),
		path.join(ROOT, 'node_modules/.bin'),
		process.env.PATH,
	]
		.filter(Boolean)
		.join(path.delimiter);
	return { ...process.env, PATH, ...extra };
}

/**
 * Run a command in the project root; resolves with { code, output, ms }.
 * Output goes to the terminal as it arrives; `capture` also keeps it (for summaries).
 */
export function run(command, args, { env = projectEnv(), capture = false } = {}) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: ROOT,
			env,
			stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
		});
		let output = '';
		if (capture) {
			child.stdout.on('data', (chunk) => {
				process.stdout.write(chunk);
				output += chunk;
			});
			child.stderr.on('data', (chunk) => {
				process.stderr.write(chunk);
				output += chunk;
			});
		}
		child.on('error', (error) => {
			console.error(`Could not run ${command}: ${error.message}`);
			resolve({ code: 127, output, ms: Date.now() - started });
		});
		child.on('close', (code, signal) =>
			resolve({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - started }),
		);
	});
}

/** Newest modification time (ms) of a file or of any file under a directory; 0 if absent. */
export function newestMtime(target) {
	if (!existsSync(target)) return 0;
	const stat = statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(target, { withFileTypes: true })) {
		if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
		newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
	}
	return newest;
}

/** Everything the built site depends on. */
export const SITE_SOURCES = [
	'src',
	'content',
	'public',
	'labs',
	'engine',
	'astro.config.mjs',
	'package-lock.json',
	'tsconfig.json',
];

/** The file Pagefind writes last, so its time marks a complete `npm run build`. */
export const BUILD_MARKER = 'dist/pagefind/pagefind-entry.json';

/** Is dist/ missing or older than any source? */
export function siteIsStale() {
	const built = newestMtime(path.join(ROOT, BUILD_MARKER));
	if (built === 0) return true;
	return SITE_SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > built);
}

export function formatMs(ms) {
	return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Remove ANSI colour codes (to read counts out of tool output). */
export function stripAnsi(text) {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}
