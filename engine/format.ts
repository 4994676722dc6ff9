import type { DType, TypedArray } from './dtype';
import type { Shape } from './shape';

export type NestedArray = number | NestedArray[];

/** Turns flat row-major numbers into nested arrays of the given shape (a number for a 0-D shape). */
export function toNested(data: ArrayLike<number>, shape: Shape): NestedArray {
	if (shape.length === 0) return data[0];
	const build = (offset: number, dim: number): NestedArray[] => {
		const out: NestedArray[] = [];
		const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
		for (let i = 0; i < shape[dim]; i++) {
			out.push(dim === shape.length - 1 ? data[offset + i] : build(offset + i * stride, dim + 1));
		}
		return out;
	};
	return build(0, 0);
}

/** PyTorch-like printout, abbreviated for large tensors. */
export function formatTensor(data: TypedArray, shape: Shape, dtype: DType, requiresGrad: boolean): string {
	const fmt = (v: number) =>
		dtype === 'int32'
			? String(v)
			: Number.isNaN(v)
				? 'nan'
				: Math.abs(v) === Infinity
					? (v > 0 ? 'inf' : '-inf') // as PyTorch prints them
					: Number.isInteger(v)
						? `${v}.`
						: Number(v.toPrecision(4)).toString();
	const nested = toNested(Array.from(data.length > 1000 ? data.subarray(0, 1000) : data, fmt as never), shape.length && data.length > 1000 ? [data.length > 1000 ? 1000 : data.length] : shape);
	const body = JSON.stringify(nested).replace(/"/g, '').replace(/,/g, ', ');
	const extras = [dtype !== 'float32' ? `dtype=${dtype}` : '', requiresGrad ? 'requiresGrad=true' : '', data.length > 1000 ? `shape=[${shape.join(', ')}]` : '']
		.filter(Boolean)
		.join(', ');
	return `tensor(${body}${extras ? `, ${extras}` : ''})`;
}
