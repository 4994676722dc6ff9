/**
 * A rehype plugin that wraps every Markdown table in a horizontally scrolling region, so a wide
 * table scrolls inside the column on a phone instead of widening the whole page. The region is
 * focusable and named, so keyboard users can scroll it (axe: scrollable-region-focusable).
 *
 * ```js
 * unified({ rehypePlugins: [rehypeTableScroll] });
 * // <table>…</table>  →  <div class="table-scroll" tabindex="0" role="region" aria-label="Table: Name, Formula, …"><table>…</table></div>
 * ```
 */

interface HastNode {
	type: string;
	tagName?: string;
	value?: string;
	properties?: Record<string, unknown>;
	children?: HastNode[];
}

/** The text of a node and its descendants. */
function textOf(node: HastNode): string {
	if (node.type === 'text') return node.value ?? '';
	// KaTeX puts a MathML copy next to the HTML; read the TeX annotation once instead of both
	if (node.tagName === 'annotation') return node.children?.map(textOf).join('') ?? '';
	if (
		node.properties &&
		Array.isArray(node.properties.className) &&
		node.properties.className.includes('katex-html')
	)
		return '';
	return node.children?.map(textOf).join('') ?? '';
}

/** "Table: Task, Output units, …" from the header row, for the region's accessible name. */
export function tableLabel(table: HastNode): string {
	const find = (node: HastNode): HastNode | undefined => {
		if (node.tagName === 'tr') return node;
		for (const child of node.children ?? []) {
			const found = find(child);
			if (found) return found;
		}
		return undefined;
	};
	const header = find(table);
	const cells = (header?.children ?? [])
		.filter((c) => c.tagName === 'th' || c.tagName === 'td')
		.map((c) => textOf(c).trim());
	const named = cells.filter(Boolean);
	return named.length > 0 ? `Table: ${named.join(', ')}` : 'Table';
}

function wrapTables(node: HastNode): void {
	const children = node.children;
	if (!children) return;
	for (let i = 0; i < children.length; i++) {
		const child = children[i];
		const alreadyWrapped =
			node.tagName === 'div' &&
			Array.isArray(node.properties?.className) &&
			node.properties.className.includes('table-scroll');
		if (child.tagName === 'table' && !alreadyWrapped) {
			children[i] = {
				type: 'element',
				tagName: 'div',
				properties: {
					className: ['table-scroll'],
					tabIndex: 0,
					role: 'region',
					ariaLabel: tableLabel(child),
				},
				children: [child],
			};
		} else {
			wrapTables(child);
		}
	}
}

export default function rehypeTableScroll() {
	return (tree: HastNode) => wrapTables(tree);
}
