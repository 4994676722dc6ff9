/**
 * WASM kernels of maxPool2d, maxPool2dBackward and maxPool2dSelect (float32): the window scan of max-pool2d.ts
 * runs in engine/backends/wasm/assembly/pool.ts, with the same tie and NaN rules, so results are identical.
 * Each returns false when it does not apply, and the TypeScript kernel runs.
 */
import type { CpuArg } from '../../backends/backend';
import { copyIn, copyOut, reserve, wasmKernels, writeI32, type WasmExports } from '../../backends/wasm/runtime';
import { maxPoolWindows, type MaxPoolAttrs } from './pool-windows';

/**
 * Copies x (and `extra`) in and computes each window's winner; calls `finish` with the offsets of the index,
 * of x, of `extra` and of the output block.
 */
function withWinners(
	x: CpuArg, extra: CpuArg | null, out: CpuArg, a: MaxPoolAttrs,
	finish: (wasm: WasmExports, count: number, index: number, px: number, pe: number, po: number) => void,
): boolean {
	const arrays = [x.data, extra?.data ?? x.data, out.data];
	if (!arrays.every((d) => d instanceof Float32Array)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	const [N, C, H, W] = x.shape;
	const [rows, cols] = maxPoolWindows([H, W], a);
	const Ho = rows.start.length;
	const Wo = cols.start.length;
	const count = N * C * Ho * Wo;
	const at = reserve(wasm, [Ho * 8, Wo * 8, count * 4, x.data.length * 4, (extra?.data.length ?? 0) * 4, out.data.length * 4]);
	if (!at) return false;
	const [pr, pc, index, px, pe, po] = at;
	writeI32(wasm, pr, [...rows.start, ...rows.end]);
	writeI32(wasm, pc, [...cols.start, ...cols.end]);
	copyIn(wasm, px, x.data as Float32Array);
	if (extra) copyIn(wasm, pe, extra.data as Float32Array);
	wasm.maxPoolArgmax(N * C, H, W, Ho, Wo, pr, pr + Ho * 4, rows.step, pc, pc + Wo * 4, cols.step, px, index);
	finish(wasm, count, index, px, pe, po);
	copyOut(wasm, po, out.data as Float32Array);
	return true;
}

export function maxPool2dWasm([x]: CpuArg[], out: CpuArg, a: MaxPoolAttrs): boolean {
	return withWinners(x, null, out, a, (wasm, count, index, px, _pe, po) => wasm.gatherIndex(count, index, px, po, -Infinity));
}

export function maxPool2dBackwardWasm([dy, x]: CpuArg[], out: CpuArg, a: MaxPoolAttrs): boolean {
	return withWinners(x, dy, out, a, (wasm, count, index, _px, pdy, po) => wasm.scatterIndexAdd(count, index, pdy, po, out.data.length));
}

export function maxPool2dSelectWasm([v, x]: CpuArg[], out: CpuArg, a: MaxPoolAttrs): boolean {
	return withWinners(x, v, out, a, (wasm, count, index, _px, pv, po) => wasm.gatherIndex(count, index, pv, po, 0));
}

