/**
 * For pages that render questions in the browser: the quiz bank (fetched once from
 * /quiz-bank.json) and a KaTeX renderer (KaTeX is loaded only on these pages).
 */
import type { QuizItem } from '../../lib/quiz/schema.ts';
import { katexRenderer, type TexRenderer } from '../../lib/quiz/markdown.ts';

let bank: Promise<Map<string, QuizItem>> | null = null;

export function loadBank(): Promise<Map<string, QuizItem>> {
	bank ??= fetch('/quiz-bank.json')
		.then((r) => {
			if (!r.ok) throw new Error(`could not load the quiz bank (HTTP ${r.status})`);
			return r.json() as Promise<QuizItem[]>;
		})
		.then((items) => new Map(items.map((i) => [i.id, i])));
	return bank;
}

export async function loadTex(): Promise<TexRenderer> {
	const katex = (await import('katex')).default;
	return katexRenderer(katex);
}
