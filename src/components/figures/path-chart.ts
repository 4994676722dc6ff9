/**
 * A chart.js chart of optimizer paths in the (w₁, w₂) plane over faint contour lines, for the
 * gradient-descent and optimizer-race figures. Browser only.
 *
 * Unlike `lineChart` in the kit, points are not sorted by x (a path doubles back), so chart.js
 * must parse them and keep their order; contours are drawn thin in the grid colour and restyled
 * after `recolor` on a theme change.
 */
import { Chart, recolor } from './kit/chart.ts';
import { DASHES, type Palette } from './kit/palette.ts';

export interface PathSeries {
	label: string;
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	hidden?: boolean;
	/** Colour and dash index (default: the series' position). */
	style?: number;
}

export interface PathChartOptions {
	x: { title: string; min: number; max: number };
	y: { title: string; min: number; max: number };
	/** Closed curves drawn behind the paths (contours). */
	contours: { x: number[]; y: number[] }[];
	/** Show chart.js's legend (default true; off when checkboxes act as the legend). */
	legend?: boolean;
	/** Radius of the marker at each iterate (default 2.5; 0 for long paths). */
	pointRadius?: number;
}

type XY = { x: number; y: number };

const toPoints = (x: ArrayLike<number>, y: ArrayLike<number>): XY[] =>
	Array.from({ length: Math.min(x.length, y.length) }, (_, i) => ({ x: x[i], y: y[i] }));

function styleContours(chart: Chart, palette: Palette): void {
	for (const dataset of chart.data.datasets) {
		if (!(dataset as { isContour?: boolean }).isContour) continue;
		Object.assign(dataset, { borderColor: palette.grid, backgroundColor: palette.grid, borderDash: [] });
	}
}

function styleSeries(dataset: Record<string, unknown>, index: number, palette: Palette): void {
	const colour = palette.series[index % palette.series.length];
	Object.assign(dataset, {
		borderColor: colour,
		backgroundColor: colour,
		pointBorderColor: colour,
		pointBackgroundColor: palette.background,
		borderDash: [...DASHES[index % DASHES.length]],
	});
}

export function pathChart(
	canvas: HTMLCanvasElement,
	series: PathSeries[],
	options: PathChartOptions,
	env: { palette: Palette; reducedMotion: boolean },
): Chart<'line', XY[]> {
	const { palette } = env;
	const axis = (o: { title: string; min: number; max: number }) => ({
		type: 'linear' as const,
		min: o.min,
		max: o.max,
		title: { display: true, text: o.title, color: palette.text },
		ticks: { color: palette.text },
		grid: { color: palette.grid },
		border: { color: palette.grid },
	});
	const paths = series.map((s, i) => {
		const dataset: Record<string, unknown> = {
			label: s.label,
			data: toPoints(s.x, s.y),
			hidden: s.hidden,
			borderWidth: 2,
			pointRadius: options.pointRadius ?? 2.5,
			pointHoverRadius: 4,
			tension: 0,
			styleIndex: s.style ?? i,
		};
		styleSeries(dataset, s.style ?? i, palette);
		return dataset;
	});
	const contours = options.contours.map((c) => ({
		label: '',
		data: toPoints(c.x, c.y),
		borderWidth: 1,
		pointRadius: 0,
		pointHoverRadius: 0,
		tension: 0,
		isContour: true,
		borderColor: palette.grid,
	}));
	const chart = new Chart(canvas, {
		type: 'line',
		data: { datasets: [...paths, ...contours] as never },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: env.reducedMotion ? false : { duration: 300 },
			normalized: false,
			interaction: { mode: 'nearest', intersect: false, axis: 'xy' },
			scales: { x: axis(options.x), y: axis(options.y) } as never,
			plugins: {
				legend: {
					display: options.legend ?? true,
					labels: {
						color: palette.text,
						usePointStyle: true,
						pointStyle: 'line',
						boxWidth: 28,
						filter: (item, data) => !(data.datasets[item.datasetIndex!] as { isContour?: boolean }).isContour,
					},
				},
				tooltip: {
					filter: (item) => !(item.dataset as { isContour?: boolean }).isContour,
					callbacks: { label: (item) => `${item.dataset.label}: (${(item.parsed.x ?? 0).toFixed(3)}, ${(item.parsed.y ?? 0).toFixed(3)})` },
				},
			},
		},
	});
	return chart as unknown as Chart<'line', XY[]>;
}

/** Sets the points of path `index`. */
export function setPath(chart: Chart, index: number, x: ArrayLike<number>, y: ArrayLike<number>): void {
	chart.data.datasets[index].data = toPoints(x, y) as never;
}

/** Re-colours a path chart for another theme (paths by their style index, contours faint). */
export function recolorPaths(chart: Chart, palette: Palette): void {
	recolor(chart, palette);
	styleContours(chart, palette);
	chart.update('none');
}
