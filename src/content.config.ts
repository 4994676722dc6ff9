import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema, chapterSlug } from './lib/chapter-schema.ts';
import { labSchema } from '../labs/_kit/lab-schema.ts';

/**
 * Content collections. Schemas live in `src/lib/*-schema.ts` (plain zod, no Astro imports) so
 * `scripts/validate-content.mjs` and vitest can use the same ones.
 *
 * Room for more: `labs` (glob over `labs/[^_]*\/lab.mdx`) and `quizzes`
 * (glob over `content/quizzes/*.yaml`) are added here by their owners.
 */
const chapters = defineCollection({
	// Files starting with `_` are drafts/partials and are skipped (Starlight's rule).
	loader: glob({
		pattern: '[^_]*.mdx',
		base: './content/chapters',
		generateId: ({ entry }) => chapterSlug(entry),
	}),
	schema: chapterSchema,
});

/** Labs: `labs/<id>/lab.mdx`; the id is the folder name. `labs/_kit` and other `_` folders are skipped. */
const labs = defineCollection({
	loader: glob({
		pattern: '[^_]*/lab.mdx',
		base: './labs',
		generateId: ({ entry }) => entry.split('/')[0],
	}),
	schema: labSchema,
});

export const collections = { chapters, labs };
