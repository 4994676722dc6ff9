import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { certificationSchema, type CertificationEntry } from './certification-schema.ts';
import { drawItem } from './draw.ts';
import { GENERATORS, GENERATOR_NAMES } from './generators.ts';
import { KEBAB_ID, quizItemObject, quizItemSchema, type QuizItem } from './schema.ts';

/**
 * Checks the quiz bank (`content/quizzes/*.yaml`) and the certification blueprints
 * (`content/certifications/*.yaml`) together, before the build. Every problem names the file, the
 * item id and the field. Pure: the caller reads the files.
 */

export interface QuizIssue {
	file: string;
	/** The item's id (or `#3` for the fourth item when it has no usable id). */
	itemId?: string;
	/** The field, as a path: `answer`, `choices.2.why`, `domains.0`. */
	field?: string;
	message: string;
	/** Warnings are printed but do not fail the build. */
	severity: 'error' | 'warning';
}

export interface SourceFile {
	/** Path as shown in messages, e.g. `content/quizzes/activations.yaml`. */
	file: string;
	source: string;
}

export interface ValidateOptions {
	/** Slugs of the chapter files that exist. An item or domain naming another chapter is an error. */
	chapterSlugs: readonly string[];
	/**
	 * Slugs the course plan promises but whose chapter file is not written yet: naming one gives a
	 * single summary warning, not an error, while the chapters are being written in parallel.
	 */
	plannedChapterSlugs?: readonly string[];
}

export interface ValidationResult {
	issues: QuizIssue[];
	items: (QuizItem & { file: string })[];
	certifications: CertificationEntry[];
}

/**
 * The sixteen chapters of the course plan. The bank must cover each (tests/unit/quiz-bank.test.ts); a quiz or
 * lab naming a planned chapter whose file is missing is a warning, any other unknown chapter an error.
 */
export const COURSE_PLAN_CHAPTERS = [
	'why-deep-learning', 'neuron', 'activations', 'losses', 'backpropagation', 'vanishing-gradients',
	'gradient-descent', 'optimizers', 'regularization', 'data-preparation', 'cnn', 'rnn', 'attention',
	'gpu-computing', 'troubleshooting', 'deployment',
] as const;

const baseName = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');

function parseYaml(file: string, source: string, issues: QuizIssue[]): unknown {
	const doc = parseDocument(source);
	if (doc.errors.length > 0) {
		for (const e of doc.errors) {
			issues.push({ file, severity: 'error', message: `not valid YAML (line ${e.linePos?.[0].line ?? '?'}): ${e.message.split('\n')[0]}` });
		}
		return undefined;
	}
	return doc.toJS();
}

function zodIssues(base: Omit<QuizIssue, 'message' | 'field' | 'severity'>, issues: readonly z.core.$ZodIssue[], allowed: string[]): QuizIssue[] {
	return issues.flatMap((issue) => {
		if (issue.code === 'unrecognized_keys') {
			return issue.keys.map((key) => ({ ...base, field: key, severity: 'error' as const, message: `unknown field. Allowed fields: ${allowed.join(', ')}.` }));
		}
		const field = issue.path.map(String).join('.') || undefined;
		return [{ ...base, field, severity: 'error' as const, message: issue.message }];
	});
}

/**
 * An unknown chapter is an error; a planned one without its file yet is collected in `pending`
 * (reported once, as a warning) while the chapters are being written.
 */
function chapterCheck(slug: string, opts: ValidateOptions, pending: Map<string, number>): string | undefined {
	if (opts.chapterSlugs.includes(slug)) return undefined;
	if (opts.plannedChapterSlugs?.includes(slug)) {
		pending.set(slug, (pending.get(slug) ?? 0) + 1);
		return undefined;
	}
	const known = [...new Set([...opts.chapterSlugs, ...(opts.plannedChapterSlugs ?? [])])];
	return `unknown chapter "${slug}". Known chapters: ${known.join(', ')}.`;
}

function pendingWarning(pending: Map<string, number>): QuizIssue[] {
	if (pending.size === 0) return [];
	const list = [...pending].map(([slug, refs]) => `${slug} (${refs})`).join(', ');
	return [{ file: 'content/chapters', severity: 'warning', message: `no chapter file yet for these planned chapters (references in quizzes and blueprints): ${list}.` }];
}

/** Validates the blueprints; returns the valid ones (with their ids) and the issues. */
export function validateCertifications(
	files: readonly SourceFile[],
	opts: ValidateOptions,
	pending = new Map<string, number>(),
): { certifications: CertificationEntry[]; issues: QuizIssue[] } {
	const issues: QuizIssue[] = [];
	const certifications: CertificationEntry[] = [];
	for (const { file, source } of files) {
		const id = baseName(file);
		if (!KEBAB_ID.test(id)) issues.push({ file, severity: 'error', message: `the file name "${id}" is the certification id and must be kebab-case.` });
		const data = parseYaml(file, source, issues);
		if (data === undefined) continue;
		const parsed = certificationSchema.safeParse(data);
		if (!parsed.success) {
			issues.push(...zodIssues({ file }, parsed.error.issues, Object.keys(certificationSchema.shape)));
			continue;
		}
		parsed.data.domains.forEach((d, i) =>
			d.chapters.forEach((slug, j) => {
				const problem = chapterCheck(slug, opts, pending);
				if (problem) issues.push({ file, field: `domains.${i}.chapters.${j}`, severity: 'error', message: problem });
			}),
		);
		certifications.push({ ...parsed.data, id });
	}
	return { certifications, issues };
}

