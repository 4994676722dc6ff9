/** Element types the engine stores. `float64` is CPU-only and is what reference gradients use. */
export type DType = 'float32' | 'float64' | 'int32';

export type TypedArray = Float32Array | Float64Array | Int32Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

export function isFloat(dtype: DType): boolean {
	return dtype === 'float32' || dtype === 'float64';
}

export function allocTyped(dtype: DType, size: number): TypedArray {
	switch (dtype) {
		case 'float32':
			return new Float32Array(size);
		case 'float64':
			return new Float64Array(size);
		case 'int32':
			return new Int32Array(size);
	}
}

export function typedFrom(dtype: DType, values: ArrayLike<number>): TypedArray {
	const out = allocTyped(dtype, values.length);
	if (dtype === 'int32') {
		for (let i = 0; i < values.length; i++) out[i] = Math.trunc(values[i]);
	} else {
		out.set(values);
	}
	return out;
}

/** The dtype two operands compute in: float64 wins over float32, any float over int32 (as PyTorch promotes). */
export function promoteTypes(a: DType, b: DType): DType {
	if (a === b) return a;
	if (a === 'float64' || b === 'float64') return 'float64';
	return 'float32';
}

export function assertDType(value: unknown, where: string): DType {
	if (typeof value === 'string' && (DTYPES as readonly string[]).includes(value)) return value as DType;
	throw new TypeError(`${where}: unknown dtype ${JSON.stringify(value)}; use one of ${DTYPES.join(', ')}`);
}
