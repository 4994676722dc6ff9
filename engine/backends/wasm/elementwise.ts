/**
 * WASM kernels of the element-wise ops (float32): broadcasting binary ops, where, and the unary ops whose
 * float32 result is exact or correctly rounded (so they give what the TypeScript kernel stores, bit for bit).
 * Each returns false when it does not apply, and the TypeScript kernel runs.
 */
import type { CpuArg, WasmKernel } from '../backend';
import { copyIn, copyOut, reserve, wasmKernels, writeI32, type WasmExports } from './runtime';

/** Op codes of assembly/elementwise.ts, by op name. */
const BINARY_CODES: Record<string, number> = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5, gt: 6, ge: 7, lt: 8, le: 9, eq: 10, ne: 11 };
const UNARY_CODES: Record<string, number> = { neg: 0, abs: 1, sqrt: 2, relu: 3, floor: 4, sign: 5 };

function allFloat32(inputs: readonly CpuArg[], out: CpuArg): boolean {
	return out.data instanceof Float32Array && inputs.every((x) => x.data instanceof Float32Array);
}

/**
 * The output shape and each operand's strides (0 on broadcast dims) with size-1 dims dropped and adjacent dims
 * merged wherever every operand steps through them as one: [128, 8, 28, 28] + [1, 8, 1, 1] becomes
 * [128, 8, 784] with strides [0, 1, 0] for the second operand. Never empty: a scalar is [1].
 */
export function mergeBroadcastDims(outShape: readonly number[], inShapes: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
	const rank = outShape.length;
	const strides = inShapes.map((s) => {
		const own = new Array<number>(rank).fill(0);
		let acc = 1;
		for (let i = s.length - 1; i >= 0; i--) {
			own[rank - s.length + i] = s[i] === 1 ? 0 : acc;
			acc *= s[i];
		}
		return own;
	});
	const shape: number[] = [];
	const merged: number[][] = inShapes.map(() => []);
	for (let d = 0; d < rank; d++) {
		const size = outShape[d];
		if (size === 1) continue;
		const last = shape.length - 1;
		// dim d joins the previous kept dim when, for every operand, stepping it `size` times is one step there
		if (last >= 0 && strides.every((s, k) => merged[k][last] === s[d] * size)) {
			shape[last] *= size;
			strides.forEach((s, k) => (merged[k][last] = s[d]));
		} else {
			shape.push(size);
			strides.forEach((s, k) => merged[k].push(s[d]));
		}
	}
	if (shape.length === 0) return { shape: [1], strides: inShapes.map(() => [0]) };
	return { shape, strides: merged };
}

/** Same-shape and one-element operands (the common cases) skip the general merge: one dim of n elements. */
function mergeSimple(n: number, inputs: readonly CpuArg[]): number[] | null {
	const meta = [n];
	for (const x of inputs) {
		if (x.data.length === n) meta.push(1);
		else if (x.data.length === 1) meta.push(0);
		else return null;
	}
	return meta;
}

/** Copies the operands in, writes the merged shape and strides, runs `call` (rank, meta, operands, output). */
function runBroadcast(
	wasm: WasmExports,
	inputs: readonly CpuArg[],
	out: CpuArg,
	call: (rank: number, meta: number, p0: number, p1: number, p2: number, po: number) => void,
): boolean {
	let meta = mergeSimple(out.data.length, inputs);
	if (!meta) {
		const { shape, strides } = mergeBroadcastDims(out.shape, inputs.map((x) => x.shape));
		meta = shape.concat(...strides);
	}
	const rank = meta.length / (inputs.length + 1);
	const at = reserve(wasm, [meta.length * 4, inputs[0].data.length * 4, inputs[1]?.data.length * 4 || 0, inputs[2]?.data.length * 4 || 0, out.data.length * 4]);
	if (!at) return false;
	writeI32(wasm, at[0], meta);
	for (let i = 0; i < inputs.length; i++) copyIn(wasm, at[i + 1], inputs[i].data as Float32Array);
	call(rank, at[0], at[1], at[2], at[3], at[4]);
	copyOut(wasm, at[4], out.data as Float32Array);
	return true;
}

