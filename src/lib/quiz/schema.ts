import { z } from 'zod';

/**
 * A quiz item, as written in `content/quizzes/<chapter-slug>.yaml` (a YAML list of these).
 * Plain zod with no Astro imports: the content collection, `scripts/validate-content.mjs` and
 * vitest all use this one schema. Cross-file rules (unique ids, known chapters and domains,
 * known generators) live in `validate.ts`.
 *
 * ```yaml
 * - id: relu-derivative-at-zero
 *   type: single
 *   prompt: What does PyTorch use for $\frac{d}{dx}\mathrm{ReLU}(x)$ at $x = 0$?
 *   choices:
 *     - { text: '0', why: 'Right: autograd takes the subgradient 0 at the kink.' }
 *     - { text: '1', why: 'That is the slope for x > 0, not at 0.' }
 *   answer: 0
 *   explanation: ReLU is not differentiable at 0; PyTorch picks 0 from the subdifferential [0, 1].
 *   chapter: activations
 *   domains: [nvidia-dli-fdl:neural-networks]
 *   difficulty: 1
 * ```
 */

/** Question kinds; each has its own answer shape and grading rule (see `scoring.ts`). */
export const QUIZ_ITEM_TYPES = ['single', 'multiple', 'numeric', 'ordering'] as const;
export type QuizItemType = (typeof QUIZ_ITEM_TYPES)[number];

/** Stable kebab-case ids: grades and review schedules are stored under them. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `<certId>:<domainId>`, both kebab-case, e.g. `aws-mla-c01:model-development`. */
export const DOMAIN_REF = /^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `{{name}}` or `{{name:3}}` (fixed decimals) placeholders, filled from a generator's draw. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*(\d+)\s*)?\}\}/g;

export const choiceSchema = z
	.object({
		/** What the learner sees (Markdown with `$math$`). */
		text: z.string().trim().min(1, 'a choice needs text'),
		/** Why this choice is right or wrong, shown after answering. Every choice has one. */
		why: z.string().trim().min(1, 'every choice needs a `why`: say why it is right or wrong'),
	})
	.strict();
export type Choice = z.output<typeof choiceSchema>;

/**
 * How far a numeric response may be from the answer: a number is an absolute tolerance
 * (`0.01`), `{ rel: 0.02 }` is relative to the answer's size (2 %).
 */
export const toleranceSchema = z.union([
	z.number().nonnegative(),
	z.object({ rel: z.number().positive().max(1) }).strict(),
]);
export type Tolerance = z.output<typeof toleranceSchema>;

/**
 * A parameter range for a generator: a fixed number, `[lo, hi]` (integers, inclusive),
 * `{ oneOf: [...] }` (one of the listed values) or `{ min, max, step }` (a multiple of `step`
 * from `min` up to `max`).
 */
export const paramSpecSchema = z.union([
	z.number(),
	z
		.tuple([z.number().int(), z.number().int()])
		.refine(([lo, hi]) => lo <= hi, 'a range [lo, hi] needs lo <= hi'),
	z.object({ oneOf: z.array(z.number()).min(1, 'oneOf needs at least one value') }).strict(),
	z
		.object({ min: z.number(), max: z.number(), step: z.number().positive() })
		.strict()
		.refine((s) => s.min <= s.max, 'min must be <= max'),
]);
export type ParamSpec = z.output<typeof paramSpecSchema>;

/** The item's fields, before the cross-field rules (exported for the field list in messages). */
export const quizItemObject = z
	.object({
		/** Stable kebab-case id, unique across the whole bank (all chapters). Never reuse or rename one. */
		id: z.string().regex(KEBAB_ID, 'use kebab-case: lowercase letters, digits and single dashes'),
		/** `single` (one right choice), `multiple` (select all that apply), `numeric`, `ordering`. */
		type: z.enum(QUIZ_ITEM_TYPES),
		/** The question, Markdown with `$math$`; parameterized items use `{{name}}` placeholders. */
		prompt: z.string().trim().min(1, 'the prompt must not be empty'),
		/** single / multiple / ordering: the options (for ordering, the steps in any order). */
		choices: z.array(choiceSchema).optional(),
		/**
		 * single: the right choice's index (0-based); multiple: the right indices; numeric: the
		 * number (left out when a generator computes it); ordering: choice indices in the right order.
		 */
		answer: z.union([z.number(), z.array(z.number().int())]).optional(),
		/** numeric only: absolute (`0.01`) or relative (`{ rel: 0.01 }`) tolerance. */
		tolerance: toleranceSchema.optional(),
		/** The full worked reason for the right answer (Markdown with `$math$`). */
		explanation: z.string().trim().min(1, 'write the worked explanation'),
		/** The chapter slug this item belongs to (the file name without its number, e.g. `activations`). */
		chapter: z.string().regex(KEBAB_ID, 'a chapter slug is kebab-case, e.g. `activations`'),
		/** Certification domains this item practises, as `<certId>:<domainId>` (see content/certifications). */
		domains: z.array(z.string().regex(DOMAIN_REF, 'write domains as `<certId>:<domainId>`')).default([]),
		/** 1 = recall, 2 = apply, 3 = analyse or multi-step. */
		difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
		/** Parameterized numeric items: a name from the generator registry (`generators.ts`). */
		generator: z.string().optional(),
		/** Overrides of the generator's parameter ranges (the generator lists its parameters). */
		params: z.record(z.string(), paramSpecSchema).optional(),
		/** Shuffle the choices when drawn (default true); turn off for ordered lists such as numbers. */
		shuffle: z.boolean().default(true),
	})
	.strict();

