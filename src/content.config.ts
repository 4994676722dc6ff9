import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema, chapterSlug } from './lib/chapter-schema.ts';

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

export const collections = { chapters };
