/**
 * Data for the gradient-check figure (chapter "backpropagation"): the relative error of finite
 * differences against the engine's autograd, as the step h shrinks, for the worked example's
 * 2-2-1 sigmoid network and one of its weights, W1[0, 0].
 *
 * The exact gradient comes from `backward()` in float64; the finite differences evaluate the
 * loss with the engine too, in float64 (forward and central differences) and in float32 (central),
 * so the figure shows truncation error (falling with h) meeting rounding error (rising as 1/h).
 */
import { tensor, type DType, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

/** The worked example of the chapter: x, the weights, and the target y = 1. */
export const EXAMPLE = {
	x: [1.0, 0.5],
	W1: [
		[0.6, -0.4],
		[-0.2, 0.8],
	],
	b1: [0.1, 0.0],
	W2: [[1.2, -0.7]],
	b2: [0.3],
	y: 1,
} as const;

/** Steps h = 10^-k for k = 1, 1.25, ..., 13. */
export const STEPS: readonly number[] = Array.from({ length: 49 }, (_, i) => 10 ** -(1 + i / 4));

/** Plotted errors never go below this (a difference of exactly 0 would vanish from a log axis). */
export const ERROR_FLOOR = 1e-17;

export const SERIES_IDS = ['forward64', 'central64', 'central32'] as const;
export type SeriesId = (typeof SERIES_IDS)[number];
export const SERIES_LABELS: Record<SeriesId, string> = {
	forward64: 'forward difference, float64',
	central64: 'central difference, float64',
	central32: 'central difference, float32',
};

/** J(w) = ½(ŷ − y)² with W1[0, 0] replaced by w, evaluated by the engine in `dtype`. */
export function lossAt(w: number, dtype: DType = 'float64'): number {
	const opts = { dtype };
	const W1 = tensor([[w, EXAMPLE.W1[0][1]], [...EXAMPLE.W1[1]]], opts);
	const yHat = tensor([[...EXAMPLE.x]], opts)
		.matmul(W1.T)
		.add(tensor([...EXAMPLE.b1], opts))
		.sigmoid()
		.matmul(tensor(EXAMPLE.W2.map((r) => [...r]), opts).T)
		.add(tensor([...EXAMPLE.b2], opts));
	return yHat.sub(EXAMPLE.y).square().mul(0.5).sum().dataSync()[0];
}

/** ∂J/∂W1[0, 0] by autograd, in float64. */
export function autogradValue(): number {
	const opts = { dtype: 'float64' as const, requiresGrad: true };
	const W1 = tensor(EXAMPLE.W1.map((r) => [...r]), opts);
	const yHat = tensor([[...EXAMPLE.x]], { dtype: 'float64' })
		.matmul(W1.T)
		.add(tensor([...EXAMPLE.b1], { dtype: 'float64' }))
		.sigmoid()
		.matmul(tensor(EXAMPLE.W2.map((r) => [...r]), { dtype: 'float64' }).T)
		.add(tensor([...EXAMPLE.b2], { dtype: 'float64' }));
	yHat.sub(EXAMPLE.y).square().mul(0.5).sum().backward();
	return W1.grad!.dataSync()[0];
}

/** |a − n| / max(|a| + |n|, tiny): the relative error the chapter (and the labs) use. */
export function relativeError(a: number, n: number): number {
	return Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), 1e-300);
}

export interface GradCheckData {
	/** The exact derivative, from autograd. */
	exact: number;
	steps: readonly number[];
	/** Relative error of each method at each step (not floored). */
	errors: Record<SeriesId, number[]>;
}

export function gradCheckErrors(steps: readonly number[] = STEPS): GradCheckData {
	const exact = autogradValue();
	const w = EXAMPLE.W1[0][0];
	const f64 = (v: number) => lossAt(v, 'float64');
	const f32 = (v: number) => lossAt(v, 'float32');
	const j0 = f64(w);
	const errors: Record<SeriesId, number[]> = { forward64: [], central64: [], central32: [] };
	for (const h of steps) {
		errors.forward64.push(relativeError(exact, (f64(w + h) - j0) / h));
		errors.central64.push(relativeError(exact, (f64(w + h) - f64(w - h)) / (2 * h)));
		errors.central32.push(relativeError(exact, (f32(w + h) - f32(w - h)) / (2 * h)));
	}
	return { exact, steps, errors };
}

/** h as a power of ten: 1e-5 → '10⁻⁵'. */
export function formatPower(h: number): string {
	const e = Math.round(Math.log10(h));
	const sup: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
	return `10${String(e).replace(/./g, (c) => sup[c] ?? c)}`;
}

/** An error in scientific notation for a table cell: 1.7e-10 → '1.7×10⁻¹⁰'. */
export function formatError(v: number): string {
	if (!Number.isFinite(v)) return 'NaN';
	if (v === 0) return '0';
	const e = Math.floor(Math.log10(v));
	const m = v / 10 ** e;
	return `${formatNumber(m, 1)}×${formatPower(10 ** e)}`;
}

/** The text alternative: the three errors at every whole power of ten. */
export function gradCheckTable(d: GradCheckData): FigureTable {
	const columns = ['step h', ...SERIES_IDS.map((id) => SERIES_LABELS[id])];
	const rows: string[][] = [];
	d.steps.forEach((h, i) => {
		if (Math.abs(Math.log10(h) - Math.round(Math.log10(h))) > 1e-9) return;
		rows.push([formatPower(h), ...SERIES_IDS.map((id) => formatError(d.errors[id][i]))]);
	});
	return { columns, rows };
}
