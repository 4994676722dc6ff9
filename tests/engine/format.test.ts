import { describe, expect, it } from 'vitest';
import { arange, tensor } from 'chainrule';

describe('toString', () => {
	it('float32: whole numbers with a trailing dot, others to 4 significant digits', () => {
		expect(tensor([[1, 2], [3, 4]]).toString()).toMatchInlineSnapshot(`"tensor([[1., 2.], [3., 4.]])"`);
		expect(tensor([0.5, -1.25, 1 / 3, 1e-7]).toString()).toMatchInlineSnapshot(`"tensor([0.5, -1.25, 0.3333, 1e-7])"`);
		expect(tensor(3.5).toString()).toMatchInlineSnapshot(`"tensor(3.5)"`);
	});
	it('names a dtype other than float32 and requiresGrad', () => {
		expect(tensor([1, 2], { dtype: 'float64', requiresGrad: true }).toString()).toMatchInlineSnapshot(`"tensor([1., 2.], dtype=float64, requiresGrad=true)"`);
		expect(tensor([1, -2], { dtype: 'int32' }).toString()).toMatchInlineSnapshot(`"tensor([1, -2], dtype=int32)"`);
		expect(tensor([1]).mul(tensor([2], { requiresGrad: true })).toString()).toMatchInlineSnapshot(`"tensor([2.], requiresGrad=true)"`);
	});
	it('inf and nan as PyTorch prints them', () => {
		expect(tensor([Infinity, -Infinity, NaN, 0]).toString()).toMatchInlineSnapshot(`"tensor([inf, -inf, nan, 0.])"`);
	});
	it('empty and 3-D', () => {
		expect(tensor([]).toString()).toMatchInlineSnapshot(`"tensor([])"`);
		expect(tensor([[], []]).toString()).toMatchInlineSnapshot(`"tensor([[], []])"`);
		expect(arange(8).reshape(2, 2, 2).toString()).toMatchInlineSnapshot(`"tensor([[[0., 1.], [2., 3.]], [[4., 5.], [6., 7.]]])"`);
	});
	it('abbreviates a large tensor to its first 1000 values and names the shape', () => {
		const s = arange(1200).reshape(30, 40).toString();
		expect(s.startsWith('tensor([0., 1., 2.')).toBe(true);
		expect(s.endsWith('998., 999.], shape=[30, 40])')).toBe(true);
	});
	it('a disposed tensor', () => {
		const x = tensor([1, 2]);
		x.dispose();
		expect(x.toString()).toMatchInlineSnapshot(`"tensor(<disposed>, shape=[2])"`);
	});
	it('tolist and item give plain numbers', async () => {
		expect(await arange(6).reshape(3, 2).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
		expect(await tensor(7).tolist()).toBe(7);
		expect(await tensor([[2.5]]).item()).toBe(2.5);
	});
});
