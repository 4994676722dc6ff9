// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// Static site. Math is rendered to HTML by KaTeX at build time; its CSS and fonts are
// bundled from the `katex` package by the layout, so pages work offline (no CDN).
export default defineConfig({
	output: 'static',
	trailingSlash: 'ignore',
	server: { port: 4321, host: true },
	integrations: [mdx()],
	vite: {
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
			rehypePlugins: [[rehypeKatex, { throwOnError: true, strict: 'ignore' }]],
		}),
		shikiConfig: {
			themes: { light: 'github-light-default', dark: 'github-dark-default' },
			defaultColor: false,
		},
	},
});
