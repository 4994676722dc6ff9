#!/usr/bin/env node
// Checks every chapter's and every lab's frontmatter before `astro build`, naming the file and
// the field of each problem, and that labs and chapters name each other correctly.
// Usage: node scripts/validate-content.mjs [chapters-dir]
// Runs the TypeScript schema directly (Node 22's type stripping; see package.json engines).
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	findDuplicateSlugs,
	formatIssues,
	validateChapterSource,
	extractFrontmatter,
} from '../src/lib/content-validation.ts';
import { chapterSlug } from '../src/lib/chapter-schema.ts';
import {
	LAB_FILES,
	crossCheckLabs,
	formatLabIssues,
	validateLabSource,
} from '../src/lib/labs/lab-validation.ts';
import { parse } from 'yaml';
import { COURSE_PLAN_CHAPTERS, formatQuizIssues, validateQuizContent } from '../src/lib/quiz/validate.ts';

/** Validate every `*.mdx` in `dir` that does not start with `_`. Returns the issues found. */
export async function validateChapterDir(dir, { relativeTo = process.cwd() } = {}) {
	const names = (await readdir(dir)).filter((n) => n.endsWith('.mdx') && !n.startsWith('_')).sort();
	const files = names.map((n) => path.relative(relativeTo, path.join(dir, n)) || n);
	const issues = [];
	for (const file of files) {
		const source = await readFile(path.resolve(relativeTo, file), 'utf8');
		issues.push(...validateChapterSource(file, source));
	}
	issues.push(...findDuplicateSlugs(files));
	return { files, issues };
}

/**
 * Validate every lab folder under `labsDir` (skipping `_` folders): its files, its frontmatter, and the
 * links between labs and chapters (`chapter:` of a lab, `labs:` of a chapter).
 */
export async function validateLabDir(labsDir, chaptersDir, { relativeTo = process.cwd(), plannedChapters = COURSE_PLAN_CHAPTERS } = {}) {
	const rel = (p) => path.relative(relativeTo, p) || p;
	const entries = await readdir(labsDir, { withFileTypes: true });
	const ids = entries.filter((e) => e.isDirectory() && !e.name.startsWith('_')).map((e) => e.name).sort();
	const issues = [];
	const labs = [];
	for (const id of ids) {
		const dir = path.join(labsDir, id);
		const missing = LAB_FILES.filter((f) => !existsSync(path.join(dir, f)));
		for (const f of missing) {
			issues.push({ file: rel(path.join(dir, f)), level: 'error', message: `missing: every lab folder has ${LAB_FILES.join(', ')}.` });
		}
		if (missing.includes('lab.mdx')) continue;
		const file = rel(path.join(dir, 'lab.mdx'));
		const result = validateLabSource(file, await readFile(path.join(dir, 'lab.mdx'), 'utf8'));
		issues.push(...result.issues);
		labs.push({ id, file, chapter: result.chapter });
	}
	const chapterNames = (await readdir(chaptersDir)).filter((n) => n.endsWith('.mdx') && !n.startsWith('_')).sort();
	const chapters = [];
	for (const name of chapterNames) {
		const front = extractFrontmatter(await readFile(path.join(chaptersDir, name), 'utf8'));
		let data = {};
		try {
			data = (front && parse(front.yaml)) ?? {};
		} catch {
			// the chapter check reports broken YAML
		}
		const list = Array.isArray(data.labs) ? data.labs.filter((l) => typeof l === 'string') : [];
		chapters.push({ slug: chapterSlug(name), file: rel(path.join(chaptersDir, name)), labs: list });
	}
	issues.push(...crossCheckLabs({ labs, chapters, plannedChapters }));
	return { labs: ids, issues };
}

/**
 * Validate the quiz banks (`content/quizzes/*.yaml`) and certification blueprints
 * (`content/certifications/*.yaml`) together: schema, unique ids, known chapters and domains.
 */
export async function validateQuizDirs(quizDir, certDir, chaptersDir, { relativeTo = process.cwd() } = {}) {
	const read = async (dir) => {
		if (!existsSync(dir)) return [];
		const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n) && !n.startsWith('_')).sort();
		return Promise.all(names.map(async (n) => ({ file: path.relative(relativeTo, path.join(dir, n)) || n, source: await readFile(path.join(dir, n), 'utf8') })));
	};
	const chapterSlugs = (await readdir(chaptersDir)).filter((n) => n.endsWith('.mdx') && !n.startsWith('_')).map(chapterSlug);
	return validateQuizContent(await read(quizDir), await read(certDir), { chapterSlugs, plannedChapterSlugs: COURSE_PLAN_CHAPTERS });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const dir = process.argv[2] ?? 'content/chapters';
	const { files, issues } = await validateChapterDir(dir);
	const labCheck = await validateLabDir('labs', dir);
	const labErrors = labCheck.issues.filter((i) => i.level === 'error');
	if (issues.length > 0) console.error(formatIssues(issues));
	if (labCheck.issues.length > 0) (labErrors.length > 0 ? console.error : console.warn)(formatLabIssues(labCheck.issues));
	const quizCheck = await validateQuizDirs('content/quizzes', 'content/certifications', dir);
	const quizErrors = quizCheck.issues.filter((i) => i.severity === 'error');
	if (quizCheck.issues.length > 0) (quizErrors.length > 0 ? console.error : console.warn)(formatQuizIssues(quizCheck.issues));
	if (issues.length > 0 || labErrors.length > 0 || quizErrors.length > 0) process.exit(1);
	console.log(`Quiz check: ${quizCheck.items.length} questions, ${quizCheck.certifications.length} certification blueprints OK.`);
	console.log(
		`Content check: ${files.length} chapter${files.length === 1 ? '' : 's'} and ${labCheck.labs.length} lab${labCheck.labs.length === 1 ? '' : 's'} OK.`,
	);
}
