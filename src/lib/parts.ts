/**
 * The course is split into parts; a chapter names its part in frontmatter (`part: foundations`).
 * The order here is the order on the course map and in the sidebar.
 * To add a part: add an entry here (the schema's `part` enum is built from these ids).
 */
export const PARTS = [
	{
		id: 'foundations',
		title: 'Foundations',
		blurb: 'Neurons, tensors, gradients and the chain rule that gives this course its name.',
	},
	{
		id: 'training',
		title: 'Training',
		blurb: 'Losses, optimizers, initialization and regularization: making networks learn.',
	},
	{
		id: 'architectures',
		title: 'Architectures',
		blurb: 'Convolutional, recurrent and attention-based networks.',
	},
	{
		id: 'practice',
		title: 'Practice',
		blurb: 'Debugging, evaluation, deployment and exam preparation.',
	},
] as const;

export type PartId = (typeof PARTS)[number]['id'];
export type Part = (typeof PARTS)[number];

/** Part ids in course order, as a non-empty tuple (what `z.enum` wants). */
export const PART_IDS = PARTS.map((p) => p.id) as [PartId, ...PartId[]];

/** Look up a part by id; throws with the allowed ids when the id is unknown. */
export function getPart(id: string): Part {
	const part = PARTS.find((p) => p.id === id);
	if (!part) {
		throw new Error(
			`Unknown part "${id}". Expected one of: ${PART_IDS.join(', ')}. ` +
				'Add new parts to src/lib/parts.ts.',
		);
	}
	return part;
}
