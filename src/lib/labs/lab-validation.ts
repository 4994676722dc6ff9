import { parseDocument } from 'yaml';
import { labSchema } from '../../../labs/_kit/lab-schema.ts';
import { extractFrontmatter } from '../content-validation.ts';

/**
 * Pre-build checks of the labs (scripts/validate-content.mjs), with messages that name the file and the field.
 * Pure: the caller reads the files.
 */
export interface LabIssue {
	file: string;
	field?: string;
	message: string;
	/** Errors stop the build; warnings are printed. */
	level: 'error' | 'warning';
}

/** The files a lab folder must have (STYLE.md §3). */
export const LAB_FILES = ['lab.mdx', 'starter.ts', 'solution.ts', 'checks.ts'] as const;

const EXAMPLES: Record<string, string> = {
	title: "title: A dense network's forward pass",
	chapter: 'chapter: neuron   # a chapter slug: content/chapters/02-neuron.mdx → neuron',
	summary: 'summary: Write a dense layer, ReLU and a stable softmax.',
	objectives: 'objectives:\n  - Compute a dense layer on a batch.',
	points: 'points: 12   # the sum of the points in checks.ts',
	difficulty: 'difficulty: intro   # intro | intermediate | advanced',
	minutes: 'minutes: 25',
	timeLimitMs: 'timeLimitMs: 10000   # optional, at most 120000',
	tags: 'tags: [nvidia-dli-fdl]',
};

/** Validates one `labs/<id>/lab.mdx`; returns the lab's chapter when the frontmatter is valid. */
export function validateLabSource(file: string, source: string): { issues: LabIssue[]; chapter?: string } {
	const front = extractFrontmatter(source);
	if (!front) {
		return {
			issues: [{ file, level: 'error', message: 'no frontmatter. A lab starts with a block between two `---` lines (title, chapter, summary, objectives, points, difficulty, minutes).' }],
		};
	}
	const doc = parseDocument(front.yaml);
	if (doc.errors.length > 0) {
		return {
			issues: doc.errors.map((e) => ({ file, level: 'error' as const, message: `frontmatter is not valid YAML (line ${(e.linePos?.[0].line ?? 0) + front.line - 1}): ${e.message.split('\n')[0]}` })),
		};
	}
	const data = (doc.toJS() ?? {}) as Record<string, unknown>;
	const parsed = labSchema.safeParse(data);
	if (parsed.success) return { issues: [], chapter: parsed.data.chapter };
	const issues = parsed.error.issues.map((issue): LabIssue => {
		const field = issue.path.map(String).join('.') || undefined;
		const top = issue.path[0] === undefined ? undefined : String(issue.path[0]);
		const example = top && EXAMPLES[top] ? ` For example:\n${EXAMPLES[top]}` : '';
		if (top && issue.path.length === 1 && data[top] === undefined) return { file, field, level: 'error', message: `missing (required).${example}` };
		const got = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey], data);
		return { file, field, level: 'error', message: `${issue.message} (got ${JSON.stringify(got)}).${example}` };
	});
	return { issues };
}

/**
 * Across files: each lab names a chapter that exists, and each chapter's `labs:` names lab folders that exist.
 * A lab whose chapter is in the course plan but not written yet is a warning (its page says so and links no
 * chapter); any other unknown chapter is an error (a typo). A chapter that lists a missing lab is an error
 * (its link would lead to a 404).
 */
export function crossCheckLabs(input: {
	labs: { id: string; file: string; chapter?: string }[];
	chapters: { slug: string; file: string; labs: string[] }[];
	/** Chapter slugs planned but perhaps not written yet (the course plan). */
	plannedChapters?: readonly string[];
}): LabIssue[] {
	const issues: LabIssue[] = [];
	const slugs = new Set(input.chapters.map((c) => c.slug));
	const planned = new Set(input.plannedChapters ?? []);
	const labIds = new Set(input.labs.map((l) => l.id));
	for (const lab of input.labs) {
		if (lab.chapter === undefined || slugs.has(lab.chapter)) continue;
		const known = `known: ${[...slugs].sort().join(', ')}`;
		issues.push(
			planned.has(lab.chapter)
				? {
						file: lab.file,
						field: 'chapter',
						level: 'warning',
						message: `the chapter "${lab.chapter}" is planned but not written yet (${known}). The lab page links no chapter until it exists.`,
					}
				: {
						file: lab.file,
						field: 'chapter',
						level: 'error',
						message: `no chapter "${lab.chapter}" in content/chapters (${known}). Use the chapter's slug: its file name without the number prefix and .mdx.`,
					},
		);
	}
	for (const chapter of input.chapters) {
		for (const id of chapter.labs) {
			if (!labIds.has(id)) {
				issues.push({
					file: chapter.file,
					field: 'labs',
					level: 'error',
					message: `no lab "${id}" (a folder labs/${id}/ with ${LAB_FILES.join(', ')}). Known labs: ${[...labIds].sort().join(', ') || 'none'}.`,
				});
			}
		}
	}
	return issues;
}

/** A readable report for the terminal, errors first. */
export function formatLabIssues(issues: readonly LabIssue[]): string {
	const errors = issues.filter((i) => i.level === 'error').length;
	const lines = [errors > 0 ? `Lab check failed: ${errors} ${errors === 1 ? 'error' : 'errors'}.` : `Lab check: ${issues.length} ${issues.length === 1 ? 'warning' : 'warnings'}.`];
	for (const level of ['error', 'warning'] as const) {
		for (const { file, field, message } of issues.filter((i) => i.level === level)) {
			lines.push(`  ${level === 'error' ? '✗' : '!'} ${file}${field ? ` ${field}` : ''}: ${message.replace(/\n/g, '\n    ')}`);
		}
	}
	lines.push('', 'The lab fields are documented in labs/_kit/lab-schema.ts (STYLE.md §3, "adding a lab").');
	return lines.join('\n');
}
