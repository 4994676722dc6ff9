import { describe, expect, it } from 'vitest';
import {
	buildCourse,
	chapterHref,
	neighbours,
	practiceLabels,
	type ChapterEntryLike,
} from '~/lib/course.ts';
import { PART_IDS } from '~/lib/parts.ts';

const entry = (
	id: string,
	part: ChapterEntryLike['data']['part'],
	order: number,
	extra: Partial<ChapterEntryLike['data']> = {},
): ChapterEntryLike => ({
	id,
	data: { title: id.toUpperCase(), description: `About ${id}`, part, order, ...extra },
});

describe('buildCourse', () => {
	it('puts parts in course order and chapters by order within each part', () => {
		const course = buildCourse([
			entry('cnn', 'architectures', 1),
			entry('adam', 'training', 2),
			entry('sgd', 'training', 1),
			entry('neuron', 'foundations', 2),
			entry('welcome', 'foundations', 1),
		]);
		expect(course.parts.map((p) => p.id)).toEqual(PART_IDS);
		expect(course.chapters.map((c) => c.id)).toEqual(['welcome', 'neuron', 'sgd', 'adam', 'cnn']);
		expect(course.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
	});

	it('keeps parts without chapters, empty', () => {
		const course = buildCourse([entry('welcome', 'foundations', 1)]);
		expect(course.parts.find((p) => p.id === 'practice')?.chapters).toEqual([]);
	});

	it('breaks ties in order by title', () => {
		const course = buildCourse([entry('b', 'foundations', 1), entry('a', 'foundations', 1)]);
		expect(course.chapters.map((c) => c.id)).toEqual(['a', 'b']);
	});

	it('gives each chapter its URL, labs and quiz', () => {
		const [chapter] = buildCourse([
			entry('neuron', 'foundations', 1, { labs: ['dense'], quiz: 'neuron' }),
		]).chapters;
		expect(chapter).toMatchObject({ href: '/chapters/neuron/', labs: ['dense'], quiz: 'neuron' });
	});

	it('rejects two chapters with the same slug', () => {
		expect(() => buildCourse([entry('x', 'foundations', 1), entry('x', 'training', 1)])).toThrow(
			/Two chapters have the slug "x"/,
		);
	});

	it('rejects an unknown part, naming the allowed ones', () => {
		const bad = entry('x', 'foundations', 1);
		(bad.data as { part: string }).part = 'basics';
		expect(() => buildCourse([bad])).toThrowErrorMatchingInlineSnapshot(
			`[Error: Unknown part "basics". Expected one of: foundations, training, architectures, practice. Add new parts to src/lib/parts.ts.]`,
		);
	});
});

describe('neighbours', () => {
	const { chapters } = buildCourse([
		entry('a', 'foundations', 1),
		entry('b', 'foundations', 2),
		entry('c', 'training', 1),
	]);

	it('has no previous chapter at the start and no next one at the end', () => {
		expect(neighbours(chapters, 'a').prev).toBeUndefined();
		expect(neighbours(chapters, 'a').next?.id).toBe('b');
		expect(neighbours(chapters, 'c').next).toBeUndefined();
	});

	it('crosses part boundaries', () => {
		expect(neighbours(chapters, 'b').next?.id).toBe('c');
		expect(neighbours(chapters, 'c').prev?.id).toBe('b');
	});

	it('throws for an unknown chapter', () => {
		expect(() => neighbours(chapters, 'zzz')).toThrow(/No chapter "zzz".*Known: a, b, c/);
	});
});

describe('practiceLabels and chapterHref', () => {
	it('lists labs then the quiz', () => {
		expect(practiceLabels({ labs: ['xor', 'dense'], quiz: 'q' })).toEqual([
			'Lab: xor',
			'Lab: dense',
			'Quiz',
		]);
		expect(practiceLabels({ labs: [] })).toEqual([]);
	});

	it('builds chapter URLs with a trailing slash', () => {
		expect(chapterHref('neuron')).toBe('/chapters/neuron/');
	});
});
