/**
 * The WASM element-wise, where, sum and max-pool kernels. The element-wise ones and max pooling must give
 * exactly what the TypeScript kernels store in float32 (IEEE +, -, ×, ÷, √, min, max and comparisons are
 * correctly rounded either way), including NaN, ±0, ±inf and subnormals; sum accumulates in float64.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { RandomSource } from '../../random';
import type { Tensor } from '../../tensor';
import { binaryOps, broadcastTo, maxPool2dBackward, maxPool2dOp, maxPool2dSelect, permute, sum, unaryOps, whereOp } from '../../ops/index';
import { binaryWasm, mergeBroadcastDims, mergePermuteDims, unaryWasm } from './elementwise';
import { mergeReduceDims } from './reduce';
import { initWasm, useWasm } from './runtime';

const SPECIAL = [0, -0, 1, -1, 2.5, -3.25, NaN, Infinity, -Infinity, 1e-40, -3e38, 3e38, 0.1, 7];

/** Float32 operands of `shape` cycling through special values and random ones. */
function values(shape: number[], seed: number): Tensor {
	const g = new RandomSource(seed);
	const n = shape.reduce((a, b) => a * b, 1);
	const data = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? SPECIAL[(i / 3 + seed) % SPECIAL.length] : g.normal() * 4));
	return tensor(data, { dtype: 'float32' }).reshape(shape);
}

/** Runs `fn` with the WASM kernels and with the TypeScript ones; the float32 results must be identical. */
function expectSameBothWays(fn: () => Tensor): void {
	useWasm(true);
	const wasm = fn();
	useWasm(false);
	const ts = fn();
	useWasm(true);
	expect(wasm.shape).toEqual(ts.shape);
	const a = Array.from(wasm.dataSync());
	const b = Array.from(ts.dataSync());
	// Object.is: NaN equals NaN, and +0 differs from -0
	const diff = a.findIndex((v, i) => !Object.is(v, b[i]));
	expect(diff === -1 ? 'identical' : `index ${diff}: wasm ${a[diff]}, ts ${b[diff]}`).toBe('identical');
}

beforeAll(async () => {
	expect(await initWasm()).toBe(true);
});
afterEach(() => useWasm(true));

describe('merging broadcast dims', () => {
	it('[128, 8, 28, 28] + [1, 8, 1, 1] walks [128, 8, 784]', () => {
		expect(mergeBroadcastDims([128, 8, 28, 28], [[128, 8, 28, 28], [1, 8, 1, 1]])).toEqual({
			shape: [128, 8, 784],
			strides: [[6272, 784, 1], [0, 1, 0]],
		});
	});
	it('a bias [128] over rows [256, 128], equal shapes, an outer product and a scalar', () => {
		expect(mergeBroadcastDims([256, 128], [[256, 128], [128]])).toEqual({ shape: [256, 128], strides: [[128, 1], [0, 1]] });
		expect(mergeBroadcastDims([2, 3, 4], [[2, 3, 4], [2, 3, 4]])).toEqual({ shape: [24], strides: [[1], [1]] });
		expect(mergeBroadcastDims([3, 4], [[3, 1], [1, 4]])).toEqual({ shape: [3, 4], strides: [[1, 0], [0, 1]] });
		expect(mergeBroadcastDims([], [[], []])).toEqual({ shape: [1], strides: [[0], [0]] });
	});
});

describe('merging reduced dims', () => {
	it('sum of [128, 8, 28, 28] over [0, 2, 3] walks [128, 8, 784] with output strides [0, 1, 0]', () => {
		expect(mergeReduceDims([128, 8, 28, 28], [0, 2, 3])).toEqual({ shape: [128, 8, 784], outStrides: [0, 1, 0] });
	});
	it('columns, everything, and size-1 dims', () => {
		expect(mergeReduceDims([256, 128], [0])).toEqual({ shape: [256, 128], outStrides: [0, 1] });
		expect(mergeReduceDims([2, 3], [0, 1])).toEqual({ shape: [6], outStrides: [0] });
		expect(mergeReduceDims([4, 1, 5], [1])).toEqual({ shape: [20], outStrides: [1] });
		expect(mergeReduceDims([2, 3, 4, 5], [1, 3])).toEqual({ shape: [2, 3, 4, 5], outStrides: [4, 0, 1, 0] });
	});
});

