import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';

const values = (t: Tensor) => Array.from(t.dataSync());

describeOp('matmul', {
	run: (a, b) => a.matmul(b),
	cases: [
		// [[1*5 + 2*7, 1*6 + 2*8], [3*5 + 4*7, 3*6 + 4*8]]
		{ name: '2-D', inputs: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], expect: [[19, 22], [43, 50]] },
		// 1*4 + 2*5 + 3*6 = 32, a 0-D result
		{ name: '1-D dot 1-D', inputs: [[1, 2, 3], [4, 5, 6]], expect: 32 },
		// a row vector times [2, 3]: [1 + 8, 2 + 10, 3 + 12]; the row dim is dropped
		{ name: '1-D @ 2-D', inputs: [[1, 2], [[1, 2, 3], [4, 5, 6]]], expect: [9, 12, 15] },
		// [2, 3] times a column: [1 - 3, 4 - 6]; the column dim is dropped
		{ name: '2-D @ 1-D', inputs: [[[1, 2, 3], [4, 5, 6]], [1, 0, -1]], expect: [-2, -2] },
		// batch [2] broadcast against a plain matrix: A0 B = [[19, 22], [43, 50]]; A1 swaps B's rows
		{
			name: '[2, 2, 2] @ [2, 2]',
			inputs: [[[[1, 2], [3, 4]], [[0, 1], [1, 0]]], [[5, 6], [7, 8]]],
			expect: [[[19, 22], [43, 50]], [[7, 8], [5, 6]]],
		},
		// [1, 1] @ B0 = [1 + 3, 2 + 4]; [1, 1] @ B1 = [1, 1]
		{ name: '1-D @ [2, 2, 2]', inputs: [[1, 1], [[[1, 2], [3, 4]], [[0, 1], [1, 0]]]], expect: [[4, 6], [1, 1]] },
		// A0 [1, 2] = [1 + 4, 3 + 8]; A1 [1, 2] = [2, 1]
		{ name: '[2, 2, 2] @ 1-D', inputs: [[[[1, 2], [3, 4]], [[0, 1], [1, 0]]], [1, 2]], expect: [[5, 11], [2, 1]] },
		{ name: 'inner sizes differ', inputs: [[[1, 2, 3]], [[1, 2]]], throws: 'matmul: cannot multiply [1, 3] by [1, 2]: inner sizes 3 and 1 differ' },
	],
	gradcheck: [
		{ shapes: [[3, 4], [4, 2]] },
		{ shapes: [[4], [4]] },
		{ shapes: [[4], [4, 3]] },
		{ shapes: [[3, 4], [4]] },
		{ shapes: [[2, 3, 4], [4, 5]] },
		{ shapes: [[3, 4], [2, 4, 5]] },
		// batch dims broadcast: [2, 1] with [5] -> [2, 5]; the gradients are summed back to [2, 1, ..] and [5, ..]
		{ shapes: [[2, 1, 3, 4], [5, 4, 2]] },
		{ shapes: [[3], [2, 3, 4]] },
		{ shapes: [[2, 3, 4], [4]] },
	],
});

describe('matmul', () => {
	it('broadcasts batch dims: [2, 1, 3, 4] @ [5, 4, 2] is [2, 5, 3, 2]', () => {
		const a = randn([2, 1, 3, 4], { dtype: 'float64' });
		const b = randn([5, 4, 2], { dtype: 'float64' });
		const out = a.matmul(b);
		expect(out.shape).toEqual([2, 5, 3, 2]);
		// out[i][j] = a[i][0] @ b[j], checked for one batch pair by hand-written loops
		const av = a.dataSync();
		const bv = b.dataSync();
		const ov = out.dataSync();
		const [i, j] = [1, 3];
		for (let r = 0; r < 3; r++) {
			for (let c = 0; c < 2; c++) {
				let s = 0;
				for (let p = 0; p < 4; p++) s += av[i * 12 + r * 4 + p] * bv[j * 8 + p * 2 + c];
				expect(ov[((i * 5 + j) * 3 + r) * 2 + c]).toBeCloseTo(s, 12);
			}
		}
	});
	it('reduces the gradient to the broadcast batch shapes', () => {
		const a = randn([2, 1, 3, 4], { requiresGrad: true });
		const b = randn([5, 4, 2], { requiresGrad: true });
		a.matmul(b).sum().backward();
		expect(a.grad!.shape).toEqual([2, 1, 3, 4]);
		expect(b.grad!.shape).toEqual([5, 4, 2]);
	});
	it('hand-checked gradient of a 2-D product', () => {
		// L = sum(A B): dL/dA = 1 Bᵀ (row sums of B in every row), dL/dB = Aᵀ 1 (column sums of A in every column)
		const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
		const b = tensor([[5, 6], [7, 8]], { requiresGrad: true });
		a.mm(b).sum().backward();
		expect(values(a.grad!)).toEqual([11, 15, 11, 15]);
		expect(values(b.grad!)).toEqual([4, 4, 6, 6]);
	});
	it('0 * inf is NaN, as in PyTorch', () => {
		expect(values(tensor([[0, 1]]).matmul(tensor([[Infinity], [2]])))).toEqual([NaN]);
	});
	it('needs operands of one dtype', () => {
		expect(() => tensor([[1]], { dtype: 'float32' }).matmul(tensor([[1]], { dtype: 'float64' }))).toThrow(
			"matmul: expected a and b to have the same dtype, got float32 and float64; convert one with .to('float64')",
		);
		expect(tensor([[1]], { dtype: 'float64' }).matmul(tensor([[2]], { dtype: 'float64' })).dtype).toBe('float64');
	});
	it('names the shapes in its errors', () => {
		expect(() => randn([32, 30]).matmul(randn([64, 32]))).toThrow('matmul: cannot multiply [32, 30] by [64, 32]: inner sizes 30 and 64 differ');
		expect(() => randn([3]).matmul(randn([4, 2]))).toThrow('matmul: cannot multiply [3] by [4, 2]: inner sizes 3 and 4 differ');
		expect(() => randn([2, 3]).matmul(randn([4]))).toThrow('matmul: cannot multiply [2, 3] by [4]: inner sizes 3 and 4 differ');
		expect(() => randn([2, 1, 3]).matmul(randn([3, 3, 1]))).toThrow('matmul (batch dims): shapes [2] and [3] cannot be broadcast');
		expect(() => tensor(2).matmul(randn([2]))).toThrow('matmul: both operands need at least 1 dim, got [] and [2]; use mul for scalars');
	});
});
