import type { ChapterData } from './chapter-schema.ts';
import { PARTS, getPart, type PartId } from './parts.ts';

/** What the course helpers need from a chapter entry (an Astro `CollectionEntry<'chapters'>` fits). */
export interface ChapterEntryLike {
	id: string;
	data: Pick<ChapterData, 'title' | 'description' | 'part' | 'order'> &
		Partial<Pick<ChapterData, 'labs' | 'quiz'>>;
}

/** A chapter as the course map, sidebar and prev/next links show it. */
export interface CourseChapter {
	id: string;
	href: string;
	/** 1-based position in the whole course (what "Chapter 3" means). */
	number: number;
	title: string;
	description: string;
	part: PartId;
	labs: string[];
	quiz?: string;
}

export interface CoursePart {
	id: PartId;
	title: string;
	blurb: string;
	chapters: CourseChapter[];
}

export interface Course {
	/** Every part in course order, including parts with no chapters yet. */
	parts: CoursePart[];
	/** Every chapter in reading order (parts in order, then `order`, then title). */
	chapters: CourseChapter[];
}

/** The URL of a chapter page. */
export function chapterHref(id: string): string {
	return `/chapters/${id}/`;
}

/**
 * Group chapters by part and put them in reading order.
 *
 * ```ts
 * buildCourse(await getCollection('chapters')).chapters[0].title; // the first chapter
 * ```
 */
export function buildCourse(entries: readonly ChapterEntryLike[]): Course {
	const byPart = new Map<PartId, ChapterEntryLike[]>(PARTS.map((p) => [p.id, []]));
	const seen = new Set<string>();
	for (const entry of entries) {
		if (seen.has(entry.id)) {
			throw new Error(
				`Two chapters have the slug "${entry.id}". Each file in content/chapters/ needs a ` +
					'unique name once its number prefix is removed (02-neuron.mdx → "neuron").',
			);
		}
		seen.add(entry.id);
		const part = getPart(entry.data.part); // throws with the allowed ids
		byPart.get(part.id)!.push(entry);
	}

	let number = 0;
	const parts: CoursePart[] = PARTS.map((part) => {
		const sorted = [...byPart.get(part.id)!].sort(compareEntries);
		return {
			id: part.id,
			title: part.title,
			blurb: part.blurb,
			chapters: sorted.map((entry) => toCourseChapter(entry, ++number)),
		};
	});
	return { parts, chapters: parts.flatMap((p) => p.chapters) };
}

/** The chapters before and after `id` in reading order (undefined at either end). */
export function neighbours(
	chapters: readonly CourseChapter[],
	id: string,
): { prev?: CourseChapter; next?: CourseChapter } {
	const i = chapters.findIndex((c) => c.id === id);
	if (i === -1) {
		throw new Error(
			`No chapter "${id}" in the course. Known: ${chapters.map((c) => c.id).join(', ')}.`,
		);
	}
	return { prev: chapters[i - 1], next: chapters[i + 1] };
}

/** Short "practice" labels for a chapter on the course map, e.g. `['Lab: xor-mlp', 'Quiz']`. */
export function practiceLabels(chapter: Pick<CourseChapter, 'labs' | 'quiz'>): string[] {
	const labels = chapter.labs.map((lab) => `Lab: ${lab}`);
	if (chapter.quiz) labels.push('Quiz');
	return labels;
}

/** The URL of a lab page. */
export function labHref(id: string): string {
	return `/labs/${id}/`;
}

/** A chapter's practice items for the course map and chapter page: its labs (as links) and its quiz. */
export type PracticeItem = { kind: 'lab'; id: string; label: string; href: string } | { kind: 'quiz'; label: string };

/**
 * Practice items with lab titles when they are known (`titles` maps lab id → title); an unknown lab
 * keeps its id as the label.
 */
export function practiceItems(
	chapter: Pick<CourseChapter, 'labs' | 'quiz'>,
	titles: ReadonlyMap<string, string> = new Map(),
): PracticeItem[] {
	const items: PracticeItem[] = chapter.labs.map((id) => ({
		kind: 'lab',
		id,
		label: `Lab: ${titles.get(id) ?? id}`,
		href: labHref(id),
	}));
	if (chapter.quiz) items.push({ kind: 'quiz', label: 'Quiz' });
	return items;
}

function compareEntries(a: ChapterEntryLike, b: ChapterEntryLike): number {
	return a.data.order - b.data.order || a.data.title.localeCompare(b.data.title);
}

function toCourseChapter(entry: ChapterEntryLike, number: number): CourseChapter {
	const { title, description, part, labs = [], quiz } = entry.data;
	return {
		id: entry.id,
		href: chapterHref(entry.id),
		number,
		title,
		description,
		part,
		labs,
		quiz,
	};
}
