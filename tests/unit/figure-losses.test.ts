import { describe, expect, it } from 'vitest';
import { lossCurves, lossTable } from '~/components/figures/losses.ts';

const valueAt = (c: { x: number[]; loss: number[]; grad: number[] }, x: number) => {
	const i = c.x.findIndex((v) => Math.abs(v - x) < 1e-9);
	if (i === -1) throw new Error(`no sample at ${x}`);
	return { loss: c.loss[i], grad: c.grad[i] };
};

describe('Are the regression losses and their gradients right (target 0)?', () => {
	const panel = lossCurves('regression');
	const [mse, mae, huber] = panel.curves;

	it('has MSE, MAE and Huber against ŷ in [−3, 3]', () => {
		expect(panel.curves.map((c) => c.id)).toEqual(['mse', 'mae', 'huber']);
		expect(mse.x[0]).toBe(-3);
		expect(mse.x.at(-1)).toBe(3);
	});

	it('gives ŷ², |ŷ| and Huber’s two pieces, with gradients 2ŷ, sign(ŷ) and clip(ŷ, −1, 1)', () => {
		for (const x of [-3, -1, -0.5, 0.5, 2]) {
			expect(valueAt(mse, x).loss).toBeCloseTo(x * x, 12);
			expect(valueAt(mse, x).grad).toBeCloseTo(2 * x, 12);
			expect(valueAt(mae, x).loss).toBeCloseTo(Math.abs(x), 12);
			expect(valueAt(mae, x).grad).toBe(Math.sign(x));
			const h = Math.abs(x) < 1 ? 0.5 * x * x : Math.abs(x) - 0.5;
			expect(valueAt(huber, x).loss).toBeCloseTo(h, 12);
			expect(valueAt(huber, x).grad).toBeCloseTo(Math.max(-1, Math.min(1, x)), 12);
		}
		// at a tie the engine, as PyTorch, gives |x| slope 0
		expect(valueAt(mae, 0).grad).toBe(0);
	});
});

describe('Does cross-entropy keep its gradient where squared error on σ(z) loses it (target 1)?', () => {
	const [bce, mseSigmoid] = lossCurves('classification').curves;
	const sigma = (z: number) => 1 / (1 + Math.exp(-z));

	it('gives −log σ(z) with gradient σ(z) − 1, and (1 − σ)² with gradient −2(1 − σ)σ(1 − σ)', () => {
		for (const z of [-6, -2, 0, 1, 4]) {
			const s = sigma(z);
			expect(valueAt(bce, z).loss).toBeCloseTo(-Math.log(s), 10);
			expect(valueAt(bce, z).grad).toBeCloseTo(s - 1, 10);
			expect(valueAt(mseSigmoid, z).loss).toBeCloseTo((1 - s) ** 2, 10);
			expect(valueAt(mseSigmoid, z).grad).toBeCloseTo(-2 * (1 - s) * s * (1 - s), 10);
		}
	});

	it('at z = −6 (confidently wrong) the cross-entropy gradient is near −1, the squared-error one near 0', () => {
		expect(valueAt(bce, -6).grad).toBeLessThan(-0.99);
		expect(Math.abs(valueAt(mseSigmoid, -6).grad)).toBeLessThan(0.005);
	});

	it('tabulates one row per input with loss and gradient per curve', () => {
		const table = lossTable(lossCurves('classification'), [0]);
		expect(table.columns).toEqual([
			'z',
			'cross-entropy',
			'∂ cross-entropy / ∂z',
			'squared error on σ(z)',
			'∂ squared error on σ(z) / ∂z',
		]);
		expect(table.rows).toEqual([['0', '0.6931', '−0.5', '0.25', '−0.25']]);
	});

	it('rejects an unknown kind, naming the allowed ones', () => {
		expect(() => lossCurves('ranking' as never)).toThrow(/regression, classification/);
	});
});
