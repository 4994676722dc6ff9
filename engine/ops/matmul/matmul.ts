import { defineOp, type Op } from '../../define-op';
import { broadcastShapes, formatShape, sizeOf, stridesOf, broadcastStrides } from '../../shape';
import { sumTo } from '../../functional/reduce-to';
import type { Tensor } from '../../tensor';
import { permute } from '../permute/permute';
import { matmulKernel } from './matmul-webgpu';
import { matmulWasm } from '../../backends/wasm/matmul';

function swapLast(x: Tensor): Tensor {
	const dims = x.shape.map((_, i) => i);
	dims[dims.length - 2] = dims.length - 1;
	dims[dims.length - 1] = dims.length - 2;
	return permute(x, dims);
}

/** Batched matrix product of tensors with rank >= 2: `[..., n, k] @ [..., k, m] -> [..., n, m]`, batch dims broadcast. */
export const matmulOp: Op<Record<string, never>> = defineOp<Record<string, never>>({
	name: 'matmul',
	inputs: ['a', 'b'],
	promote: false,
	shape: ([a, b]) => {
		const n = a[a.length - 2];
		const k = a[a.length - 1];
		const k2 = b[b.length - 2];
		const m = b[b.length - 1];
		if (k !== k2) {
			throw new RangeError(
				`matmul: cannot multiply ${formatShape(a)} by ${formatShape(b)}: inner sizes ${k} and ${k2} differ ` +
					`(the last dim of the first must equal the second-to-last of the second)`,
			);
		}
		const batch = broadcastShapes('matmul (batch dims)', a.slice(0, -2), b.slice(0, -2));
		return [...batch, n, m];
	},
	cpu: ([a, b], out) => {
		const rank = out.shape.length;
		const n = out.shape[rank - 2];
		const m = out.shape[rank - 1];
		const k = a.shape[a.shape.length - 1];
		const batchShape = out.shape.slice(0, -2);
		const batches = sizeOf(batchShape);
		const aBatch = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * n * k);
		const bBatch = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * k * m);
		const batchIndex = stridesOf(batchShape);
		const A = a.data;
		const B = b.data;
		const C = out.data;
		C.fill(0);
		for (let batch = 0; batch < batches; batch++) {
			let aBase = 0;
			let bBase = 0;
			let rest = batch;
			for (let d = 0; d < batchShape.length; d++) {
				const idx = Math.floor(rest / batchIndex[d]);
				rest -= idx * batchIndex[d];
				aBase += idx * aBatch[d];
				bBase += idx * bBatch[d];
			}
			const cBase = batch * n * m;
			// i-p-j order: the inner loop runs along contiguous rows of B and C
			for (let i = 0; i < n; i++) {
				const cRow = cBase + i * m;
				for (let p = 0; p < k; p++) {
					// no skip when av is 0: 0 * inf must give NaN, as it does in PyTorch
					const av = A[aBase + i * k + p];
					const bRow = bBase + p * m;
					for (let j = 0; j < m; j++) C[cRow + j] += av * B[bRow + j];
				}
			}
		}
	},
	wasm: matmulWasm,
	webgpu: matmulKernel,
	backward: ({ inputs: [a, b] }, dy) => [
		sumTo(matmulOp([dy, swapLast(b)], {}), a.shape),
		sumTo(matmulOp([swapLast(a), dy], {}), b.shape),
	],
	onnx: { opType: 'MatMul' },
});
