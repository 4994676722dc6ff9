import { describe, expect, it } from 'vitest';
import { RNN_GRADIENT_SETUP, TABLE_CASES, buildCell, gradientNorms, rnnGradientTable } from '~/components/figures/rnn-gradients.ts';

const { steps, hiddenSize: H } = RNN_GRADIENT_SETUP;
const ratio = (norms: number[]) => norms[0] / norms[steps - 1];

describe('Does the figure show gradients vanishing and exploding through time?', () => {
	it('gives one gradient norm per time step, all finite and positive', () => {
		const norms = gradientNorms('rnn');
		expect(norms).toHaveLength(steps);
		expect(norms.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
	});

	it('vanishes for the default vanilla RNN and explodes when W_hh is scaled by 4', () => {
		expect(ratio(gradientNorms('rnn'))).toBeLessThan(1e-6);
		expect(ratio(gradientNorms('rnn', { recurrentScale: 4 }))).toBeGreaterThan(10);
	});

	it('lets an LSTM with an open forget gate keep early gradients, unlike one with bias 0', () => {
		expect(ratio(gradientNorms('lstm', { forgetBias: 0 }))).toBeLessThan(1e-6);
		expect(ratio(gradientNorms('lstm', { forgetBias: 3 }))).toBeGreaterThan(0.1);
	});

	it('sets the forget gate: rows H..2H of bias_ih (PyTorch order i, f, g, o), bias_hh zeroed there', () => {
		const state = buildCell('lstm', { forgetBias: 2.5 }).stateDict();
		const ih = Array.from(state.bias_ih_l0.dataSync());
		const hh = Array.from(state.bias_hh_l0.dataSync());
		expect(ih.slice(H, 2 * H).every((v) => v === 2.5)).toBe(true);
		expect(hh.slice(H, 2 * H).every((v) => v === 0)).toBe(true);
		// the other gates keep PyTorch's U(−1/√H, 1/√H) initialization
		expect(ih.slice(0, H).every((v) => Math.abs(v) <= 1 / Math.sqrt(H))).toBe(true);
	});

	it('scales W_hh of the RNN and nothing else', () => {
		const base = buildCell('rnn').stateDict();
		const scaled = buildCell('rnn', { recurrentScale: 2 }).stateDict();
		expect(Array.from(scaled.weight_hh_l0.dataSync())).toEqual(Array.from(base.weight_hh_l0.dataSync()).map((v) => Math.fround(v * 2)));
		expect(Array.from(scaled.weight_ih_l0.dataSync())).toEqual(Array.from(base.weight_ih_l0.dataSync()));
	});

	it('tabulates every case, lined up with the columns', () => {
		const table = rnnGradientTable();
		expect(table.rows).toHaveLength(TABLE_CASES.length);
		for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
	});
});
