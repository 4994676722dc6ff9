import { describe, expect, it } from 'vitest';
import { cat, F, randn, tensor, zeros } from 'chainrule';

// The engine's error messages teach: they name the op, the shapes or values, and what would fit.
describe('shape errors', () => {
	it('matmul with inner sizes that differ', () => {
		expect(() => randn([32, 30]).matmul(randn([64, 32]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: matmul: cannot multiply [32, 30] by [64, 32]: inner sizes 30 and 64 differ (the last dim of the first must equal the second-to-last of the second)]`);
		expect(() => randn([3]).matmul(randn([4, 2]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: matmul: cannot multiply [3] by [4, 2]: inner sizes 3 and 4 differ]`);
	});
	it('matmul with batch dims that do not broadcast', () => {
		expect(() => randn([2, 1, 3]).matmul(randn([3, 3, 1]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: matmul (batch dims): shapes [2] and [3] cannot be broadcast: dim -1 has sizes 2 and 3 (each pair of trailing sizes must match or be 1)]`);
	});
	it('broadcasting failure names both shapes and the dim', () => {
		expect(() => zeros([2, 3]).add(zeros([4]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: add: shapes [2, 3] and [4] cannot be broadcast: dim -1 has sizes 3 and 4 (each pair of trailing sizes must match or be 1)]`);
		expect(() => zeros([2, 3, 4]).mul(zeros([5, 4]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: mul: shapes [2, 3, 4] and [5, 4] cannot be broadcast: dim -2 has sizes 3 and 5 (each pair of trailing sizes must match or be 1)]`);
	});
	it('reshape size mismatch', () => {
		expect(() => zeros([2, 3]).reshape(4, 2)).toThrowErrorMatchingInlineSnapshot(`[RangeError: reshape: cannot reshape [2, 3] (6 elements) into [4, 2] (8 elements)]`);
		expect(() => zeros([2, 3]).reshape(4, -1)).toThrowErrorMatchingInlineSnapshot(`[RangeError: reshape: cannot reshape [2, 3] (6 elements) into [4, -1]]`);
	});
	it('bad dim index', () => {
		expect(() => zeros([2, 3]).sum(2)).toThrowErrorMatchingInlineSnapshot(`[RangeError: sum: dim 2 is out of range for a tensor of rank 2 (expected -2..1)]`);
		expect(() => zeros([2, 3]).softmax(-3)).toThrowErrorMatchingInlineSnapshot(`[RangeError: softmax: dim -3 is out of range for a tensor of rank 2 (expected -2..1)]`);
		expect(() => zeros([2]).unsqueeze(2)).toThrowErrorMatchingInlineSnapshot(`[RangeError: unsqueeze: dim 2 is out of range for a tensor of rank 1 (expected -2..1)]`);
		expect(() => zeros([2, 3]).size(5)).toThrowErrorMatchingInlineSnapshot(`[RangeError: size: dim 5 is out of range for a tensor of rank 2 (expected -2..1)]`);
	});
	it('cat mismatch', () => {
		expect(() => cat([zeros([2, 3]), zeros([2, 4])], 0)).toThrowErrorMatchingInlineSnapshot(`[RangeError: cat: tensor 1 has shape [2, 4], which does not match tensor 0's [2, 3] outside dim 0; all sizes except along the joined dim must agree]`);
	});
	it('permute with the wrong number of dims', () => {
		expect(() => zeros([2, 3, 4]).permute(1, 0)).toThrowErrorMatchingInlineSnapshot(`[RangeError: permute: got 2 dims [1, 0] for a tensor of rank 3 (shape [2, 3, 4])]`);
	});
	it('expand, gather and indexSelect', () => {
		expect(() => zeros([2, 3]).expand(2, 4)).toThrowErrorMatchingInlineSnapshot(`[RangeError: expand: shapes [2, 3] and [2, 4] cannot be broadcast: dim -1 has sizes 3 and 4 (each pair of trailing sizes must match or be 1)]`);
		expect(() => zeros([2, 3]).gather(1, tensor([[3]], { dtype: 'int32' }))).toThrowErrorMatchingInlineSnapshot(`[RangeError: gather: index 3 is out of bounds for dim 1 with size 3]`);
		expect(() => zeros([2, 3]).indexSelect(0, tensor([2], { dtype: 'int32' }))).toThrowErrorMatchingInlineSnapshot(`[RangeError: indexSelect: index 2 is out of range for dim 0 of size 2]`);
	});
	it('linear with the wrong number of features', () => {
		expect(() => F.linear(zeros([8, 3]), zeros([4, 5]))).toThrowErrorMatchingInlineSnapshot(`[RangeError: linear: input has 3 features (shape [8, 3]) but the weight [4, 5] expects 5; weight is [outFeatures, inFeatures]]`);
	});
	it('backward of a non-scalar and item of a non-scalar', async () => {
		expect(() => zeros([2, 3], { requiresGrad: true }).mul(2).backward()).toThrowErrorMatchingInlineSnapshot(`[Error: backward: a gradient can be created implicitly only for a scalar output, but this tensor has shape [2, 3]; reduce it first (e.g. loss.mean()) or pass a gradient of that shape]`);
		await expect(zeros([2]).item()).rejects.toThrowErrorMatchingInlineSnapshot(`[RangeError: item: only a tensor with one element can be read as a number, got shape [2]]`);
	});
});
