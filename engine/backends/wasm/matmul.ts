/**
 * The WASM kernel of matmul (float32): `[..., n, k] @ [..., k, m]` with broadcast batch dims, one SIMD sgemm per
 * batch (or one sgemm for all of them when the second operand is shared). Returns false when it does not
 * apply (other dtypes, WASM off or not ready), and the TypeScript kernel runs.
 */
import type { CpuArg } from '../backend';
import { broadcastStrides, sizeOf, stridesOf } from '../../shape';
import { copyIn, copyOut, reserve, wasmKernels } from './runtime';

export function matmulWasm([a, b]: CpuArg[], out: CpuArg): boolean {
	if (!(a.data instanceof Float32Array && b.data instanceof Float32Array && out.data instanceof Float32Array)) return false;
	const wasm = wasmKernels();
	if (!wasm) return false;
	const rank = out.shape.length;
	const n = out.shape[rank - 2];
	const m = out.shape[rank - 1];
	const k = a.shape[a.shape.length - 1];
	const batchShape = out.shape.slice(0, -2);
	const batches = sizeOf(batchShape);
	if (out.data.length === 0) return true;
	const aBatch = broadcastStrides(a.shape.slice(0, -2), batchShape);
	const bBatch = broadcastStrides(b.shape.slice(0, -2), batchShape);
	// a shared B and a full batch of A is one product of [batches·n, k] by [k, m]
	const shared = bBatch.every((s) => s === 0) && a.data.length === batches * n * k;
	const rows = shared ? batches * n : n;
	const at = reserve(wasm, [a.data.length * 4, b.data.length * 4, out.data.length * 4, wasm.gemmWorkBytes(m)]);
	if (!at) return false;
	const [pa, pb, pc, work] = at;
	copyIn(wasm, pa, a.data);
	copyIn(wasm, pb, b.data);
	if (shared) {
		wasm.sgemm(rows, m, k, pa, k, 1, pb, m, 1, pc, m, 0, work);
	} else {
		const index = stridesOf(batchShape);
		for (let batch = 0; batch < batches; batch++) {
			let aOff = 0;
			let bOff = 0;
			let rest = batch;
			for (let d = 0; d < batchShape.length; d++) {
				const idx = Math.floor(rest / index[d]);
				rest -= idx * index[d];
				aOff += idx * aBatch[d];
				bOff += idx * bBatch[d];
			}
			wasm.sgemm(n, m, k, pa + aOff * n * k * 4, k, 1, pb + bOff * k * m * 4, m, 1, pc + batch * n * m * 4, m, 0, work);
		}
	}
	copyOut(wasm, pc, out.data);
	return true;
}
