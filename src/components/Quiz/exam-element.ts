/**
 * `<chainrule-exam>`: a practice exam in the browser. Setup (length, timed or untimed) → the exam
 * (navigation, flags, a timer, no feedback) → the report (score, per-domain scores against the
 * pass line, readiness, every question reviewed, attempt history with a trend chart).
 * The sitting is kept in sessionStorage, so a reload resumes it; results go to the learner store.
 */
import type { CertificationEntry } from '../../lib/quiz/certification-schema.ts';
import { attemptTrend } from '../../lib/quiz/exam.ts';
import {
	defaultMinutes, finishSession, formatClock, isAnswered, newSession, paletteLabel, progress, remainingMs, sessionQuestion,
	type ExamSession, type SessionResult,
} from '../../lib/quiz/exam-session.ts';
import { escapeHtml, type TexRenderer } from '../../lib/quiz/markdown.ts';
import { answerText, questionHtml } from '../../lib/quiz/question-html.ts';
import type { QuizItem } from '../../lib/quiz/schema.ts';
import { learnerStore } from '../../lib/store/shared';
import { loadBank, loadTex } from './client-bank.ts';
import { readResponse, revealFeedback, setLocked, verdict, wireOrdering, writeResponse } from './quiz-dom.ts';
import { saveAnswer } from './quiz-store.ts';

const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;

class ChainruleExam extends HTMLElement {
	private cert!: CertificationEntry;
	private chapterTitles: Record<string, string> = {};
	private bank!: Map<string, QuizItem>;
	private tex!: TexRenderer;
	private session: ExamSession | null = null;
	private timer: number | undefined;
	private warned = new Set<number>();

	private get storageKey(): string {
		return `chainrule-exam:${this.cert.id}`;
	}
	private get stage(): HTMLElement {
		return this.querySelector('.exam-stage')!;
	}
	private announce(message: string): void {
		this.querySelector('.exam-announcer')!.textContent = message;
	}

