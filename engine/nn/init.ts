/**
 * Parameter initialisers, as `torch.nn.init`: each fills a tensor in place from the seeded generator and
 * returns it. Fan-in/fan-out follow PyTorch: for a weight `[out, in, *kernel]`, fanIn = in * prod(kernel).
 */
import { noGrad } from '../autograd';
import { allocTyped } from '../dtype';
import { tensor } from '../creation';
import { defaultGenerator, type RandomSource } from '../random';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';

export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** The recommended gain for a nonlinearity (PyTorch's `calculate_gain`). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
	switch (nonlinearity) {
		case 'linear':
		case 'conv1d':
		case 'conv2d':
		case 'sigmoid':
			return 1;
		case 'tanh':
			return 5 / 3;
		case 'relu':
			return Math.SQRT2;
		case 'leaky_relu': {
			const slope = param ?? 0.01;
			return Math.sqrt(2 / (1 + slope * slope));
		}
		case 'selu':
			return 3 / 4;
	}
}

export function fanInAndOut(t: Tensor): { fanIn: number; fanOut: number } {
	if (t.ndim < 2) throw new RangeError(`init: fan in and fan out need a tensor with at least 2 dims, got ${formatShape(t.shape)}`);
	const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
	return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

function fill(t: Tensor, draw: () => number): Tensor {
	const data = allocTyped(t.dtype, t.numel());
	for (let i = 0; i < data.length; i++) data[i] = draw();
	noGrad(() => t.copy_(tensor(data, { dtype: t.dtype, device: t.device, shape: t.shape })));
	return t;
}

export function uniform_(t: Tensor, low = 0, high = 1, generator: RandomSource = defaultGenerator): Tensor {
	return fill(t, () => low + (high - low) * generator.uniform());
}

export function normal_(t: Tensor, mean = 0, std = 1, generator: RandomSource = defaultGenerator): Tensor {
	return fill(t, () => mean + std * generator.normal());
}

export function constant_(t: Tensor, value: number): Tensor {
	noGrad(() => t.fill_(value));
	return t;
}

export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** Glorot/Xavier uniform: U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)). */
export function xavierUniform_(t: Tensor, gain = 1, generator?: RandomSource): Tensor {
	const { fanIn, fanOut } = fanInAndOut(t);
	const a = gain * Math.sqrt(6 / (fanIn + fanOut));
	return uniform_(t, -a, a, generator);
}

/** Glorot/Xavier normal: N(0, std²) with std = gain * sqrt(2 / (fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, gain = 1, generator?: RandomSource): Tensor {
	const { fanIn, fanOut } = fanInAndOut(t);
	return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), generator);
}

export interface KaimingOptions {
	/** Negative slope of the leaky ReLU after this layer (0 for ReLU). */
	a?: number;
	mode?: 'fanIn' | 'fanOut';
	nonlinearity?: Nonlinearity;
	generator?: RandomSource;
}

function kaimingStd(t: Tensor, { a = 0, mode = 'fanIn', nonlinearity = 'leaky_relu' }: KaimingOptions): number {
	const { fanIn, fanOut } = fanInAndOut(t);
	const gain = calculateGain(nonlinearity, a);
	return gain / Math.sqrt(mode === 'fanIn' ? fanIn : fanOut);
}

/** He/Kaiming uniform: U(-b, b) with b = gain * sqrt(3 / fan). */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
	const bound = Math.sqrt(3) * kaimingStd(t, options);
	return uniform_(t, -bound, bound, options.generator);
}

/** He/Kaiming normal: N(0, std²) with std = gain / sqrt(fan). */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
	return normal_(t, 0, kaimingStd(t, options), options.generator);
}

/**
 * PyTorch's default for Linear and Conv layers: kaiming_uniform with a = sqrt(5) on the weight (so
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn))) and U(-1/sqrt(fanIn), 1/sqrt(fanIn)) on the bias.
 */
export function defaultLayerInit(weight: Tensor, bias: Tensor | null): void {
	kaimingUniform_(weight, { a: Math.sqrt(5) });
	if (bias) {
		const { fanIn } = fanInAndOut(weight);
		const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
		uniform_(bias, -bound, bound);
	}
}
