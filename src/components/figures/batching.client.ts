/**
 * Draws the batching figure: for each batch size, measures the engine's forward pass of the
 * served model (one size per frame, so the page stays responsive) and plots the time per batch
 * and the requests per second as the measurements arrive.
 */
import { BATCH_SIZES, buildModel, timeBatch, type BatchTiming } from './batching.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber } from './kit/table.ts';

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	// x is log₂ of the batch size, labelled with the batch sizes themselves
	const largest = BATCH_SIZES[BATCH_SIZES.length - 1];
	const x = { title: 'batch size (log scale)', min: -0.25, max: Math.log2(largest) + 0.25, format: (v: number) => (Number.isInteger(v) ? String(2 ** v) : '') };
	const latency = lineChart(
		ctx.canvas('latency'),
		[{ label: 'time per batch', x: [], y: [], markers: true }],
		{ x, y: { title: 'ms per batch (measured)', min: 0 }, legend: false },
		env,
	);
	const throughput = lineChart(
		ctx.canvas('throughput'),
		[{ label: 'requests per second', x: [], y: [], markers: true, style: 1 }],
		{ x, y: { title: 'requests per second (measured)', min: 0 }, legend: false },
		env,
	);
	const charts = [latency, throughput];
	const readout = ctx.part<HTMLElement>('readout');
	const button = ctx.part<HTMLButtonElement>('rerun');
	const net = buildModel();
	let token = 0;

	async function runAll(): Promise<void> {
		const mine = ++token;
		button.disabled = true;
		for (const c of charts) {
			c.data.datasets[0].data = [];
			c.update('none');
		}
		const results: BatchTiming[] = [];
		for (const batch of BATCH_SIZES) {
			if (mine !== token) return;
			readout.textContent = `Measuring batches of ${batch}…`;
			await ctx.nextFrame();
			const t = timeBatch(net, batch);
			results.push(t);
			latency.data.datasets[0].data.push({ x: Math.log2(batch), y: t.msPerBatch });
			throughput.data.datasets[0].data.push({ x: Math.log2(batch), y: t.requestsPerSecond });
			for (const c of charts) c.update('none');
		}
		const first = results[0];
		const last = results[results.length - 1];
		const best = results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
		readout.textContent =
			`A batch of ${last.batch} took ${formatNumber(last.msPerBatch / first.msPerBatch, 1)} times as long as a batch of 1 ` +
			`(${formatNumber(last.msPerBatch, 3)} ms against ${formatNumber(first.msPerBatch, 3)} ms) for ${last.batch} times the work. ` +
			`Highest throughput: ${Math.round(best.requestsPerSecond).toLocaleString('en')} requests/s at batch size ${best.batch}.`;
		button.disabled = false;
	}

	button.addEventListener('click', () => void runAll());
	void runAll();

	return {
		setPalette: (palette) => charts.forEach((c) => recolor(c, palette)),
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => {
			token++;
			charts.forEach((c) => c.destroy());
		},
	};
}
