/** Draws one losses panel: loss against the prediction, and its gradient, side by side. */
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { LOSS_KINDS, lossCurves, type LossKind } from './losses.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const kind = ctx.config.kind as LossKind;
	if (!LOSS_KINDS.includes(kind)) throw new Error(`unknown kind ${JSON.stringify(kind)}`);
	const panel = lossCurves(kind);
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const regression = kind === 'regression';
	const xTitle = regression
		? `prediction ŷ (target y = ${panel.target})`
		: `logit z (target y = ${panel.target})`;
	const loss = lineChart(
		ctx.canvas('loss'),
		panel.curves.map((c) => ({ label: c.label, x: c.x, y: c.loss })),
		{ x: { title: xTitle }, y: { title: 'loss', min: 0, max: regression ? 5 : 6 } },
		env,
	);
	const grad = lineChart(
		ctx.canvas('gradient'),
		panel.curves.map((c) => ({ label: c.label, x: c.x, y: c.grad })),
		{
			x: { title: xTitle },
			y: { title: `∂loss/∂${panel.xName}`, min: regression ? -4 : -1.2, max: regression ? 4 : 0.2 },
		},
		env,
	);
	const charts = [loss, grad];
	return {
		setPalette: (palette) => charts.forEach((c) => recolor(c, palette)),
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => charts.forEach((c) => c.destroy()),
	};
}