	connectedCallback(): void {
		this.cert = JSON.parse(this.querySelector('.exam-cert')!.textContent!) as CertificationEntry;
		this.chapterTitles = JSON.parse(this.querySelector('.chapter-titles')?.textContent ?? '{}') as Record<string, string>;
		const form = this.querySelector<HTMLFormElement>('.exam-setup-form')!;
		const count = form.querySelector<HTMLSelectElement>('#exam-count')!;
		const minutes = form.querySelector<HTMLInputElement>('#exam-minutes')!;
		const syncMinutes = () => (minutes.value = String(defaultMinutes(Number(count.value))));
		const syncTiming = () => (minutes.disabled = form.querySelector<HTMLInputElement>('input[name=timing]:checked')!.value === 'untimed');
		syncMinutes();
		count.addEventListener('change', syncMinutes);
		form.addEventListener('change', syncTiming);
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			const timed = form.querySelector<HTMLInputElement>('input[name=timing]:checked')!.value === 'timed';
			void this.start(Number(count.value), timed ? Math.max(1, Number(minutes.value) || defaultMinutes(Number(count.value))) : null);
		});
		const saved = sessionStorage.getItem(`chainrule-exam:${this.cert.id}`);
		if (saved) void this.resume(JSON.parse(saved) as ExamSession);
	}

	private async ready(): Promise<void> {
		[this.bank, this.tex] = await Promise.all([loadBank(), loadTex()]);
	}

	private async start(count: number, minutes: number | null): Promise<void> {
		await this.ready();
		this.session = newSession(this.cert, [...this.bank.values()], { count, minutes, seed: randomSeed(), now: Date.now() });
		this.save();
		this.showExam();
	}

	private async resume(session: ExamSession): Promise<void> {
		await this.ready();
		this.session = session;
		if (remainingMs(session, Date.now()) === 0) return this.finish('Time ran out while you were away; your answers were submitted.');
		this.showExam();
		this.announce('Resumed your practice exam where you left off.');
	}

	private save(): void {
		if (this.session) sessionStorage.setItem(this.storageKey, JSON.stringify(this.session));
	}

	// ---- the exam ------------------------------------------------------------------------------------------

	private showExam(): void {
		const s = this.session!;
		const n = s.exam.questions.length;
		this.stage.innerHTML = `
			<section class="exam-run" aria-labelledby="exam-run-heading">
				<h2 id="exam-run-heading" tabindex="-1">Practice exam: ${escapeHtml(this.cert.code)}</h2>
				<div class="exam-bar">
					<p class="exam-position"></p>
					<p class="exam-progress"></p>
					<p class="exam-timer" role="timer" aria-label="Time left"></p>
				</div>
				<div class="exam-question"></div>
				<div class="exam-nav">
					<button type="button" class="exam-prev">Previous</button>
					<button type="button" class="exam-flag" aria-pressed="false">Flag for review</button>
					<button type="button" class="exam-next">Next</button>
				</div>
				<nav class="exam-palette" aria-label="Questions"><ol>${Array.from({ length: n }, (_, i) => `<li><button type="button" data-goto="${i}">${i + 1}</button></li>`).join('')}</ol></nav>
				<div class="exam-submit-area">
					<button type="button" class="quiz-button primary exam-submit">Submit the exam</button>
					<div class="exam-confirm" hidden>
						<p class="exam-confirm-text"></p>
						<button type="button" class="quiz-button primary exam-confirm-yes">Submit now</button>
						<button type="button" class="quiz-button exam-confirm-no">Keep working</button>
					</div>
				</div>
			</section>`;
		const run = this.stage.querySelector<HTMLElement>('.exam-run')!;
		run.querySelector('.exam-prev')!.addEventListener('click', () => this.goto(s.current - 1));
		run.querySelector('.exam-next')!.addEventListener('click', () => this.goto(s.current + 1));
		run.querySelector('.exam-flag')!.addEventListener('click', () => {
			s.flagged[s.current] = !s.flagged[s.current];
			this.save();
			this.refreshChrome();
		});
		run.querySelector('.exam-palette')!.addEventListener('click', (e) => {
			const b = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-goto]');
			if (b) this.goto(Number(b.dataset.goto));
		});
		run.querySelector('.exam-submit')!.addEventListener('click', () => this.confirmSubmit());
		run.querySelector('.exam-confirm-yes')!.addEventListener('click', () => void this.finish());
		run.querySelector('.exam-confirm-no')!.addEventListener('click', () => {
			run.querySelector<HTMLElement>('.exam-confirm')!.hidden = true;
			run.querySelector<HTMLButtonElement>('.exam-submit')!.focus();
		});
		const question = run.querySelector<HTMLElement>('.exam-question')!;
		const record = () => {
			const item = sessionQuestion(s, this.bank, s.current);
			const r = readResponse(question, item);
			s.responses[s.current] = r === 'invalid' ? null : r;
			if (item.type !== 'ordering') s.touched[s.current] = true;
			this.save();
			this.refreshChrome();
		};
		question.addEventListener('input', record);
		question.addEventListener('change', record);
		wireOrdering(question, (m) => this.announce(m), () => {
			s.touched[s.current] = true;
			record();
		});
		this.renderQuestion();
		run.querySelector<HTMLElement>('#exam-run-heading')!.focus();
		this.startTimer();
	}

	private goto(i: number): void {
		const s = this.session!;
		if (i < 0 || i >= s.exam.questions.length) return;
		s.current = i;
		this.save();
		this.renderQuestion();
		this.stage.querySelector<HTMLElement>('.exam-question .quiz-prompt')?.setAttribute('tabindex', '-1');
		this.stage.querySelector<HTMLElement>('.exam-question .quiz-prompt')?.focus();
	}

	private renderQuestion(): void {
		const s = this.session!;
		const i = s.current;
		const item = sessionQuestion(s, this.bank, i);
		const box = this.stage.querySelector<HTMLElement>('.exam-question')!;
		box.innerHTML = questionHtml(item, { uid: `exam-q${i}`, tex: this.tex, heading: `Question ${i + 1} of ${s.exam.questions.length}` });
		if (s.touched[i] || item.type !== 'ordering') writeResponse(box, item, s.responses[i] ?? null);
		this.refreshChrome();
	}

	private refreshChrome(): void {
		const s = this.session!;
		const run = this.stage.querySelector<HTMLElement>('.exam-run');
		if (!run) return;
		const p = progress(s);
		run.querySelector('.exam-position')!.textContent = `Question ${s.current + 1} of ${s.exam.questions.length}`;
		run.querySelector('.exam-progress')!.textContent = `${p.answered} answered · ${p.flagged} flagged`;
		const flag = run.querySelector<HTMLButtonElement>('.exam-flag')!;
		flag.setAttribute('aria-pressed', String(s.flagged[s.current]));
		flag.textContent = s.flagged[s.current] ? 'Flagged for review' : 'Flag for review';
		run.querySelector<HTMLButtonElement>('.exam-prev')!.disabled = s.current === 0;
		run.querySelector<HTMLButtonElement>('.exam-next')!.disabled = s.current === s.exam.questions.length - 1;
		run.querySelectorAll<HTMLButtonElement>('[data-goto]').forEach((b) => {
			const i = Number(b.dataset.goto);
			b.setAttribute('aria-label', paletteLabel(s, i));
			b.classList.toggle('is-answered', isAnswered(s, i));
			b.classList.toggle('is-flagged', s.flagged[i]!);
			if (i === s.current) b.setAttribute('aria-current', 'step');
			else b.removeAttribute('aria-current');
		});
		this.tick();
	}

	private startTimer(): void {
		clearInterval(this.timer);
		this.timer = window.setInterval(() => this.tick(), 1000);
	}

	private tick(): void {
		const s = this.session;
		const el = this.stage.querySelector('.exam-timer');
		if (!s || !el) return;
		const left = remainingMs(s, Date.now());
		if (left === null) {
			el.textContent = 'Untimed';
			return;
		}
		el.textContent = `Time left ${formatClock(left)}`;
		for (const minutes of [5, 1]) {
			if (left <= minutes * 60_000 && left > 0 && !this.warned.has(minutes) && s.durationMs! > minutes * 60_000) {
				this.warned.add(minutes);
				this.announce(`${minutes} minute${minutes === 1 ? '' : 's'} left.`);
			}
		}
		if (left === 0) void this.finish('Time is up; your answers were submitted.');
	}

	private confirmSubmit(): void {
		const p = progress(this.session!);
		const confirm = this.stage.querySelector<HTMLElement>('.exam-confirm')!;
		if (p.unanswered === 0 && p.flagged === 0) return void this.finish();
		confirm.querySelector('.exam-confirm-text')!.textContent =
			`${p.unanswered} unanswered and ${p.flagged} flagged question${p.flagged === 1 ? '' : 's'}. Unanswered questions count as wrong. Submit anyway?`;
		confirm.hidden = false;
		confirm.querySelector<HTMLButtonElement>('.exam-confirm-yes')!.focus();
	}

	// ---- the report ----------------------------------------------------------------------------------------

	private async finish(notice?: string): Promise<void> {
		const s = this.session;
		if (!s) return;
		clearInterval(this.timer);
		this.session = null;
		sessionStorage.removeItem(this.storageKey);
		const result = finishSession(s, this.cert, this.bank);
		const history = await this.saveResult(s, result);
		this.showReport(s, result, history, notice);
	}

	private async saveResult(s: ExamSession, { items, grades, report }: SessionResult): Promise<{ at: number; percent: number }[]> {
		try {
			const store = await learnerStore();
			await store.recordExam({
				certId: this.cert.id,
				seed: s.exam.seed,
				startedAt: s.startedAt,
				finishedAt: Date.now(),
				timed: s.deadline !== null,
				score: report.points,
				maxScore: report.total,
				domainScores: report.domains.map((d) => ({ domainId: d.domainId, score: d.points, maxScore: d.total })),
				answers: items.map((d, i) => ({ itemId: d.id, answer: s.responses[i] ?? null, correct: grades[i]!.correct, flagged: s.flagged[i]! })),
			});
			for (const [i, d] of items.entries()) await saveAnswer(d, isAnswered(s, i) ? s.responses[i]! : null, grades[i]!, { mode: 'exam' });
			return (await store.exams(this.cert.id))
				.sort((a, b) => a.finishedAt - b.finishedAt)
				.map((e) => ({ at: e.finishedAt, percent: e.maxScore ? Math.round((1000 * e.score) / e.maxScore) / 10 : 0 }));
		} catch (error) {
			console.warn('Chainrule: could not save the exam', error);
			return [{ at: Date.now(), percent: report.percent }];
		}
	}

	private showReport(s: ExamSession, { items, grades, report }: SessionResult, history: { at: number; percent: number }[], notice?: string): void {
		const domainName = new Map(this.cert.domains.map((d) => [d.id, d.name]));
		const trend = attemptTrend(history.map((h) => h.percent));
		const rows = report.domains
			.map((d) => `<tr><th scope="row">${escapeHtml(d.name)}</th><td>${d.total}</td><td>${d.total ? `${d.percent} %` : '–'}</td>` +
				`<td class="${d.total === 0 ? '' : d.passed ? 'is-pass' : 'is-fail'}">${d.total === 0 ? 'No questions drawn' : d.passed ? 'At or above' : 'Below'}</td></tr>`)
			.join('');
		const chapters = report.readiness.chaptersToReview
			.map((c) => `<li><a href="/chapters/${c}/">${escapeHtml(this.chapterTitles[c] ?? c)}</a></li>`)
			.join('');
		const dateOf = (t: number) => new Date(t).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
		this.stage.innerHTML = `
			<section class="exam-report" aria-labelledby="exam-report-heading">
				<h2 id="exam-report-heading" tabindex="-1">Your result: ${report.percent} %</h2>
				${notice ? `<p class="exam-notice">${escapeHtml(notice)}</p>` : ''}
				<p class="exam-verdict ${report.passed ? 'is-pass' : 'is-fail'}">${report.passed ? 'At or above' : 'Below'} the ${report.passLine} % pass line
					(${report.points} of ${report.total} right). Readiness: <strong>${{ ready: 'ready', close: 'close', 'not-yet': 'not yet' }[report.readiness.level]}</strong>.</p>
				<p>${escapeHtml(report.readiness.summary)}</p>
				<div class="exam-table-wrap" tabindex="0" role="region" aria-labelledby="exam-domains-caption"><table class="exam-domains">
					<caption id="exam-domains-caption">Score per domain, against the ${report.passLine} % pass line</caption>
					<thead><tr><th scope="col">Domain</th><th scope="col">Questions</th><th scope="col">Score</th><th scope="col">Against the pass line</th></tr></thead>
					<tbody>${rows}</tbody>
				</table></div>
				${chapters ? `<h3>Chapters to revisit</h3><ul>${chapters}</ul>` : ''}
				<h3>Your attempts</h3>
				<p>${history.length} attempt${history.length === 1 ? '' : 's'}; mean of the last three ${trend.recentMean} %${history.length > 1 ? `, ${trend.change >= 0 ? 'up' : 'down'} ${Math.abs(trend.change)} points since the first` : ''}.</p>
				<div class="exam-chart"><canvas role="img" aria-label="Line chart of your scores per attempt against the pass line; the same data is in the table below."></canvas></div>
				<table class="exam-history"><caption>Attempts at ${escapeHtml(this.cert.code)}</caption>
					<thead><tr><th scope="col">#</th><th scope="col">Finished</th><th scope="col">Score</th></tr></thead>
					<tbody>${history.map((h, i) => `<tr><td>${i + 1}</td><td>${dateOf(h.at)}</td><td>${h.percent} %</td></tr>`).join('')}</tbody>
				</table>
				<h3>Every question, with explanations</h3>
				<ol class="quiz-list exam-review-list"></ol>
				<button type="button" class="quiz-button primary exam-again">Take another practice exam</button>
			</section>`;
		const list = this.stage.querySelector('.exam-review-list')!;
		items.forEach((item, i) => {
			const li = document.createElement('li');
			li.className = 'exam-question';
			li.dataset.itemId = item.id;
			const answered = isAnswered(s, i);
			const g = grades[i]!;
			li.innerHTML =
				questionHtml(item, { uid: `exam-review-q${i}`, tex: this.tex, heading: `Question ${i + 1} · ${domainName.get(s.exam.questions[i]!.domainId) ?? ''}` }) +
				`<p class="quiz-result" data-verdict="${g.correct ? 'right' : 'wrong'}">${answered ? verdict(g) : 'Not answered.'}${s.flagged[i] ? ' (You flagged it.)' : ''} The answer: ${escapeHtml(answerText(item))}.</p>`;
			const q = li.querySelector<HTMLElement>('.quiz-q')!;
			if (answered) writeResponse(q, item, s.responses[i]!);
			revealFeedback(q, item, answered ? s.responses[i]! : null);
			setLocked(q, true);
			list.append(li);
		});
		this.stage.querySelector('.exam-again')!.addEventListener('click', () => location.reload());
		const canvas = this.stage.querySelector<HTMLCanvasElement>('.exam-chart canvas')!;
		void import('./exam-chart.ts').then(({ drawHistory }) =>
			drawHistory(canvas, history.map((_, i) => String(i + 1)), history.map((h) => h.percent), report.passLine),
		);
		this.stage.querySelector<HTMLElement>('#exam-report-heading')!.focus();
	}
}

if (!customElements.get('chainrule-exam')) customElements.define('chainrule-exam', ChainruleExam);
