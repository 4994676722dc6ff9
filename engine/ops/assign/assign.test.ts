import { describe, expect, it } from 'vitest';
import { noGrad } from '../../autograd';
import { tensor, zeros } from '../../creation';
import type { Tensor } from '../../tensor';
import { full } from './assign';

const values = (t: Tensor) => Array.from(t.dataSync());

describe('full', () => {
	it('fills a new tensor in each dtype', () => {
		expect(values(full([2, 3], 7, 'float32', 'cpu'))).toEqual([7, 7, 7, 7, 7, 7]);
		expect(full([2, 3], 7, 'float64', 'cpu').dtype).toBe('float64');
		// int32 truncates, as the typed array stores it
		expect(values(full([2], 2.5, 'int32', 'cpu'))).toEqual([2, 2]);
		expect(full([], 1, 'float32', 'cpu').shape).toEqual([]);
		expect(full([0, 4], 1, 'float32', 'cpu').numel()).toBe(0);
	});
});

describe('in-place updates', () => {
	it('copy_ broadcasts and casts the source, and bumps the version', () => {
		const x = zeros([2, 3]);
		const v0 = x.storageVersion;
		x.copy_(tensor([1, 2, 3], { dtype: 'float64' }));
		expect(values(x)).toEqual([1, 2, 3, 1, 2, 3]);
		expect(x.dtype).toBe('float32');
		expect(x.storageVersion).toBe(v0 + 1);
	});
	it('add_/sub_ with alpha, mul_, div_, fill_, zero_', () => {
		const x = tensor([1, 2, 3]);
		x.add_(tensor([1, 1, 1]), 2); // 1 + 2*1, ...
		expect(values(x)).toEqual([3, 4, 5]);
		x.sub_(1, 3); // - 3
		expect(values(x)).toEqual([0, 1, 2]);
		x.mul_(tensor([2, 3, 4]));
		expect(values(x)).toEqual([0, 3, 8]);
		x.div_(2);
		expect(values(x)).toEqual([0, 1.5, 4]);
		x.fill_(9);
		expect(values(x)).toEqual([9, 9, 9]);
		x.zero_();
		expect(values(x)).toEqual([0, 0, 0]);
	});
	it('writes through views that share the storage', () => {
		const x = tensor([1, 2, 3, 4]);
		const view = x.reshape(2, 2);
		view.mul_(10);
		expect(values(x)).toEqual([10, 20, 30, 40]);
	});
	it('refuses a leaf that requires grad unless gradients are off', () => {
		const w = tensor([1, 2], { requiresGrad: true });
		expect(() => w.sub_(1)).toThrow(
			"sub_: a leaf tensor that requires grad can't be changed in place while gradients are recorded; wrap the update in noGrad(() => ...) (optimizers do this)",
		);
		noGrad(() => w.sub_(1));
		expect(values(w)).toEqual([0, 1]);
		expect(w.requiresGrad).toBe(true);
	});
	it('refuses a reshape of such a leaf too (it would change the leaf)', () => {
		const w = tensor([1, 2], { requiresGrad: true });
		expect(() => w.reshape(2, 1).mul_(2)).toThrow('mul_: this tensor is a view (reshape) of a leaf that requires grad');
		expect(values(w)).toEqual([1, 2]);
	});
	it('names shapes that do not fit', () => {
		expect(() => zeros([2, 3]).copy_(tensor([1, 2]))).toThrow('copy_: cannot write a tensor of shape [2] into one of shape [2, 3]');
	});
});

describe('in-place writes into copies of views', () => {
	it('Does an in-place op on narrow() refuse, instead of silently leaving the original unchanged?', async () => {
		const { zeros, noGrad } = await import('chainrule');
		const bias = zeros([6]);
		expect(() => noGrad(() => bias.narrow(0, 2, 2).fill_(1))).toThrow(/copy made by narrow\(\), not a view as in PyTorch/);
		expect(() => bias.reshape(2, 3).t().zero_()).toThrow(/transpose\(\)/);
		expect(() => bias.reshape(2, 3).slice(1, 0, 2).add_(1)).toThrow(/slice\(\)/);
		// reshape and view are real views here, so writing through them works as in PyTorch
		bias.view(2, 3).fill_(3);
		expect(await bias.tolist()).toEqual([3, 3, 3, 3, 3, 3]);
	});
});
