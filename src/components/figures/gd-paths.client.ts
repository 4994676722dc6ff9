/**
 * Draws the gradient-descent figure: paths of SGD in the (w₁, w₂) plane over the valley's contours
 * (left) and the loss per step (right), for fixed learning rates and one from the slider.
 */
import { GD_LRS, GD_STEPS, GD_VALLEY, formatLoss, gdContours, gdPaths } from './gd-paths.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber } from './kit/table.ts';
import { pathChart, recolorPaths, setPath } from './path-chart.ts';
import { gdPath, type Path } from './quadratic-paths.ts';

const LOSS_MIN = 1e-6;
const LOSS_MAX = 1e3;
const isPower = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const slider = ctx.part<HTMLInputElement>('lr');
	const output = ctx.part<HTMLOutputElement>('lr-value');
	const readout = ctx.part<HTMLElement>('readout');
	const lr = () => Number(slider.value);
	const fixed = gdPaths();
	const labels = [...GD_LRS.map((v) => `lr = ${v}`), 'your lr'];

	const plane = pathChart(
		ctx.canvas('paths'),
		[...fixed, fixed[0]].map((p, i) => ({ label: labels[i], x: p.w1, y: p.w2 })),
		{ x: { title: 'w₁', min: -5, max: 1 }, y: { title: 'w₂', min: -2.5, max: 2.5 }, contours: gdContours() },
		env,
	);
	const curves = lineChart(
		ctx.canvas('loss'),
		[...fixed, fixed[0]].map((p, i) => ({ label: labels[i], x: [], y: [] })),
		{
			x: { title: 'step', min: 0, max: GD_STEPS },
			y: { title: 'loss J(w)', type: 'logarithmic', min: LOSS_MIN, max: LOSS_MAX, format: (v) => (isPower(v) ? formatLoss(v).replace(/^1×/, '') : '') },
			legend: false,
		},
		env,
	);
	const lossPoints = (p: Path) => p.loss.map((y, t) => ({ x: t, y: Math.min(Math.max(y, LOSS_MIN), LOSS_MAX) }));
	fixed.forEach((p, i) => (curves.data.datasets[i].data = lossPoints(p)));

	const update = () => {
		const mine = gdPath(GD_VALLEY, lr(), GD_STEPS);
		const mineIndex = GD_LRS.length;
		setPath(plane, mineIndex, mine.w1, mine.w2);
		curves.data.datasets[mineIndex].data = lossPoints(mine);
		output.value = formatNumber(lr(), 2);
		const final = mine.loss.length > GD_STEPS ? mine.loss[GD_STEPS] : Infinity;
		const verdict =
			lr() > 0.2 + 1e-9
				? 'above 2/L = 0.2: diverges'
				: lr() > 0.2 - 1e-9
					? 'exactly 2/L: w₂ flips sign forever without shrinking'
					: lr() > 0.1 + 1e-9
						? 'between 1/L and 2/L: zigzags across the valley'
						: 'at most 1/L: no overshoot';
		readout.textContent = `Your lr = ${formatNumber(lr(), 2)}, ${verdict}; loss after ${GD_STEPS} steps: ${formatLoss(final)}.`;
		plane.update();
		curves.update();
	};
	slider.addEventListener('input', update);
	update();

	const charts = [plane, curves];
	return {
		setPalette: (palette) => {
			recolorPaths(plane, palette);
			recolor(curves, palette);
		},
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => charts.forEach((c) => c.destroy()),
	};
}

