import { zeros } from '../creation';
import { linear } from '../functional/linear';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { defaultLayerInit } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

export interface LinearOptions {
	/** Learn an additive bias (default true). */
	bias?: boolean;
}

/**
 * A fully connected layer, as `torch.nn.Linear`: `y = x Wᵀ + b` with `weight: [outFeatures, inFeatures]`
 * and `bias: [outFeatures]`, both drawn from U(-1/√inFeatures, 1/√inFeatures) as PyTorch does.
 *
 * ```ts
 * const fc = new nn.Linear(3, 2);
 * fc.forward(randn([5, 3])); // [5, 2]
 * fc.namedParameters().map(([n]) => n); // ['weight', 'bias']
 * ```
 */
export class Linear extends Module {
	readonly inFeatures: number;
	readonly outFeatures: number;
	weight: Tensor;
	bias: Tensor | null;

	constructor(inFeatures: number, outFeatures: number, { bias = true }: LinearOptions = {}) {
		super();
		for (const [name, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
			if (!Number.isInteger(n) || n < 0) throw new RangeError(`Linear: ${name} must be a non-negative integer, got ${n}`);
		}
		this.inFeatures = inFeatures;
		this.outFeatures = outFeatures;
		this.weight = Parameter(zeros([outFeatures, inFeatures]));
		this.bias = bias ? Parameter(zeros([outFeatures])) : null;
		this.resetParameters();
	}

	/** Redraws weight and bias with PyTorch's default (kaiming uniform with a = √5). */
	resetParameters(): void {
		defaultLayerInit(this.weight, this.bias);
	}

	forward(x: Tensor): Tensor {
		if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
			throw new RangeError(
				`Linear(${this.inFeatures} → ${this.outFeatures}): input of shape ${formatShape(x.shape)} has ` +
					`${x.ndim === 0 ? 'no' : x.shape[x.ndim - 1]} features in its last dim, but the weight ` +
					`${formatShape(this.weight.shape)} expects ${this.inFeatures}; give an input [..., ${this.inFeatures}] ` +
					`or build the layer as Linear(${x.ndim === 0 ? '?' : x.shape[x.ndim - 1]}, ${this.outFeatures})`,
			);
		}
		return linear(x, this.weight, this.bias);
	}
}
