/** The attempt-history chart of a practice exam: score per attempt against the pass line (chart.js). */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { DASHES, paletteFor } from '../figures/kit/palette.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** Draws (or redraws) the chart in `canvas`; percents are oldest first. Colours: the figures' palette. */
export function drawHistory(canvas: HTMLCanvasElement, labels: string[], percents: number[], passLine: number): Chart {
	Chart.getChart(canvas)?.destroy();
	const p = paletteFor(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
	const axis = (text: string) => ({ title: { display: true, text, color: p.text }, ticks: { color: p.text }, grid: { color: p.grid } });
	return new Chart(canvas, {
		type: 'line',
		data: {
			labels,
			datasets: [
				{ label: 'Your score (%)', data: percents, borderColor: p.series[0], backgroundColor: p.series[0], pointRadius: 4, tension: 0 },
				{ label: `Pass line (${passLine} %)`, data: labels.map(() => passLine), borderColor: p.strong, borderDash: [...DASHES[1]!], pointRadius: 0 },
			],
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			scales: { y: { min: 0, max: 100, ...axis('Score (%)') }, x: axis('Attempt') },
			plugins: { legend: { labels: { color: p.text } } },
		},
	});
}
