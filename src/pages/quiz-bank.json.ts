import { getCollection } from 'astro:content';

/**
 * Every quiz item as JSON (built to dist/quiz-bank.json), for the pages that draw questions in
 * the browser: practice exams and the review queue. One cached file instead of inlining the
 * bank in each page.
 */
export async function GET(): Promise<Response> {
	const items = (await getCollection('quizzes')).map((entry) => entry.data);
	return new Response(JSON.stringify(items), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
