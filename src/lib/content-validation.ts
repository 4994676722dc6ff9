import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { CHAPTER_FIELD_EXAMPLES, chapterSchema, chapterSlug } from './chapter-schema.ts';

/**
 * Checks chapter files before the build, with messages that name the file and the field.
 * Astro validates too, but its report names the entry id first and the path last; this one is
 * written for a newcomer who just added a chapter. Pure: the caller reads the files.
 */

/** One problem in one file. `field` is the frontmatter key, or undefined for file-level problems. */
export interface ContentIssue {
	file: string;
	field?: string;
	message: string;
}

/** Split `---\nyaml\n---\nbody` into its frontmatter text; undefined when there is none. */
export function extractFrontmatter(source: string): { yaml: string; line: number } | undefined {
	const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
	return match ? { yaml: match[1]!, line: 2 } : undefined;
}

/** Validate one chapter file's text against the chapter schema. */
export function validateChapterSource(file: string, source: string): ContentIssue[] {
	const front = extractFrontmatter(source);
	if (!front) {
		return [
			{
				file,
				message:
					'no frontmatter. A chapter starts with a block between two `---` lines, e.g.\n' +
					'---\ntitle: The artificial neuron\ndescription: …\npart: foundations\norder: 2\n' +
					'objectives:\n  - …\n---',
			},
		];
	}
	const doc = parseDocument(front.yaml);
	if (doc.errors.length > 0) {
		return doc.errors.map((error) => ({
			file,
			message: `frontmatter is not valid YAML (line ${(error.linePos?.[0].line ?? 0) + front.line - 1}): ${error.message.split('\n')[0]}`,
		}));
	}
	const data: unknown = doc.toJS() ?? {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		return [{ file, message: 'frontmatter must be a set of `key: value` lines.' }];
	}
	const result = chapterSchema.safeParse(data);
	if (result.success) return [];
	return result.error.issues.flatMap((issue) =>
		describeIssue(file, issue, data as Record<string, unknown>),
	);
}

/** Problems across files: two chapters that would get the same URL. */
export function findDuplicateSlugs(files: readonly string[]): ContentIssue[] {
	const bySlug = new Map<string, string[]>();
	for (const file of files) {
		const slug = chapterSlug(file);
		bySlug.set(slug, [...(bySlug.get(slug) ?? []), file]);
	}
	return [...bySlug.entries()]
		.filter(([, same]) => same.length > 1)
		.flatMap(([slug, same]) =>
			same.map((file) => ({
				file,
				message: `slug "${slug}" is also used by ${same.filter((f) => f !== file).join(', ')}. Rename one file (the number prefix does not count).`,
			})),
		);
}

/** A readable report, grouped by file, for the terminal. */
export function formatIssues(issues: readonly ContentIssue[]): string {
	const byFile = new Map<string, ContentIssue[]>();
	for (const issue of issues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
	const lines = [
		`Content check failed: ${byFile.size} chapter file${byFile.size === 1 ? ' has' : 's have'} problems.`,
	];
	for (const [file, fileIssues] of byFile) {
		lines.push('', file);
		for (const { field, message } of fileIssues) {
			lines.push(`  ✗ ${field ? `${field}: ` : ''}${message.replace(/\n/g, '\n    ')}`);
		}
	}
	lines.push(
		'',
		'The fields are documented in src/lib/chapter-schema.ts (README: "Adding a chapter").',
	);
	return lines.join('\n');
}

function describeIssue(
	file: string,
	issue: z.core.$ZodIssue,
	data: Record<string, unknown>,
): ContentIssue[] {
	if (issue.code === 'unrecognized_keys') {
		const allowed = Object.keys(chapterSchema.shape).join(', ');
		return issue.keys.map((key) => ({
			file,
			field: key,
			message: `unknown field. Allowed fields: ${allowed}. Check the spelling.`,
		}));
	}
	const field = issue.path.map(String).join('.') || undefined;
	const top = issue.path[0] === undefined ? undefined : String(issue.path[0]);
	const example = top
		? CHAPTER_FIELD_EXAMPLES[top as keyof typeof CHAPTER_FIELD_EXAMPLES]
		: undefined;
	const hint = example ? ` For example:\n${example}` : '';
	if (top !== undefined && issue.path.length === 1 && data[top] === undefined) {
		return [{ file, field, message: `missing (required).${hint}` }];
	}
	const got = issue.path.reduce<unknown>(
		(value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey],
		data,
	);
	return [{ file, field, message: `${issue.message} (got ${JSON.stringify(got)}).${hint}` }];
}
