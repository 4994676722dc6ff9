/**
 * Draws the recurrent-gradients figure: ‖∂L/∂x_t‖ against t (log scale) for a vanilla RNN, an LSTM
 * and a GRU, recomputed by the engine when the reader moves the RNN's W_hh scale or the LSTM's
 * forget-gate bias.
 */
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatScientific } from './feature-scaling.ts';
import { RNN_GRADIENT_SETUP, formatNorm, gradientNorms } from './rnn-gradients.ts';

type XY = { x: number; y: number };

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const { steps } = RNN_GRADIENT_SETUP;
	const ts = Array.from({ length: steps }, (_, i) => i + 1);
	const powerOfTen = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
	const chart = lineChart(
		ctx.canvas('main'),
		[
			{ label: 'RNN (tanh)', x: [], y: [] },
			{ label: 'LSTM', x: [], y: [] },
			{ label: 'GRU (default initialization)', x: [], y: [] },
		],
		{
			x: { title: 'time step t of the input', min: 1, max: steps },
			y: { title: '‖∂L/∂xₜ‖, L = Σ h₄₀', type: 'logarithmic', min: 1e-10, max: 1e3, format: (v) => (powerOfTen(v) ? formatScientific(v).replace(/^1×/, '') : '') },
		},
		env,
	);
	const scale = ctx.part<HTMLInputElement>('scale');
	const scaleOut = ctx.part<HTMLOutputElement>('scale-value');
	const bias = ctx.part<HTMLInputElement>('bias');
	const biasOut = ctx.part<HTMLOutputElement>('bias-value');
	const readout = ctx.part<HTMLElement>('readout');
	const gru = gradientNorms('gru');
	let pending = false;

	const points = (ys: readonly number[]): XY[] => ys.map((y, i) => ({ x: ts[i], y: Math.max(y, 1e-10) }));

	function update(): void {
		pending = false;
		const recurrentScale = Number(scale.value);
		const forgetBias = Number(bias.value);
		scaleOut.value = `× ${recurrentScale}`;
		biasOut.value = String(forgetBias);
		const rnn = gradientNorms('rnn', { recurrentScale });
		const lstm = gradientNorms('lstm', { forgetBias });
		chart.data.datasets[0].data = points(rnn);
		chart.data.datasets[1].data = points(lstm);
		chart.data.datasets[2].data = points(gru);
		chart.update('none');
		const ratio = (ys: number[]) => ys[0] / ys[steps - 1];
		const describe = (name: string, ys: number[]) => {
			const r = ratio(ys);
			const how = r < 1 ? `${formatNorm(1 / r)} times smaller than` : `${formatNorm(r)} times larger than`;
			return `${name}: ‖∂L/∂x₁‖ = ${formatNorm(ys[0])}, ${how} ‖∂L/∂x₄₀‖.`;
		};
		readout.textContent = `${describe(`RNN with W_hh × ${recurrentScale}`, rnn)} ${describe(`LSTM with forget bias ${forgetBias}`, lstm)}`;
	}

	// Recompute at most once per frame while a slider is dragged.
	const schedule = () => {
		if (pending) return;
		pending = true;
		requestAnimationFrame(update);
	};
	scale.addEventListener('input', schedule);
	bias.addEventListener('input', schedule);
	update();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => chart.destroy(),
	};
}
