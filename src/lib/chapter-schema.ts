import { z } from 'zod';
import { PART_IDS } from './parts.ts';

/**
 * Frontmatter of a chapter (`content/chapters/<nn-slug>.mdx`).
 * Used by `src/content.config.ts` (the build) and by `scripts/validate-content.mjs`
 * (the pre-build check that names the file and field of a broken chapter).
 * Unknown keys are rejected (`.strict()`), so a misspelt field fails loudly instead of vanishing.
 */
export const chapterSchema = z
	.object({
		/** Chapter title, shown as the page heading, in the sidebar and on the course map. */
		title: z.string().trim().min(1, 'title must not be empty'),
		/** One or two sentences: what the chapter covers. Shown on the course map and in search results. */
		description: z.string().trim().min(1, 'description must not be empty'),
		/** The part of the course the chapter belongs to (ids and titles in `src/lib/parts.ts`). */
		part: z.enum(PART_IDS),
		/** Position within its part; lower comes first. Numbers need not be consecutive. */
		order: z.number(),
		/** What the learner will be able to do after the chapter; at least one, shown at the top. */
		objectives: z.array(z.string().trim().min(1)).nonempty('list at least one objective'),
		/** Ids of labs (folders under `labs/`) that practise this chapter. */
		labs: z.array(z.string()).default([]),
		/** Id of the chapter's quiz bank (`content/quizzes/<id>.yaml`), if it has one. */
		quiz: z.string().optional(),
		/** Certification exam codes whose domains this chapter covers (see `content/certifications/`). */
		certifications: z.array(z.string()).default([]),
	})
	.strict();

/** Chapter frontmatter after defaults are applied. */
export type ChapterData = z.output<typeof chapterSchema>;

/**
 * The URL slug of a chapter file: its name without `.mdx` and without a leading number,
 * so `02-neuron.mdx` is served at `/chapters/neuron/`. Renumbering a file keeps its URL.
 */
export function chapterSlug(fileName: string): string {
	const base = fileName.replace(/^.*[\\/]/, '').replace(/\.mdx?$/, '');
	return base.replace(/^\d+[-_]/, '');
}

/** A correct line for each field, shown when a chapter gets it wrong. */
export const CHAPTER_FIELD_EXAMPLES: Record<keyof z.input<typeof chapterSchema>, string> = {
	title: 'title: The artificial neuron',
	description: 'description: Weighted sums, biases and activations.',
	part: `part: foundations   # one of: ${PART_IDS.join(', ')}`,
	order: 'order: 2   # a number, not in quotes',
	objectives: 'objectives:\n  - Compute a neuron output by hand.',
	labs: 'labs: [neuron-forward]   # lab folder names under labs/',
	quiz: 'quiz: neuron   # content/quizzes/neuron.yaml',
	certifications: 'certifications: [EXAM-CODE]',
};
