/** Activation functions as modules (for `Sequential`), each wrapping its `F` counterpart. */
import * as F from '../functional/activations';
import type { Tensor } from '../tensor';
import { Module } from './module';

/**
 * `max(x, 0)`, as `torch.nn.ReLU`.
 *
 * ```ts
 * new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
 * ```
 */
export class ReLU extends Module {
	forward(x: Tensor): Tensor {
		return F.relu(x);
	}
}

/** `x` where positive, `negativeSlope * x` elsewhere, as `torch.nn.LeakyReLU` (default slope 0.01). */
export class LeakyReLU extends Module {
	constructor(readonly negativeSlope = 0.01) {
		super();
	}
	forward(x: Tensor): Tensor {
		return F.leakyRelu(x, this.negativeSlope);
	}
}

/** `1 / (1 + exp(-x))`, as `torch.nn.Sigmoid`. */
export class Sigmoid extends Module {
	forward(x: Tensor): Tensor {
		return F.sigmoid(x);
	}
}

/** Hyperbolic tangent, as `torch.nn.Tanh`. */
export class Tanh extends Module {
	forward(x: Tensor): Tensor {
		return F.tanh(x);
	}
}

/** `x Φ(x)`, or its tanh approximation with `{ approximate: 'tanh' }`, as `torch.nn.GELU`. */
export class GELU extends Module {
	readonly approximate: 'none' | 'tanh';
	constructor({ approximate = 'none' }: { approximate?: 'none' | 'tanh' } = {}) {
		super();
		if (approximate !== 'none' && approximate !== 'tanh') {
			throw new RangeError(`GELU: approximate must be 'none' or 'tanh', got ${JSON.stringify(approximate)}`);
		}
		this.approximate = approximate;
	}
	forward(x: Tensor): Tensor {
		return F.gelu(x, this.approximate);
	}
}

/** `x` where positive, `alpha * (exp(x) - 1)` elsewhere, as `torch.nn.ELU` (default alpha 1). */
export class ELU extends Module {
	constructor(readonly alpha = 1) {
		super();
	}
	forward(x: Tensor): Tensor {
		return F.elu(x, this.alpha);
	}
}

/** `log(1 + exp(beta x)) / beta`, linear above `threshold`, as `torch.nn.Softplus` (beta 1, threshold 20). */
export class Softplus extends Module {
	constructor(
		readonly beta = 1,
		readonly threshold = 20,
	) {
		super();
	}
	forward(x: Tensor): Tensor {
		return F.softplus(x, this.beta, this.threshold);
	}
}

/**
 * The dim PyTorch picks when Softmax is built without one (its deprecated implicit dim): 0 for 0-D, 1-D
 * and 3-D inputs, else 1.
 */
function implicitDim(ndim: number): number {
	return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/**
 * `exp(x) / sum(exp(x))` along `dim`, as `torch.nn.Softmax`. Pass `dim`; without it PyTorch's deprecated
 * implicit choice applies (dim 0 for 1-D and 3-D inputs, dim 1 otherwise).
 *
 * ```ts
 * new nn.Softmax(1).forward(logits); // each row sums to 1
 * ```
 */
export class Softmax extends Module {
	constructor(readonly dim: number | null = null) {
		super();
	}
	forward(x: Tensor): Tensor {
		return F.softmax(x, this.dim ?? implicitDim(x.ndim));
	}
}

/** `log(softmax(x))` along `dim`, computed stably, as `torch.nn.LogSoftmax` (same dim rule as Softmax). */
export class LogSoftmax extends Module {
	constructor(readonly dim: number | null = null) {
		super();
	}
	forward(x: Tensor): Tensor {
		return F.logSoftmax(x, this.dim ?? implicitDim(x.ndim));
	}
}
