import { describe, expect, it } from 'vitest';
import { softmaxTable, softmaxWithTemperature } from '~/components/figures/softmax.ts';
import {
	GATE_SOLUTIONS,
	gateScore,
	neuronGrid,
	neuronOutputs,
	neuronTable,
} from '~/components/figures/neuron.ts';

describe('softmax with a temperature', () => {
	it('matches exp(z/T) / Σ exp(z/T) and sums to 1', () => {
		const z = [2, 1, 0.1, -1];
		for (const t of [0.25, 1, 5]) {
			const p = softmaxWithTemperature(z, t);
			const e = z.map((v) => Math.exp(v / t));
			const total = e.reduce((a, b) => a + b);
			p.forEach((v, i) => expect(v).toBeCloseTo(e[i] / total, 12));
			expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
		}
	});

	it('sharpens as T falls and flattens as T grows', () => {
		expect(softmaxWithTemperature([2, 1], 0.1)[0]).toBeGreaterThan(0.9999);
		expect(softmaxWithTemperature([2, 1], 100)[0]).toBeCloseTo(0.5, 2);
		expect(softmaxTable([0, 0], [1]).rows).toEqual([['1', '0.5', '0.5']]);
	});

	it('refuses a temperature that is not positive', () => {
		expect(() => softmaxWithTemperature([1, 2], 0)).toThrow(/must be positive/);
	});
});

describe('Does the single neuron compute σ(w·x + b), and the gates the chapter claims?', () => {
	it('computes σ(w1 x1 + w2 x2 + b) with the engine’s Linear', () => {
		const out = neuronOutputs({ w1: 2, w2: -1, b: 0.5, activation: 'sigmoid' }, [1, 1, 0, 0]);
		expect(out[0]).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 6);
		expect(out[1]).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 6);
		expect(
			Array.from(neuronOutputs({ w1: 1, w2: 1, b: -1.5, activation: 'step' }, [1, 1, 1, 0])),
		).toEqual([1, 0]);
	});

	it('fits AND, OR and NAND with the listed weights, and no weights fit XOR', () => {
		for (const [gate, w] of Object.entries(GATE_SOLUTIONS)) {
			expect(gateScore({ ...w, activation: 'sigmoid' }, gate as 'and').correct, gate).toBe(4);
		}
		// a coarse search over the slider grid: at most 3 of 4 for XOR
		let best = 0;
		for (let w1 = -8; w1 <= 8; w1 += 2)
			for (let w2 = -8; w2 <= 8; w2 += 2)
				for (let b = -8; b <= 8; b += 2) {
					best = Math.max(best, gateScore({ w1, w2, b, activation: 'step' }, 'xor').correct);
				}
		expect(best).toBe(3);
	});

	it('gives two-class probabilities on the grid and a table of the four inputs', () => {
		const g = neuronGrid({ w1: 1, w2: 1, b: 0, activation: 'sigmoid' }, 8);
		expect(g).toHaveLength(8 * 8 * 2);
		for (let i = 0; i < 64; i++) expect(g[2 * i] + g[2 * i + 1]).toBeCloseTo(1, 6);
		const table = neuronTable({ w1: 4, w2: 4, b: -6, activation: 'step' });
		expect(table.rows.map((r) => r.slice(0, 3))).toEqual([
			['(0, 0)', '−6', '0'],
			['(0, 1)', '−2', '0'],
			['(1, 0)', '−2', '0'],
			['(1, 1)', '2', '1'],
		]);
	});
});
