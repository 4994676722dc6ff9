/** Draws the activations figure: φ(x) and φ′(x) side by side, with a checkbox per function. */
import { activationCurves } from './activations.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const curves = activationCurves();
	const initiallyShown = new Set(
		(ctx.config.show as string[] | undefined) ?? curves.map((c) => c.id),
	);
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const fn = lineChart(
		ctx.canvas('function'),
		curves.map((c) => ({ label: c.label, x: c.x, y: c.y, hidden: !initiallyShown.has(c.id) })),
		{ x: { title: 'x' }, y: { title: 'φ(x)', min: -1.5, max: 4 }, legend: false },
		env,
	);
	const grad = lineChart(
		ctx.canvas('derivative'),
		curves.map((c) => ({ label: c.label, x: c.x, y: c.dy, hidden: !initiallyShown.has(c.id) })),
		{ x: { title: 'x' }, y: { title: 'φ′(x)', min: -0.2, max: 1.3 }, legend: false },
		env,
	);
	const charts = [fn, grad];

	const toggles = ctx.root.querySelectorAll<HTMLInputElement>('input[data-activation]');
	for (const box of toggles) {
		box.checked = initiallyShown.has(box.dataset.activation!);
		box.addEventListener('change', () => {
			const index = curves.findIndex((c) => c.id === box.dataset.activation);
			for (const chart of charts) chart.setDatasetVisibility(index, box.checked);
			for (const chart of charts) chart.update();
		});
	}

	return {
		setPalette: (palette) => charts.forEach((c) => recolor(c, palette)),
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => charts.forEach((c) => c.destroy()),
	};
}
