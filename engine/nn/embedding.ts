import { noGrad } from '../autograd';
import { arange, zeros } from '../creation';
import { embedding, resolvePaddingIdx } from '../functional/embedding';
import * as ops from '../ops/index';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { normal_ } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

export interface EmbeddingOptions {
	/** A row kept at zero at construction that receives no gradient (e.g. the padding token). */
	paddingIdx?: number | null;
	/** Internal (PyTorch's `_weight`): use this tensor as the weight instead of drawing one. */
	_weight?: Tensor;
}

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`, as `torch.nn.Embedding`: `weight` is
 * drawn from N(0, 1), and the `paddingIdx` row starts at zero and is never updated by gradients.
 *
 * ```ts
 * const emb = new nn.Embedding(10, 3, { paddingIdx: 0 });
 * emb.forward(tensor([[0, 2, 5]], { dtype: 'int32' })); // [1, 3, 3]; the first vector is zeros
 * ```
 */
export class Embedding extends Module {
	readonly numEmbeddings: number;
	readonly embeddingDim: number;
	/** Resolved to a non-negative row (PyTorch stores `padding_idx` the same way). */
	readonly paddingIdx: number | null;
	weight: Tensor;

	constructor(numEmbeddings: number, embeddingDim: number, { paddingIdx = null, _weight }: EmbeddingOptions = {}) {
		super();
		for (const [name, n] of [['numEmbeddings', numEmbeddings], ['embeddingDim', embeddingDim]] as const) {
			if (!Number.isInteger(n) || n < 0) throw new RangeError(`Embedding: ${name} must be a non-negative integer, got ${n}`);
		}
		this.numEmbeddings = numEmbeddings;
		this.embeddingDim = embeddingDim;
		this.paddingIdx = resolvePaddingIdx('Embedding', paddingIdx, numEmbeddings);
		if (_weight) {
			if (_weight.ndim !== 2 || _weight.shape[0] !== numEmbeddings || _weight.shape[1] !== embeddingDim) {
				throw new RangeError(`Embedding: _weight has shape ${formatShape(_weight.shape)}, expected [${numEmbeddings}, ${embeddingDim}]`);
			}
			this.weight = Parameter(_weight);
		} else {
			this.weight = Parameter(zeros([numEmbeddings, embeddingDim]));
			this.resetParameters();
		}
	}

	/**
	 * An Embedding holding `embeddings: [numEmbeddings, embeddingDim]` (copied), as
	 * `nn.Embedding.from_pretrained`; frozen (no gradient) unless `freeze: false`.
	 */
	static fromPretrained(embeddings: Tensor, { freeze = true, paddingIdx = null }: EmbeddingOptions & { freeze?: boolean } = {}): Embedding {
		if (embeddings.ndim !== 2) {
			throw new RangeError(`Embedding.fromPretrained: embeddings must be 2-D [numEmbeddings, embeddingDim], got ${formatShape(embeddings.shape)}`);
		}
		const [n, d] = embeddings.shape;
		const layer = new Embedding(n, d, { paddingIdx, _weight: embeddings.detach().clone() });
		layer.weight.requiresGrad = !freeze;
		return layer;
	}

	/** Redraws the weight from N(0, 1) and zeroes the padding row. */
	resetParameters(): void {
		normal_(this.weight);
		const pad = this.paddingIdx;
		if (pad !== null) {
			noGrad(() => {
				// [numEmbeddings, 1] mask of the padding row
				const rowIds = arange(0, this.numEmbeddings, 1, { device: this.weight.device });
				const isPad = ops.reshape(ops.eq(rowIds, pad), [this.numEmbeddings, 1]);
				this.weight.copy_(ops.where(isPad, 0, this.weight.detach()));
			});
		}
	}

	forward(indices: Tensor): Tensor {
		return embedding(indices, this.weight, { paddingIdx: this.paddingIdx });
	}
}
