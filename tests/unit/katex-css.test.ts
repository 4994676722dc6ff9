// The layout's KaTeX stylesheet must match the KaTeX version that renders chapter math at build time;
// a mismatch (0.16 HTML styled by 0.19 CSS) silently put subscripts full-size on the baseline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fromRehypeKatex = createRequire(
	createRequire(path.join(root, 'package.json')).resolve('rehype-katex'),
);

describe('Does the KaTeX stylesheet match the KaTeX that renders the math?', () => {
	it('has a rule for the class the renderer puts on a subscript', () => {
		const katex = fromRehypeKatex('katex') as { renderToString(tex: string): string };
		const css = readFileSync(fromRehypeKatex.resolve('katex/dist/katex.min.css'), 'utf8');
		// e.g. class="sizing reset-size6 size3 mtight" (0.16) or "katex-sizing reset-size6 size3 mtight" (0.19)
		const match = /class="([\w-]*sizing) (reset-size\d+) (size\d+)/.exec(
			katex.renderToString('w_1'),
		);
		expect(match).not.toBeNull();
		const [, sizing, reset, size] = match!;
		expect(css).toContain(`.katex .${sizing}.${reset}.${size}{font-size:`);
	});

	it('is the stylesheet astro.config.mjs points the layout’s import at', () => {
		const config = readFileSync(path.join(root, 'astro.config.mjs'), 'utf8');
		expect(config).toContain(
			"createRequire(require.resolve('rehype-katex')).resolve('katex/dist/katex.min.css')",
		);
		expect(config).toMatch(
			/find: \/\^katex\\\/dist\\\/katex\\\.min\\\.css\$\/, replacement: katexCss/,
		);
	});
});
