import { describe, expect, it } from 'vitest';
import { tensor, type NestedNumbers } from '../../creation';
import { describeOp, type OpSuite } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import * as ops from '../index';
import { binaryTable, type BinaryName } from './binary';

/** Nested arrays of `shape` whose element at index (i, j, ...) is f(i, j, ...). */
function nest(shape: readonly number[], f: (...index: number[]) => number, prefix: number[] = []): NestedNumbers {
	if (prefix.length === shape.length) return f(...prefix);
	return Array.from({ length: shape[prefix.length] }, (_, i) => nest(shape, f, [...prefix, i]));
}

// [3, 1] with [1, 4]: a[i] = i + 1, b[j] = 10 (j + 1)
const col = nest([3, 1], (i) => i + 1);
const row = nest([1, 4], (_i, j) => 10 * (j + 1));
// [2, 3, 4] with [4]: a[i][j][k] = 12i + 4j + k - 5, b[k] = k + 1
const cube = nest([2, 3, 4], (i, j, k) => 12 * i + 4 * j + k - 5);
const vec = [1, 2, 3, 4];

/** The same broadcasting cases for every arithmetic row, with the expected values computed by the definition. */
function broadcastCases(f: (a: number, b: number) => number): NonNullable<OpSuite['cases']> {
	return [
		{ name: '[3, 1] with [1, 4]', inputs: [col, row], expect: nest([3, 4], (i, j) => f(i + 1, 10 * (j + 1))) },
		{ name: '[2, 3, 4] with [4]', inputs: [cube, vec], expect: nest([2, 3, 4], (i, j, k) => f(12 * i + 4 * j + k - 5, k + 1)) },
		{ name: '[4] with [2, 3, 4]', inputs: [vec, cube], expect: nest([2, 3, 4], (i, j, k) => f(k + 1, 12 * i + 4 * j + k - 5)) },
		{ name: '0-D with [2, 2]', inputs: [3, [[1, 2], [4, 8]]], expect: [[f(3, 1), f(3, 2)], [f(3, 4), f(3, 8)]] },
		{ name: '[2, 2] with 0-D', inputs: [[[1, 2], [4, 8]], 3], expect: [[f(1, 3), f(2, 3)], [f(4, 3), f(8, 3)]] },
	];
}

/** Gradchecks of both inputs over the broadcasting patterns. */
function broadcastGradchecks(sample?: 'positive' | ((x: Tensor) => Tensor)): NonNullable<OpSuite['gradcheck']> {
	return [[[3, 4], [3, 4]], [[3, 1], [1, 4]], [[2, 3, 4], [4]], [[4], [2, 3, 4]], [[], [2, 3]], [[2, 3], []]].map((shapes) => ({
		shapes,
		sample,
	}));
}

// away from 0 by at least 0.5, for divisors
const awayFromZero = (x: Tensor) => x.add(x.sign().mul(0.5));

