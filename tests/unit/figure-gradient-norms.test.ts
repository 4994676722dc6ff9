import { describe, expect, it } from 'vitest';
import { SETUP_IDS, allGradientNorms, formatNorm, layerGradientNorms, normsTable } from '~/components/figures/gradient-norms.ts';

describe('Does the gradient-norms figure show vanishing gradients and their cures?', () => {
	const norms = allGradientNorms();
	const ratio = (v: number[]) => v[0] / v[v.length - 1];

	it('gives one norm per layer for every set-up', () => {
		for (const id of SETUP_IDS) {
			expect(norms[id]).toHaveLength(20);
			for (const v of norms[id]) expect(Number.isFinite(v) && v > 0).toBe(true);
		}
	});

	it('makes the sigmoid network’s first-layer gradient more than ten orders of magnitude smaller than its last', () => {
		expect(ratio(norms.sigmoidDefault)).toBeLessThan(1e-10);
	});

	it('keeps tanh + Xavier and ReLU + He within a factor of 10 from first layer to last', () => {
		for (const id of ['tanhXavier', 'reluHe'] as const) {
			expect(ratio(norms[id])).toBeGreaterThan(0.1);
			expect(ratio(norms[id])).toBeLessThan(10);
		}
	});

	it('leaves ReLU with the default init flat but many orders of magnitude smaller than with He', () => {
		expect(ratio(norms.reluDefault)).toBeGreaterThan(0.1);
		expect(ratio(norms.reluDefault)).toBeLessThan(10);
		expect(norms.reluDefault[0] / norms.reluHe[0]).toBeLessThan(1e-6);
	});

	it('is deterministic and follows the depth', () => {
		expect(layerGradientNorms('reluHe', { depth: 5 })).toEqual(layerGradientNorms('reluHe', { depth: 5 }));
		expect(layerGradientNorms('tanhXavier', { depth: 3 })).toHaveLength(3);
		expect(() => layerGradientNorms('reluHe', { depth: 0 })).toThrow(/depth/);
	});

	it('tabulates five layers per set-up', () => {
		const table = normsTable(norms);
		expect(table.columns).toEqual(['Network', 'layer 1', 'layer 5', 'layer 10', 'layer 15', 'layer 20']);
		expect(table.rows).toHaveLength(4);
		expect(formatNorm(1.234e-7)).toBe('1.23×10⁻⁷');
		expect(formatNorm(0.5)).toBe('0.5');
	});
});
