import { zeros } from '../creation';
import { conv1d, conv2d, convTranspose2d, pair, type Pair } from '../functional/conv';
import type { Tensor } from '../tensor';
import { defaultLayerInit } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

export interface Conv2dOptions {
	stride?: Pair;
	/** Zero padding per side, or 'valid' / 'same' (same needs stride 1). */
	padding?: Pair | 'valid' | 'same';
	dilation?: Pair;
	groups?: number;
	/** Learn an additive bias per output channel (default true). */
	bias?: boolean;
}

export interface Conv1dOptions {
	stride?: number;
	padding?: number | 'valid' | 'same';
	dilation?: number;
	groups?: number;
	bias?: boolean;
}

export interface ConvTranspose2dOptions {
	stride?: Pair;
	padding?: Pair;
	outputPadding?: Pair;
	groups?: number;
	dilation?: Pair;
	bias?: boolean;
}

/** Checks the channel counts against groups, as PyTorch's _ConvNd constructor does. */
function checkChannels(layer: string, inChannels: number, outChannels: number, groups: number): void {
	for (const [name, n] of [['inChannels', inChannels], ['outChannels', outChannels], ['groups', groups]] as const) {
		if (!Number.isInteger(n) || n < (name === 'groups' ? 1 : 0)) throw new RangeError(`${layer}: ${name} must be a ${name === 'groups' ? 'positive' : 'non-negative'} integer, got ${n}`);
	}
	if (inChannels % groups !== 0) throw new RangeError(`${layer}: inChannels (${inChannels}) must be divisible by groups (${groups})`);
	if (outChannels % groups !== 0) throw new RangeError(`${layer}: outChannels (${outChannels}) must be divisible by groups (${groups})`);
}

function checkPadding(layer: string, padding: unknown, stride: number[]): void {
	if (typeof padding !== 'string') return;
	if (padding !== 'valid' && padding !== 'same') throw new RangeError(`${layer}: padding must be a number, a pair, 'valid' or 'same', got '${padding}'`);
	if (padding === 'same' && stride.some((s) => s !== 1)) {
		throw new RangeError(`${layer}: padding='same' is not supported for strided convolutions (stride ${JSON.stringify(stride)})`);
	}
}

/**
 * A 2-D convolution layer, as `torch.nn.Conv2d`: weight [outChannels, inChannels / groups, kH, kW] and bias
 * [outChannels], both drawn from U(-1/√fanIn, 1/√fanIn) with fanIn = inChannels / groups * kH * kW.
 *
 * ```ts
 * const conv = new nn.Conv2d(1, 8, 3, { padding: 1 });
 * conv.forward(randn([4, 1, 8, 8])).shape; // [4, 8, 8, 8]
 * ```
 */
export class Conv2d extends Module {
	readonly inChannels: number;
	readonly outChannels: number;
	readonly kernelSize: [number, number];
	readonly stride: [number, number];
	readonly padding: [number, number] | 'valid' | 'same';
	readonly dilation: [number, number];
	readonly groups: number;
	weight: Tensor;
	bias: Tensor | null;

	constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Conv2dOptions = {}) {
		super();
		const { groups = 1, bias = true } = options;
		checkChannels('Conv2d', inChannels, outChannels, groups);
		const two = (name: string, v: Pair, min: number) => pair('Conv2d', name, v, min) as [number, number];
		this.inChannels = inChannels;
		this.outChannels = outChannels;
		this.kernelSize = two('kernelSize', kernelSize, 1);
		this.stride = two('stride', options.stride ?? 1, 1);
		checkPadding('Conv2d', options.padding, this.stride);
		this.padding = typeof options.padding === 'string' ? options.padding : two('padding', options.padding ?? 0, 0);
		this.dilation = two('dilation', options.dilation ?? 1, 1);
		this.groups = groups;
		this.weight = Parameter(zeros([outChannels, inChannels / groups, ...this.kernelSize]));
		this.bias = bias ? Parameter(zeros([outChannels])) : null;
		this.resetParameters();
	}

	/** Redraws weight and bias with PyTorch's default (kaiming uniform with a = √5). */
	resetParameters(): void {
		defaultLayerInit(this.weight, this.bias);
	}

	forward(x: Tensor): Tensor {
		return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
	}
}