const suites: Record<BinaryName, OpSuite> = {
	add: {
		run: (a, b) => a.add(b),
		cases: [{ name: 'hand-checked', inputs: [[[1, 2], [3, 4]], [[10], [20]]], expect: [[11, 12], [23, 24]] }, ...broadcastCases((a, b) => a + b)],
		gradcheck: broadcastGradchecks(),
	},
	sub: {
		run: (a, b) => a.sub(b),
		cases: [{ name: 'hand-checked', inputs: [[[5, 7], [9, 11]], [1, 2]], expect: [[4, 5], [8, 9]] }, ...broadcastCases((a, b) => a - b)],
		gradcheck: broadcastGradchecks(),
	},
	mul: {
		run: (a, b) => a.mul(b),
		cases: [{ name: 'hand-checked', inputs: [[[1, 2], [3, 4]], [[2], [-1]]], expect: [[2, 4], [-3, -4]] }, ...broadcastCases((a, b) => a * b)],
		gradcheck: broadcastGradchecks(),
	},
	div: {
		run: (a, b) => a.div(b),
		cases: [
			// 1/2, 2/4, 3/-6; then 1/0 = inf, -1/0 = -inf, 0/0 = NaN (IEEE, as PyTorch)
			{ name: 'hand-checked', inputs: [[1, 2, 3], [2, 4, -6]], expect: [0.5, 0.5, -0.5] },
			{ name: 'by zero', inputs: [[1, -1, 0], [0, 0, 0]], expect: [Infinity, -Infinity, NaN] },
			...broadcastCases((a, b) => a / b),
		],
		gradcheck: broadcastGradchecks(awayFromZero),
	},
	pow: {
		run: (a, b) => a.pow(b),
		cases: [
			// 2^3, 3^2, 4^0.5, (-2)^3, (-2)^2, 0^0 = 1, 0^-1 = inf, (-8)^(1/3) = NaN (real pow), 1^NaN = 1 (C's pow)
			{ name: 'hand-checked', inputs: [[2, 3, 4, -2, -2, 0, 0, -8, 1], [3, 2, 0.5, 3, 2, 0, -1, 1 / 3, NaN]], expect: [8, 9, 2, -8, 4, 1, Infinity, NaN, 1] },
			...broadcastCases((a, b) => a ** b),
		],
		// positive base (log(a) appears in d/db); exponents in 0.5..2
		gradcheck: broadcastGradchecks('positive'),
	},
	maximum: {
		run: (a, b) => a.maximum(b),
		// NaN on either side propagates (as PyTorch; Math.max would too, but not a > b ? a : b)
		cases: [
			{ name: 'hand-checked with NaN', inputs: [[1, 5, 3, NaN, 0], [4, 2, 3, 0, NaN]], expect: [4, 5, 3, NaN, NaN] },
			...broadcastCases(Math.max),
		],
		gradcheck: broadcastGradchecks(),
	},
	minimum: {
		run: (a, b) => a.minimum(b),
		cases: [
			{ name: 'hand-checked with NaN', inputs: [[1, 5, 3, NaN, 0], [4, 2, 3, 0, NaN]], expect: [1, 2, 3, NaN, NaN] },
			...broadcastCases(Math.min),
		],
		gradcheck: broadcastGradchecks(),
	},
	// comparisons: 1 or 0 in the operands' dtype; every comparison with NaN is false except ne
	gt: { run: (a, b) => a.gt(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, 2]], expect: [0, 0, 1, 0] }, ...broadcastCases((a, b) => +(a > b))] },
	ge: { run: (a, b) => a.ge(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, 2]], expect: [0, 1, 1, 0] }, ...broadcastCases((a, b) => +(a >= b))] },
	lt: { run: (a, b) => a.lt(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, 2]], expect: [1, 0, 0, 0] }, ...broadcastCases((a, b) => +(a < b))] },
	le: { run: (a, b) => a.le(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, 2]], expect: [1, 1, 0, 0] }, ...broadcastCases((a, b) => +(a <= b))] },
	eq: { run: (a, b) => a.eq(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, NaN]], expect: [0, 1, 0, 0] }, ...broadcastCases((a, b) => +(a === b))] },
	ne: { run: (a, b) => a.ne(b), cases: [{ name: 'hand-checked', inputs: [[1, 2, 3, NaN], [2, 2, 2, NaN]], expect: [1, 0, 1, 1] }, ...broadcastCases((a, b) => +(a !== b))] },
};

for (const [name, suite] of Object.entries(suites)) describeOp(name, suite);

const values = (t: Tensor) => Array.from(t.dataSync());

/** Gradients of sum(f(a, b)) for float64 a and b. */
function grads(f: (a: Tensor, b: Tensor) => Tensor, a: NestedNumbers, b: NestedNumbers): [NestedNumbers, NestedNumbers] {
	const x = tensor(a, { dtype: 'float64', requiresGrad: true });
	const y = tensor(b, { dtype: 'float64', requiresGrad: true });
	f(x, y).sum().backward();
	return [nestedOf(x.grad!), nestedOf(y.grad!)];
}

