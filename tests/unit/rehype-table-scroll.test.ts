import { describe, expect, it } from 'vitest';
import rehypeTableScroll from '~/lib/rehype-table-scroll.ts';

const cell = (tagName: string, text: string) => ({
	type: 'element',
	tagName,
	properties: {},
	children: [{ type: 'text', value: text }],
});
const table = () => ({
	type: 'element',
	tagName: 'table',
	properties: {},
	children: [
		{
			type: 'element',
			tagName: 'thead',
			properties: {},
			children: [
				{
					type: 'element',
					tagName: 'tr',
					properties: {},
					children: [cell('th', 'Task'), cell('th', 'Loss')],
				},
			],
		},
	],
});

describe('Does every table get a focusable, named scroll region?', () => {
	it('wraps tables at any depth, once', () => {
		const tree = {
			type: 'root',
			children: [
				table(),
				{ type: 'element', tagName: 'section', properties: {}, children: [table()] },
			],
		};
		rehypeTableScroll()(tree as never);
		rehypeTableScroll()(tree as never); // running twice does not wrap twice
		const [first, section] = tree.children as {
			tagName: string;
			properties: Record<string, unknown>;
			children: { tagName: string; children?: unknown[] }[];
		}[];
		expect(first.tagName).toBe('div');
		expect(first.properties).toEqual({
			className: ['table-scroll'],
			tabIndex: 0,
			role: 'region',
			ariaLabel: 'Table: Task, Loss',
		});
		expect(first.children[0].tagName).toBe('table');
		expect((section.children[0] as { tagName: string }).tagName).toBe('div');
		expect((section.children[0] as { children: { tagName: string }[] }).children[0].tagName).toBe(
			'table',
		);
	});
});
