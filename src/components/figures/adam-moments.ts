/**
 * Data for the Adam-moments figure (chapter "optimizers"): the engine's `optim.Adam` on one
 * parameter whose gradients are noisy (mean 1, standard deviation 0.5), with the raw moving averages
 * m_t and v_t read from the optimizer's state (`expAvg`, `expAvgSq`) after every step, and their
 * bias-corrected versions m_t / (1 − β₁ᵗ) and v_t / (1 − β₂ᵗ).
 */
import { RandomSource, optim, tensor, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const MOMENTS_SETUP = { steps: 200, mean: 1, std: 0.5, betas: [0.9, 0.999] as const, seed: 4 } as const;

/** √E[g²] of the gradients: √(mean² + std²). */
export const TRUE_RMS = Math.sqrt(MOMENTS_SETUP.mean ** 2 + MOMENTS_SETUP.std ** 2);

export interface Moments {
	/** Steps 1..steps. */
	t: number[];
	/** The gradient fed at each step. */
	g: number[];
	m: number[];
	mHat: number[];
	/** √v_t and √v̂_t (roots, so they share the gradient's units). */
	rootV: number[];
	rootVHat: number[];
}

export function adamMoments({ steps, mean, std, betas, seed } = MOMENTS_SETUP): Moments {
	const [beta1, beta2] = betas;
	const g = new RandomSource(seed);
	const p = tensor([0], { dtype: 'float64', requiresGrad: true });
	const optimizer = new optim.Adam([p], { lr: 1e-3, betas: [beta1, beta2] });
	const out: Moments = { t: [], g: [], m: [], mHat: [], rootV: [], rootVHat: [] };
	for (let t = 1; t <= steps; t++) {
		const grad = mean + std * g.normal();
		p.grad = tensor([grad], { dtype: 'float64' }); // the gradient a loss would have produced
		optimizer.step();
		const state = optimizer.state.get(p)!;
		const m = (state.expAvg as Tensor).dataSync()[0];
		const v = (state.expAvgSq as Tensor).dataSync()[0];
		out.t.push(t);
		out.g.push(grad);
		out.m.push(m);
		out.mHat.push(m / (1 - beta1 ** t));
		out.rootV.push(Math.sqrt(v));
		out.rootVHat.push(Math.sqrt(v / (1 - beta2 ** t)));
	}
	return out;
}

/** The text alternative: the four estimates at a few steps. */
export function momentsTable(d: Moments, at: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200]): FigureTable {
	const steps = at.filter((t) => t <= d.t.length);
	return {
		columns: ['step t', 'gradient g_t', 'm_t (raw)', 'm̂_t (corrected)', '√v_t (raw)', '√v̂_t (corrected)'],
		rows: steps.map((t) => {
			const i = t - 1;
			return [String(t), ...[d.g[i], d.m[i], d.mHat[i], d.rootV[i], d.rootVHat[i]].map((v) => formatNumber(v, 3))];
		}),
	};
}
