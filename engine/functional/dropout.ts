/**
 * Dropout as a composite: a random mask drawn from the seeded generator, multiplied in. The gradient is
 * the same mask (autograd gets it from the multiplication).
 */
import { tensor } from '../creation';
import { allocTyped } from '../dtype';
import * as ops from '../ops/index';
import { defaultGenerator, type RandomSource } from '../random';
import { formatShape, sizeOf } from '../shape';
import type { Tensor } from '../tensor';

function checkArgs(op: string, p: number, generator: RandomSource): void {
	if (!(p >= 0 && p <= 1)) {
		throw new RangeError(`${op}: dropout probability has to be between 0 and 1, but got ${p}`);
	}
	// PyTorch's 4th argument is `inplace`; ours is the random source, so say so if a boolean arrives.
	if (typeof generator?.uniform !== 'function') {
		throw new TypeError(`${op}: the 4th argument is a RandomSource (in-place dropout is not supported), got ${typeof generator}`);
	}
}

/**
 * `x * mask` where the mask has `maskShape` (broadcast over `x`) and holds 0 with probability p and
 * 1 / (1 - p) otherwise, as PyTorch's `_dropout_impl`.
 */
function applyMask(x: Tensor, p: number, maskShape: readonly number[], generator: RandomSource): Tensor {
	// NOTE: p = 1 would make the scale 1/0; PyTorch multiplies by zero instead, so the output and gradient are 0.
	if (p === 1) return ops.mul(x, 0);
	const keep = 1 - p;
	const scale = 1 / keep;
	const data = allocTyped(x.dtype, sizeOf(maskShape));
	for (let i = 0; i < data.length; i++) data[i] = generator.uniform() < keep ? scale : 0;
	const mask = tensor(data, { dtype: x.dtype, device: x.device, shape: maskShape });
	return ops.mul(x, mask);
}

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: in training, each element is zeroed with
 * probability `p` and the survivors are scaled by `1 / (1 - p)`, so the expected value is unchanged;
 * outside training (or with p = 0) it returns `x` itself. The mask comes from the seeded generator
 * (`manualSeed`), so runs are reproducible.
 *
 * ```ts
 * manualSeed(0);
 * F.dropout(tensor([1, 1, 1, 1]), 0.5); // e.g. [2, 0, 2, 0]
 * ```
 */
export function dropout(x: Tensor, p = 0.5, training = true, generator: RandomSource = defaultGenerator): Tensor {
	checkArgs('dropout', p, generator);
	if (!training || p === 0 || x.numel() === 0) return x;
	return applyMask(x, p, x.shape, generator);
}

/**
 * Channel dropout, as `torch.nn.functional.dropout2d`: zeroes whole channels `x[n, c]` of an input
 * `[N, C, H, W]` with probability `p` and scales the rest by `1 / (1 - p)`.
 * NOTE: as PyTorch (see pytorch/pytorch#77081), a 3-D input is read as `[N, C, L]` (channel-wise 1-D
 * dropout), not as an unbatched `[C, H, W]`; any input with at least 2 dims drops slices `x[n, c]`.
 *
 * ```ts
 * F.dropout2d(randn([8, 16, 5, 5]), 0.2); // each of the 8 * 16 feature maps kept or zeroed whole
 * ```
 */
export function dropout2d(x: Tensor, p = 0.5, training = true, generator: RandomSource = defaultGenerator): Tensor {
	checkArgs('dropout2d', p, generator);
	if (x.ndim < 2) {
		throw new RangeError(`dropout2d: expected an input [N, C, H, W] (or at least 2 dims), got shape ${formatShape(x.shape)}; use dropout for element-wise dropout`);
	}
	if (!training || p === 0 || x.numel() === 0) return x;
	const maskShape = x.shape.map((d, i) => (i < 2 ? d : 1));
	return applyMask(x, p, maskShape, generator);
}
