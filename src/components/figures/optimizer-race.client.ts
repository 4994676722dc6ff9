/**
 * Draws the optimizer race: each optimizer's path over the valley's contours (left) and its loss per
 * step (right), with a checkbox per optimizer.
 */
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatLoss } from './gd-paths.ts';
import { RACERS, RACER_IDS, RACE_STEPS, raceContours, racePaths } from './optimizer-race.ts';
import { pathChart, recolorPaths } from './path-chart.ts';

const LOSS_MIN = 1e-9;
const LOSS_MAX = 1e2;
const isPower = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const paths = racePaths();
	const plane = pathChart(
		ctx.canvas('paths'),
		RACER_IDS.map((id) => ({ label: RACERS[id].label, x: paths[id].w1, y: paths[id].w2 })),
		{ x: { title: 'w₁', min: -10, max: 2 }, y: { title: 'w₂', min: -2, max: 2 }, contours: raceContours(), legend: false, pointRadius: 0 },
		env,
	);
	const curves = lineChart(
		ctx.canvas('loss'),
		RACER_IDS.map((id) => ({
			label: RACERS[id].label,
			x: paths[id].loss.map((_, t) => t),
			y: paths[id].loss.map((v) => Math.min(Math.max(v, LOSS_MIN), LOSS_MAX)),
		})),
		{
			x: { title: 'step', min: 0, max: RACE_STEPS },
			y: { title: 'loss J(w)', type: 'logarithmic', min: LOSS_MIN, max: LOSS_MAX, format: (v) => (isPower(v) && Math.round(Math.log10(v)) % 2 === 0 ? formatLoss(v).replace(/^1×/, '') : '') },
			legend: false,
		},
		env,
	);
	const charts = [plane, curves];

	for (const box of ctx.root.querySelectorAll<HTMLInputElement>('input[data-racer]')) {
		box.addEventListener('change', () => {
			const index = RACER_IDS.indexOf(box.dataset.racer as (typeof RACER_IDS)[number]);
			for (const chart of charts) {
				chart.setDatasetVisibility(index, box.checked);
				chart.update();
			}
		});
	}

	return {
		setPalette: (palette) => {
			recolorPaths(plane, palette);
			recolor(curves, palette);
		},
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => charts.forEach((c) => c.destroy()),
	};
}
