#!/usr/bin/env node
// Checks every chapter's frontmatter before `astro build`, naming the file and the field
// of each problem. Usage: node scripts/validate-content.mjs [chapters-dir]
// Runs the TypeScript schema directly (Node 22's type stripping; see package.json engines).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	findDuplicateSlugs,
	formatIssues,
	validateChapterSource,
} from '../src/lib/content-validation.ts';

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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const dir = process.argv[2] ?? 'content/chapters';
	const { files, issues } = await validateChapterDir(dir);
	if (issues.length > 0) {
		console.error(formatIssues(issues));
		process.exit(1);
	}
	console.log(`Content check: ${files.length} chapter${files.length === 1 ? '' : 's'} OK.`);
}
