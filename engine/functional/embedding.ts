/** Embedding lookup as a composite of the indexSelect primitive (its backward is a scatter-add). */
import * as ops from '../ops/index';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';

export interface EmbeddingOptions {
	/** A row that receives no gradient (its lookups still return the row's values); negative counts from the end. */
	paddingIdx?: number | null;
}

/** Resolves a possibly negative paddingIdx against `numEmbeddings`, as PyTorch does. */
export function resolvePaddingIdx(op: string, paddingIdx: number | null | undefined, numEmbeddings: number): number | null {
	if (paddingIdx == null) return null;
	if (!Number.isInteger(paddingIdx) || paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) {
		throw new RangeError(
			`${op}: paddingIdx ${paddingIdx} must be an integer within the ${numEmbeddings} embeddings ` +
				`(${-numEmbeddings}..${numEmbeddings - 1})`,
		);
	}
	return paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
}

/** On the CPU, checks every index before the lookup, so the error names the embedding table. */
function checkIndices(indices: Tensor, numEmbeddings: number): void {
	if (indices.device !== 'cpu') return; // other devices: the kernel's own range check applies
	const values = indices.dataSync();
	for (let i = 0; i < values.length; i++) {
		const k = values[i];
		if (!Number.isInteger(k)) {
			throw new TypeError(`embedding: indices must be whole numbers, got ${k}; round them or make them with dtype 'int32'`);
		}
		if (k < 0 || k >= numEmbeddings) {
			throw new RangeError(
				`embedding: index ${k} is out of range for a table of ${numEmbeddings} embeddings ` +
					`(valid indices are 0..${numEmbeddings - 1}); is numEmbeddings the vocabulary size?`,
			);
		}
	}
}

/**
 * Looks up rows of `weight: [numEmbeddings, embeddingDim]`, as `torch.nn.functional.embedding`: the
 * output has shape `[...indices.shape, embeddingDim]`. Indices may be int32 or float tensors holding
 * whole numbers. With `paddingIdx`, lookups of that row pass no gradient back to it.
 *
 * ```ts
 * const table = randn([10, 3], { requiresGrad: true });
 * F.embedding(tensor([[1, 2], [4, 9]], { dtype: 'int32' }), table); // [2, 2, 3]
 * ```
 */
export function embedding(indices: Tensor, weight: Tensor, { paddingIdx = null }: EmbeddingOptions = {}): Tensor {
	if (weight.ndim !== 2) {
		throw new RangeError(`embedding: weight must be 2-D [numEmbeddings, embeddingDim], got shape ${formatShape(weight.shape)}`);
	}
	const [numEmbeddings, embeddingDim] = weight.shape;
	const pad = resolvePaddingIdx('embedding', paddingIdx, numEmbeddings);
	checkIndices(indices, numEmbeddings);
	const flat = ops.reshape(indices, [indices.numel()]);
	let rows = ops.indexSelect(weight, 0, flat); // [numel, embeddingDim]
	if (pad !== null && rows.requiresGrad) {
		// Same values, but positions that looked up the padding row take the detached copy: no gradient.
		const isPad = ops.reshape(ops.eq(flat, pad), [flat.numel(), 1]);
		rows = ops.where(isPad, rows.detach(), rows);
	}
	return ops.reshape(rows, [...indices.shape, embeddingDim]);
}
