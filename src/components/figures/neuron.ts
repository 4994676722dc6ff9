/**
 * Data for the single-neuron figure (chapter "neuron"): the output a = φ(w₁x₁ + w₂x₂ + b) of one
 * neuron, an engine `nn.Linear(2, 1)` with the weights you choose, over the plane and on the four
 * inputs of a logic gate.
 */
import { nn, noGrad, tensor } from 'chainrule';
import { gridPoints, type Extent } from './kit/heatmap.ts';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const GATES = {
	and: { label: 'AND', targets: [0, 0, 0, 1] },
	or: { label: 'OR', targets: [0, 1, 1, 1] },
	nand: { label: 'NAND', targets: [1, 1, 1, 0] },
	xor: { label: 'XOR', targets: [0, 1, 1, 0] },
} as const;
export type GateId = keyof typeof GATES;
export const GATE_IDS = Object.keys(GATES) as GateId[];

/** The four inputs of a two-input gate, in truth-table order: [4, 2] row-major. */
export const GATE_INPUTS: readonly (readonly [number, number])[] = [
	[0, 0],
	[0, 1],
	[1, 0],
	[1, 1],
];

export const NEURON_EXTENT: Extent = { xMin: -0.5, xMax: 1.5, yMin: -0.5, yMax: 1.5 };

export type NeuronActivation = 'sigmoid' | 'step';

export interface NeuronParams {
	w1: number;
	w2: number;
	b: number;
	activation: NeuronActivation;
}

/** A neuron with these weights: nn.Linear(2, 1), weight [[w1, w2]] and bias [b]. */
export function makeNeuron({ w1, w2, b }: NeuronParams): nn.Linear {
	const layer = new nn.Linear(2, 1);
	noGrad(() => {
		layer.weight.copy_(tensor([[w1, w2]]));
		layer.bias!.copy_(tensor([b]));
	});
	return layer;
}

/** Neuron outputs a for the rows of `xy` ([N, 2] row-major). Step: 1 where z ≥ 0, else 0. */
export function neuronOutputs(params: NeuronParams, xy: ArrayLike<number>): Float32Array {
	const n = xy.length / 2;
	const neuron = makeNeuron(params);
	return noGrad(() => {
		const z = neuron.forward(tensor(Float32Array.from(xy), { shape: [n, 2] })).reshape([n]);
		const a = params.activation === 'step' ? z.ge(0) : z.sigmoid();
		return Float32Array.from(a.dataSync());
	});
}

/** Two-class probabilities [res * res, 2] for the heat map: class 1 with probability a. */
export function neuronGrid(
	params: NeuronParams,
	res: number,
	extent: Extent = NEURON_EXTENT,
): Float32Array {
	const a = neuronOutputs(params, gridPoints(res, extent));
	const probs = new Float32Array(res * res * 2);
	for (let i = 0; i < a.length; i++) {
		probs[2 * i] = 1 - a[i];
		probs[2 * i + 1] = a[i];
	}
	return probs;
}

/** How many of the gate's four rows the neuron gets right (output rounded at 0.5). */
export function gateScore(
	params: NeuronParams,
	gate: GateId,
): { outputs: number[]; correct: number } {
	const outputs = Array.from(neuronOutputs(params, GATE_INPUTS.flat()));
	const targets = GATES[gate].targets;
	const correct = outputs.filter((a, i) => (a >= 0.5 ? 1 : 0) === targets[i]).length;
	return { outputs, correct };
}

/** Weights that compute each gate (none exists for XOR: it is not linearly separable). */
export const GATE_SOLUTIONS: Record<Exclude<GateId, 'xor'>, Omit<NeuronParams, 'activation'>> = {
	and: { w1: 4, w2: 4, b: -6 },
	or: { w1: 4, w2: 4, b: -2 },
	nand: { w1: -4, w2: -4, b: 6 },
};

export function neuronTable(params: NeuronParams): FigureTable {
	const outputs = neuronOutputs(params, GATE_INPUTS.flat());
	return {
		columns: [
			'Input (x₁, x₂)',
			'z = w₁x₁ + w₂x₂ + b',
			`a = ${params.activation === 'step' ? 'step' : 'σ'}(z)`,
			...GATE_IDS.map((g) => GATES[g].label),
		],
		rows: GATE_INPUTS.map(([x1, x2], i) => [
			`(${x1}, ${x2})`,
			formatNumber(params.w1 * x1 + params.w2 * x2 + params.b),
			formatNumber(outputs[i]),
			...GATE_IDS.map((g) => String(GATES[g].targets[i])),
		]),
	};
}
