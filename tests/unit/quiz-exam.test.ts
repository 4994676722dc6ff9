import { describe, expect, it } from 'vitest';
import { certificationSchema, type CertificationEntry } from '../../src/lib/quiz/certification-schema.ts';
import { apportion, assembleExam, attemptTrend, scoreExam } from '../../src/lib/quiz/exam.ts';
import { quizItemSchema, type QuizItem } from '../../src/lib/quiz/schema.ts';

const cert: CertificationEntry = {
	id: 'demo-cert',
	...certificationSchema.parse({
		code: 'DEMO-01',
		name: 'Demo',
		vendor: 'Nobody',
		guideVersion: '1.0',
		status: 'active',
		passLine: { percent: 70, basis: '700 of 1000' },
		domains: [
			{ id: 'data', name: 'Data', weight: 28, publishedWeight: '28%', chapters: ['data-preparation'] },
			{ id: 'model', name: 'Model', weight: 26, publishedWeight: '26%', chapters: ['optimizers', 'losses'] },
			{ id: 'deploy', name: 'Deploy', weight: 22, publishedWeight: '22%', chapters: ['deployment'] },
			{ id: 'monitor', name: 'Monitor', weight: 24, publishedWeight: '24%', chapters: ['troubleshooting'] },
		],
		notCovered: ['everything vendor-specific'],
		disclaimer: 'Not affiliated.',
		source: 'https://example.com/guide',
		checkedOn: '2026-11-22',
	}),
};

function bank(perDomain: Record<string, number>): QuizItem[] {
	return Object.entries(perDomain).flatMap(([domain, n]) =>
		Array.from({ length: n }, (_, i) =>
			quizItemSchema.parse({
				id: `${domain}-${i}`,
				type: 'single',
				prompt: 'p',
				choices: [{ text: 'a', why: 'w' }, { text: 'b', why: 'w' }],
				answer: 0,
				explanation: 'e',
				chapter: 'cnn',
				difficulty: 1,
				domains: [`demo-cert:${domain}`],
			}),
		),
	);
}

describe('apportion (largest remainder)', () => {
	it('always sums to the total', () => {
		for (let n = 0; n <= 40; n++) expect(apportion([28, 26, 22, 24], n).reduce((a, b) => a + b, 0)).toBe(n);
	});
	it('gives the extra seats to the largest remainders', () => {
		// quotas 2.8, 2.6, 2.2, 2.4 → floors 2,2,2,2, two extra to 2.8 and 2.6
		expect(apportion([28, 26, 22, 24], 10)).toEqual([3, 3, 2, 2]);
		expect(apportion([1, 1, 1], 4)).toEqual([2, 1, 1]);
		expect(apportion([1, 1, 1], 4, [2, 0, 1])).toEqual([1, 2, 1]);
	});
	it('keeps exact shares exact', () => {
		expect(apportion([50, 25, 25], 20)).toEqual([10, 5, 5]);
	});
});

describe('assembleExam', () => {
	it('draws by weight, with no repeats, reproducibly', () => {
		const items = bank({ data: 20, model: 20, deploy: 20, monitor: 20 });
		const exam = assembleExam(cert, items, { count: 25, seed: 3 });
		expect(exam.questions).toHaveLength(25);
		expect(new Set(exam.questions.map((q) => q.itemId)).size).toBe(25);
		expect(exam.perDomain.map((d) => d.drawn)).toEqual(exam.perDomain.map((d) => d.target));
		// each domain gets its quota rounded down or up: 25 × [.28, .26, .22, .24] = 7, 6.5, 5.5, 6
		expect(exam.perDomain.map((d) => d.target)).toEqual(expect.arrayContaining([7, 6]));
		exam.perDomain.forEach((d, i) => {
			const quota = (25 * [28, 26, 22, 24][i]!) / 100;
			expect(d.target === Math.floor(quota) || d.target === Math.ceil(quota)).toBe(true);
		});
		for (const q of exam.questions) expect(q.itemId.startsWith(q.domainId)).toBe(true);
		expect(assembleExam(cert, items, { count: 25, seed: 3 })).toEqual(exam);
		expect(assembleExam(cert, items, { count: 25, seed: 4 }).questions).not.toEqual(exam.questions);
		expect(exam.shortfalls).toEqual([]);
	});

	it('moves the seats of a domain that runs out to the others', () => {
		const items = bank({ data: 1, model: 20, deploy: 20, monitor: 20 });
		const exam = assembleExam(cert, items, { count: 20, seed: 1 });
		expect(exam.questions).toHaveLength(20);
		expect(exam.perDomain.find((d) => d.domainId === 'data')!.drawn).toBe(1);
		expect(exam.shortfalls).toEqual([{ domainId: 'data', missing: exam.perDomain[0]!.target - 1 }]);
	});

	it('caps the exam at the number of items available', () => {
		const exam = assembleExam(cert, bank({ data: 2, model: 1, deploy: 0, monitor: 1 }), { count: 30, seed: 9 });
		expect(exam.questions).toHaveLength(4);
	});

	it('counts an item tagged with two domains once', () => {
		const items = bank({ data: 3 }).map((i) => ({ ...i, domains: ['demo-cert:data', 'demo-cert:model'] }));
		const exam = assembleExam(cert, items, { count: 3, seed: 2 });
		expect(new Set(exam.questions.map((q) => q.itemId)).size).toBe(3);
	});
});

describe('scoreExam', () => {
	const items = bank({ data: 10, model: 10, deploy: 10, monitor: 10 });
	const exam = assembleExam(cert, items, { count: 20, seed: 5 });

	it('scores per domain against the pass line', () => {
		const grades = exam.questions.map((q) => ({ correct: q.domainId !== 'deploy', score: q.domainId !== 'deploy' ? 1 : 0, blank: false }));
		const report = scoreExam(cert, exam, grades);
		const deploy = report.domains.find((d) => d.domainId === 'deploy')!;
		expect(deploy.percent).toBe(0);
		expect(deploy.passed).toBe(false);
		expect(report.domains.filter((d) => d.domainId !== 'deploy').every((d) => d.percent === 100 && d.passed)).toBe(true);
		expect(report.total).toBe(20);
		expect(report.percent).toBe(Math.round((1000 * (20 - deploy.total)) / 20) / 10);
		expect(report.readiness.weakDomains).toEqual(['deploy']);
		expect(report.readiness.chaptersToReview).toEqual(['deployment']);
		// a domain below the line is never "ready", however good the total
		expect(report.readiness.level).not.toBe('ready');
		expect(report.readiness.summary).toContain('Below the line: Deploy (0 %)');
	});

	it('says ready when every domain clears the line', () => {
		const report = scoreExam(cert, exam, exam.questions.map(() => ({ correct: true, score: 1, blank: false })));
		expect(report.passed).toBe(true);
		expect(report.readiness.level).toBe('ready');
		expect(report.readiness.summary).toMatch(/at or above the 70 % pass line/);
	});

	it('counts unanswered questions as wrong', () => {
		const report = scoreExam(cert, exam, []);
		expect(report.percent).toBe(0);
		expect(report.readiness.level).toBe('not-yet');
	});
});

it('attemptTrend summarises the history', () => {
	expect(attemptTrend([50, 60, 70, 80])).toEqual({ recentMean: 70, change: 30 });
	expect(attemptTrend([])).toEqual({ recentMean: 0, change: 0 });
});
