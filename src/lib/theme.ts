/**
 * Theme choice. The no-flash script in `src/components/ThemeScript.astro` repeats
 * `resolveTheme` inline (it must run before any module loads); keep the two in step.
 */
export const THEME_STORAGE_KEY = 'chainrule-theme';

export type Theme = 'light' | 'dark';

/** The stored choice if it is a theme, else the system preference. */
export function resolveTheme(stored: string | null | undefined, systemPrefersDark: boolean): Theme {
	if (stored === 'light' || stored === 'dark') return stored;
	return systemPrefersDark ? 'dark' : 'light';
}

/** The theme a toggle click switches to. */
export function nextTheme(current: Theme): Theme {
	return current === 'dark' ? 'light' : 'dark';
}
