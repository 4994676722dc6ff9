/** Draws the softmax figure: a bar per class, updated live as the temperature slider moves. */
import { barChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber } from './kit/table.ts';
import { DEFAULT_LOGITS, classLabels, softmaxWithTemperature } from './softmax.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const logits = (ctx.config.logits as number[] | undefined) ?? [...DEFAULT_LOGITS];
	const slider = ctx.part<HTMLInputElement>('temperature');
	const output = ctx.part<HTMLOutputElement>('temperature-value');
	const sum = ctx.part<HTMLElement>('probabilities');
	const temperature = () => Number(slider.value);

	const chart = barChart(
		ctx.canvas('main'),
		classLabels(logits),
		softmaxWithTemperature(logits, temperature()),
		{ x: { title: 'class' }, y: { title: 'probability', min: 0, max: 1 } },
		{ palette: ctx.palette, reducedMotion: ctx.reducedMotion },
	);

	const update = () => {
		const p = softmaxWithTemperature(logits, temperature());
		output.value = formatNumber(temperature(), 2);
		sum.textContent = `Probabilities at T = ${formatNumber(temperature(), 2)}: ${p.map((v) => formatNumber(v, 3)).join(', ')}.`;
		chart.data.datasets[0].data = p;
		chart.update();
	};
	slider.addEventListener('input', update);
	update();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => chart.destroy(),
	};
}
