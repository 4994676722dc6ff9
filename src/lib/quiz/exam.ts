import { RandomSource } from '../../../engine/random.ts';
import { normalisedWeights, type CertificationEntry } from './certification-schema.ts';
import type { QuizItem } from './schema.ts';
import type { Grade } from './scoring.ts';

/**
 * Practice exams for a certification: questions drawn by the blueprint's domain weights
 * (largest-remainder apportionment), scored per domain against the pass line, and a readiness
 * summary. Pure and seeded: the same seed gives the same exam.
 */

/**
 * Splits `total` seats by `weights` with the largest-remainder (Hamilton) method: each share's
 * floor first, then one more to the largest remainders. Ties go by `tieBreak` order (default: the
 * earlier index). The counts always sum to `total`.
 */
export function apportion(weights: readonly number[], total: number, tieBreak?: readonly number[]): number[] {
	if (!Number.isInteger(total) || total < 0) throw new RangeError(`apportion: total must be a whole number >= 0, got ${total}`);
	const sumW = weights.reduce((a, b) => a + b, 0);
	if (!(sumW > 0) || weights.some((w) => !(w >= 0))) throw new RangeError('apportion: weights must be >= 0 with a positive sum');
	const quotas = weights.map((w) => (w / sumW) * total);
	const counts = quotas.map(Math.floor);
	let left = total - counts.reduce((a, b) => a + b, 0);
	const order = weights
		.map((_, i) => i)
		.sort((a, b) => quotas[b]! - Math.floor(quotas[b]!) - (quotas[a]! - Math.floor(quotas[a]!)) || (tieBreak ? tieBreak[a]! - tieBreak[b]! : a - b));
	for (const i of order) {
		if (left === 0) break;
		counts[i]!++;
		left--;
	}
	return counts;
}

export interface ExamQuestion {
	itemId: string;
	/** The domain this question counts for in the report. */
	domainId: string;
	/** Seed for `drawItem(item, seed)`: values and choice order of this attempt. */
	seed: number;
}

export interface Exam {
	certId: string;
	seed: number;
	questions: ExamQuestion[];
	/** Questions per domain, in blueprint order. */
	perDomain: { domainId: string; target: number; drawn: number }[];
	/** Domains with fewer bank items than their share; their seats went to other domains. */
	shortfalls: { domainId: string; missing: number }[];
}

/** The items of the bank that practise `certId`, by domain id (an item may serve several). */
export function itemsByDomain(cert: CertificationEntry, items: readonly QuizItem[]): Map<string, QuizItem[]> {
	const map = new Map(cert.domains.map((d) => [d.id, [] as QuizItem[]]));
	for (const item of items) {
		for (const ref of item.domains) {
			const [certId, domainId] = ref.split(':');
			if (certId === cert.id) map.get(domainId!)?.push(item);
		}
	}
	return map;
}

function shuffled<T>(xs: readonly T[], rng: RandomSource): T[] {
	return Array.from(rng.permutation(xs.length), (i) => xs[i]!);
}

/**
 * Assembles a practice exam of `count` questions: seats per domain by weight; each domain's
 * questions picked at random from its items, never the same item twice. When a domain runs out,
 * its remaining seats are apportioned again over the domains that still have items.
 */
export function assembleExam(cert: CertificationEntry, items: readonly QuizItem[], { count, seed }: { count: number; seed: number }): Exam {
	const rng = new RandomSource(seed);
	const pools = itemsByDomain(cert, items);
	const weights = normalisedWeights(cert);
	const tieBreak = Array.from(rng.permutation(cert.domains.length));
	const available = new Set(items.filter((i) => i.domains.some((d) => d.startsWith(`${cert.id}:`))).map((i) => i.id));
	const n = Math.min(count, available.size);
	const targets = apportion(weights, n, tieBreak);
	const queues = cert.domains.map((d) => shuffled(pools.get(d.id) ?? [], rng));
	const taken = new Set<string>();
	const drawn = cert.domains.map(() => 0);
	const questions: ExamQuestion[] = [];
	const take = (di: number): boolean => {
		const queue = queues[di]!;
		while (queue.length) {
			const item = queue.shift()!;
			if (taken.has(item.id)) continue;
			taken.add(item.id);
			drawn[di]!++;
			questions.push({ itemId: item.id, domainId: cert.domains[di]!.id, seed: rng.int(0, 2 ** 31) });
			return true;
		}
		return false;
	};
	let open = cert.domains.map((_, i) => i);
	let seats = targets.slice();
	while (questions.length < n && open.length) {
		let missing = 0;
		for (const di of open) for (let k = 0; k < seats[di]!; k++) if (!take(di)) missing++;
		open = open.filter((di) => queues[di]!.some((item) => !taken.has(item.id)));
		if (missing === 0 || open.length === 0) break;
		seats = cert.domains.map(() => 0);
		apportion(open.map((di) => weights[di]!), missing, open.map((di) => tieBreak[di]!)).forEach((c, j) => (seats[open[j]!] = c));
	}
	return {
		certId: cert.id,
		seed,
		// Mix the domains so the exam does not run domain by domain.
		questions: shuffled(questions, rng),
		perDomain: cert.domains.map((d, i) => ({ domainId: d.id, target: targets[i]!, drawn: drawn[i]! })),
		shortfalls: cert.domains.flatMap((d, i) => (drawn[i]! < targets[i]! ? [{ domainId: d.id, missing: targets[i]! - drawn[i]! }] : [])),
	};
}

