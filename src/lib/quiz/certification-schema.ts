import { z } from 'zod';
import { KEBAB_ID } from './schema.ts';

/**
 * A certification blueprint (`content/certifications/<id>.yaml`): which exam, which public guide it
 * follows, its domains with their published weights, and which course chapters serve each domain.
 * Practice exams draw questions by these weights and report per domain (`exam.ts`).
 * Plain zod, no Astro imports (shared by the build, the validator and vitest).
 */

const isoDate = /^\d{4}-\d{2}(?:-\d{2})?$/;

export const certificationDomainSchema = z
	.object({
		/** Stable kebab-case id; quiz items refer to it as `<certId>:<domainId>`. */
		id: z.string().regex(KEBAB_ID, 'use kebab-case, e.g. `model-development`'),
		/** The domain's name as the vendor publishes it. */
		name: z.string().trim().min(1),
		/**
		 * Share of the exam in percent, as published. For a published range use the midpoint
		 * (20–25 % → 22.5) and keep the range text in `publishedWeight`.
		 */
		weight: z.number().positive().max(100),
		/** The weight as the guide prints it ("20–25%"), or why there is none ("not published"). */
		publishedWeight: z.string().trim().min(1),
		/** Course chapter slugs that teach what this domain asks (may be empty: see `notCovered`). */
		chapters: z.array(z.string().regex(KEBAB_ID)).default([]),
	})
	.strict();
export type CertificationDomain = z.output<typeof certificationDomainSchema>;

export const certificationSchema = z
	.object({
		/** The official exam code, e.g. `AI-900`, `MLA-C01`. */
		code: z.string().trim().min(1),
		/** The certification's full name. */
		name: z.string().trim().min(1),
		/** Who issues it (AWS, Microsoft, NVIDIA, CompTIA, Google). */
		vendor: z.string().trim().min(1),
		/** Version or date of the public exam guide / skills outline this blueprint follows. */
		guideVersion: z.string().trim().min(1),
		/** `active` while the exam can be taken; `retired` once the vendor has closed it. */
		status: z.enum(['active', 'retired']),
		/** When the exam closed (YYYY-MM-DD or YYYY-MM); required when retired. */
		retiredOn: z.string().regex(isoDate, 'write dates as YYYY-MM-DD or YYYY-MM').optional(),
		/** The vendor's named successor exam, if any (e.g. `AI-901`). */
		replacedBy: z.string().trim().min(1).optional(),
		/**
		 * The pass line as a percentage. Vendors publish scaled scores (700 of 1000), which are not
		 * a percentage of questions; the course uses the ratio as its practice pass line and says so.
		 */
		passLine: z
			.object({
				/** The practice exams' pass line, in percent of questions right. */
				percent: z.number().min(1).max(100),
				/** Where the number comes from: the published score, or the assumption made. */
				basis: z.string().trim().min(1),
				/** True when the vendor publishes no passing score and the course assumes one. */
				assumed: z.boolean().default(false),
			})
			.strict(),
		/** The exam's domains, in the guide's order. */
		domains: z.array(certificationDomainSchema).min(1),
		/** What the exam asks that this course does not teach, stated plainly. */
		notCovered: z.array(z.string().trim().min(1)).min(1, 'say what the course does not cover'),
		/** States that the course is not affiliated with or endorsed by the vendor. */
		disclaimer: z.string().trim().min(1),
		/** URL of the official exam guide or skills outline the domains come from. */
		source: z.url(),
		/** Other public pages used to check facts (retirement notices, score reports). */
		references: z.array(z.url()).default([]),
		/** Date the facts above were last checked (YYYY-MM-DD). */
		checkedOn: z.string().regex(isoDate),
		/** Facts that could not be confirmed from the vendor and are assumed; shown with the blueprint. */
		assumptions: z.array(z.string().trim().min(1)).default([]),
	})
	.strict()
	.superRefine((cert, ctx) => {
		if (cert.status === 'retired' && !cert.retiredOn) {
			ctx.addIssue({ code: 'custom', path: ['retiredOn'], message: 'a retired exam needs retiredOn (YYYY-MM-DD or YYYY-MM)' });
		}
		if (cert.status === 'active' && cert.retiredOn) {
			ctx.addIssue({ code: 'custom', path: ['retiredOn'], message: 'an active exam has no retiredOn; set status: retired' });
		}
		const seen = new Set<string>();
		cert.domains.forEach((d, i) => {
			if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: ['domains', i, 'id'], message: `duplicate domain id "${d.id}"` });
			seen.add(d.id);
		});
		if (cert.passLine.assumed && !cert.assumptions.length) {
			ctx.addIssue({ code: 'custom', path: ['assumptions'], message: 'the pass line is assumed: say so in assumptions' });
		}
	});

export type CertificationInput = z.input<typeof certificationSchema>;
export type Certification = z.output<typeof certificationSchema>;

/** A blueprint with its id (the file name without `.yaml`). */
export type CertificationEntry = Certification & { id: string };

/** Domain weights normalised to sum to 1 (published midpoints rarely sum to exactly 100). */
export function normalisedWeights(cert: Pick<Certification, 'domains'>): number[] {
	const total = cert.domains.reduce((s, d) => s + d.weight, 0);
	return cert.domains.map((d) => d.weight / total);
}
