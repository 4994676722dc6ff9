import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Reads every quiz bank (`<dir>/*.yaml`, skipping `_` files) into one flat list of raw items.
 * Node only: used by the `quizzes` content collection's loader at build time. The items are
 * validated by the collection's schema; `scripts/validate-content.mjs` has already reported any
 * problem with its file, item and field.
 */
export async function loadQuizBank(dir: string): Promise<{ id: string; [key: string]: unknown }[]> {
	const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('_')).sort();
	const items: { id: string; [key: string]: unknown }[] = [];
	for (const name of names) {
		const data: unknown = parse(await readFile(path.join(dir, name), 'utf8'));
		if (!Array.isArray(data)) throw new Error(`${path.join(dir, name)}: a quiz bank is a YAML list of items`);
		items.push(...(data as { id: string }[]));
	}
	return items;
}
