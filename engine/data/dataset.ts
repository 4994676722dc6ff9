/** Datasets and the DataLoader, as `torch.utils.data`: batches of samples, shuffled reproducibly each epoch. */
import { tensor } from '../creation';
import { cat } from '../ops/index';
import type { RandomSource } from '../random';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { generatorFor, type SeedOptions } from './read';

/** A dataset: a length and a way to get sample `i` (one tensor per field, e.g. `[x, y]`). */
export interface Dataset<T extends Tensor[] = Tensor[]> {
	readonly length: number;
	get(index: number): T;
	/** Optional fast path: a whole batch at once (TensorDataset has one). */
	getBatch?(indices: Int32Array): T;
}

/**
 * Wraps tensors that share their first dim (samples), as `torch.utils.data.TensorDataset`.
 *
 * ```ts
 * const ds = new data.TensorDataset(X, y); // X: [N, 64], y: [N]
 * const [x0, y0] = ds.get(0);             // x0: [64], y0: []
 * ```
 */
export class TensorDataset<T extends Tensor[] = Tensor[]> implements Dataset<T> {
	readonly tensors: T;

	constructor(...tensors: T) {
		if (tensors.length === 0) throw new TypeError('TensorDataset: give at least one tensor, e.g. new TensorDataset(X, y)');
		const n = tensors[0].ndim > 0 ? tensors[0].shape[0] : -1;
		for (const t of tensors) {
			if (t.ndim === 0 || t.shape[0] !== n) {
				throw new RangeError(
					`TensorDataset: every tensor needs the same size in dim 0 (the samples), got shapes ` +
						`${tensors.map((x) => formatShape(x.shape)).join(', ')}`,
				);
			}
		}
		this.tensors = tensors;
	}

	get length(): number {
		return this.tensors[0].shape[0];
	}

	get(index: number): T {
		if (!Number.isInteger(index) || index < -this.length || index >= this.length) {
			throw new RangeError(`TensorDataset: index ${index} is out of range for ${this.length} samples`);
		}
		const i = index < 0 ? index + this.length : index;
		return this.tensors.map((t) => t.slice(0, i, i + 1).squeeze(0)) as T;
	}

	getBatch(indices: Int32Array): T {
		return this.tensors.map((t) => t.indexSelect(0, tensor(indices, { dtype: 'int32', device: t.device }))) as T;
	}
}

export interface DataLoaderOptions extends SeedOptions {
	/** Samples per batch (default 1, as PyTorch). */
	batchSize?: number;
	/** Draw a new order every epoch (default false: samples in order). */
	shuffle?: boolean;
	/** Drop the last batch when it is smaller than batchSize (default false). */
	dropLast?: boolean;
}

/**
 * Iterates over a dataset in batches, as `torch.utils.data.DataLoader`. Each `for...of` is one epoch; with
 * `shuffle`, each epoch draws a new order from the loader's generator, so a `seed` makes the whole sequence of
 * epochs reproducible (without one it draws from the global generator that `manualSeed` seeds).
 *
 * ```ts
 * const loader = new data.DataLoader(new data.TensorDataset(XTrain, yTrain), { batchSize: 64, shuffle: true, seed: 0 });
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const [xb, yb] of loader) {
 *     // xb: [64, 64], yb: [64]
 *   }
 * }
 * ```
 * Batches are new tensors; on WebGPU dispose them (or run the step in `tidy`) when you are done with them.
 */
export class DataLoader<T extends Tensor[] = Tensor[]> implements Iterable<T> {
	readonly dataset: Dataset<T>;
	readonly batchSize: number;
	readonly shuffle: boolean;
	readonly dropLast: boolean;
	private readonly generator: RandomSource;

	constructor(dataset: Dataset<T>, options: DataLoaderOptions = {}) {
		const { batchSize = 1, shuffle = false, dropLast = false } = options;
		if (!Number.isInteger(batchSize) || batchSize < 1) {
			throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${batchSize}`);
		}
		this.dataset = dataset;
		this.batchSize = batchSize;
		this.shuffle = shuffle;
		this.dropLast = dropLast;
		this.generator = generatorFor(options);
	}

	/** Batches per epoch, as `len(loader)`. */
	get length(): number {
		const n = this.dataset.length;
		return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
	}

	*[Symbol.iterator](): Iterator<T> {
		const n = this.dataset.length;
		const order = this.shuffle ? this.generator.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
		for (let b = 0; b < this.length; b++) {
			const indices = order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, n));
			yield this.dataset.getBatch ? this.dataset.getBatch(indices.slice()) : collate(this.dataset, indices);
		}
	}
}

/** Stacks samples field by field into batches (PyTorch's default_collate, for tensors). */
function collate<T extends Tensor[]>(dataset: Dataset<T>, indices: Int32Array): T {
	const items = Array.from(indices, (i) => dataset.get(i));
	return items[0].map((_, k) => cat(items.map((item) => item[k].unsqueeze(0)), 0)) as T;
}
