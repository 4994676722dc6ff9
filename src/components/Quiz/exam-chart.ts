/** The attempt-history chart of a practice exam: score per attempt against the pass line (chart.js). */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** Draws (or redraws) the chart in `canvas`; percents are oldest first. */
export function drawHistory(canvas: HTMLCanvasElement, labels: string[], percents: number[], passLine: number): Chart {
	Chart.getChart(canvas)?.destroy();
	const accent = cssVar('--accent');
	const muted = cssVar('--text-muted');
	const grid = cssVar('--border');
	const text = cssVar('--text');
	return new Chart(canvas, {
		type: 'line',
		data: {
			labels,
			datasets: [
				{ label: 'Your score (%)', data: percents, borderColor: accent, backgroundColor: accent, pointRadius: 4, tension: 0 },
				{ label: `Pass line (${passLine} %)`, data: labels.map(() => passLine), borderColor: muted, borderDash: [6, 4], pointRadius: 0 },
			],
		},
		options: {
			animation: false,
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				y: { min: 0, max: 100, title: { display: true, text: 'Score (%)', color: text }, ticks: { color: text }, grid: { color: grid } },
				x: { title: { display: true, text: 'Attempt', color: text }, ticks: { color: text }, grid: { color: grid } },
			},
			plugins: { legend: { labels: { color: text } } },
		},
	});
}
