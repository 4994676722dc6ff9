/**
 * Data for the softmax figure (chapter "activations"): softmax(z / T) of fixed logits for a
 * temperature T, computed by the engine's `F.softmax`.
 */
import { F, tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

/** Logits of four classes, as a classifier's last layer might give them. */
export const DEFAULT_LOGITS: readonly number[] = [2, 1, 0.1, -1];
export const TEMPERATURES: readonly number[] = [0.25, 0.5, 1, 2, 5];
export const MIN_TEMPERATURE = 0.1;
export const MAX_TEMPERATURE = 5;

/**
 * softmax(z / T): probabilities that sum to 1. T < 1 sharpens toward the largest logit; T > 1
 * flattens toward uniform.
 *
 * ```ts
 * softmaxWithTemperature([0, 0], 1); // [0.5, 0.5]
 * ```
 */
export function softmaxWithTemperature(logits: readonly number[], temperature = 1): number[] {
	if (!(temperature > 0))
		throw new RangeError(
			`softmaxWithTemperature: the temperature must be positive, got ${temperature}`,
		);
	const z = tensor([...logits], { dtype: 'float64' });
	return Array.from(F.softmax(z.div(temperature), 0).dataSync());
}

export function softmaxTable(
	logits: readonly number[] = DEFAULT_LOGITS,
	temperatures: readonly number[] = TEMPERATURES,
): FigureTable {
	return {
		columns: ['Temperature T', ...logits.map((z, i) => `class ${i + 1} (z = ${formatNumber(z)})`)],
		rows: temperatures.map((t) => [
			formatNumber(t),
			...softmaxWithTemperature(logits, t).map((p) => formatNumber(p)),
		]),
	};
}

/** Class labels for the bars. */
export function classLabels(logits: readonly number[]): string[] {
	return logits.map((z, i) => `class ${i + 1} (z = ${formatNumber(z)})`);
}
