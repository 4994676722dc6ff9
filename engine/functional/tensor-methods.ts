/**
 * Composites behind Tensor's methods: shape helpers and reductions built from primitives, so they get
 * gradients and every backend for free.
 */
import { formatShape, normalizeDim, normalizeDims, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import * as ops from '../ops/index';

type Operand = Tensor | number;

export function scaled(x: Operand, alpha: number): Operand {
	return typeof x === 'number' ? x * alpha : ops.mul(x, alpha);
}

/** Limits values to [min, max]; the gradient passes where min <= x <= max, as PyTorch's clamp. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
	let out = x;
	if (min != null) out = ops.where(ops.lt(x, min), min, out);
	// compares `out`, not x, so min > max gives max everywhere, as PyTorch's min(max(x, min), max)
	if (max != null) out = ops.where(ops.gt(out, max), max, out);
	return out;
}

/** PyTorch's matmul: 1-D operands are treated as a row (first) or a column (second) and that dim is dropped. */
export function matmul(a: Tensor, b: Tensor): Tensor {
	if (a.ndim === 0 || b.ndim === 0) {
		throw new RangeError(`matmul: both operands need at least 1 dim, got ${formatShape(a.shape)} and ${formatShape(b.shape)}; use mul for scalars`);
	}
	const a2 = a.ndim === 1 ? ops.reshape(a, [1, a.shape[0]]) : a;
	const b2 = b.ndim === 1 ? ops.reshape(b, [b.shape[0], 1]) : b;
	let out: Tensor;
	try {
		out = ops.matmulOp([a2, b2], {});
	} catch (error) {
		if (error instanceof RangeError && (a.ndim === 1 || b.ndim === 1)) {
			throw new RangeError(`matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)}: inner sizes ${a.shape[a.ndim - 1]} and ${b.shape[Math.max(b.ndim - 2, 0)]} differ`);
		}
		throw error;
	}
	if (a.ndim === 1) out = squeeze(out, -2);
	if (b.ndim === 1) out = squeeze(out, -1);
	return out;
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
	if (x.ndim === 0) return ops.reshape(x, [1]);
	const s = normalizeDim('flatten', startDim, x.ndim);
	const e = normalizeDim('flatten', endDim, x.ndim);
	if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
	const merged = x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1);
	return ops.reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

export function squeeze(x: Tensor, dim?: number): Tensor {
	if (dim === undefined) return ops.reshape(x, x.shape.filter((d) => d !== 1));
	const d = normalizeDim('squeeze', dim, x.ndim);
	if (x.shape[d] !== 1) return x;
	return ops.reshape(x, x.shape.filter((_, i) => i !== d));
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
	const r = x.ndim + 1; // a new dim can go at any of rank + 1 places
	if (!Number.isInteger(dim) || dim < -r || dim >= r) {
		throw new RangeError(`unsqueeze: dim ${dim} is out of range for a tensor of rank ${x.ndim} (expected ${-r}..${r - 1})`);
	}
	const d = normalizeDim('unsqueeze', dim, r);
	const shape = [...x.shape];
	shape.splice(d, 0, 1);
	return ops.reshape(x, shape);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
	const a = normalizeDim('transpose', dim0, x.ndim);
	const b = normalizeDim('transpose', dim1, x.ndim);
	const dims = x.shape.map((_, i) => i);
	dims[a] = b;
	dims[b] = a;
	const out = ops.permute(x, dims);
	if (out !== x) out.copiedFrom = 'transpose';
	return out;
}

export function expand(x: Tensor, shape: readonly number[]): Tensor {
	return ops.broadcastTo(x, shape);
}

/** Elements `start, start+step, ...` below `end` along `dim`, with Python's clamping of out-of-range bounds. */
export function sliceDim(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
	const d = normalizeDim('slice', dim, x.ndim);
	if (!Number.isInteger(step) || step <= 0) throw new RangeError(`slice: step must be a positive integer, got ${step}`);
	const size = x.shape[d];
	const clampIndex = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
	const s = start === undefined ? 0 : clampIndex(start);
	const e = end === undefined ? size : clampIndex(end);
	const count = Math.max(0, Math.ceil((e - s) / step));
	if (s === 0 && count === size && step === 1) return x;
	const outShape = [...x.shape];
	outShape[d] = count;
	const starts = x.shape.map((_, i) => (i === d ? s : 0));
	const steps = x.shape.map((_, i) => (i === d ? step : 1));
	return ops.stridedSlice(x, starts, steps, outShape);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
	const d = normalizeDim('narrow', dim, x.ndim);
	const s = start < 0 ? start + x.shape[d] : start;
	if (s < 0 || length < 0 || s + length > x.shape[d]) {
		throw new RangeError(`narrow: start ${start} + length ${length} exceeds dim ${dim} of size ${x.shape[d]}`);
	}
	const out = sliceDim(x, d, s, s + length);
	if (out !== x) out.copiedFrom = 'narrow';
	return out;
}

export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
	const d = normalizeDim('split', dim, x.ndim);
	const size = x.shape[d];
	const sizes: number[] = [];
	if (typeof splitSize === 'number') {
		if (!Number.isInteger(splitSize) || splitSize <= 0) throw new RangeError(`split: splitSize must be a positive integer, got ${splitSize}`);
		for (let s = 0; s < size; s += splitSize) sizes.push(Math.min(splitSize, size - s));
	} else {
		if (splitSize.reduce((a, b) => a + b, 0) !== size) {
			throw new RangeError(`split: sizes ${formatShape(splitSize)} add up to ${splitSize.reduce((a, b) => a + b, 0)}, not dim ${dim}'s size ${size}`);
		}
		sizes.push(...splitSize);
	}
	let start = 0;
	return sizes.map((n) => {
		const part = sliceDim(x, d, start, start + n);
		start += n;
		return part;
	});
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
	if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
	const size = x.shape[normalizeDim('chunk', dim, x.ndim)];
	return split(x, Math.max(1, Math.ceil(size / chunks)), dim);
}

