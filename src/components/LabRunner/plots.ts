/**
 * Line charts for the series learner code sends with `plot(name, y)` (chart.js, loaded on first use).
 */
import type { PlotSeries } from '../../../labs/_kit/sandbox/lab-helpers';

const PALETTE = ['#3349b5', '#c2410c', '#15803d', '#a21caf', '#0e7490', '#b45309', '#be123c', '#4d7c0f'];

let chartModule: Promise<typeof import('chart.js')> | null = null;
function loadChart() {
	chartModule ??= import('chart.js').then((m) => {
		m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.Legend, m.Tooltip);
		return m;
	});
	return chartModule;
}

/** A short text version of a series, for screen readers and as a caption. */
export function describeSeries(series: PlotSeries): string {
	const n = series.y.length;
	if (n === 0) return `${series.name}: no values`;
	const finite = series.y.filter(Number.isFinite);
	const fmt = (v: number) => Number(v.toPrecision(4)).toString();
	const first = series.y[0];
	const last = series.y[n - 1];
	const range = finite.length ? `, min ${fmt(Math.min(...finite))}, max ${fmt(Math.max(...finite))}` : '';
	return `${series.name}: ${n} ${n === 1 ? 'value' : 'values'}, from ${fmt(first)} to ${fmt(last)}${range}`;
}

/** Draws the series into `host` as one chart; returns a function that frees it. */
export async function renderPlots(host: HTMLElement, plots: PlotSeries[]): Promise<() => void> {
	host.replaceChildren();
	if (plots.length === 0) return () => {};
	const { Chart } = await loadChart();
	const figure = document.createElement('figure');
	figure.className = 'lab-plot';
	const canvas = document.createElement('canvas');
	canvas.setAttribute('role', 'img');
	const description = plots.map(describeSeries).join('; ');
	canvas.setAttribute('aria-label', `Line chart. ${description}`);
	const caption = document.createElement('figcaption');
	caption.textContent = description;
	figure.append(canvas, caption);
	host.append(figure);
	const text = resolveColor(host, '--text-muted', '#555');
	const grid = resolveColor(host, '--border', '#ddd');
	const chart = new Chart(canvas, {
		type: 'line',
		data: {
			datasets: plots.map((p, i) => ({
				label: p.name,
				data: p.x.map((x, j) => ({ x, y: p.y[j] })),
				borderColor: PALETTE[i % PALETTE.length],
				backgroundColor: PALETTE[i % PALETTE.length],
				pointRadius: p.y.length > 60 ? 0 : 2,
				borderWidth: 2,
			})),
		},
		options: {
			animation: false,
			parsing: false,
			maintainAspectRatio: false,
			scales: {
				x: { type: 'linear', ticks: { color: text }, grid: { color: grid } },
				y: { type: 'linear', ticks: { color: text }, grid: { color: grid } },
			},
			plugins: { legend: { labels: { color: text } } },
		},
	});
	return () => chart.destroy();
}

/** The site's colours are `light-dark(...)` values; the computed `color` of a probe element is a plain rgb(). */
function resolveColor(host: HTMLElement, variable: string, fallback: string): string {
	const probe = document.createElement('span');
	probe.style.color = `var(${variable}, ${fallback})`;
	host.append(probe);
	const color = getComputedStyle(probe).color || fallback;
	probe.remove();
	return color;
}
