/**
 * The text alternative of a live figure: a small table of the numbers behind it, computed at
 * build time by the same pure module the browser uses, so it is in the HTML without JavaScript
 * (screen readers, search, print).
 */
export interface FigureTable {
	/** Column headings; the first column names the rows. */
	columns: string[];
	rows: string[][];
}

/**
 * A number for a table cell: fixed decimals without trailing zeros, a true minus sign, and
 * `-0` shown as `0`.
 *
 * ```ts
 * formatNumber(0.5000001, 3); // '0.5'
 * formatNumber(-2, 3); // '−2'
 * ```
 */
export function formatNumber(value: number, digits = 3): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
	let text = value.toFixed(digits);
	if (text.includes('.')) text = text.replace(/\.?0+$/, '');
	if (/^-0(\.0*)?$/.test(text)) text = '0';
	return text.replace(/^-/, '−');
}

/** A percentage for a table cell: `0.953` → `95.3%`. */
export function formatPercent(value: number, digits = 1): string {
	return `${formatNumber(value * 100, digits)}%`;
}

/** Checks that every row has a cell per column (a table that does not line up misleads). */
export function checkTable(table: FigureTable, where: string): FigureTable {
	const bad = table.rows.findIndex((row) => row.length !== table.columns.length);
	if (bad !== -1) {
		throw new Error(
			`${where}: table row ${bad} has ${table.rows[bad].length} cells but there are ${table.columns.length} columns`,
		);
	}
	return table;
}
