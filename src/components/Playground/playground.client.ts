/**
 * The playground's page side: reads the controls (a form whose field names are the URL's
 * parameter names), keeps the URL in step, drives the training worker, and draws what it sends:
 * the decision boundary as a canvas heat map and the losses with chart.js. All training happens
 * in the worker; this thread only draws, at most a few times a second.
 */
import {
	drawHeatmap,
	type Extent,
	type HeatmapGrid,
	type PlotPoints,
} from '../figures/kit/heatmap.ts';
import { lineChart, recolor, type Chart } from '../figures/kit/chart.ts';
import { currentTheme } from '../figures/kit/live-figure.ts';
import { paletteFor, type Palette } from '../figures/kit/palette.ts';
import { formatNumber, formatPercent } from '../figures/kit/table.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import {
	parseSettings,
	serializeSettings,
	withSettings,
	type PlaygroundSettings,
} from './settings.ts';
import type { Metrics } from './trainer.ts';

const GRID_RES = 48;
const MAX_CHART_POINTS = 600;

type Points = PlotPoints & { classes: number };

export function mountPlayground(root: HTMLElement): () => void {
	const $ = <T extends Element>(part: string): T => {
		const el = root.querySelector<T & Element>(`[data-part="${part}"]`);
		if (!el) throw new Error(`playground: missing data-part="${part}"`);
		return el as T;
	};
	const form = $<HTMLFormElement>('form');
	const playButton = $<HTMLButtonElement>('play');
	const stepButton = $<HTMLButtonElement>('step');
	const resetButton = $<HTMLButtonElement>('reset');
	const copyButton = $<HTMLButtonElement>('copy');
	const notesEl = $<HTMLElement>('notes');
	const announceEl = $<HTMLElement>('announce');
	const boundaryCanvas = $<HTMLCanvasElement>('boundary');
	const lossCanvas = $<HTMLCanvasElement>('loss');
	const noiseOut = $<HTMLOutputElement>('noise-value');
	const stat = (name: string) => $<HTMLElement>(`stat-${name}`);

	const syncUrl = root.dataset.syncUrl === 'true';
	const preset = parseSettings(root.dataset.preset ?? '').settings;
	const initial = parseSettings(syncUrl ? location.search : '', preset);
	let settings: PlaygroundSettings = initial.settings;
	let palette: Palette = paletteFor(currentTheme());
	let running = false;
	let config = 0;
	let points: Points | null = null;
	let extent: Extent = { xMin: -1.2, xMax: 1.2, yMin: -1.2, yMax: 1.2 };
	let grid: HeatmapGrid | null = null;
	let lastMetrics: Metrics | null = null;
	let lossHistory: { epoch: number; train: number; test: number }[] = [];
	let chartDirty = false;

	showNotes(initial.notes);
	fillForm(settings);

	const chart: Chart = lineChart(
		lossCanvas,
		[
			{ label: 'training loss', x: [], y: [] },
			{ label: 'test loss', x: [], y: [] },
		],
		{ x: { title: 'epoch', min: 0 }, y: { title: 'cross-entropy loss', min: 0 } },
		// live updates never animate: the only motion is training, and it starts only on Play
		{ palette, reducedMotion: true },
	);

	const worker = new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module',
		name: 'playground-trainer',
	});
	const send = (message: ToWorker) => worker.postMessage(message);
	worker.addEventListener('message', (event: MessageEvent<FromWorker>) => receive(event.data));
	worker.addEventListener('error', (event) => {
		setRunning(false);
		showNotes([`The training worker failed: ${event.message || 'unknown error'}.`], true);
	});

	function receive(message: FromWorker): void {
		if (message.type === 'error') {
			setRunning(false);
			showNotes([`Training stopped: ${message.message}`], true);
			return;
		}
		if (message.config !== config) return; // from a configuration that has been replaced
		if (message.type === 'data') {
			const isTest = message.isTest;
			points = {
				xy: message.xy,
				labels: message.labels,
				hollow: (i) => isTest[i] === 1,
				classes: message.classes,
			};
			extent = message.extent;
			grid = null;
			stat('params').textContent = String(message.parameters);
			root.dataset.classes = String(message.classes);
		} else if (message.type === 'frame') {
			lastMetrics = message.metrics;
			showMetrics(message.metrics);
			if (message.grid && points) {
				grid = { res: GRID_RES, classes: points.classes, probs: message.grid, extent };
				drawBoundary();
			}
			record(message.metrics);
			// `message.running` is not adopted here: a frame sent before a Play click can arrive after it.
			// The worker stops on its own only by diverging or failing, and says so in its own message.
		} else if (message.type === 'diverged') {
			setRunning(false);
			showNotes(
				[
					`The loss became infinite or NaN at epoch ${message.epoch}: the steps are too big. Lower the learning rate and press Reset.`,
				],
				true,
			);
			announce(`Training diverged at epoch ${message.epoch}.`);
		}
	}

	function configure(): void {
		config++;
		lossHistory = [];
		chart.data.datasets.forEach((d) => (d.data = []));
		chart.update('none');
		lastMetrics = null;
		// the worker counts configurations the same way, so replies to an older one are dropped
		send({ type: 'configure', settings, gridRes: GRID_RES });
	}

	function record(m: Metrics): void {
		const last = lossHistory[lossHistory.length - 1];
		if (last && last.epoch === m.epoch) return;
		lossHistory.push({ epoch: m.epoch, train: m.trainLoss, test: m.testLoss });
		// thin out old points so the chart stays cheap on long runs
		if (lossHistory.length > MAX_CHART_POINTS)
			lossHistory = lossHistory.filter((_, i) => i % 2 === 0 || i === lossHistory.length - 1);
		if (!chartDirty) {
			chartDirty = true;
			setTimeout(() => requestAnimationFrame(drawChart), 200);
		}
	}

	function drawChart(): void {
		chartDirty = false;
		const finite = (v: number) => (Number.isFinite(v) ? v : null);
		chart.data.datasets[0].data = lossHistory.map((h) => ({
			x: h.epoch,
			y: finite(h.train) as number,
		}));
		chart.data.datasets[1].data = lossHistory.map((h) => ({
			x: h.epoch,
			y: finite(h.test) as number,
		}));
		chart.update('none');
	}

	function drawBoundary(): void {
		if (!grid) return;
		drawHeatmap(boundaryCanvas, grid, points, palette);
		root.dataset.drawn = 'true';
	}

	function showMetrics(m: Metrics): void {
		stat('epoch').textContent = String(m.epoch);
		stat('train-loss').textContent = formatNumber(m.trainLoss, 3);
		stat('test-loss').textContent = formatNumber(m.testLoss, 3);
		stat('train-acc').textContent = formatPercent(m.trainAccuracy);
		stat('test-acc').textContent = formatPercent(m.testAccuracy);
		root.dataset.epoch = String(m.epoch);
	}

	function announce(text: string): void {
		announceEl.textContent = text;
	}

	function summary(): string {
		if (!lastMetrics) return '';
		const m = lastMetrics;
		return `Epoch ${m.epoch}: test accuracy ${formatPercent(m.testAccuracy)}, test loss ${formatNumber(m.testLoss, 3)}.`;
	}

	function showNotes(notes: string[], isError = false): void {
		const list = document.createElement('ul');
		list.append(
			...notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })),
		);
		notesEl.replaceChildren(...(notes.length > 0 ? [list] : []));
		notesEl.hidden = notes.length === 0;
		notesEl.classList.toggle('is-error', isError);
	}

	function setRunning(value: boolean): void {
		running = value;
		playButton.textContent = value ? 'Pause' : 'Play';
		playButton.dataset.running = String(value);
		root.dataset.running = String(value);
	}

	function fillForm(s: PlaygroundSettings): void {
		const params = new URLSearchParams(serializeSettings(s));
		for (const [name, value] of params) {
			const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
			if (field) field.value = value;
		}
		noiseOut.value = String(s.noise);
	}

	function readForm(): void {
		const parsed = parseSettings(
			new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
			settings,
		);
		settings = parsed.settings;
		noiseOut.value = String(settings.noise);
		showNotes(parsed.notes);
		if (syncUrl) writeUrl();
	}

	function writeUrl(): void {
		try {
			window.history.replaceState(window.history.state, '', withSettings(location.href, settings));
		} catch {
			// a sandboxed page may refuse; the settings still apply
		}
	}

	form.addEventListener('change', () => {
		readForm();
		configure();
		announce(
			`Settings changed; the network was reset. ${running ? 'Training continues.' : 'Press Play to train.'}`,
		);
	});
	form.addEventListener('input', (event) => {
		if ((event.target as HTMLElement).getAttribute('name') === 'noise')
			noiseOut.value = (event.target as HTMLInputElement).value;
	});
	form.addEventListener('submit', (event) => event.preventDefault());

	playButton.addEventListener('click', () => {
		if (running) {
			setRunning(false);
			send({ type: 'pause' });
			setTimeout(() => announce(`Paused. ${summary()}`), 150);
		} else {
			setRunning(true);
			showNotes([]);
			send({ type: 'play' });
			announce('Training.');
		}
	});
	stepButton.addEventListener('click', () => {
		setRunning(false);
		send({ type: 'step' });
		setTimeout(() => announce(summary()), 150);
	});
	resetButton.addEventListener('click', () => {
		configure();
		announce(`Network reset to epoch 0. ${running ? 'Training continues.' : ''}`);
	});
	copyButton.addEventListener('click', async () => {
		const url = withSettings(location.href, settings);
		try {
			await navigator.clipboard.writeText(url);
			announce('Link to these settings copied.');
			copyButton.textContent = 'Link copied';
		} catch {
			announce(`Copy this link: ${url}`);
			copyButton.textContent = 'Copy failed';
		}
		setTimeout(() => (copyButton.textContent = 'Copy link'), 2000);
	});

	const themeObserver = new MutationObserver(() => {
		palette = paletteFor(currentTheme());
		recolor(chart, palette);
		drawBoundary();
	});
	themeObserver.observe(document.documentElement, {
		attributes: true,
		attributeFilter: ['data-theme'],
	});
	const resize = new ResizeObserver(() => drawBoundary());
	resize.observe(boundaryCanvas);

	setRunning(false);
	configure();
	root.dataset.state = 'ready';

	return () => {
		worker.terminate();
		themeObserver.disconnect();
		resize.disconnect();
		chart.destroy();
	};
}
