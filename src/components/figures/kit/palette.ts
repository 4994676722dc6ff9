/**
 * Colours for live figures, one palette per site theme. Pure data and maths (no DOM), so the
 * contrast of every colour is checked in tests/unit/figure-palette.test.ts.
 *
 * Every series colour reaches 4.5:1 against the figure background of its theme (WCAG 1.4.3, so
 * it is safe for legend text too; lines need only 3:1, WCAG 1.4.11). Colour never carries
 * meaning alone: series also differ by dash pattern, and classes by point shape.
 */
import type { Theme } from '~/lib/theme.ts';

export interface Palette {
	theme: Theme;
	/** Background of the figure card (`--bg-raised` in global.css). */
	background: string;
	/** Axis titles, tick labels and legend text (`--text-muted`). */
	text: string;
	/** Strong text and outlines of data points (`--text`). */
	strong: string;
	/** Grid lines: decorative, no contrast requirement. */
	grid: string;
	/** Line and bar colours, in the order series are drawn. */
	series: readonly string[];
	/** One colour per class for decision-boundary maps (class 0, 1, 2, …). */
	classes: readonly string[];
}

/** The backgrounds figures sit on in each theme; tests check contrast against all of them. */
export const FIGURE_BACKGROUNDS: Record<Theme, readonly string[]> = {
	light: ['#ffffff', '#f6f7f9'],
	dark: ['#0f1217', '#161a21'],
};

export const PALETTES: Record<Theme, Palette> = {
	light: {
		theme: 'light',
		background: '#f6f7f9',
		text: '#535b66',
		strong: '#1a1d23',
		grid: 'rgba(26, 29, 35, 0.12)',
		series: ['#0b5fa5', '#b3471a', '#0f7a55', '#8a3f9e', '#8a6100', '#c0367a', '#1a1d23'],
		classes: ['#0b5fa5', '#b3471a', '#0f7a55', '#8a3f9e'],
	},
	dark: {
		theme: 'dark',
		background: '#161a21',
		text: '#a3acb9',
		strong: '#e4e7ec',
		grid: 'rgba(228, 231, 236, 0.14)',
		series: ['#62b6f0', '#f29a5b', '#4fd1a1', '#d49be6', '#e6c34a', '#ff8fc0', '#e4e7ec'],
		classes: ['#62b6f0', '#f29a5b', '#4fd1a1', '#d49be6'],
	},
};

/** Dash patterns (canvas `setLineDash`), paired with series colours by index. */
export const DASHES: readonly (readonly number[])[] = [
	[],
	[6, 4],
	[2, 3],
	[10, 3, 2, 3],
	[1, 5],
	[14, 5],
	[4, 2, 1, 2],
];

/** The CSS border style closest to dash pattern `index` (for legend swatches in HTML). */
export function cssDash(index: number): 'solid' | 'dashed' | 'dotted' {
	const dash = DASHES[index % DASHES.length];
	if (dash.length === 0) return 'solid';
	return dash[0] <= 2 ? 'dotted' : 'dashed';
}

export function paletteFor(theme: Theme): Palette {
	return PALETTES[theme];
}

/** `#rrggbb` → [r, g, b] in 0..255. */
export function parseHex(hex: string): [number, number, number] {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!match)
		throw new Error(`parseHex: expected a colour like #1a2b3c, got ${JSON.stringify(hex)}`);
	return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

/** Relative luminance as WCAG 2 defines it (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function relativeLuminance(hex: string): number {
	const [r, g, b] = parseHex(hex).map((v) => {
		const c = v / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/** `#rrggbb` with an alpha, as `rgba(…)` (fills under a line, heat-map tints). */
export function withAlpha(hex: string, alpha: number): string {
	const [r, g, b] = parseHex(hex);
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
