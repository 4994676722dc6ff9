/** Draws the single-neuron figure: a heat map of the neuron's output, redrawn as the sliders move. */
import { drawHeatmap } from './kit/heatmap.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import type { Palette } from './kit/palette.ts';
import { formatNumber } from './kit/table.ts';
import {
	GATE_INPUTS,
	GATES,
	NEURON_EXTENT,
	gateScore,
	neuronGrid,
	type GateId,
	type NeuronParams,
} from './neuron.ts';

const RES = 64;

export function mount(ctx: FigureContext): FigureInstance {
	const canvas = ctx.canvas('main');
	const form = ctx.part<HTMLFormElement>('form');
	const verdict = ctx.part<HTMLElement>('verdict');
	let palette: Palette = ctx.palette;

	const read = (): { params: NeuronParams; gate: GateId } => {
		const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
		return {
			params: {
				w1: Number(value('w1')),
				w2: Number(value('w2')),
				b: Number(value('b')),
				activation: value('activation') as NeuronParams['activation'],
			},
			gate: value('gate') as GateId,
		};
	};

	const draw = () => {
		const { params, gate } = read();
		for (const name of ['w1', 'w2', 'b']) {
			const out = form.querySelector<HTMLOutputElement>(`output[data-for="${name}"]`);
			if (out) out.value = formatNumber(params[name as 'w1'], 1);
		}
		const probs = neuronGrid(params, RES);
		const targets = GATES[gate].targets;
		drawHeatmap(
			canvas,
			{ res: RES, classes: 2, probs, extent: NEURON_EXTENT },
			{ xy: GATE_INPUTS.flat(), labels: targets, radius: 8 },
			palette,
			{
				overlay: (c, toPx) => {
					// the decision boundary z = 0: w1 x + w2 y + b = 0
					const { w1, w2, b } = params;
					if (w1 === 0 && w2 === 0) return;
					const { xMin, xMax, yMin, yMax } = NEURON_EXTENT;
					const ends: [number, number][] =
						Math.abs(w2) > Math.abs(w1)
							? [xMin, xMax].map((x): [number, number] => [x, -(w1 * x + b) / w2])
							: [yMin, yMax].map((y): [number, number] => [-(w2 * y + b) / w1, y]);
					c.save();
					c.strokeStyle = palette.strong;
					c.lineWidth = 2;
					c.setLineDash([6, 4]);
					c.beginPath();
					c.moveTo(...toPx(...ends[0]));
					c.lineTo(...toPx(...ends[1]));
					c.stroke();
					c.restore();
				},
			},
		);
		const { outputs, correct } = gateScore(params, gate);
		verdict.textContent =
			`Outputs on (0,0), (0,1), (1,0), (1,1): ${outputs.map((a) => formatNumber(a, 2)).join(', ')}. ` +
			`Rounded at 0.5, they match ${GATES[gate].label} on ${correct} of 4 inputs.`;
		ctx.root.dataset.correct = String(correct);
	};

	form.addEventListener('input', draw);
	form.addEventListener('submit', (e) => e.preventDefault());
	const resize = new ResizeObserver(() => draw());
	resize.observe(canvas);
	draw();

	return {
		setPalette: (p) => {
			palette = p;
			draw();
		},
		destroy: () => resize.disconnect(),
	};
}