function nestedOf(t: Tensor): NestedNumbers {
	const data = t.dataSync();
	const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((p, s) => p * s, 1));
	return nest(t.shape, (...idx) => data[idx.reduce((o, i, d) => o + i * strides[d], 0)]);
}

describe('binary gradients, hand-checked', () => {
	it('add/sub/mul/div', () => {
		expect(grads((a, b) => a.add(b), [1, 2], [3, 4])).toEqual([[1, 1], [1, 1]]);
		expect(grads((a, b) => a.sub(b), [1, 2], [3, 4])).toEqual([[1, 1], [-1, -1]]);
		// d(ab)/da = b, d(ab)/db = a
		expect(grads((a, b) => a.mul(b), [1, 2], [3, 4])).toEqual([[3, 4], [1, 2]]);
		// d(a/b)/da = 1/b = [1/2, 1/4]; d(a/b)/db = -a/b^2 = [-1/4, -2/16]
		expect(grads((a, b) => a.div(b), [1, 2], [2, 4])).toEqual([[0.5, 0.25], [-0.25, -0.125]]);
	});
	it('reduces gradients to the broadcast input shapes', () => {
		// [3, 1] + [1, 4] -> [3, 4]: each a[i] is used 4 times, each b[j] 3 times
		expect(grads((a, b) => a.add(b), [[1], [2], [3]], [[1, 2, 3, 4]])).toEqual([[[4], [4], [4]], [[3, 3, 3, 3]]]);
		// [2, 2] * 0-D: d/da = b = 3 everywhere, d/db = sum(a) = 1 + 2 + 3 + 4 = 10
		expect(grads((a, b) => a.mul(b), [[1, 2], [3, 4]], 3)).toEqual([[[3, 3], [3, 3]], 10]);
	});
	it('maximum/minimum split the gradient in half at ties', () => {
		// max(1,1) tie: 1/2 each; max(2,0): a; max(3,5): b
		expect(grads((a, b) => a.maximum(b), [1, 2, 3], [1, 0, 5])).toEqual([[0.5, 1, 0], [0.5, 0, 1]]);
		expect(grads((a, b) => a.minimum(b), [1, 2, 3], [1, 0, 5])).toEqual([[0.5, 0, 1], [0.5, 1, 0]]);
		// broadcast [1, 2] with [2, 1]: pairs (a, b) = (1,1) tie, (2,1) a, (1,2) b, (2,2) tie
		// a.grad = [0.5 + 0, 1 + 0.5], b.grad = [0.5 + 0, 1 + 0.5]
		expect(grads((a, b) => a.maximum(b), [[1, 2]], [[1], [2]])).toEqual([[[0.5, 1.5]], [[0.5], [1.5]]]);
	});
	it('maximum/minimum pass the gradient to both sides where one is NaN, as PyTorch', () => {
		expect(grads((a, b) => a.maximum(b), [NaN, 1], [1, NaN])).toEqual([[1, 1], [1, 1]]);
		expect(grads((a, b) => a.minimum(b), [NaN], [1])).toEqual([[1], [1]]);
	});
	it('pow at base 0, as PyTorch', () => {
		// a = [0, 0, 0, 2, 0], b = [2, 0, 0.5, 3, -1]; out = [0, 1, 0, 8, inf]
		// d/da = b a^(b-1), but 0 where b == 0: [2*0 = 0, 0, 0.5 * 0^-0.5 = inf, 3 * 2^2 = 12, -1 * 0^-2 = -inf]
		// d/db = out ln a, but 0 where a == 0 and b >= 0: [0, 0, 0, 8 ln 2, inf * -inf = -inf]
		const [da, db] = grads((a, b) => a.pow(b), [0, 0, 0, 2, 0], [2, 0, 0.5, 3, -1]);
		expect(da).toEqual([0, 0, Infinity, 12, -Infinity]);
		expect(db).toEqual([0, 0, 0, 8 * Math.LN2, -Infinity]);
	});
	it('pow with a scalar base or exponent', () => {
		// d(x^2)/dx = 2x; d(2^x)/dx = 2^x ln 2
		expect(grads((a, b) => a.pow(2).add(b.mul(0)), [3], [0])[0]).toEqual([6]);
		expect(grads((a, b) => ops.pow(2, a).add(b.mul(0)), [3], [0])[0]).toEqual([8 * Math.LN2]);
	});
	it('comparisons have no gradient', () => {
		const a = tensor([1, 2], { requiresGrad: true });
		for (const name of ['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const) expect(ops[name](a, 1).requiresGrad).toBe(false);
	});
});

describe('binary dtypes', () => {
	it('promotes float32 with float64 to float64, and int32 with a float to the float', () => {
		const f32 = tensor([1.5], { dtype: 'float32' });
		const f64 = tensor([2], { dtype: 'float64' });
		const i32 = tensor([3], { dtype: 'int32' });
		expect(f32.add(f64).dtype).toBe('float64');
		expect(f64.mul(f32).dtype).toBe('float64');
		expect(i32.add(f32).dtype).toBe('float32');
		expect(values(i32.add(f32))).toEqual([4.5]);
	});
	it('a number on either side', () => {
		const x = tensor([1, 2, 3], { dtype: 'float64' });
		expect(values(ops.sub(10, x))).toEqual([9, 8, 7]);
		expect(values(x.sub(10))).toEqual([-9, -8, -7]);
		expect(values(ops.div(6, x))).toEqual([6, 3, 2]);
		expect(values(ops.pow(2, x))).toEqual([2, 4, 8]);
		expect(values(ops.maximum(2, x))).toEqual([2, 2, 3]);
	});
	it('a number operand takes the tensor dtype (on either side)', () => {
		const f32 = tensor([1], { dtype: 'float32' });
		expect(f32.mul(0.1).dtype).toBe('float32');
		expect(ops.sub(2, f32).dtype).toBe('float32');
		expect(tensor([1], { dtype: 'float64' }).add(1).dtype).toBe('float64');
		expect(tensor([1], { dtype: 'int32' }).add(2).dtype).toBe('int32');
		// a fractional number with an int32 tensor computes in float32, as PyTorch
		expect(values(tensor([1], { dtype: 'int32' }).add(0.5))).toEqual([1.5]);
	});
	it('int32 / int32 is true division (float32), as PyTorch', () => {
		const correct = tensor([1, 0, 1], { dtype: 'int32' });
		const accuracy = correct.sum().div(3);
		expect(accuracy.dtype).toBe('float32');
		expect(accuracy.dataSync()[0]).toBeCloseTo(2 / 3, 6);
		expect(values(tensor([1, -3], { dtype: 'int32' }).div(tensor([2, 2], { dtype: 'int32' })))).toEqual([0.5, -1.5]);
	});
	it('comparisons give 1/0 in the operands dtype', () => {
		expect(tensor([1, 2], { dtype: 'float64' }).gt(1).dtype).toBe('float64');
		expect(tensor([1, 2], { dtype: 'int32' }).eq(2).dtype).toBe('int32');
	});
	it('float32 arithmetic rounds to float32', () => {
		// 0.1 + 0.2 in float32 is 0.30000001192092896 (Math.fround of the float32 sum)
		const y = tensor([0.1], { dtype: 'float32' }).add(0.2);
		expect(y.dataSync()[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
	});
	it('every row of the binary table has a suite here', () => {
		expect(Object.keys(suites).sort()).toEqual(Object.keys(binaryTable).sort());
	});
});
