import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { matmul } from './tensor-methods';
import * as ops from '../ops/index';

/**
 * `y = x Wᵀ + b` with `weight: [outFeatures, inFeatures]`, as `torch.nn.functional.linear`.
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
	const inFeatures = weight.shape[weight.ndim - 1];
	if (x.shape[x.ndim - 1] !== inFeatures) {
		throw new RangeError(
			`linear: input has ${x.shape[x.ndim - 1]} features (shape ${formatShape(x.shape)}) but the weight ` +
				`${formatShape(weight.shape)} expects ${inFeatures}; weight is [outFeatures, inFeatures]`,
		);
	}
	const y = matmul(x, ops.permute(weight, [1, 0]));
	return bias ? ops.add(y, bias) : y;
}
