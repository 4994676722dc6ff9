/** Draws the features figure progressively: each model's test accuracy appears as it is trained. */
import {
	FEATURE_MODEL_LABELS,
	FEATURE_MODELS,
	TRAIN_SIZES,
	featureExperiment,
} from './features.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

/** Keep each slice of main-thread work under this many milliseconds. */
const BUDGET_MS = 24;

export function mount(ctx: FigureContext): FigureInstance {
	const chart = lineChart(
		ctx.canvas('main'),
		FEATURE_MODELS.map((m) => ({ label: FEATURE_MODEL_LABELS[m], x: [], y: [], markers: true })),
		{
			x: {
				title: 'training examples (log scale)',
				type: 'logarithmic',
				min: 6,
				max: 340,
				ticks: TRAIN_SIZES,
				format: String,
			},
			y: { title: 'test accuracy', min: 0.4, max: 1, format: (v) => `${Math.round(v * 100)}%` },
		},
		{ palette: ctx.palette, reducedMotion: true },
	);
	const progress = ctx.part('progress');
	let stopped = false;

	void (async () => {
		let sliceStart = performance.now();
		for (const event of featureExperiment()) {
			if (stopped) return;
			if (event.kind === 'result') {
				const dataset = chart.data.datasets[FEATURE_MODELS.indexOf(event.model)];
				(dataset.data as { x: number; y: number }[]).push({ x: event.size, y: event.accuracy });
				chart.update('none');
			} else {
				progress.textContent =
					event.done < event.total
						? `Training model ${event.done + 1} of ${event.total} in your browser…`
						: `Trained ${event.total} models in your browser.`;
			}
			if (performance.now() - sliceStart > BUDGET_MS) {
				await ctx.nextFrame();
				sliceStart = performance.now();
			}
		}
		ctx.root.dataset.complete = 'true';
	})();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => {
			stopped = true;
			chart.destroy();
		},
	};
}
