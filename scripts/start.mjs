#!/usr/bin/env node
// `npm start`: build the course if dist/ is missing or older than its sources, then serve it
// at http://localhost:4321 (all interfaces, so 127.0.0.1 and localhost both work).
// Set PORT to use another port. Stop with Ctrl+C.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, formatMs, projectEnv, run, siteIsStale } from './lib.mjs';

const port = Number(process.env.PORT ?? 4321);

if (siteIsStale()) {
	console.log('Building the course (dist/ is missing or older than the sources)…');
	const build = await run('npm', ['run', '--silent', 'build']);
	if (build.code !== 0) {
		console.error('\nThe build failed (see above), so there is nothing to serve.');
		process.exit(build.code);
	}
	console.log(`Built in ${formatMs(build.ms)}.`);
} else {
	console.log('dist/ is up to date; serving it. (Delete dist/ or run `npm run build` to rebuild.)');
}

const astro = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
const server = spawn(process.execPath, [astro, 'preview', '--port', String(port), '--host'], {
	cwd: ROOT,
	env: projectEnv(),
	stdio: ['ignore', 'pipe', 'inherit'],
});

let announced = false;
server.stdout.on('data', (chunk) => {
	process.stdout.write(chunk);
	if (!announced && /Local|localhost|127\.0\.0\.1/.test(String(chunk))) {
		announced = true;
		console.log(`\n  Chainrule is running at http://localhost:${port}/  (Ctrl+C to stop)\n`);
	}
});

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.kill(signal));
}
server.on('close', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