/** Validates every quiz bank file against the schema, the blueprints, the chapters and each other. */
export function validateQuizContent(quizFiles: readonly SourceFile[], certFiles: readonly SourceFile[], opts: ValidateOptions): ValidationResult {
	const pending = new Map<string, number>();
	const { certifications, issues } = validateCertifications(certFiles, opts, pending);
	const domainRefs = new Set(certifications.flatMap((c) => c.domains.map((d) => `${c.id}:${d.id}`)));
	const items: (QuizItem & { file: string })[] = [];
	const firstFileOf = new Map<string, string>();
	const allowed = Object.keys(quizItemObject.shape);

	for (const { file, source } of quizFiles) {
		const bank = baseName(file);
		const bankProblem = chapterCheck(bank, opts, pending);
		if (bankProblem) issues.push({ file, severity: 'error', message: `the file name is the chapter slug: ${bankProblem}` });
		const data = parseYaml(file, source, issues);
		if (data === undefined) continue;
		if (!Array.isArray(data)) {
			issues.push({ file, severity: 'error', message: 'a quiz bank is a YAML list of items (each starting with `- id: ...`).' });
			continue;
		}
		data.forEach((raw, index) => {
			const rawId = (raw as { id?: unknown } | null)?.id;
			const itemId = typeof rawId === 'string' && rawId ? rawId : `#${index + 1}`;
			const at = { file, itemId };
			const issue = (field: string | undefined, message: string) =>
				issues.push({ ...at, ...(field ? { field } : {}), message, severity: 'error' });

			if (typeof rawId === 'string') {
				const other = firstFileOf.get(rawId);
				if (other) issue('id', `duplicate id: also used in ${other}. Ids are unique across all quiz files.`);
				else firstFileOf.set(rawId, file);
			}
			const parsed = quizItemSchema.safeParse(raw);
			if (!parsed.success) {
				issues.push(...zodIssues(at, parsed.error.issues, allowed));
				return;
			}
			const item = parsed.data;
			if (item.chapter !== bank) issue('chapter', `the item is in ${bank}.yaml but says chapter: ${item.chapter}. Move it, or fix the chapter.`);
			const problem = chapterCheck(item.chapter, opts, pending);
			if (problem) issue('chapter', problem);
			item.domains.forEach((ref, i) => {
				if (!domainRefs.has(ref)) {
					const cert = ref.split(':')[0]!;
					const known = certifications.find((c) => c.id === cert);
					issue(
						`domains.${i}`,
						known
							? `unknown domain "${ref}". ${cert} has: ${known.domains.map((d) => d.id).join(', ')}.`
							: `unknown certification "${cert}". Known: ${certifications.map((c) => c.id).join(', ')}.`,
					);
				}
			});
			if (item.generator !== undefined && !checkGenerator(item, issue)) return;
			items.push({ ...item, file });
		});
	}
	issues.push(...pendingWarning(pending));
	return { issues, items, certifications };
}

/** Generator exists, its params are known, and a few draws fill every placeholder. */
function checkGenerator(item: QuizItem, issue: (field: string, message: string) => void): boolean {
	const gen = GENERATORS[item.generator!];
	if (!gen) {
		issue('generator', `unknown generator "${item.generator}". Known: ${GENERATOR_NAMES.join(', ')}.`);
		return false;
	}
	const unknown = Object.keys(item.params ?? {}).filter((k) => !(k in gen.params));
	if (unknown.length) {
		issue('params', `${item.generator} has no parameter ${unknown.join(', ')}. Its parameters: ${Object.keys(gen.params).join(', ')}.`);
		return false;
	}
	for (const seed of [0, 1, 2, 3, 4]) {
		try {
			const drawn = drawItem(item, seed);
			if (!Number.isFinite(drawn.answer as number)) {
				issue('params', `seed ${seed} gives a non-finite answer (${drawn.answer}); narrow the ranges.`);
				return false;
			}
		} catch (error) {
			const message = (error as Error).message;
			issue(message.includes(': explanation') ? 'explanation' : message.includes(': prompt') ? 'prompt' : 'params', message);
			return false;
		}
	}
	return true;
}

/** A report for the terminal, grouped by file; errors first. */
export function formatQuizIssues(issues: readonly QuizIssue[]): string {
	const errors = issues.filter((i) => i.severity === 'error').length;
	const warnings = issues.length - errors;
	const byFile = new Map<string, QuizIssue[]>();
	for (const i of issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
	const lines = [`Quiz check: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`];
	for (const [file, list] of byFile) {
		lines.push('', file);
		for (const i of list) {
			const where = [i.itemId && `item ${i.itemId}`, i.field].filter(Boolean).join(', ');
			lines.push(`  ${i.severity === 'error' ? '✗' : '!'} ${where ? `${where}: ` : ''}${i.message}`);
		}
	}
	if (errors > 0) lines.push('', 'Item fields: src/lib/quiz/schema.ts; blueprint fields: src/lib/quiz/certification-schema.ts.');
	return lines.join('\n');
}
