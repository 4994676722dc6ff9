/**
 * Draws the early-stopping figure: training and validation loss per epoch while the engine trains,
 * the best validation epoch and the epoch where early stopping (with the chosen patience) stops.
 * Training runs in chunks of epochs with a frame between them, so the page stays responsive;
 * finished runs are cached, so switching back and forth is instant.
 */
import { EARLY_STOPPING_SETUP, REGULARIZER_IDS, earlyStopping, trainCurves, type RegularizerId, type TrainingCurves } from './early-stopping.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber, formatPercent } from './kit/table.ts';

const Y_MAX = 1.6;

type XY = { x: number; y: number };
const toPoints = (xs: readonly number[], ys: readonly number[]): XY[] => xs.map((x, i) => ({ x, y: ys[i] }));

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const { numEpochs } = EARLY_STOPPING_SETUP;
	const chart = lineChart(
		ctx.canvas('main'),
		[
			{ label: 'training loss', x: [], y: [] },
			{ label: 'validation loss', x: [], y: [] },
			{ label: 'best validation loss (weights kept)', x: [], y: [], markers: true },
			{ label: 'early stop', x: [], y: [] },
		],
		{ x: { title: 'epoch', min: 0, max: numEpochs }, y: { title: 'cross-entropy loss', min: 0, max: Y_MAX } },
		env,
	);
	const best = chart.data.datasets[2];
	best.pointRadius = 6;
	best.pointHoverRadius = 7;
	best.pointStyle = 'rectRot';
	chart.update(); // resolve the new point style before the first draw

	const radios = ctx.root.querySelectorAll<HTMLInputElement>('input[data-regularizer]');
	const patienceInput = ctx.part<HTMLInputElement>('patience');
	const patienceOut = ctx.part<HTMLOutputElement>('patience-value');
	const readout = ctx.part<HTMLElement>('readout');

	const cache = new Map<RegularizerId, TrainingCurves>();
	let shown: TrainingCurves | null = null;
	let token = 0;

	function draw(curves: TrainingCurves, finished: boolean): void {
		shown = curves;
		chart.data.datasets[0].data = toPoints(curves.epochs, curves.trainLoss);
		chart.data.datasets[1].data = toPoints(curves.epochs, curves.valLoss);
		const patience = Number(patienceInput.value);
		patienceOut.value = String(patience);
		const stop = earlyStopping(curves.valLoss, patience);
		chart.data.datasets[2].data = stop.bestEpoch > 0 ? [{ x: stop.bestEpoch, y: stop.bestLoss }] : [];
		const stopped = finished || !stop.ranOut;
		chart.data.datasets[3].data = stopped && !stop.ranOut ? [{ x: stop.stopEpoch, y: 0 }, { x: stop.stopEpoch, y: Y_MAX }] : [];
		chart.data.datasets[3].label = `early stop (patience ${patience})`;
		chart.update('none');
		if (!finished) {
			readout.textContent = `Training… epoch ${curves.epochs.length} of ${numEpochs}.`;
			return;
		}
		const last = curves.epochs.length - 1;
		const bestAcc = formatPercent(curves.valAccuracy[stop.bestEpoch - 1]);
		const lastAcc = formatPercent(curves.valAccuracy[last]);
		readout.textContent = stop.ranOut
			? `Best validation loss ${formatNumber(stop.bestLoss)} at epoch ${stop.bestEpoch}; with patience ${patience} training would not stop within ${numEpochs} epochs.`
			: `Best validation loss ${formatNumber(stop.bestLoss)} at epoch ${stop.bestEpoch} (accuracy ${bestAcc}). ` +
				`With patience ${patience}, training stops at epoch ${stop.stopEpoch} and restores epoch ${stop.bestEpoch}'s weights. ` +
				`Training on to epoch ${numEpochs} ends at validation loss ${formatNumber(curves.valLoss[last])} (accuracy ${lastAcc}).`;
	}

	async function show(regularizer: RegularizerId): Promise<void> {
		const mine = ++token;
		const cached = cache.get(regularizer);
		if (cached) {
			draw(cached, true);
			return;
		}
		const run = trainCurves(regularizer, { chunk: 10 });
		let step = run.next();
		while (!step.done) {
			if (mine !== token) return; // the reader chose another setting; abandon this run
			draw(step.value, false);
			await ctx.nextFrame();
			step = run.next();
		}
		cache.set(regularizer, step.value);
		if (mine === token) draw(step.value, true);
	}

	const selected = (): RegularizerId => {
		const checked = [...radios].find((r) => r.checked)?.dataset.regularizer as RegularizerId | undefined;
		return checked && REGULARIZER_IDS.includes(checked) ? checked : 'none';
	};
	for (const radio of radios) radio.addEventListener('change', () => void show(selected()));
	patienceInput.addEventListener('input', () => {
		if (shown) draw(shown, cache.get(shown.regularizer) === shown);
	});
	void show(selected());

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => {
			token++;
			chart.destroy();
		},
	};
}