/** The WASM kernel of a binary op, or undefined for ops it does not cover (pow). */
export function binaryWasm(name: string): WasmKernel<unknown> | undefined {
	const code = BINARY_CODES[name];
	if (code === undefined) return undefined;
	return (inputs, out) => {
		if (out.data.length === 0 || !allFloat32(inputs, out)) return false;
		const wasm = wasmKernels();
		if (!wasm) return false;
		return runBroadcast(wasm, inputs, out, (rank, meta, a, b, _c, po) => wasm.binary(code, rank, meta, a, b, po));
	};
}

/** where(condition, a, b) on float32 operands. */
export const whereWasm: WasmKernel<unknown> = (inputs, out) => {
	if (out.data.length === 0 || !allFloat32(inputs, out)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	return runBroadcast(wasm, inputs, out, (rank, meta, c, a, b, po) => wasm.where(rank, meta, c, a, b, po));
};

/** The WASM kernel of a unary op, or undefined for ops it does not cover (exp, log, tanh, ...). */
export function unaryWasm(name: string): WasmKernel<unknown> | undefined {
	const code = UNARY_CODES[name];
	if (code === undefined) return undefined;
	return ([x], out) => {
		const n = out.data.length;
		if (n === 0 || !allFloat32([x], out)) return false;
		const wasm = wasmKernels();
		if (!wasm) return false;
		const at = reserve(wasm, [n * 4]);
		if (!at) return false;
		copyIn(wasm, at[0], x.data as Float32Array);
		wasm.unary(code, n, at[0], at[0]);
		copyOut(wasm, at[0], out.data as Float32Array);
		return true;
	};
}

/**
 * The output shape of a permute and, for each output dim, its stride in the input, with size-1 dims dropped
 * and adjacent dims merged where the input steps through them as one: permuting [2, 3, 4] by [0, 2, 1] walks
 * [2, 4, 3] with input strides [12, 1, 4].
 */
export function mergePermuteDims(inShape: readonly number[], dims: readonly number[]): { shape: number[]; strides: number[] } {
	const own = new Array<number>(inShape.length);
	let acc = 1;
	for (let i = inShape.length - 1; i >= 0; i--) {
		own[i] = acc;
		acc *= inShape[i];
	}
	const shape: number[] = [];
	const strides: number[] = [];
	for (const d of dims) {
		const size = inShape[d];
		if (size === 1) continue;
		const last = shape.length - 1;
		if (last >= 0 && strides[last] === own[d] * size) {
			shape[last] *= size;
			strides[last] = own[d];
		} else {
			shape.push(size);
			strides.push(own[d]);
		}
	}
	return shape.length === 0 ? { shape: [1], strides: [1] } : { shape, strides };
}

/** permute (a copy with the dims reordered) on float32 tensors. */
export const permuteWasm: WasmKernel<{ dims: readonly number[] }> = ([x], out, { dims }) => {
	const n = out.data.length;
	if (n === 0 || !allFloat32([x], out)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	const { shape, strides } = mergePermuteDims(x.shape, dims);
	const meta = [...shape, ...strides];
	const at = reserve(wasm, [meta.length * 4, n * 4, n * 4]);
	if (!at) return false;
	writeI32(wasm, at[0], meta);
	copyIn(wasm, at[1], x.data as Float32Array);
	wasm.permute(shape.length, at[0], at[1], at[2]);
	copyOut(wasm, at[2], out.data as Float32Array);
	return true;
};

/** expand (broadcastTo, a copy) on float32 tensors: the strided copy of `permute` with stride 0 on broadcast dims. */
export const expandWasm: WasmKernel<unknown> = ([x], out) => {
	const n = out.data.length;
	if (n === 0 || !allFloat32([x], out)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	const { shape, strides } = mergeBroadcastDims(out.shape, [x.shape]);
	const meta = shape.concat(strides[0]);
	const at = reserve(wasm, [meta.length * 4, x.data.length * 4, n * 4]);
	if (!at) return false;
	writeI32(wasm, at[0], meta);
	copyIn(wasm, at[1], x.data as Float32Array);
	wasm.permute(shape.length, at[0], at[1], at[2]);
	copyOut(wasm, at[2], out.data as Float32Array);
	return true;
};
