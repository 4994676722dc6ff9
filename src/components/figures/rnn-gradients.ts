/**
 * Data for the recurrent-gradients figure (chapter "rnn"): how much the last hidden state depends on
 * each earlier input, ‖∂L/∂x_t‖ with L = Σ h_T, computed by the engine's autograd through nn.RNN,
 * nn.LSTM and nn.GRU unrolled over 40 steps. Two knobs: a factor on the vanilla RNN's recurrent
 * weights W_hh, and the bias of the LSTM's forget gate.
 */
import { RandomSource, manualSeed, nn, randn, tensor, type Tensor } from 'chainrule';
import type { FigureTable } from './kit/table.ts';
import { formatScientific } from './feature-scaling.ts';

export const RNN_GRADIENT_SETUP = { steps: 40, inputSize: 4, hiddenSize: 16, batch: 16, seed: 0 } as const;

export const CELL_IDS = ['rnn', 'lstm', 'gru'] as const;
export type CellId = (typeof CELL_IDS)[number];

export interface CellOptions {
	/** Multiplies the RNN's W_hh after PyTorch's default initialization (default 1). */
	recurrentScale?: number;
	/** Total bias of the LSTM's forget gate (b_if + b_hf); default: PyTorch's random initialization. */
	forgetBias?: number;
}

/** PyTorch's gate order in LSTM weights is i, f, g, o: the forget gate is rows hidden..2·hidden. */
function withForgetBias(lstm: nn.LSTM, bias: number): void {
	const h = lstm.hiddenSize;
	const state = lstm.stateDict();
	const ih = Array.from(state.bias_ih_l0.dataSync());
	const hh = Array.from(state.bias_hh_l0.dataSync());
	for (let k = h; k < 2 * h; k++) {
		ih[k] = bias;
		hh[k] = 0;
	}
	lstm.loadStateDict({ bias_ih_l0: tensor(ih), bias_hh_l0: tensor(hh) }, false);
}

/** A recurrent layer with the figure's sizes, default-initialized from a fixed seed, then adjusted. */
export function buildCell(cell: CellId, { recurrentScale = 1, forgetBias }: CellOptions = {}): nn.RNN | nn.LSTM | nn.GRU {
	const { inputSize, hiddenSize, seed } = RNN_GRADIENT_SETUP;
	manualSeed(seed); // the same initial weights every time
	if (cell === 'rnn') {
		const rnn = new nn.RNN(inputSize, hiddenSize);
		if (recurrentScale !== 1) rnn.loadStateDict({ weight_hh_l0: rnn.stateDict().weight_hh_l0.mul(recurrentScale) }, false);
		return rnn;
	}
	if (cell === 'lstm') {
		const lstm = new nn.LSTM(inputSize, hiddenSize);
		if (forgetBias !== undefined) withForgetBias(lstm, forgetBias);
		return lstm;
	}
	if (cell === 'gru') return new nn.GRU(inputSize, hiddenSize);
	throw new RangeError(`buildCell: unknown cell ${JSON.stringify(cell)}; use one of ${CELL_IDS.join(', ')}`);
}

/**
 * ‖∂L/∂x_t‖ for t = 1..steps, averaged over a batch of random input sequences, where L is the sum of
 * the last hidden state. Entry t − 1 measures how strongly input x_t can still move the final state;
 * for early t it is the quantity that vanishes or explodes.
 */
export function gradientNorms(cell: CellId, options: CellOptions = {}): number[] {
	const { steps, inputSize, batch } = RNN_GRADIENT_SETUP;
	const layer = buildCell(cell, options);
	const x = randn([steps, batch, inputSize], { generator: new RandomSource(1), requiresGrad: true }); // [T, B, d]
	const output: Tensor = layer.forward(x)[0]; // [T, B, hidden]
	output.narrow(0, steps - 1, 1).sum().backward(); // L = Σ h_T
	const g = x.grad!.dataSync();
	return Array.from({ length: steps }, (_, t) => {
		let mean = 0;
		for (let b = 0; b < batch; b++) {
			let sq = 0;
			for (let k = 0; k < inputSize; k++) sq += g[(t * batch + b) * inputSize + k] ** 2;
			mean += Math.sqrt(sq) / batch;
		}
		return mean;
	});
}

export interface GradientCase {
	label: string;
	cell: CellId;
	options: CellOptions;
}

/** The cases of the text alternative. */
export const TABLE_CASES: readonly GradientCase[] = [
	{ label: 'RNN (tanh), default W_hh', cell: 'rnn', options: {} },
	{ label: 'RNN (tanh), W_hh × 2', cell: 'rnn', options: { recurrentScale: 2 } },
	{ label: 'RNN (tanh), W_hh × 4', cell: 'rnn', options: { recurrentScale: 4 } },
	{ label: 'LSTM, forget bias 0', cell: 'lstm', options: { forgetBias: 0 } },
	{ label: 'LSTM, forget bias 1', cell: 'lstm', options: { forgetBias: 1 } },
	{ label: 'LSTM, forget bias 3', cell: 'lstm', options: { forgetBias: 3 } },
	{ label: 'GRU, default', cell: 'gru', options: {} },
];

/** The text alternative: gradient norms at a few time steps and the ratio of the first to the last. */
export function rnnGradientTable(cases: readonly GradientCase[] = TABLE_CASES, at: readonly number[] = [1, 10, 20, 30, 40]): FigureTable {
	const columns = ['Layer', ...at.map((t) => `‖∂L/∂x${subscript(t)}‖`), 'First / last'];
	const rows = cases.map(({ label, cell, options }) => {
		const norms = gradientNorms(cell, options);
		return [label, ...at.map((t) => formatScientific(norms[t - 1])), formatScientific(norms[0] / norms[norms.length - 1])];
	});
	return { columns, rows };
}

function subscript(n: number): string {
	return [...String(n)].map((d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]).join('');
}

/** Formats a gradient norm or a ratio for the readout, to three significant digits. */
export function formatNorm(v: number): string {
	return v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(3))) : formatScientific(v);
}
