/** Shape arithmetic shared by every op: sizes, strides, broadcasting and dimension normalisation. */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
	let n = 1;
	for (const d of shape) n *= d;
	return n;
}

/** Row-major (C-order) strides, in elements. */
export function stridesOf(shape: Shape): number[] {
	const strides = new Array<number>(shape.length);
	let s = 1;
	for (let i = shape.length - 1; i >= 0; i--) {
		strides[i] = s;
		s *= shape[i];
	}
	return strides;
}

export function formatShape(shape: Shape): string {
	return `[${shape.join(', ')}]`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
	return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** NumPy/PyTorch broadcasting: align trailing dims; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
	const rank = Math.max(a.length, b.length);
	const out = new Array<number>(rank);
	for (let i = 0; i < rank; i++) {
		const da = a[a.length - rank + i] ?? 1;
		const db = b[b.length - rank + i] ?? 1;
		if (da !== db && da !== 1 && db !== 1) {
			throw new RangeError(
				`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast: ` +
					`dim ${i - rank} has sizes ${da} and ${db} (each pair of trailing sizes must match or be 1)`,
			);
		}
		out[i] = da === 1 ? db : da;
	}
	return out;
}

/** Strides for reading `inShape` as if expanded to `outShape` (broadcast dims get stride 0). */
export function broadcastStrides(inShape: Shape, outShape: Shape): number[] {
	const own = stridesOf(inShape);
	const offset = outShape.length - inShape.length;
	return outShape.map((_, i) => {
		const j = i - offset;
		if (j < 0 || inShape[j] === 1) return 0;
		return own[j];
	});
}

/** Turns a possibly negative dim into its index, with an error that names the op and the valid range. */
export function normalizeDim(op: string, dim: number, rank: number): number {
	const r = Math.max(rank, 1);
	if (!Number.isInteger(dim) || dim < -r || dim >= r) {
		throw new RangeError(`${op}: dim ${dim} is out of range for a tensor of rank ${rank} (expected ${-r}..${r - 1})`);
	}
	return dim < 0 ? dim + r : dim;
}

export function normalizeDims(op: string, dims: number | readonly number[] | undefined, rank: number): number[] {
	if (dims === undefined) return Array.from({ length: rank }, (_, i) => i);
	const list = typeof dims === 'number' ? [dims] : [...dims];
	const out = list.map((d) => normalizeDim(op, d, rank));
	if (new Set(out).size !== out.length) throw new RangeError(`${op}: dims ${formatShape(list)} repeat a dimension`);
	return out.sort((x, y) => x - y);
}

/** Resolves one `-1` in a reshape target and checks that the sizes agree. */
export function inferReshape(op: string, from: Shape, to: readonly number[]): number[] {
	const total = sizeOf(from);
	const unknown = to.indexOf(-1);
	if (to.lastIndexOf(-1) !== unknown) throw new RangeError(`${op}: only one dimension can be -1, got ${formatShape(to)}`);
	const out = [...to];
	if (unknown >= 0) {
		const known = sizeOf(to.filter((_, i) => i !== unknown));
		if (known === 0 || total % known !== 0) {
			throw new RangeError(`${op}: cannot reshape ${formatShape(from)} (${total} elements) into ${formatShape(to)}`);
		}
		out[unknown] = total / known;
	}
	if (out.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(out) !== total) {
		throw new RangeError(
			`${op}: cannot reshape ${formatShape(from)} (${total} elements) into ${formatShape(to)} (${sizeOf(out)} elements)`,
		);
	}
	return out;
}
