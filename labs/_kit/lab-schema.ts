import { z } from 'zod';

/** Frontmatter of `labs/<id>/lab.mdx`, validated at build time and by the lab sweep test. */
export const labSchema = z.object({
	/** Shown as the lab page's heading and in the course map. */
	title: z.string().min(1),
	/** Slug of the chapter this lab belongs to (the file name in content/chapters without .mdx). */
	chapter: z.string().min(1),
	/** One or two sentences for the course map and the lab card. */
	summary: z.string().min(1),
	/** What the learner can do after the lab. */
	objectives: z.array(z.string().min(1)).min(1),
	/** Total points; must equal the sum of the points of the checks in checks.ts. */
	points: z.number().int().positive(),
	difficulty: z.enum(['intro', 'intermediate', 'advanced']),
	/** Typical time to finish, in minutes. */
	minutes: z.number().int().positive(),
	/** Time limit of one run or check in the sandbox, in milliseconds (default 10 s). */
	timeLimitMs: z.number().int().positive().max(120_000).default(10_000),
	/** Certification domains this lab practises (e.g. 'nvidia-dli', 'aws-mla'). */
	tags: z.array(z.string()).default([]),
});

export type LabFrontmatter = z.infer<typeof labSchema>;
