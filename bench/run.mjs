#!/usr/bin/env node
// `npm run bench [-- --quick]`: the engine against TF.js in one headless Chromium page.
//
//   1. builds bench/page with Vite into bench/dist
//   2. serves it (and TF.js's .wasm files) from http://127.0.0.1 with cross-origin isolation headers, so
//      TF.js's WASM backend can use threads
//   3. runs window.runBench() in Chromium (CHROMIUM_PATH, default /usr/bin/chromium), prints a Markdown table
//      of medians [min–max] and the engine/TF.js ratios, and writes bench/results/bench-<time>.json
//
// --quick: 3 runs per case, matmul 128 and 256 only (a CI-sized run; not part of npm test).
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'bench/dist');
const TFJS_WASM = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const quick = process.argv.includes('--quick');
// --impls=engine-wasm,tf-wasm-1t and --benches=mlp-step,matmul-512 narrow a run (for development)
const listArg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',') ?? [];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu',
];

const started = Date.now();
await build({
	configFile: false,
	root: path.join(ROOT, 'bench/page'),
	logLevel: 'warn',
	resolve: { alias: { chainrule: path.join(ROOT, 'engine/index.ts') } },
	// not minified: TF.js's threaded WASM backend starts its workers from the source text of a bundled function
	build: { outDir: DIST, emptyOutDir: true, target: 'esnext', minify: false, chunkSizeWarningLimit: 20000 },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.map': 'application/json' };
const server = http.createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const rel = decodeURIComponent(url.pathname);
	const file = rel.startsWith('/tfjs-wasm/')
		? path.join(TFJS_WASM, path.basename(rel))
		: path.join(DIST, rel === '/' ? 'index.html' : path.normalize(rel));
	if (!file.startsWith(DIST) && !file.startsWith(TFJS_WASM)) return res.writeHead(403).end();
	if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
	res.writeHead(200, {
		'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Embedder-Policy': 'require-corp',
		'Cache-Control': 'no-store',
	});
	createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
let output;
try {
	const page = await browser.newPage();
	page.on('console', (m) => {
		const text = m.text();
		if (text.startsWith('bench:')) console.log(text);
		else if (m.type() === 'error') console.error(`[page] ${text}`);
	});
	page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
	await page.goto(`http://127.0.0.1:${port}/`);
	await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
	output = await page.evaluate((o) => globalThis.runBench(o), { quick, impls: listArg('impls'), benches: listArg('benches') });
	output.env.chromium = browser.version();
} finally {
	await browser.close();
	server.close();
}

// ---------- report ----------
const { results, env } = output;
const get = (bench, impl) => results.find((r) => r.bench === bench && r.impl === impl && r.status === 'ok');
const impls = [...new Set(results.map((r) => r.impl))];
const benches = [...new Set(results.map((r) => r.bench))];
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const cell = (r) => {
	if (!r) return '–';
	const t = r.ms.runs > 1 ? `${fmt(r.ms.median)} [${fmt(r.ms.min)}–${fmt(r.ms.max)}]` : fmt(r.ms.median);
	return r.gflops ? `${t} (${r.gflops.toFixed(1)} GF/s)` : t;
};
const lines = [];
lines.push(`| ms per step, median [min–max] | ${impls.join(' | ')} |`, `|---|${impls.map(() => '---').join('|')}|`);
for (const bench of benches) lines.push(`| ${bench} | ${impls.map((i) => cell(get(bench, i))).join(' | ')} |`);

const fastest = (bench, prefix) =>
	results
		.filter((r) => r.bench === bench && r.status === 'ok' && r.impl.startsWith(prefix))
		.sort((a, b) => a.ms.median - b.ms.median)[0];
const ratios = [];
const ratio = (label, a, b, target, better) => {
	if (!a || !b) return ratios.push({ label, value: null, target, better, met: null });
	const value = a.ms.median / b.ms.median;
	const met = target === undefined ? null : better === 'lower' ? value <= target : value >= target;
	ratios.push({ label, a: a.impl, b: b.impl, value, target, better, met });
};
for (const model of ['mlp', 'cnn']) {
	const bench = `${model}-step`;
	ratio(`${bench}: engine fastest / TF.js fastest`, fastest(bench, 'engine'), fastest(bench, 'tf'), model === 'mlp' ? 0.8 : 0.5, 'lower');
	ratio(`${bench}: engine-wasm / tf-wasm-1t`, get(bench, 'engine-wasm'), get(bench, 'tf-wasm-1t'), undefined, 'lower');
}
for (const n of quick ? [128, 256] : [128, 256, 512, 1024]) {
	// throughput ratio = inverse time ratio
	const a = get(`matmul-${n}`, 'engine-wasm');
	const b1 = get(`matmul-${n}`, 'tf-wasm-1t');
	const b2 = get(`matmul-${n}`, 'tf-wasm-2t');
	for (const [b, label, target] of [[b1, '1 thread', n === 512 ? 1 : undefined], [b2, '2 threads', undefined]]) {
		const value = a && b ? b.ms.median / a.ms.median : null;
		ratios.push({
			label: `matmul-${n}: engine-wasm GFLOP/s / tf-wasm (${label})`, a: a?.impl, b: b?.impl, value, target, better: 'higher',
			met: value === null || target === undefined ? null : value >= target,
		});
	}
}
ratio('first-mlp-step: engine-wasm / tf-wasm-1t', get('first-mlp-step', 'engine-wasm'), get('first-mlp-step', 'tf-wasm-1t'));
ratio('first-mlp-step: engine-webgpu / tf-webgpu', get('first-mlp-step', 'engine-webgpu'), get('first-mlp-step', 'tf-webgpu'));

lines.push('', '| ratio | value | target | met |', '|---|---|---|---|');
for (const r of ratios) {
	const target = r.target === undefined ? '' : `${r.better === 'lower' ? '≤' : '≥'} ${r.target}`;
	lines.push(`| ${r.label} | ${r.value === null ? 'n/a' : r.value.toFixed(2)} | ${target} | ${r.met === null ? '' : r.met ? 'yes' : 'NO'} |`);
}
const notes = results.filter((r) => r.status !== 'ok').map((r) => `- ${r.bench} / ${r.impl}: ${r.status}: ${r.note}`);
const uniqueNotes = [...new Set(notes)];

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.type()} ${os.release()}, Chromium ${env.chromium}`;
console.log(`\n${machine}; crossOriginIsolated=${env.crossOriginIsolated}; engine WASM ${env.engineWasm.variant ?? 'off'}; TF.js ${JSON.stringify(env.tfjs)}\n`);
console.log(lines.join('\n'));
if (uniqueNotes.length) console.log(`\nNot measured:\n${uniqueNotes.join('\n')}`);

mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.join(ROOT, 'bench/results', `bench-${stamp}${quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine, env, results, ratios, table: lines.join('\n') }, null, 2));
console.log(`\nwrote ${path.relative(ROOT, file)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
