/** Draws the gradient-norms figure: ‖∂J/∂W_l‖ per layer on a log axis; a slider sets the depth. */
import { SETUP_IDS, SETUPS, allGradientNorms, formatNorm, type SetupId } from './gradient-norms.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

const isPower = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
const tick = (v: number) => (isPower(v) && Math.round(Math.log10(v)) % 3 === 0 ? formatNorm(v).replace(/^1×/, '') : '');

export function mount(ctx: FigureContext): FigureInstance {
	const slider = ctx.part<HTMLInputElement>('depth');
	const output = ctx.part<HTMLOutputElement>('depth-value');
	const readout = ctx.part<HTMLElement>('readout');
	const chart = lineChart(
		ctx.canvas('main'),
		SETUP_IDS.map((id) => ({ label: SETUPS[id].label, x: [], y: [], markers: true })),
		{
			x: { title: 'layer l (1 = next to the input)', min: 1 },
			y: { title: '‖∂J/∂W_l‖', type: 'logarithmic', min: 1e-21, max: 1e3, format: tick },
		},
		{ palette: ctx.palette, reducedMotion: ctx.reducedMotion },
	);
	let pending = 0;

	async function update(): Promise<void> {
		const depth = Number(slider.value);
		output.value = String(depth);
		const ticket = ++pending;
		readout.textContent = `Running ${depth}-layer networks…`;
		await ctx.nextFrame();
		if (ticket !== pending) return; // the slider moved again
		const norms = allGradientNorms({ depth });
		SETUP_IDS.forEach((id: SetupId, i) => {
			// a gradient that underflowed float32 to exactly 0 has no place on a log axis: leave a gap
			chart.data.datasets[i].data = norms[id].map((y, l) => ({ x: l + 1, y: y > 0 ? y : (null as unknown as number) }));
		});
		const smallest = Math.min(...SETUP_IDS.flatMap((id) => norms[id]).filter((v) => v > 0));
		chart.options.scales!.x!.max = depth;
		chart.options.scales!.y!.min = 10 ** Math.min(-3, 3 * Math.floor(Math.log10(smallest) / 3));
		chart.update();
		const ratio = (id: SetupId) => {
			const zeros = norms[id].filter((v) => v === 0).length;
			if (zeros > 0) return `0: the first ${zeros === 1 ? 'layer’s gradient underflows' : `${zeros} layers’ gradients underflow`} float32 to exactly zero`;
			return formatNorm(norms[id][0] / norms[id][depth - 1]);
		};
		readout.textContent = `${depth} layers. First layer / last layer: ${SETUP_IDS.map((id) => `${SETUPS[id].label} ${ratio(id)}`).join('; ')}.`;
	}

	slider.addEventListener('change', () => void update());
	slider.addEventListener('input', () => (output.value = slider.value));
	void update();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => chart.destroy(),
	};
}
