import { describe, expect, it } from 'vitest';
import { ASIDE_KINDS, resolveAside } from '~/components/Aside/aside.ts';

describe('resolveAside', () => {
	it('defaults to a note titled "Note"', () => {
		expect(resolveAside()).toEqual({ kind: 'note', title: 'Note' });
	});

	it('accepts every documented kind and uses a given title', () => {
		for (const kind of ASIDE_KINDS) expect(resolveAside(kind).kind).toBe(kind);
		expect(resolveAside('tip', 'Shapes first')).toEqual({ kind: 'tip', title: 'Shapes first' });
	});

	it('rejects an unknown kind, naming the value and the allowed ones', () => {
		expect(() => resolveAside('warning')).toThrowErrorMatchingInlineSnapshot(
			`[Error: Invalid <Aside> kind: "warning". Expected one of "note", "tip", "caution", "danger". Hint: <Aside kind="tip">…</Aside>; leave kind out for a note.]`,
		);
	});
});
