/**
 * Draws the feature-scaling figure: loss per step at each version's tuned learning rate (left) and
 * the loss after 200 steps against the learning rate (right). The engine trains the three versions
 * one after another in chunks of steps, with a frame between chunks.
 */
import { SCALINGS, SCALING_IDS, SCALING_SETUP, SWEEP_LRS, formatScientific, scalingRuns, type ScalingRun } from './feature-scaling.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber } from './kit/table.ts';

/** Top of the loss axes; diverged runs are drawn here. */
const LOSS_MAX = 2e5;
const LOSS_MIN = 300;

type XY = { x: number; y: number };

const powerOfTen = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
const tick = (v: number) => (powerOfTen(v) ? formatScientific(v).replace(/^1×/, '') : '');

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const { steps } = SCALING_SETUP;
	const labels = SCALING_IDS.map((id) => SCALINGS[id].label);
	const curves = lineChart(
		ctx.canvas('curves'),
		[...labels.map((label) => ({ label, x: [], y: [] })), { label: 'least-squares minimum', x: [], y: [], style: 6 }],
		{
			x: { title: 'steps taken (log scale)', type: 'logarithmic', min: 1, max: steps, format: (v) => ([1, 2, 5, 10, 20, 50, 100, 200].includes(v) ? String(v) : '') },
			y: { title: 'loss (MSE)', type: 'logarithmic', min: LOSS_MIN, max: LOSS_MAX, format: tick },
		},
		env,
	);
	const sweep = lineChart(
		ctx.canvas('sweep'),
		labels.map((label) => ({ label, x: [], y: [], markers: true })),
		{
			x: { title: 'learning rate', type: 'logarithmic', min: SWEEP_LRS[0], max: SWEEP_LRS[SWEEP_LRS.length - 1], format: tick },
			y: { title: `loss after ${steps} steps`, type: 'logarithmic', min: LOSS_MIN, max: LOSS_MAX, format: tick },
		},
		env,
	);
	const charts = [curves, sweep];
	const readout = ctx.part<HTMLElement>('readout');
	let alive = true;

	function draw(run: ScalingRun, index: number): void {
		const toPoint = (v: number, x: number): XY => ({ x, y: Math.min(v, LOSS_MAX) });
		// from step 1: the logarithmic axis has no 0 (the loss before any step is the same for all)
		curves.data.datasets[index].data = run.curve.slice(1).map((v, t) => toPoint(v, t + 1));
		curves.data.datasets[SCALING_IDS.length].data = [
			{ x: 1, y: run.minimum },
			{ x: steps, y: run.minimum },
		];
		sweep.data.datasets[index].data = run.sweep.map((v, i) => toPoint(v, SWEEP_LRS[i]));
		curves.update('none');
		sweep.update('none');
	}

	async function compute(): Promise<void> {
		const run = scalingRuns({ chunk: 50 });
		let drawn = 0;
		let step = run.next();
		while (!step.done) {
			const { training, step: t, done } = step.value;
			for (; drawn < done.length; drawn++) draw(done[drawn], drawn); // each version as soon as it is finished
			readout.textContent = `Training on ${SCALINGS[training].label}: step ${t} of ${steps}, ${SWEEP_LRS.length} learning rates at once…`;
			await ctx.nextFrame();
			if (!alive) return;
			step = run.next();
		}
		const runs = step.value;
		for (; drawn < runs.length; drawn++) draw(runs[drawn], drawn);
		const [raw, , standardized] = runs;
		readout.textContent =
			`Raw features: κ = ${formatScientific(raw.curvature.kappa)}, largest stable learning rate ${formatScientific(raw.curvature.maxStableLr)}; ` +
			`after ${steps} steps the loss is still ${formatNumber(raw.curve[steps] / raw.minimum, 1)} times the minimum. ` +
			`Standardized: κ = ${formatScientific(standardized.curvature.kappa)}; within 0.1% of the minimum after ` +
			`${standardized.curve.findIndex((v) => v <= standardized.minimum * 1.001)} steps.`;
	}

	void compute().catch((error: unknown) => {
		readout.textContent = `The engine could not train this figure (${error instanceof Error ? error.message : String(error)}); its numbers are in the table below.`;
	});

	return {
		setPalette: (palette) => charts.forEach((c) => recolor(c, palette)),
		setReducedMotion: (reduced) => charts.forEach((c) => setChartMotion(c, reduced)),
		destroy: () => {
			alive = false;
			charts.forEach((c) => c.destroy());
		},
	};
}
