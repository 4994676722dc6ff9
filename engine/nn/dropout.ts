import { dropout, dropout2d } from '../functional/dropout';
import type { Tensor } from '../tensor';
import { Module } from './module';

function checkP(layer: string, p: number): void {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`${layer}: dropout probability has to be between 0 and 1, but got ${p}`);
}

/**
 * Inverted dropout, as `torch.nn.Dropout`: in training mode zeroes each element with probability `p` and
 * scales the rest by `1 / (1 - p)`; after `eval()` it passes the input through unchanged.
 *
 * ```ts
 * const drop = new nn.Dropout(0.2);
 * drop.forward(x);        // training: random mask from the seeded generator
 * drop.eval().forward(x); // x itself
 * ```
 */
export class Dropout extends Module {
	readonly p: number;

	constructor(p = 0.5) {
		super();
		checkP('Dropout', p);
		this.p = p;
	}

	forward(x: Tensor): Tensor {
		return dropout(x, this.p, this.training);
	}
}

/**
 * Channel dropout for `[N, C, H, W]` feature maps, as `torch.nn.Dropout2d`: whole channels are zeroed
 * with probability `p` (a 3-D input is read as `[N, C, L]`, as PyTorch does).
 *
 * ```ts
 * new nn.Dropout2d(0.1).forward(randn([8, 16, 5, 5]));
 * ```
 */
export class Dropout2d extends Module {
	readonly p: number;

	constructor(p = 0.5) {
		super();
		checkP('Dropout2d', p);
		this.p = p;
	}

	forward(x: Tensor): Tensor {
		return dropout2d(x, this.p, this.training);
	}
}
