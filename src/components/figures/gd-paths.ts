/**
 * Data for the gradient-descent figure (chapter "gradient-descent"): the engine's `optim.SGD` on
 * the valley J(w) = ½(w₁² + 10w₂²) (L = 10, so it diverges for lr > 2/L = 0.2) at a few fixed
 * learning rates, plus one the reader picks with a slider.
 */
import { formatNumber, type FigureTable } from './kit/table.ts';
import { contour, gdPath, lossAfter, type Path, type Valley } from './quadratic-paths.ts';

export const GD_VALLEY: Valley = { curvatures: [1, 10], start: [-4.5, 1.6] };
export const GD_STEPS = 40;
/** The fixed learning rates: crawling, 1/L, zigzagging, just past 2/L. */
export const GD_LRS: readonly number[] = [0.02, 0.1, 0.18, 0.21];
export const SLIDER = { min: 0.01, max: 0.25, step: 0.01, initial: 0.15 } as const;
/** Loss levels of the contour lines. */
export const GD_LEVELS: readonly number[] = [0.1, 0.5, 2, 5, 10, 20, 35];

export function gdPaths(lrs: readonly number[] = GD_LRS, steps = GD_STEPS): Path[] {
	return lrs.map((lr) => gdPath(GD_VALLEY, lr, steps));
}

export function gdContours(): { x: number[]; y: number[] }[] {
	return GD_LEVELS.map((level) => contour(GD_VALLEY, level));
}

/** A loss for a table cell: diverged runs say so. */
export function formatLoss(v: number): string {
	if (!Number.isFinite(v) || v > 1e6) return 'diverged';
	if (v >= 0.01 && v < 1e4) return formatNumber(v, v >= 10 ? 1 : 3);
	const e = Math.floor(Math.log10(v));
	const sup: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
	return `${formatNumber(v / 10 ** e, 1)}×10${String(e).replace(/./g, (c) => sup[c] ?? c)}`;
}

/** The text alternative: the loss after 1, 5, 10, 20 and 40 steps at each fixed learning rate. */
export function gdTable(paths: Path[], lrs: readonly number[] = GD_LRS, at: readonly number[] = [1, 5, 10, 20, 40]): FigureTable {
	return {
		columns: ['Learning rate', 'start', ...at.map((t) => `after ${t}`)],
		rows: paths.map((p, i) => [`lr = ${lrs[i]}`, formatLoss(p.loss[0]), ...at.map((t) => formatLoss(lossAfter(p, t)))]),
	};
}
