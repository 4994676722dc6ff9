/** Ids for figure elements that must be unique on a page (captions referenced by aria-describedby). */
let counter = 0;

export function nextFigureId(prefix: string): string {
	counter += 1;
	return `${prefix}-${counter}`;
}
