/**
 * Puts run and check output into the lab page's output panels. DOM only; the wording comes from report.ts.
 */
import type { CheckResult, GradingResult } from '../../../labs/_kit/result';
import type { LogEntry } from '../../../labs/_kit/sandbox/console-capture';
import type { CheckOutline, RunProblem } from './protocol';
import { checkView, formatPoints, progressText, summarize, type HeatMapView } from './report';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
	const node = document.createElement(tag);
	if (className) node.className = className;
	if (text !== undefined) node.textContent = text;
	return node;
};

/** Console lines, rendered in animation frames so a burst of messages costs one layout. */
export class ConsoleView {
	private queue: LogEntry[] = [];
	private frame = 0;
	private count = 0;

	constructor(
		private readonly list: HTMLElement,
		private readonly onCount: (count: number) => void,
		private readonly maxLines = 1_000,
	) {}

	clear(): void {
		this.queue = [];
		this.count = 0;
		this.list.replaceChildren();
		this.onCount(0);
		this.showEmpty();
	}

	append(entries: LogEntry[]): void {
		this.queue.push(...entries);
		if (!this.frame) this.frame = requestAnimationFrame(() => this.drain());
	}

	note(text: string, level: LogEntry['level'] = 'info'): void {
		this.append([{ level, text }]);
	}

	/** Renders everything queued now (end of a run). */
	drain(): void {
		if (this.frame) cancelAnimationFrame(this.frame);
		this.frame = 0;
		if (this.queue.length === 0) return;
		this.list.querySelector('.lab-empty')?.remove();
		const fragment = document.createDocumentFragment();
		for (const entry of this.queue.splice(0)) {
			if (this.count >= this.maxLines) break;
			const line = el('li', `log log-${entry.level}`);
			if (entry.level === 'warn' || entry.level === 'error') line.append(el('span', 'visually-hidden', `${entry.level === 'warn' ? 'Warning' : 'Error'}: `));
			line.append(entry.text);
			fragment.append(line);
			this.count++;
		}
		this.list.append(fragment);
		this.onCount(this.count);
	}

	showEmpty(): void {
		if (this.count === 0 && !this.list.querySelector('.lab-empty')) this.list.append(el('li', 'lab-empty', 'Nothing printed yet. console.log(...) in your code prints here.'));
	}
}

/** The Errors panel: a message, and where it happened with a button that jumps there. */
export function renderProblem(host: HTMLElement, problem: RunProblem | null, goTo: (p: RunProblem) => void): void {
	host.replaceChildren();
	if (!problem) {
		host.append(el('p', 'lab-empty', 'No errors.'));
		return;
	}
	const box = el('div', 'lab-problem');
	box.setAttribute('role', 'alert');
	if (problem.location) {
		const where = el('p', 'lab-problem-where');
		where.append(el('strong', undefined, `Line ${problem.location.line}, column ${problem.location.column}`), ' of your file');
		box.append(where);
	}
	box.append(el('pre', 'lab-problem-message', problem.message));
	if (problem.location) {
		const button = el('button', 'lab-button lab-button-small', `Go to line ${problem.location.line}`);
		button.type = 'button';
		button.addEventListener('click', () => goTo(problem));
		box.append(button);
	}
	host.append(box);
}

function heatMap(view: HeatMapView): HTMLElement {
	const figure = el('figure', 'lab-heatmap');
	const grid = el('div', 'lab-heatmap-grid');
	grid.setAttribute('role', 'img');
	grid.setAttribute('aria-label', view.description);
	grid.style.gridTemplateColumns = `repeat(${view.cols}, auto)`;
	for (const cell of view.cells) {
		const span = el('span');
		span.style.setProperty('--heat', cell.intensity.toFixed(3));
		span.title = `row ${cell.row + 1}, column ${cell.col + 1}: ${Number.isNaN(cell.value) ? 'NaN' : cell.value.toExponential(2)}`;
		grid.append(span);
	}
	const caption = el('figcaption', undefined, view.description);
	figure.append(grid, caption);
	return figure;
}

function checkItem(check: CheckResult, labPassed: boolean): HTMLElement {
	const view = checkView(check, { labPassed });
	const item = el('li', `lab-check lab-check-${view.status}`);
	item.dataset.checkId = view.id;
	item.dataset.status = view.status;
	const head = el('div', 'lab-check-head');
	head.append(el('span', 'lab-check-status', view.statusLabel), el('span', 'lab-check-title', view.title), el('span', 'lab-check-points', view.points));
	item.append(head);
	if (!view.detailed) {
		item.append(el('p', 'lab-check-hidden', 'Hidden check: its details show once you pass the lab.'));
		return item;
	}
	if (view.mistake) {
		const mistake = el('p', 'lab-mistake');
		mistake.append(el('strong', undefined, 'Known mistake: '), view.mistake.message);
		item.append(mistake);
	}
	if (view.message && (!view.mistake || !view.message.includes(view.mistake.message))) item.append(el('p', 'lab-check-message', view.message));
	else if (view.message && view.mistake) item.append(el('p', 'lab-check-message', view.message.replace(view.mistake.message, '').trim()));
	if (view.worst) item.append(el('p', 'lab-check-worst', view.worst));
	if (view.tolerance) item.append(el('p', 'lab-check-tolerance', view.tolerance));
	if (view.heatMap) item.append(heatMap(view.heatMap));
	return item;
}

export interface ReportState {
	outline: CheckOutline[];
	results: CheckResult[];
}

/** The Check report: a summary line, then each check (pending ones listed as pending while grading). */
export function renderReport(
	host: HTMLElement,
	state: { result?: GradingResult; outline?: CheckOutline[]; partial?: CheckResult[]; labPassed: boolean; revealed: boolean; caption?: string },
): void {
	host.replaceChildren();
	if (state.caption) host.append(el('p', 'lab-report-caption', state.caption));
	if (state.result) {
		const summary = el('p', 'lab-report-summary');
		summary.dataset.score = String(state.result.score);
		summary.dataset.maxScore = String(state.result.maxScore);
		summary.append(el('strong', undefined, summarize(state.result)));
		if (state.result.score === state.result.maxScore) summary.append(' · full marks');
		if (state.revealed) summary.append(el('span', 'lab-revealed', ' · solution revealed'));
		host.append(summary);
	} else if (state.outline) {
		host.append(el('p', 'lab-report-summary', progressText(state.partial?.length ?? 0, state.outline.length)));
	} else {
		host.append(el('p', 'lab-empty', 'No checks yet. Press Check (Ctrl+Shift+Enter) to grade your code.'));
		return;
	}
	const list = el('ol', 'lab-checks');
	const results = state.result?.checks ?? state.partial ?? [];
	const outline = state.outline ?? results.map((r) => ({ id: r.id, title: r.title, maxPoints: r.maxPoints, hidden: !!r.hidden }));
	for (const check of outline) {
		const result = results.find((r) => r.id === check.id);
		if (result) {
			list.append(checkItem(result, state.labPassed));
		} else {
			const item = el('li', 'lab-check lab-check-pending');
			const head = el('div', 'lab-check-head');
			head.append(el('span', 'lab-check-status', 'Pending'), el('span', 'lab-check-title', check.title), el('span', 'lab-check-points', formatPoints(0, check.maxPoints)));
			item.append(head);
			list.append(item);
		}
	}
	host.append(list);
}
