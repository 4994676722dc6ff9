import type { Pair } from '../functional/conv';
import {
	adaptiveAvgPool1d,
	adaptiveAvgPool2d,
	avgPool1d,
	avgPool2d,
	maxPool1d,
	maxPool2d,
	type AvgPool1dOptions,
	type AvgPool2dOptions,
	type MaxPool1dOptions,
	type MaxPool2dOptions,
} from '../functional/pooling';
import type { Tensor } from '../tensor';
import { Module } from './module';

/**
 * Max over windows, as `torch.nn.MaxPool2d` (stride defaults to the kernel size; padding counts as -inf).
 *
 * ```ts
 * new nn.MaxPool2d(2).forward(randn([1, 8, 8, 8])).shape; // [1, 8, 4, 4]
 * ```
 */
export class MaxPool2d extends Module {
	constructor(readonly kernelSize: Pair, readonly options: MaxPool2dOptions = {}) {
		super();
	}
	forward(x: Tensor): Tensor {
		return maxPool2d(x, this.kernelSize, this.options);
	}
}

/**
 * Mean over windows, as `torch.nn.AvgPool2d` (countIncludePad defaults to true).
 *
 * ```ts
 * new nn.AvgPool2d(2).forward(randn([1, 8, 8, 8])).shape; // [1, 8, 4, 4]
 * ```
 */
export class AvgPool2d extends Module {
	constructor(readonly kernelSize: Pair, readonly options: AvgPool2dOptions = {}) {
		super();
	}
	forward(x: Tensor): Tensor {
		return avgPool2d(x, this.kernelSize, this.options);
	}
}

/**
 * Mean over `outputSize` windows that tile the input, as `torch.nn.AdaptiveAvgPool2d` (null keeps that size).
 *
 * ```ts
 * new nn.AdaptiveAvgPool2d(1).forward(randn([2, 8, 5, 5])).shape; // [2, 8, 1, 1]
 * ```
 */
export class AdaptiveAvgPool2d extends Module {
	constructor(readonly outputSize: number | readonly (number | null)[]) {
		super();
	}
	forward(x: Tensor): Tensor {
		return adaptiveAvgPool2d(x, this.outputSize);
	}
}

/**
 * 1-D max pooling over [N, C, L], as `torch.nn.MaxPool1d`.
 *
 * ```ts
 * new nn.MaxPool1d(2).forward(randn([2, 4, 10])).shape; // [2, 4, 5]
 * ```
 */
export class MaxPool1d extends Module {
	constructor(readonly kernelSize: number, readonly options: MaxPool1dOptions = {}) {
		super();
	}
	forward(x: Tensor): Tensor {
		return maxPool1d(x, this.kernelSize, this.options);
	}
}

/**
 * 1-D average pooling over [N, C, L], as `torch.nn.AvgPool1d`.
 *
 * ```ts
 * new nn.AvgPool1d(2).forward(randn([2, 4, 10])).shape; // [2, 4, 5]
 * ```
 */
export class AvgPool1d extends Module {
	constructor(readonly kernelSize: number, readonly options: AvgPool1dOptions = {}) {
		super();
	}
	forward(x: Tensor): Tensor {
		return avgPool1d(x, this.kernelSize, this.options);
	}
}

/**
 * 1-D adaptive average pooling over [N, C, L], as `torch.nn.AdaptiveAvgPool1d`.
 *
 * ```ts
 * new nn.AdaptiveAvgPool1d(3).forward(randn([2, 4, 10])).shape; // [2, 4, 3]
 * ```
 */
export class AdaptiveAvgPool1d extends Module {
	constructor(readonly outputSize: number) {
		super();
	}
	forward(x: Tensor): Tensor {
		return adaptiveAvgPool1d(x, this.outputSize);
	}
}
