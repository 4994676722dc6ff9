/**
 * chart.js for live figures: only the pieces the figures use are registered (tree-shaken), and
 * every chart is coloured from a `Palette`, so `recolor(chart, palette)` re-themes it in place.
 *
 * ```ts
 * const chart = lineChart(ctx.canvas('main'), [{ label: 'ReLU', x, y }], { xTitle: 'x', yTitle: 'φ(x)' }, ctx);
 * // later, when the theme changes:
 * recolor(chart, palette);
 * ```
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	LogarithmicScale,
	PointElement,
	Tooltip,
	type ChartConfiguration,
	type ChartDataset,
	type ScaleOptionsByType,
} from 'chart.js';
import { DASHES, type Palette } from './palette.ts';

Chart.register(
	LineController,
	LineElement,
	PointElement,
	BarController,
	BarElement,
	LinearScale,
	LogarithmicScale,
	CategoryScale,
	Legend,
	Tooltip,
);

export { Chart };

export interface LineSeries {
	label: string;
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	hidden?: boolean;
	/** Draw a marker at every point (for short series such as accuracy vs data size). */
	markers?: boolean;
	/** Colour and dash index (default: the series' position). */
	style?: number;
}

export interface AxisOptions {
	title: string;
	min?: number;
	max?: number;
	type?: 'linear' | 'logarithmic';
	/** Tick labels (e.g. percentages). */
	format?: (value: number) => string;
	/** Put ticks exactly at these values (e.g. powers of two on a log axis). */
	ticks?: readonly number[];
}

export interface ChartOptions {
	x: AxisOptions;
	y: AxisOptions;
	/** Show the legend (default true when there is more than one series). */
	legend?: boolean;
}

export interface ChartEnv {
	palette: Palette;
	reducedMotion: boolean;
}

type XY = { x: number; y: number };

function points(series: LineSeries): XY[] {
	const n = Math.min(series.x.length, series.y.length);
	return Array.from({ length: n }, (_, i) => ({ x: series.x[i], y: series.y[i] }));
}

function styleDataset(dataset: ChartDataset<'line', XY[]>, index: number, palette: Palette): void {
	const colour = palette.series[index % palette.series.length];
	dataset.borderColor = colour;
	dataset.backgroundColor = colour;
	dataset.pointBorderColor = colour;
	dataset.pointBackgroundColor = palette.background;
	dataset.borderDash = [...DASHES[index % DASHES.length]];
}

function axis(options: AxisOptions, palette: Palette) {
	return {
		type: options.type ?? 'linear',
		min: options.min,
		max: options.max,
		title: { display: true, text: options.title, color: palette.text },
		ticks: {
			color: palette.text,
			...(options.format
				? { callback: (value: string | number) => options.format!(Number(value)) }
				: {}),
		},
		grid: { color: palette.grid },
		border: { color: palette.grid },
		...(options.ticks
			? {
					afterBuildTicks: (scale: { ticks: { value: number }[] }) =>
						void (scale.ticks = options.ticks!.map((value) => ({ value }))),
				}
			: {}),
	} as unknown as ScaleOptionsByType<'linear'>;
}

function animation(reducedMotion: boolean) {
	return reducedMotion ? false : ({ duration: 400 } as const);
}

/** A line chart of one or more series on numeric x and y axes. */
export function lineChart(
	canvas: HTMLCanvasElement,
	series: LineSeries[],
	options: ChartOptions,
	env: ChartEnv,
): Chart<'line', XY[]> {
	const { palette } = env;
	const datasets = series.map((s, i) => {
		const dataset: ChartDataset<'line', XY[]> = {
			label: s.label,
			data: points(s),
			hidden: s.hidden,
			borderWidth: 2.25,
			pointRadius: s.markers ? 3.5 : 0,
			pointHoverRadius: 4,
			tension: 0,
			spanGaps: false,
		};
		(dataset as { styleIndex?: number }).styleIndex = s.style ?? i;
		styleDataset(dataset, s.style ?? i, palette);
		return dataset;
	});
	const config: ChartConfiguration<'line', XY[]> = {
		type: 'line',
		data: { datasets },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: animation(env.reducedMotion),
			parsing: false,
			normalized: true,
			interaction: { mode: 'nearest', intersect: false, axis: 'x' },
			scales: { x: axis(options.x, palette), y: axis(options.y, palette) },
			plugins: {
				legend: {
					display: options.legend ?? series.length > 1,
					labels: { color: palette.text, usePointStyle: true, pointStyle: 'line', boxWidth: 28 },
				},
				tooltip: { enabled: true },
			},
		},
	};
	return new Chart(canvas, config);
}

/** A bar chart: one bar per label, coloured by position (classes, tokens). */
export function barChart(
	canvas: HTMLCanvasElement,
	labels: string[],
	values: number[],
	options: ChartOptions,
	env: ChartEnv,
): Chart<'bar', number[]> {
	const { palette } = env;
	return new Chart(canvas, {
		type: 'bar',
		data: {
			labels,
			datasets: [
				{
					label: options.y.title,
					data: values,
					backgroundColor: labels.map((_, i) => palette.series[i % palette.series.length]),
					borderWidth: 0,
				},
			],
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: animation(env.reducedMotion),
			scales: {
				x: { ...axis(options.x, palette), type: 'category' } as never,
				y: axis(options.y, palette),
			},
			plugins: { legend: { display: false } },
		},
	});
}

/** Re-colours a chart made by `lineChart` or `barChart` for another theme, without animating. */
export function recolor(chart: Chart, palette: Palette): void {
	const scales = chart.options.scales ?? {};
	for (const scale of Object.values(scales)) {
		if (!scale) continue;
		const s = scale as {
			ticks?: { color?: string };
			title?: { color?: string };
			grid?: { color?: string };
			border?: { color?: string };
		};
		if (s.ticks) s.ticks.color = palette.text;
		if (s.title) s.title.color = palette.text;
		if (s.grid) s.grid.color = palette.grid;
		if (s.border) s.border.color = palette.grid;
	}
	const legend = chart.options.plugins?.legend;
	if (legend?.labels) legend.labels.color = palette.text;
	chart.data.datasets.forEach((dataset, i) => {
		if ((chart.config as { type?: string }).type === 'bar') {
			const labels = chart.data.labels ?? [];
			dataset.backgroundColor = labels.map((_, j) => palette.series[j % palette.series.length]);
		} else {
			const index = (dataset as { styleIndex?: number }).styleIndex ?? i;
			styleDataset(dataset as ChartDataset<'line', XY[]>, index, palette);
		}
	});
	chart.update('none');
}

/** Turns animations off (or back on) in an existing chart. */
export function setChartMotion(chart: Chart, reducedMotion: boolean): void {
	chart.options.animation = animation(reducedMotion);
}