export function mean(x: Tensor, dims?: number | readonly number[], keepdim = false): Tensor {
	const list = normalizeDims('mean', dims, x.ndim);
	const count = list.reduce((p, d) => p * x.shape[d], 1);
	return ops.div(ops.sum(x, list, keepdim), count);
}

export function variance(x: Tensor, dims: number | readonly number[] | undefined, correction: number, keepdim: boolean): Tensor {
	const list = normalizeDims('var', dims, x.ndim);
	const count = list.reduce((p, d) => p * x.shape[d], 1);
	const centered = ops.sub(x, mean(x, list, true));
	return ops.div(ops.sum(ops.mul(centered, centered), list, keepdim), Math.max(count - correction, 0));
}

/** `{ values, indices }` of the maximum along `dim`; the gradient goes to the chosen (first) index. */
export function maxAlong(x: Tensor, dim: number, keepdim: boolean): { values: Tensor; indices: Tensor } {
	const d = normalizeDim('max', dim, x.ndim);
	const idx = ops.argmax(x, d, true);
	const values = ops.gather(x, d, idx);
	return keepdim ? { values, indices: idx } : { values: squeeze(values, d), indices: squeeze(idx, d) };
}

/** A max that is safe to subtract: detached, and 0 where it is infinite (so inf - inf never appears). */
function stableShift(x: Tensor, dims: number[]): Tensor {
	const m = ops.amax(x.detach(), dims, true);
	return ops.where(ops.eq(ops.abs(m), Infinity), 0, m);
}

export function logsumexp(x: Tensor, dims: number | readonly number[], keepdim = false): Tensor {
	const list = normalizeDims('logsumexp', dims, x.ndim);
	const m = stableShift(x, list);
	const out = ops.add(ops.log(ops.sum(ops.exp(ops.sub(x, m)), list, true)), m);
	return keepdim ? out : ops.reshape(out, x.shape.filter((_, i) => !list.includes(i)));
}

/** softmax along `dim`, computed as exp(x - max) / sum so large logits don't overflow. */
export function softmax(x: Tensor, dim: number): Tensor {
	const d = [normalizeDim('softmax', dim, x.ndim)];
	const e = ops.exp(ops.sub(x, stableShift(x, d)));
	return ops.div(e, ops.sum(e, d, true));
}

/**
 * `(x - max) - log(sum(exp(x - max)))`, in that order as PyTorch's kernel: subtracting the max first keeps
 * float32 exact where `x - logsumexp(x)` would cancel two large numbers (x = 1002 - 1002.4076).
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
	const d = [normalizeDim('logSoftmax', dim, x.ndim)];
	const shifted = ops.sub(x, stableShift(x, d));
	return ops.sub(shifted, ops.log(ops.sum(ops.exp(shifted), d, true)));
}

export function sameShape(a: Tensor, b: Tensor): boolean {
	return shapesEqual(a.shape, b.shape);
}
