import { describe, expect, it } from 'vitest';
import { buildToc } from '~/lib/toc.ts';

const h = (depth: number, slug: string) => ({ depth, slug, text: slug.toUpperCase() });

describe('buildToc', () => {
	it('nests h3 under the h2 before it', () => {
		const toc = buildToc([h(2, 'a'), h(3, 'a1'), h(3, 'a2'), h(2, 'b')]);
		expect(toc.map((i) => i.slug)).toEqual(['a', 'b']);
		expect(toc[0]!.children.map((i) => i.slug)).toEqual(['a1', 'a2']);
		expect(toc[1]!.children).toEqual([]);
	});

	it('drops the page title (h1) and headings deeper than h3 by default', () => {
		expect(buildToc([h(1, 'title'), h(2, 'a'), h(4, 'deep')]).map((i) => i.slug)).toEqual(['a']);
		expect(buildToc([h(2, 'a'), h(4, 'deep')])[0]!.children).toEqual([]);
	});

	it('puts an h3 that comes before any h2 at the top level', () => {
		expect(buildToc([h(3, 'early'), h(2, 'a')]).map((i) => i.slug)).toEqual(['early', 'a']);
	});

	it('honours custom depth limits', () => {
		const toc = buildToc([h(2, 'a'), h(3, 'b'), h(4, 'c')], { maxDepth: 4 });
		expect(toc[0]!.children[0]!.children[0]!.slug).toBe('c');
	});

	it('returns nothing for a page without headings', () => {
		expect(buildToc([])).toEqual([]);
	});
});
