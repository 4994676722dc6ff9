/**
 * The lab page in the browser: the editor, Run and Check in the sandbox worker, the output panels, and the
 * learner's saved work (drafts, attempts, best score, revealed solution) in the store. Learner code never
 * runs here; the store is reachable only from this page.
 */
import { attemptSeed } from '../../../labs/_kit/seed';
import { ENGINE_VERSION } from '../../../labs/_kit/version';
import type { CheckResult, GradingResult } from '../../../labs/_kit/result';
import { learnerStore } from '../../lib/store/shared';
import type { LearnerStore } from '../../lib/store/learner-store';
import type { LabProgressRecord } from '../../lib/store/schema';
import { labRegistry } from '../../lib/labs/registry';
import { createDraftSaver } from './draft-saver';
import { createCodeEditor, type CodeEditor } from './editor';
import { ConsoleView, renderProblem, renderReport } from './output';
import { renderPlots } from './plots';
import type { CheckOutline, DeviceChoice, RunProblem, SandboxMessage } from './protocol';
import { SandboxHost, timeLimitMessage, type RunEnd } from './sandbox-host';
import { createSandboxWorker } from './sandbox-worker';
import { labStatus } from './status';
import { crashMessage, createRunMarker, sessionStorageOrNull } from './run-marker';
import { offerWebgpu } from './device';
import { setupTabs } from './tabs';
import { unfinishedResult } from './report';

interface LabPageTestHooks {
	ready: boolean;
	setSource(code: string): void;
	getSource(): string;
	/** Shortens the time limit (browser tests use ~2 s instead of the lab's 10 s). */
	setTimeLimitMs(ms: number): void;
	editorKind(): string;
}

declare global {
	interface Window {
		chainruleLab?: LabPageTestHooks;
	}
}

const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T => {
	const found = root.querySelector<T>(selector);
	if (!found) throw new Error(`lab page: missing element ${selector}`);
	return found;
};

