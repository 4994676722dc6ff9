/** Draws the gradient-check figure: relative error against the step h, both axes logarithmic. */
import { ERROR_FLOOR, SERIES_IDS, SERIES_LABELS, formatPower, gradCheckErrors } from './gradient-check.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

const isPower = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

export function mount(ctx: FigureContext): FigureInstance {
	const d = gradCheckErrors();
	const tick = (v: number) => (isPower(v) && Math.round(Math.log10(v)) % 2 === 0 ? formatPower(v) : '');
	const chart = lineChart(
		ctx.canvas('main'),
		SERIES_IDS.map((id) => ({
			label: SERIES_LABELS[id],
			// STEPS run from large to small h; the kit's charts expect x in increasing order
			x: [...d.steps].reverse(),
			y: [...d.errors[id]].reverse().map((e) => Math.max(e, ERROR_FLOOR)),
			markers: true,
		})),
		{
			x: { title: 'step h', type: 'logarithmic', min: 1e-13, max: 1e-1, format: tick },
			y: { title: 'relative error vs autograd', type: 'logarithmic', min: 1e-14, max: 10, format: tick },
		},
		{ palette: ctx.palette, reducedMotion: ctx.reducedMotion },
	);
	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => chart.destroy(),
	};
}
