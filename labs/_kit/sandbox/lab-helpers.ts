/** What learner code can import from 'chainrule/lab' to show results on the page. */
export interface PlotSeries {
	name: string;
	/** x values (default 0, 1, 2, ...). */
	x: number[];
	y: number[];
}

export interface LabOutput {
	plots: PlotSeries[];
}

/**
 * Makes the `chainrule/lab` module for one run: `plot(name, y)` or `plot(name, x, y)` adds (or extends) a line
 * series shown as a chart under the editor, e.g. a loss curve.
 */
export function createLabHelpers(output: LabOutput, maxPoints = 10_000) {
	const toNumbers = (values: unknown, what: string): number[] => {
		const list = ArrayBuffer.isView(values) ? Array.from(values as unknown as ArrayLike<number>) : values;
		if (!Array.isArray(list) || list.some((v) => typeof v !== 'number')) throw new TypeError(`plot: ${what} must be an array of numbers`);
		return list.slice(0, maxPoints);
	};
	return {
		plot(name: string, xOrY: unknown, maybeY?: unknown): void {
			if (typeof name !== 'string' || !name) throw new TypeError('plot: the first argument is the series name, e.g. plot("loss", losses)');
			const y = toNumbers(maybeY === undefined ? xOrY : maybeY, 'y');
			const x = maybeY === undefined ? y.map((_, i) => i) : toNumbers(xOrY, 'x');
			if (x.length !== y.length) throw new RangeError(`plot: x has ${x.length} values but y has ${y.length}`);
			const existing = output.plots.find((p) => p.name === name);
			if (existing) {
				existing.x.push(...x);
				existing.y.push(...y);
			} else if (output.plots.length < 8) {
				output.plots.push({ name, x, y });
			}
		},
	};
}
