/** Draws the Adam-moments figure: raw and corrected first moment (left), second moment's root (right). */
import { MOMENTS_SETUP, TRUE_RMS, adamMoments } from './adam-moments.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const d = adamMoments();
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const { steps, mean } = MOMENTS_SETUP;
	const flat = (v: number) => ({ x: [1, steps], y: [v, v] });
	const first = lineChart(
		ctx.canvas('first'),
		[
			{ label: 'm̂ₜ, corrected', x: d.t, y: d.mHat, style: 0 },
			{ label: 'mₜ, raw', x: d.t, y: d.m, style: 1 },
			{ label: 'true mean E[g]', ...flat(mean), style: 6 },
		],
		{ x: { title: 'step t', min: 1, max: steps }, y: { title: 'first moment', min: 0, max: 1.6 } },
		env,
	);
	const second = lineChart(
		ctx.canvas('second'),
		[
			{ label: '√v̂ₜ, corrected', x: d.t, y: d.rootVHat, style: 0 },
			{ label: '√vₜ, raw', x: d.t, y: d.rootV, style: 1 },
			{ label: 'true RMS √E[g²]', ...flat(TRUE_RMS), style: 6 },
		],
		{ x: { title: 'step t', min: 1, max: steps }, y: { title: 'root of the second moment', min: 0, max: 1.6 } },
		env,
	);
	const charts = [first, second];
	return {
		setPalette: (palette) => charts.forEach((c) => recolor(c, palette)),
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => charts.forEach((c) => c.destroy()),
	};
}
