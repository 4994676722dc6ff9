/** Draws the learning-rate schedules figure: the learning rate of each schedule per epoch. */
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { SCHEDULES, SCHEDULE_IDS, SCHEDULE_SETUP, allSchedules } from './lr-schedules.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const values = allSchedules();
	const epochs = values[SCHEDULE_IDS[0]].map((_, e) => e);
	const chart = lineChart(
		ctx.canvas('main'),
		SCHEDULE_IDS.map((id) => ({ label: SCHEDULES[id].label, x: epochs, y: values[id] })),
		{ x: { title: 'epoch', min: 0, max: SCHEDULE_SETUP.epochs }, y: { title: 'learning rate', min: 0, max: SCHEDULE_SETUP.lr * 1.2 } },
		{ palette: ctx.palette, reducedMotion: ctx.reducedMotion },
	);
	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => chart.destroy(),
	};
}
