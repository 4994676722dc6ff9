/**
 * Data for the gradient-norms figure (chapter "vanishing-gradients"): one forward and one backward
 * pass through deep plain networks (no training), and the norm of ∂J/∂W for every layer. Four
 * set-ups: sigmoid with PyTorch's default initialization, tanh with Xavier, ReLU with the default,
 * ReLU with He. Each network is `depth` layers of `width` units, biases zero, on a batch of
 * standard normal inputs with a mean squared error against standard normal targets.
 */
import { F, RandomSource, nn, randn, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const SETUP_IDS = ['sigmoidDefault', 'tanhXavier', 'reluDefault', 'reluHe'] as const;
export type SetupId = (typeof SETUP_IDS)[number];

interface Setup {
	label: string;
	activation: (z: Tensor) => Tensor;
	/** Fills a weight [out, in] in place, drawing from `g`. */
	init: (w: Tensor, g: RandomSource) => void;
}

/** PyTorch's default for nn.Linear weights: kaiming_uniform with a = √5, i.e. U(−1/√in, 1/√in). */
const pytorchDefault = (w: Tensor, g: RandomSource) => void nn.init.kaimingUniform_(w, { a: Math.sqrt(5), generator: g });

export const SETUPS: Record<SetupId, Setup> = {
	sigmoidDefault: { label: 'sigmoid, PyTorch default init', activation: (z) => z.sigmoid(), init: pytorchDefault },
	tanhXavier: { label: 'tanh, Xavier init', activation: (z) => z.tanh(), init: (w, g) => void nn.init.xavierNormal_(w, 1, g) },
	reluDefault: { label: 'ReLU, PyTorch default init', activation: (z) => z.relu(), init: pytorchDefault },
	reluHe: {
		label: 'ReLU, He init',
		activation: (z) => z.relu(),
		init: (w, g) => void nn.init.kaimingNormal_(w, { nonlinearity: 'relu', generator: g }),
	},
};

export const NORMS_SETUP = { depth: 20, width: 64, batch: 64, seed: 0 } as const;
export const MIN_DEPTH = 2;
export const MAX_DEPTH = 30;

export interface NormsOptions {
	depth?: number;
	width?: number;
	batch?: number;
	seed?: number;
}

/**
 * ‖∂J/∂W_l‖ (Frobenius norm) for l = 1..depth, for one set-up. The same seed gives every set-up the
 * same inputs and targets.
 */
export function layerGradientNorms(id: SetupId, options: NormsOptions = {}): number[] {
	const { depth = NORMS_SETUP.depth, width = NORMS_SETUP.width, batch = NORMS_SETUP.batch, seed = NORMS_SETUP.seed } = options;
	if (!(Number.isInteger(depth) && depth >= 1)) throw new RangeError(`layerGradientNorms: depth must be a positive integer, got ${depth}`);
	const setup = SETUPS[id];
	if (!setup) throw new RangeError(`layerGradientNorms: unknown set-up ${JSON.stringify(id)}; use one of ${SETUP_IDS.join(', ')}`);
	const g = new RandomSource(seed);
	const X = randn([batch, width], { generator: g });
	const target = randn([batch, width], { generator: g });
	const layers = Array.from({ length: depth }, () => {
		const layer = new nn.Linear(width, width);
		setup.init(layer.weight, g); // from the figure's own generator, so the global one is untouched
		nn.init.zeros_(layer.bias!);
		return layer;
	});
	let a = X;
	for (const layer of layers) a = setup.activation(layer.forward(a));
	F.mseLoss(a, target).backward();
	// NOTE: the norm is taken in float64: squaring float32 entries of 1e-24 would underflow to 0
	return layers.map((layer) => Math.sqrt(layer.weight.grad!.to('float64').square().sum().dataSync()[0]));
}

export function allGradientNorms(options: NormsOptions = {}): Record<SetupId, number[]> {
	return Object.fromEntries(SETUP_IDS.map((id) => [id, layerGradientNorms(id, options)])) as Record<SetupId, number[]>;
}

/** A norm for a table cell: 3 significant digits in scientific notation, 1.23e-7 → '1.23×10⁻⁷'. */
export function formatNorm(v: number): string {
	if (!Number.isFinite(v)) return 'NaN';
	if (v === 0) return '0';
	const e = Math.floor(Math.log10(v));
	if (e >= -2 && e <= 2) return formatNumber(v, Math.max(0, 2 - e));
	const sup: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
	return `${formatNumber(v / 10 ** e, 2)}×10${String(e).replace(/./g, (c) => sup[c] ?? c)}`;
}

/** The text alternative: the norms at a few layers, one row per set-up. */
export function normsTable(norms: Record<SetupId, number[]>, layers: readonly number[] = [1, 5, 10, 15, 20]): FigureTable {
	const depth = norms[SETUP_IDS[0]].length;
	const at = layers.filter((l) => l <= depth);
	return {
		columns: ['Network', ...at.map((l) => `layer ${l}`)],
		rows: SETUP_IDS.map((id) => [SETUPS[id].label, ...at.map((l) => formatNorm(norms[id][l - 1]))]),
	};
}