describe('WASM binary ops and where', () => {
	const shapes: [number[], number[]][] = [
		[[37], [37]],
		[[5, 7], [7]],
		[[4, 1], [1, 9]],
		[[2, 3, 5, 6], [1, 3, 1, 1]],
		[[6, 5], []],
		[[], [3, 2]],
		[[2, 1, 3], [4, 1]],
		[[1], [1]],
	];
	for (const name of Object.keys(binaryOps) as (keyof typeof binaryOps)[]) {
		if (!binaryWasm(name)) continue;
		it(`${name} is bit-identical to the TypeScript kernel across broadcasts and special values`, () => {
			shapes.forEach(([sa, sb], i) => expectSameBothWays(() => binaryOps[name]([values(sa, i), values(sb, i + 7)], {})));
		});
	}

	it('covers every binary op but pow, and every unary op that is exact in float32', () => {
		expect(Object.keys(binaryOps).filter((n) => !binaryWasm(n))).toEqual(['pow']);
		expect(Object.keys(unaryOps).filter((n) => unaryWasm(n))).toEqual(['neg', 'sqrt', 'abs', 'sign', 'floor', 'relu']);
	});

	it('where picks a where the condition is non-zero or NaN, with broadcasting', () => {
		// condition [1, 0, NaN, -0] -> a, b, a, b
		const got = whereOp([tensor([1, 0, NaN, -0]), tensor([1, 2, 3, 4]), tensor([-1, -2, -3, -4])], {});
		expect(Array.from(got.dataSync())).toEqual([1, -2, 3, -4]);
		const cases: number[][][] = [
			[[3, 4], [3, 4], [3, 4]],
			[[3, 1], [1, 4], []],
			[[2, 3, 5], [5], [2, 1, 1]],
			[[7], [], [7]],
		];
		cases.forEach(([sc, sa, sb], i) => expectSameBothWays(() => whereOp([values(sc, i), values(sa, i + 1), values(sb, i + 2)], {})));
	});

	it('declines float64 and int32 operands, and runs nothing when switched off', () => {
		const add = binaryWasm('add')!;
		const a = { data: new Float64Array([1, 2]), shape: [2] };
		expect(add([a, a], { data: new Float64Array(2), shape: [2] }, {})).toBe(false);
		const f = { data: new Float32Array([1, 2]), shape: [2] };
		const out = { data: new Float32Array(2), shape: [2] };
		expect(add([f, f], out, {})).toBe(true);
		expect(Array.from(out.data)).toEqual([2, 4]);
		useWasm(false);
		expect(add([f, f], { data: new Float32Array(2), shape: [2] }, {})).toBe(false);
	});
});

describe('WASM unary ops', () => {
	for (const name of ['neg', 'abs', 'sqrt', 'relu', 'floor', 'sign'] as const) {
		it(`${name} is bit-identical to the TypeScript kernel, NaN and ±0 included`, () => {
			expectSameBothWays(() => unaryOps[name]([values([103], 3)], {}));
			expectSameBothWays(() => unaryOps[name]([tensor(SPECIAL)], {}));
		});
	}
	it('relu keeps NaN and maps -0 and negatives to +0', () => {
		expect(Array.from(unaryOps.relu([tensor([NaN, -0, -2, 3])], {}).dataSync())).toEqual([NaN, 0, 0, 3]);
		expect(Object.is(unaryOps.relu([tensor([-0])], {}).dataSync()[0], 0)).toBe(true);
	});
});

describe('WASM permute', () => {
	it('merges dims the input steps through as one (hand-checked)', () => {
		// [2, 3, 4] by [0, 2, 1]: out [2, 4, 3], input strides 12, 1, 4
		expect(mergePermuteDims([2, 3, 4], [0, 2, 1])).toEqual({ shape: [2, 4, 3], strides: [12, 1, 4] });
		// [2, 3, 4, 5] by [2, 3, 0, 1]: two merged blocks, a 2-D transpose of [6, 20]
		expect(mergePermuteDims([2, 3, 4, 5], [2, 3, 0, 1])).toEqual({ shape: [20, 6], strides: [1, 20] });
		expect(mergePermuteDims([1, 5, 1], [2, 1, 0])).toEqual({ shape: [5], strides: [1] });
	});
	it('transposes [[1, 2, 3], [4, 5, 6]] to [[1, 4], [2, 5], [3, 6]]', () => {
		expect(Array.from(permute(tensor([[1, 2, 3], [4, 5, 6]]), [1, 0]).dataSync())).toEqual([1, 4, 2, 5, 3, 6]);
	});
	const cases: [number[], number[]][] = [
		[[37, 19], [1, 0]],
		[[256, 128], [1, 0]],
		[[2, 3, 4], [0, 2, 1]],
		[[2, 3, 4, 5], [3, 1, 0, 2]],
		[[2, 3, 4, 5], [2, 3, 0, 1]],
		[[4, 1, 6], [2, 1, 0]],
	];
	for (const [shape, dims] of cases) {
		it(`is bit-identical to the TypeScript kernel: ${JSON.stringify(shape)} by ${JSON.stringify(dims)}`, () => {
			expectSameBothWays(() => permute(values(shape, 4), dims));
		});
	}
});

