import { describe, expect, it } from 'vitest';
import {
	ACTIVATION_IDS,
	activationCurves,
	activationTable,
	LEAKY_SLOPE,
} from '~/components/figures/activations.ts';

const at = (curve: { x: number[]; y: number[]; dy: number[] }, x: number) => {
	const i = curve.x.findIndex((v) => Math.abs(v - x) < 1e-9);
	if (i === -1) throw new Error(`no sample at ${x}`);
	return { y: curve.y[i], dy: curve.dy[i] };
};

describe('Are the activation curves the functions and their derivatives?', () => {
	const curves = activationCurves();
	const byId = Object.fromEntries(curves.map((c) => [c.id, c]));

	it('has every activation, sampled at 161 points on [−4, 4]', () => {
		expect(curves.map((c) => c.id)).toEqual([...ACTIVATION_IDS]);
		for (const c of curves) {
			expect(c.x).toHaveLength(161);
			expect(c.x[0]).toBe(-4);
			expect(c.x[160]).toBe(4);
		}
	});

	it('matches the closed forms of sigmoid and tanh and their derivatives', () => {
		for (const x of [-3, -0.5, 0, 1, 2.5]) {
			const s = 1 / (1 + Math.exp(-x));
			expect(at(byId.sigmoid, x).y).toBeCloseTo(s, 12);
			expect(at(byId.sigmoid, x).dy).toBeCloseTo(s * (1 - s), 12);
			expect(at(byId.tanh, x).y).toBeCloseTo(Math.tanh(x), 12);
			expect(at(byId.tanh, x).dy).toBeCloseTo(1 - Math.tanh(x) ** 2, 12);
		}
		expect(at(byId.sigmoid, 0).dy).toBeCloseTo(0.25, 12);
	});

	it('gives ReLU slope 0 at the kink (PyTorch’s choice) and leaky ReLU its slope on the left', () => {
		expect(at(byId.relu, -1)).toEqual({ y: 0, dy: 0 });
		expect(at(byId.relu, 0).dy).toBe(0);
		expect(at(byId.relu, 2)).toEqual({ y: 2, dy: 1 });
		expect(at(byId.leakyRelu, -2).y).toBeCloseTo(-2 * LEAKY_SLOPE, 12);
		expect(at(byId.leakyRelu, -2).dy).toBeCloseTo(LEAKY_SLOPE, 12);
	});

	it('matches ELU and GELU', () => {
		expect(at(byId.elu, -1).y).toBeCloseTo(Math.exp(-1) - 1, 12);
		expect(at(byId.elu, -1).dy).toBeCloseTo(Math.exp(-1), 12);
		// GELU(1) = 1 · Φ(1) = 0.841344746…; GELU′(0) = Φ(0) = 0.5
		expect(at(byId.gelu, 1).y).toBeCloseTo(0.8413447460685429, 9);
		expect(at(byId.gelu, 0).dy).toBeCloseTo(0.5, 12);
	});

	it('tabulates φ and φ′ at a few inputs, one row per activation', () => {
		const table = activationTable(curves, [0, 1]);
		expect(table.columns).toEqual(['Function', 'φ(0)', 'φ′(0)', 'φ(1)', 'φ′(1)']);
		expect(table.rows[0]).toEqual(['sigmoid', '0.5', '0.25', '0.731', '0.197']);
		expect(table.rows[2]).toEqual(['ReLU', '0', '0', '1', '1']);
	});
});