/** A quiz item with its cross-field rules (answers among the choices, numeric needs tolerance, ...). */
export const quizItemSchema = quizItemObject.superRefine(checkItem);

export type QuizItemInput = z.input<typeof quizItemSchema>;
export type QuizItem = z.output<typeof quizItemSchema>;

/** A bank file is a list of items. */
export const quizBankSchema = z.array(quizItemSchema);

function checkItem(it: z.output<typeof quizItemObject>, ctx: z.core.$RefinementCtx) {
	const issue = (path: (string | number)[], message: string) =>
		ctx.addIssue({ code: 'custom', path, message });
	const n = it.choices?.length ?? 0;
	const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < n;

	if (it.type !== 'numeric') {
		if (!it.choices) return issue(['choices'], `a ${it.type} item needs choices`);
		if (n < 2) issue(['choices'], `a ${it.type} item needs at least two choices`);
		if (it.tolerance !== undefined) issue(['tolerance'], 'tolerance is for numeric items only');
		if (it.generator !== undefined) issue(['generator'], 'generators are for numeric items only');
		if (it.params !== undefined) issue(['params'], 'params are for numeric items with a generator');
	}
	const texts = new Set<string>();
	it.choices?.forEach((c, i) => {
		if (texts.has(c.text)) issue(['choices', i, 'text'], `duplicate choice text "${c.text}"`);
		texts.add(c.text);
	});

	switch (it.type) {
		case 'single':
			if (typeof it.answer !== 'number' || !inRange(it.answer)) {
				issue(['answer'], `a single item's answer is one choice index from 0 to ${n - 1} (got ${JSON.stringify(it.answer)})`);
			}
			break;
		case 'multiple': {
			if (!Array.isArray(it.answer) || it.answer.length === 0) {
				issue(['answer'], 'a multiple item\'s answer is a non-empty list of choice indices, e.g. [0, 2]');
				break;
			}
			const bad = it.answer.filter((i) => !inRange(i));
			if (bad.length) issue(['answer'], `indices ${bad.join(', ')} are not choices (0 to ${n - 1})`);
			if (new Set(it.answer).size !== it.answer.length) issue(['answer'], 'an index is listed twice');
			break;
		}
		case 'ordering': {
			const a = it.answer;
			const isPermutation =
				Array.isArray(a) && a.length === n && a.every(inRange) && new Set(a).size === n;
			if (!isPermutation) {
				issue(['answer'], `an ordering item's answer lists every choice index (0 to ${n - 1}) exactly once, in the right order`);
			}
			break;
		}
		case 'numeric':
			if (it.choices !== undefined) issue(['choices'], 'a numeric item has no choices');
			if (it.tolerance === undefined) issue(['tolerance'], 'a numeric item needs a tolerance, e.g. `tolerance: 0.01` or `tolerance: { rel: 0.01 }`');
			if (it.generator === undefined) {
				if (typeof it.answer !== 'number' || !Number.isFinite(it.answer)) {
					issue(['answer'], 'a numeric item needs a finite number as answer (or a generator that computes it)');
				}
				if (it.params !== undefined) issue(['params'], 'params need a generator');
			} else if (it.answer !== undefined) {
				issue(['answer'], 'leave out answer: the generator computes it from the drawn values');
			}
			break;
	}
	if (it.generator === undefined) {
		for (const field of ['prompt', 'explanation'] as const) {
			if (new RegExp(PLACEHOLDER.source).test(it[field])) {
				issue([field], 'has a {{placeholder}} but the item has no generator to fill it');
			}
		}
	}
}