describe('WASM expand', () => {
	it('repeats [[1], [2]] along columns and [1, 2, 3] along rows (hand-checked)', () => {
		expect(Array.from(broadcastTo(tensor([[1], [2]]), [2, 3]).dataSync())).toEqual([1, 1, 1, 2, 2, 2]);
		expect(Array.from(broadcastTo(tensor([1, 2, 3]), [2, 3]).dataSync())).toEqual([1, 2, 3, 1, 2, 3]);
	});
	const cases: [number[], number[]][] = [
		[[256, 1], [256, 10]],
		[[1], [37]],
		[[3, 1, 5], [2, 3, 4, 5]],
		[[1, 8, 1, 1], [4, 8, 3, 3]],
	];
	for (const [from, to] of cases) {
		it(`is bit-identical to the TypeScript kernel: ${JSON.stringify(from)} to ${JSON.stringify(to)}`, () => {
			expectSameBothWays(() => broadcastTo(values(from, 2), to));
		});
	}
});

describe('WASM sum', () => {
	it('sums [2, 3] over dim 0 and dim 1 (hand-checked)', () => {
		const x = tensor([[1, 2, 3], [4, 5, 6]]);
		expect(Array.from(sum(x, 0).dataSync())).toEqual([5, 7, 9]);
		expect(Array.from(sum(x, 1).dataSync())).toEqual([6, 15]);
		expect(Array.from(sum(x).dataSync())).toEqual([21]);
	});

	const cases: [number[], number[]][] = [
		[[128, 8, 6, 6], [0, 2, 3]],
		[[256, 37], [0]],
		[[37, 256], [1]],
		[[3, 4, 5, 6], [1, 3]],
		[[1000], [0]],
		[[2, 1, 3], [1]],
	];
	for (const [shape, dims] of cases) {
		it(`agrees with the float64 sum to float32 rounding: ${JSON.stringify(shape)} over ${JSON.stringify(dims)}`, () => {
			const g = new RandomSource(9);
			const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.normal());
			const got = sum(tensor(Array.from(data)).reshape(shape), dims).dataSync();
			const ref = sum(tensor(Array.from(data), { dtype: 'float64' }).reshape(shape), dims).dataSync();
			ref.forEach((r, i) => expect(Math.abs(got[i] - r)).toBeLessThanOrEqual(2 ** -24 * Math.abs(r) + 1e-12));
		});
	}

	it('propagates NaN and inf', () => {
		expect(Array.from(sum(tensor([[1, NaN], [Infinity, 2]]), 1).dataSync())).toEqual([NaN, Infinity]);
	});
});

describe('WASM max pooling', () => {
	const configs = [
		{ kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false },
		{ kernel: [3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true },
		{ kernel: [2, 3], stride: [1, 2], padding: [1, 0], dilation: [2, 1], ceilMode: false },
	] as const;
	configs.forEach((c, i) => {
		const a = { kernel: [...c.kernel], stride: [...c.stride], padding: [...c.padding], dilation: [...c.dilation], ceilMode: c.ceilMode } as Parameters<typeof maxPool2dOp>[1];
		it(`forward, backward and select are bit-identical to the TypeScript kernels (config ${i})`, () => {
			// ties (repeated values), NaN and -inf windows come from the special values
			const x = values([2, 3, 9, 8], i).floor();
			expectSameBothWays(() => maxPool2dOp([x], a));
			const y = maxPool2dOp([x], a);
			expectSameBothWays(() => maxPool2dBackward([values(y.shape as number[], 5), x], a));
			expectSameBothWays(() => maxPool2dSelect([values(x.shape as number[], 6), x], a));
		});
	});
});