/**
 * A 1-D convolution layer, as `torch.nn.Conv1d`: weight [outChannels, inChannels / groups, kernelSize].
 *
 * ```ts
 * const conv = new nn.Conv1d(4, 6, 3, { padding: 'same' });
 * conv.forward(randn([2, 4, 10])).shape; // [2, 6, 10]
 * ```
 */
export class Conv1d extends Module {
	readonly inChannels: number;
	readonly outChannels: number;
	readonly kernelSize: number;
	readonly stride: number;
	readonly padding: number | 'valid' | 'same';
	readonly dilation: number;
	readonly groups: number;
	weight: Tensor;
	bias: Tensor | null;

	constructor(inChannels: number, outChannels: number, kernelSize: number, options: Conv1dOptions = {}) {
		super();
		const { groups = 1, bias = true, stride = 1, dilation = 1 } = options;
		checkChannels('Conv1d', inChannels, outChannels, groups);
		const one = (name: string, v: number, min: number) => pair('Conv1d', name, v, min, 1)[0];
		this.inChannels = inChannels;
		this.outChannels = outChannels;
		this.kernelSize = one('kernelSize', kernelSize, 1);
		this.stride = one('stride', stride, 1);
		checkPadding('Conv1d', options.padding, [this.stride]);
		this.padding = typeof options.padding === 'string' ? options.padding : one('padding', options.padding ?? 0, 0);
		this.dilation = one('dilation', dilation, 1);
		this.groups = groups;
		this.weight = Parameter(zeros([outChannels, inChannels / groups, this.kernelSize]));
		this.bias = bias ? Parameter(zeros([outChannels])) : null;
		this.resetParameters();
	}

	resetParameters(): void {
		defaultLayerInit(this.weight, this.bias);
	}

	forward(x: Tensor): Tensor {
		return conv1d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding, dilation: this.dilation, groups: this.groups });
	}
}

/**
 * A transposed 2-D convolution layer, as `torch.nn.ConvTranspose2d`: weight [inChannels, outChannels / groups,
 * kH, kW]. As in PyTorch, the default init computes fanIn from weight dim 1, so fanIn = outChannels / groups *
 * kH * kW here (not inChannels).
 *
 * ```ts
 * const up = new nn.ConvTranspose2d(8, 4, 2, { stride: 2 });
 * up.forward(randn([1, 8, 5, 5])).shape; // [1, 4, 10, 10]
 * ```
 */
export class ConvTranspose2d extends Module {
	readonly inChannels: number;
	readonly outChannels: number;
	readonly kernelSize: [number, number];
	readonly stride: [number, number];
	readonly padding: [number, number];
	readonly outputPadding: [number, number];
	readonly dilation: [number, number];
	readonly groups: number;
	weight: Tensor;
	bias: Tensor | null;

	constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: ConvTranspose2dOptions = {}) {
		super();
		const { groups = 1, bias = true } = options;
		checkChannels('ConvTranspose2d', inChannels, outChannels, groups);
		const two = (name: string, v: Pair, min: number) => pair('ConvTranspose2d', name, v, min) as [number, number];
		this.inChannels = inChannels;
		this.outChannels = outChannels;
		this.kernelSize = two('kernelSize', kernelSize, 1);
		this.stride = two('stride', options.stride ?? 1, 1);
		this.padding = two('padding', options.padding ?? 0, 0);
		this.outputPadding = two('outputPadding', options.outputPadding ?? 0, 0);
		this.dilation = two('dilation', options.dilation ?? 1, 1);
		this.groups = groups;
		this.weight = Parameter(zeros([inChannels, outChannels / groups, ...this.kernelSize]));
		this.bias = bias ? Parameter(zeros([outChannels])) : null;
		this.resetParameters();
	}

	/** PyTorch's default; fanIn comes from weight dim 1 (outChannels / groups * kH * kW). */
	resetParameters(): void {
		defaultLayerInit(this.weight, this.bias);
	}

	forward(x: Tensor): Tensor {
		return convTranspose2d(x, this.weight, this.bias, {
			stride: this.stride,
			padding: this.padding,
			outputPadding: this.outputPadding,
			groups: this.groups,
			dilation: this.dilation,
		});
	}
}
