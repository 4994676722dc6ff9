import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema, chapterSlug } from './lib/chapter-schema.ts';
import { labSchema } from '../labs/_kit/lab-schema.ts';
import { loadQuizBank } from './lib/quiz/bank.ts';
import { certificationSchema } from './lib/quiz/certification-schema.ts';
import { quizItemSchema } from './lib/quiz/schema.ts';

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

/**
 * Quiz questions: one entry per item (id = the item's id) from every `content/quizzes/*.yaml`
 * list. An inline loader because `file()` reads one file and `glob()` makes one entry per file.
 */
const quizzes = defineCollection({
	loader: () => loadQuizBank('./content/quizzes'),
	schema: quizItemSchema,
});

/** Certification blueprints: `content/certifications/<id>.yaml`, one object per file. */
const certifications = defineCollection({
	loader: glob({ pattern: '[^_]*.yaml', base: './content/certifications' }),
	schema: certificationSchema,
});

export const collections = { chapters, labs, quizzes, certifications };
