import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chapterSlug } from '../../src/lib/chapter-schema.ts';

/** Slugs of every chapter the site should have, read from content/chapters (as the loader does). */
export function chapterSlugs(): string[] {
	const dir = path.resolve(import.meta.dirname, '../../content/chapters');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
		.map(chapterSlug);
}

/** The chapter the site tests read closely (math, code, search). */
export const NEURON = '/chapters/neuron/';

/** A chapter with several live figures (the figure tests scan it). */
export const ACTIVATIONS = '/chapters/activations/';

/** The stand-alone playground page. */
export const PLAYGROUND = '/playground/';
