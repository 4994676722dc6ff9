/** The kinds of `<Aside>`, in rising order of urgency. */
export const ASIDE_KINDS = ['note', 'tip', 'caution', 'danger'] as const;

export type AsideKind = (typeof ASIDE_KINDS)[number];

const DEFAULT_TITLES: Record<AsideKind, string> = {
	note: 'Note',
	tip: 'Tip',
	caution: 'Caution',
	danger: 'Danger',
};

/**
 * Check an `<Aside kind="…">` prop and pick its title.
 * Throws an error that names the bad value and the allowed ones.
 */
export function resolveAside(
	kind: unknown = 'note',
	title?: string,
): { kind: AsideKind; title: string } {
	if (!ASIDE_KINDS.includes(kind as AsideKind)) {
		throw new Error(
			`Invalid <Aside> kind: ${JSON.stringify(kind)}. ` +
				`Expected one of ${ASIDE_KINDS.map((k) => `"${k}"`).join(', ')}. ` +
				'Hint: <Aside kind="tip">…</Aside>; leave kind out for a note.',
		);
	}
	const k = kind as AsideKind;
	return { kind: k, title: title?.trim() || DEFAULT_TITLES[k] };
}