async function main(root: HTMLElement): Promise<void> {
	const labId = root.dataset.labId!;
	const labTitle = root.dataset.labTitle ?? labId;
	const maxScore = Number(root.dataset.points);
	let timeLimitMs = Number(root.dataset.timeLimitMs) || 10_000;
	const starter = JSON.parse($(root, '#lab-starter').textContent || '""') as string;

	const ui = {
		run: $<HTMLButtonElement>(root, '#lab-run'),
		check: $<HTMLButtonElement>(root, '#lab-check'),
		reset: $<HTMLButtonElement>(root, '#lab-reset'),
		reveal: $<HTMLButtonElement>(root, '#lab-reveal'),
		device: $<HTMLSelectElement>(root, '#lab-device'),
		deviceNote: $(root, '#lab-device-note'),
		status: $(root, '#lab-status'),
		progress: $<HTMLProgressElement>(root, '#lab-progress'),
		best: $(root, '#lab-best'),
		editor: $(root, '#lab-editor'),
		consoleList: $(root, '#lab-console'),
		returned: $(root, '#lab-returned'),
		plots: $(root, '#lab-plots'),
		errors: $(root, '#lab-errors'),
		report: $(root, '#lab-report'),
		resetDialog: $<HTMLDialogElement>(root, '#lab-reset-dialog'),
		revealDialog: $<HTMLDialogElement>(root, '#lab-reveal-dialog'),
		solution: $(root, '#lab-solution'),
		solutionCode: $(root, '#lab-solution-code'),
	};
	const tabs = setupTabs($(root, '[role="tablist"]'));
	const consoleView = new ConsoleView(ui.consoleList, (n) => tabs.setCount('console', n));
	consoleView.showEmpty();
	renderProblem(ui.errors, null, () => {});

	const setStatus = (text: string) => {
		ui.status.textContent = text;
	};

	// ---- the store ----------------------------------------------------------------------------------------
	let store: LearnerStore | null = null;
	let learnerId = 'anonymous';
	let progress: LabProgressRecord | undefined;
	let attemptCount = 0;
	let lastResult: GradingResult | undefined;
	let draftCode: string | undefined;
	try {
		store = await learnerStore();
		learnerId = await store.learnerId();
		const [draft, saved, attempts] = await Promise.all([store.getDraft(labId), store.labProgress(labId), store.attempts(labId)]);
		draftCode = draft?.code;
		progress = saved;
		attemptCount = attempts.length;
		lastResult = attempts.at(-1)?.result;
	} catch (error) {
		console.error('Chainrule: the progress store is not available; nothing will be saved.', error);
		setStatus('Your browser does not let this page save progress (private mode?); your code is not saved.');
	}

	const showBest = () => {
		dispatchEvent(new Event('chainrule:lab-progress'));
		ui.best.textContent = progress && progress.attempts > 0 ? labStatus(progress).label : `Not checked yet · ${maxScore} points`;
		ui.best.dataset.passed = String(!!progress?.passed);
		ui.reveal.disabled = attemptCount === 0;
		ui.reveal.title = attemptCount === 0 ? 'Available after your first Check' : '';
	};
	showBest();
	const showReport = (result: GradingResult | undefined, caption?: string) =>
		renderReport(ui.report, { result, labPassed: !!progress?.passed, revealed: progress?.revealedAt != null, caption });
	showReport(lastResult, lastResult ? `Your last check (attempt ${attemptCount}).` : undefined);

	// ---- the editor ---------------------------------------------------------------------------------------
	let editor: CodeEditor | null = null;
	const saver = createDraftSaver({
		save: async (code) => {
			await store?.saveDraft(labId, code);
		},
		onError: (error) => console.error('Chainrule: could not save your draft.', error),
	});
	addEventListener('pagehide', () => void saver.flush());
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') void saver.flush();
	});

	// ---- the sandbox --------------------------------------------------------------------------------------
	const host = new SandboxHost({ createWorker: createSandboxWorker });
	host.prewarm();
	const marker = createRunMarker(sessionStorageOrNull(), labId);
	const crashed = marker.takePrevious();
	addEventListener('pagehide', () => marker.end());
	let busy = false;
	const setBusy = (on: boolean, what?: string) => {
		busy = on;
		ui.run.disabled = on;
		ui.check.disabled = on;
		root.toggleAttribute('data-busy', on);
		if (on && what) setStatus(what);
	};

	const showProblem = (problem: RunProblem | null) => {
		renderProblem(ui.errors, problem, (p) => p.location && editor?.goTo(p.location));
		tabs.setCount('errors', problem ? 1 : 0);
		editor?.clearProblems();
		if (problem?.location) editor?.showProblem(problem.location, problem.message);
	};

	const deviceChoice = (): DeviceChoice => (ui.device.value === 'webgpu' ? 'webgpu' : 'cpu');
	const onDevice = (message: Extract<SandboxMessage, { kind: 'device' }>) => {
		ui.deviceNote.textContent = `Ran on: ${message.backend === 'webgpu' ? `WebGPU (${message.adapter ?? 'adapter'})` : 'CPU'}${message.note ? `. ${message.note}` : ''}`;
	};

	let destroyPlots: () => void = () => {};
	async function run(): Promise<void> {
		if (busy || !editor) return;
		setBusy(true, 'Running your code…');
		const source = editor.getValue();
		await saver.flush();
		consoleView.clear();
		ui.returned.textContent = '';
		tabs.setCount('result', 0);
		destroyPlots();
		ui.plots.replaceChildren();
		tabs.setCount('plots', 0);
		showProblem(null);
		const started = performance.now();
		marker.begin('run');
		const end = await host.run({ kind: 'run', labId, source, seed: attemptSeed(learnerId, labId, 0, 'run'), device: deviceChoice() }, timeLimitMs, (message) => {
			if (message.kind === 'log') consoleView.append(message.entries);
			else if (message.kind === 'device') onDevice(message);
		});
		marker.end();
		consoleView.drain();
		const seconds = ((performance.now() - started) / 1000).toFixed(2);
		if (end.kind === 'done' && end.message.mode === 'run') {
			const { summary } = end.message;
			if (summary.droppedLogs > 0) consoleView.note(`… ${summary.droppedLogs} more lines were not shown (the console keeps the first 500).`, 'warn');
			consoleView.drain();
			consoleView.showEmpty();
			ui.returned.textContent = summary.returned ?? (summary.problem ? '' : 'main() returned nothing (undefined).');
			tabs.setCount('result', summary.returned !== undefined ? 1 : 0);
			if (summary.plots.length) {
				tabs.setCount('plots', summary.plots.length);
				destroyPlots = await renderPlots(ui.plots, summary.plots);
			} else {
				ui.plots.replaceChildren(Object.assign(document.createElement('p'), { className: 'lab-empty', textContent: "No plots. plot('loss', values) from 'chainrule/lab' draws one." }));
			}
			showProblem(summary.problem ?? null);
			tabs.select(summary.problem ? 'errors' : summary.plots.length ? 'plots' : consoleHasLines() ? 'console' : 'result');
			setStatus(summary.problem ? `Your code stopped with an error (${seconds} s).` : `Ran in ${seconds} s.`);
		} else {
			showEnd(end);
		}
		setBusy(false);
	}
	const consoleHasLines = () => ui.consoleList.querySelector('.log') !== null;

	/** A run or check that did not finish normally. */
	function showEnd(end: RunEnd): void {
		if (end.kind === 'timeout') {
			const message = timeLimitMessage(end.limitMs);
			showProblem({ message, location: null });
			setStatus(message);
		} else if (end.kind === 'crashed') {
			showProblem({ message: end.message, location: null });
			setStatus(end.message);
		} else if (end.kind === 'error') {
			showProblem({ message: end.message.message, location: end.message.location ?? null });
			setStatus(end.message.message);
		} else if (end.kind === 'cancelled') {
			setStatus('Stopped.');
		}
		if (end.kind !== 'cancelled') tabs.select('errors');
	}

	async function check(): Promise<void> {
		if (busy || !editor) return;
		setBusy(true, 'Starting the checks…');
		const source = editor.getValue();
		await saver.flush();
		showProblem(null);
		consoleView.clear();
		const attempt = attemptCount;
		const seed = attemptSeed(learnerId, labId, attempt);
		let outline: CheckOutline[] = [];
		const done: CheckResult[] = [];
		ui.progress.hidden = false;
		ui.progress.removeAttribute('value');
		tabs.select('report');
		renderReport(ui.report, { outline: [], partial: [], labPassed: !!progress?.passed, revealed: false });
		const started = performance.now();
		marker.begin('check');
		const end = await host.run({ kind: 'check', labId, source, seed, device: deviceChoice() }, timeLimitMs, (message) => {
			if (message.kind === 'started') {
				outline = message.checks;
				ui.progress.max = Math.max(1, message.total);
				ui.progress.value = 0;
				setStatus(`Running check 1 of ${message.total}…`);
			} else if (message.kind === 'check') {
				done.push(message.result);
				ui.progress.value = message.index + 1;
				setStatus(message.index + 1 < message.total ? `Running check ${message.index + 2} of ${message.total}…` : `All ${message.total} checks done.`);
			} else if (message.kind === 'log') {
				consoleView.append(message.entries);
				return;
			} else if (message.kind === 'device') {
				onDevice(message);
				return;
			}
			renderReport(ui.report, { outline, partial: done, labPassed: !!progress?.passed, revealed: false });
		});
		marker.end();
		consoleView.drain();
		consoleView.showEmpty();
		ui.progress.hidden = true;
		let result: GradingResult | null = null;
		if (end.kind === 'done' && end.message.mode === 'check') {
			result = end.message.result;
			showProblem(end.message.problem ?? null);
		} else if ((end.kind === 'timeout' || end.kind === 'crashed') && outline.length > 0) {
			const message = end.kind === 'timeout' ? timeLimitMessage(end.limitMs) : end.message;
			result = unfinishedResult({ labId, engineVersion: ENGINE_VERSION, seed, durationMs: performance.now() - started, outline, done, status: end.kind === 'timeout' ? 'timeout' : 'error', message });
			showEnd(end);
		} else {
			showEnd(end);
		}
		if (result) {
			attemptCount++;
			if (store) {
				try {
					progress = await store.recordAttempt(labId, source, result);
				} catch (error) {
					console.error('Chainrule: could not save this attempt.', error);
				}
			}
			showBest();
			lastResult = result;
			showReport(result);
			tabs.select('report');
			const verdict = result.score === result.maxScore ? 'Full marks' : `${result.score} of ${result.maxScore} points`;
			setStatus(`${verdict} (attempt ${attemptCount}, ${((performance.now() - started) / 1000).toFixed(2)} s).`);
		}
		setBusy(false);
	}

	// ---- reset and reveal ---------------------------------------------------------------------------------
	const confirm = (dialog: HTMLDialogElement): Promise<boolean> =>
		new Promise((resolve) => {
			dialog.returnValue = '';
			dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
			dialog.showModal();
		});

	ui.reset.addEventListener('click', async () => {
		if (!editor || !(await confirm(ui.resetDialog))) return;
		editor.setValue(starter);
		saver.cancel(); // the starter is not a draft: the lab shows as not started again until the learner types
		showProblem(null);
		await store?.resetLab(labId).catch(() => {});
		setStatus('Back to the starter code. Your attempts and best score are kept.');
	});

	async function showSolution(): Promise<void> {
		const code = await labRegistry.solutionSource(labId);
		ui.solutionCode.textContent = code;
		ui.solution.hidden = false;
		ui.solution.scrollIntoView({ block: 'nearest' });
		$(ui.solution, 'h2').focus();
	}
	ui.reveal.addEventListener('click', async () => {
		if (attemptCount === 0) return;
		if (progress?.revealedAt == null) {
			if (!(await confirm(ui.revealDialog))) return;
			if (store) progress = await store.markRevealed(labId, maxScore);
			else progress = { labId, bestScore: 0, maxScore, attempts: attemptCount, passed: false, revealedAt: Date.now(), lastAttemptAt: null };
			showBest();
			if (lastResult || ui.report.querySelector('.lab-report-summary')) {
				ui.report.querySelector('.lab-report-summary')?.append(Object.assign(document.createElement('span'), { className: 'lab-revealed', textContent: ' · solution revealed' }));
			}
		}
		await showSolution();
	});

	// ---- device -------------------------------------------------------------------------------------------
	void offerWebgpu(ui.device, ui.deviceNote);

	// ---- buttons and keys ---------------------------------------------------------------------------------
	ui.run.addEventListener('click', () => void run());
	ui.check.addEventListener('click', () => void check());
	document.addEventListener('keydown', (event) => {
		if (!(event.ctrlKey || event.metaKey) || event.key !== 'Enter' || event.altKey) return;
		if (ui.resetDialog.open || ui.revealDialog.open) return;
		event.preventDefault();
		void (event.shiftKey ? check() : run());
	});

	editor = await createCodeEditor(ui.editor, {
		value: draftCode ?? starter,
		ariaLabel: `Code editor for the lab ${labTitle}`,
		onRun: () => void run(),
		onCheck: () => void check(),
	});
	editor.onChange((code) => saver.schedule(code));
	ui.run.disabled = false;
	ui.check.disabled = false;
	ui.reset.disabled = false;
	root.dataset.ready = 'true';
	if (crashed) {
		showProblem({ message: crashMessage(crashed.kind), location: null });
		tabs.select('errors');
		setStatus(crashMessage(crashed.kind));
	}
	if (draftCode !== undefined) setStatus(ui.status.textContent || 'Your saved code is back where you left it.');

	window.chainruleLab = {
		ready: true,
		setSource: (code) => editor!.setValue(code),
		getSource: () => editor!.getValue(),
		setTimeLimitMs: (ms) => {
			timeLimitMs = ms;
		},
		editorKind: () => editor!.kind,
	};
}

const root = document.querySelector<HTMLElement>('[data-lab-runner]');
if (root) {
	main(root).catch((error) => {
		console.error('Chainrule: the lab page failed to start.', error);
		const status = root.querySelector('#lab-status');
		if (status) status.textContent = `The lab could not start: ${error instanceof Error ? error.message : String(error)}`;
	});
}