export interface DomainScore {
	domainId: string;
	name: string;
	/** Sum of credit (partial credit counts). */
	points: number;
	total: number;
	percent: number;
	passed: boolean;
	chapters: string[];
}

export interface ExamReport {
	certId: string;
	points: number;
	total: number;
	percent: number;
	passLine: number;
	passed: boolean;
	domains: DomainScore[];
	readiness: Readiness;
}

export interface Readiness {
	/** ready: overall and every domain at or above the pass line; close: overall within 10 points. */
	level: 'ready' | 'close' | 'not-yet';
	/** Points above (+) or below (−) the pass line. */
	margin: number;
	/** Domains under the pass line, weakest first. */
	weakDomains: string[];
	/** Chapters to revisit: those of the weak domains, in order of weakness, without repeats. */
	chaptersToReview: string[];
	summary: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores an exam per domain against the blueprint's pass line. `grades[i]` grades `exam.questions[i]`. */
export function scoreExam(cert: CertificationEntry, exam: Exam, grades: readonly (Grade | undefined)[]): ExamReport {
	const passLine = cert.passLine.percent;
	const domains: DomainScore[] = cert.domains.map((d) => {
		let points = 0;
		let total = 0;
		exam.questions.forEach((q, i) => {
			if (q.domainId !== d.id) return;
			total++;
			points += grades[i]?.score ?? 0;
		});
		const percent = total ? round1((100 * points) / total) : 0;
		return { domainId: d.id, name: d.name, points, total, percent, passed: total > 0 && percent >= passLine, chapters: d.chapters };
	});
	const total = exam.questions.length;
	const points = grades.reduce((s, g) => s + (g?.score ?? 0), 0);
	const percent = total ? round1((100 * points) / total) : 0;
	return { certId: cert.id, points, total, percent, passLine, passed: percent >= passLine, domains, readiness: readiness(percent, passLine, domains) };
}

function readiness(percent: number, passLine: number, domains: readonly DomainScore[]): Readiness {
	const scored = domains.filter((d) => d.total > 0);
	const weak = scored.filter((d) => !d.passed).sort((a, b) => a.percent - b.percent);
	const margin = round1(percent - passLine);
	const level = margin >= 0 && weak.length === 0 ? 'ready' : margin >= -10 ? 'close' : 'not-yet';
	const chaptersToReview = [...new Set(weak.flatMap((d) => d.chapters))];
	const summary =
		level === 'ready'
			? `${percent} % overall, at or above the ${passLine} % pass line in every domain.`
			: `${percent} % overall (pass line ${passLine} %).` +
				(weak.length ? ` Below the line: ${weak.map((d) => `${d.name} (${d.percent} %)`).join(', ')}.` : '');
	return { level, margin, weakDomains: weak.map((d) => d.domainId), chaptersToReview, summary };
}

/** Trend over attempts (oldest first): the mean of the last `window` percentages and the change. */
export function attemptTrend(percents: readonly number[], window = 3): { recentMean: number; change: number } {
	if (percents.length === 0) return { recentMean: 0, change: 0 };
	const recent = percents.slice(-window);
	const recentMean = round1(recent.reduce((a, b) => a + b, 0) / recent.length);
	return { recentMean, change: round1(percents[percents.length - 1]! - percents[0]!) };
}
