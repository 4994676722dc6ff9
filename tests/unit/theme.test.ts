import { describe, expect, it } from 'vitest';
import { nextTheme, resolveTheme } from '~/lib/theme.ts';

describe('resolveTheme', () => {
	it('follows the system when nothing valid is stored', () => {
		expect(resolveTheme(null, true)).toBe('dark');
		expect(resolveTheme(undefined, false)).toBe('light');
		expect(resolveTheme('sepia', true)).toBe('dark');
	});

	it('prefers a stored choice over the system', () => {
		expect(resolveTheme('light', true)).toBe('light');
		expect(resolveTheme('dark', false)).toBe('dark');
	});
});

describe('nextTheme', () => {
	it('flips between light and dark', () => {
		expect(nextTheme('light')).toBe('dark');
		expect(nextTheme('dark')).toBe('light');
	});
});
