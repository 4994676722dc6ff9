/** A heading as Astro's `render(entry)` returns it. */
export interface Heading {
	depth: number;
	slug: string;
	text: string;
}

export interface TocItem extends Heading {
	children: TocItem[];
}

/**
 * Nest a flat heading list into an on-page table of contents.
 * Keeps depths `minDepth..maxDepth` (h2 and h3 by default); a deeper heading goes under the
 * nearest shallower one before it, or at the top level when there is none.
 *
 * ```ts
 * buildToc([{ depth: 2, slug: 'a', text: 'A' }, { depth: 3, slug: 'b', text: 'B' }]);
 * // [{ depth: 2, slug: 'a', text: 'A', children: [{ depth: 3, slug: 'b', text: 'B', children: [] }] }]
 * ```
 */
export function buildToc(
	headings: readonly Heading[],
	{ minDepth = 2, maxDepth = 3 }: { minDepth?: number; maxDepth?: number } = {},
): TocItem[] {
	const root: TocItem[] = [];
	const stack: TocItem[] = [];
	for (const { depth, slug, text } of headings) {
		if (depth < minDepth || depth > maxDepth) continue;
		const item: TocItem = { depth, slug, text, children: [] };
		while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
		const parent = stack[stack.length - 1];
		(parent ? parent.children : root).push(item);
		stack.push(item);
	}
	return root;
}
