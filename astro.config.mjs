// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { isRunnableFence } from './src/lib/snippets.ts';
import rehypeTableScroll from './src/lib/rehype-table-scroll.ts';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildEngineTypes } from './scripts/build-engine-types.mjs';
import { newestMtime } from './scripts/lib.mjs';

/**
 * `virtual:chainrule-engine-types`: the engine's declarations, generated from engine/ by the TypeScript
 * compiler when a lab page's editor chunk is built (scripts/build-engine-types.mjs), for Monaco's IntelliSense.
 * Regenerated in dev when engine/ changes.
 */
function engineTypes() {
	const id = 'virtual:chainrule-engine-types';
	const resolved = `\0${id}`;
	const engineDir = fileURLToPath(new URL('./engine', import.meta.url));
	let cache = { mtime: -1, code: '' };
	return {
		name: 'chainrule-engine-types',
		/** @param {string} source */
		resolveId: (source) => (source === id ? resolved : undefined),
		/** @param {string} loadId */
		load(loadId) {
			if (loadId !== resolved) return undefined;
			const mtime = newestMtime(engineDir);
			if (mtime !== cache.mtime) {
				cache = { mtime, code: `export default ${JSON.stringify(buildEngineTypes())};` };
			}
			return cache.code;
		},
	};
}

// KaTeX's stylesheet must come from the KaTeX that renders the math. rehype-katex has its own copy (0.16),
// older than the `katex` in package.json (0.19), and 0.19 renamed classes the rendered HTML uses (`sizing` →
// `katex-sizing`), which put every subscript full-size on the baseline. Resolving the CSS from rehype-katex's
// own dependency keeps the two in step (tests/unit/katex-css.test.ts checks it).
const require = createRequire(import.meta.url);
const katexCss = createRequire(require.resolve('rehype-katex')).resolve('katex/dist/katex.min.css');

// Worker bundles (the lab sandbox) do not get Astro's tsconfig-paths plugin, so the aliases are spelled out.
const alias = [
	{ find: /^chainrule$/, replacement: fileURLToPath(new URL('./engine/index.ts', import.meta.url)) },
	{ find: /^~\//, replacement: fileURLToPath(new URL('./src/', import.meta.url)) },
	{ find: /^katex\/dist\/katex\.min\.css$/, replacement: katexCss },
];

// Static site. Math is rendered to HTML by KaTeX at build time; its CSS and fonts are
// bundled from the `katex` package by the layout, so pages work offline (no CDN).
export default defineConfig({
	output: 'static',
	trailingSlash: 'ignore',
	server: { port: 4321, host: true },
	integrations: [mdx()],
	vite: {
		plugins: [engineTypes()],
		resolve: { alias },
		// The lab sandbox worker is an ES module (it code-splits per lab and is started from a module bootstrap).
		worker: { format: 'es' },
		build: {
			rollupOptions: {
				// Astro's MDX output carries a directive the bundler warns about on every chapter;
				// it is harmless (withastro/astro handles it), so keep the build log readable.
				onwarn(warning, warn) {
					const harmless =
						warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
						warning.message.includes('astro:head-inject');
					if (!harmless) warn(warning);
				},
			},
		},
	},
	markdown: {
		// Astro 7's default processor does not run remark/rehype plugins; `unified` does.
		processor: unified({
			remarkPlugins: [remarkMath],
			// `throwOnError` makes a LaTeX typo fail the build instead of shipping red text.
			// Tables scroll sideways inside the column on phones (src/lib/rehype-table-scroll.ts).
			rehypePlugins: [[rehypeKatex, { throwOnError: true, strict: 'ignore' }], rehypeTableScroll],
		}),
		shikiConfig: {
			themes: { light: 'github-light-default', dark: 'github-dark-default' },
			defaultColor: false,
			transformers: [
				{
					// ```ts run blocks run in tests/content/snippets.test.ts; mark them for a small badge.
					name: 'chainrule:runnable-snippets',
					pre(node) {
						if (isRunnableFence(this.options.lang, this.options.meta?.__raw)) node.properties['data-runs'] = 'tests';
					},
				},
			],
		},
	},
});
