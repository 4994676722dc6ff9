import { describe, expect, it } from 'vitest';
import { isGradEnabled, noGrad, tensor, type Tensor } from 'chainrule';
import type { Backend } from '../../engine/backends/backend';
import { CpuBackend } from '../../engine/backends/cpu/cpu-backend';
import { registerBackend } from '../../engine/backends/registry';

const values = (t: Tensor) => Array.from(t.dataSync());

describe('gradient accumulation', () => {
	it('adds the gradients of two backward calls into .grad, in place', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		x.mul(3).sum().backward(); // d/dx = 3
		const first = x.grad!;
		expect(values(first)).toEqual([3, 3]);
		x.mul(x).sum().backward(); // d/dx = 2x = [2, 4]
		expect(values(x.grad!)).toEqual([5, 7]);
		// as PyTorch, .grad keeps its identity: accumulation is in place
		expect(x.grad).toBe(first);
	});
	it('x.grad = null starts over', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		x.sum().backward();
		x.grad = null;
		x.mul(2).sum().backward();
		expect(values(x.grad!)).toEqual([2, 2]);
	});
	it('leaves never share a gradient storage (add hands the same dy to both inputs)', () => {
		const a = tensor([1, 2], { requiresGrad: true });
		const b = tensor([3, 4], { requiresGrad: true });
		a.add(b).sum().backward();
		noGrad(() => a.grad!.mul_(10)); // as clipGradNorm scales gradients in place
		expect(values(a.grad!)).toEqual([10, 10]);
		expect(values(b.grad!)).toEqual([1, 1]);
	});
	it('the gradient has the dtype of its leaf', () => {
		// float32 + float64 computes in float64; each leaf gets its own dtype back
		const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
		const y = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
		const z = x.add(y);
		expect(z.dtype).toBe('float64');
		z.mul(y).sum().backward();
		expect(x.grad!.dtype).toBe('float32');
		expect(y.grad!.dtype).toBe('float64');
		// d(x+y)y/dy = x + 2y = [7, 10]
		expect(values(y.grad!)).toEqual([7, 10]);
	});
});

describe('requiresGrad', () => {
	it('propagates from any input that requires grad', () => {
		const a = tensor([1], { requiresGrad: true });
		const b = tensor([2]);
		expect(a.add(b).requiresGrad).toBe(true);
		expect(b.add(a).requiresGrad).toBe(true);
		expect(b.add(b).requiresGrad).toBe(false);
		expect(a.isLeaf).toBe(true);
		expect(a.add(b).isLeaf).toBe(false);
		expect(a.gt(0).requiresGrad).toBe(false); // comparisons are not differentiable
	});
	it('only float tensors can require grad; only leaves can stop', () => {
		expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(
			'requiresGrad: only float tensors can require gradients, this one is int32',
		);
		const y = tensor([1], { requiresGrad: true }).mul(2);
		expect(() => (y.requiresGrad = false)).toThrow('requiresGrad: can only change it on leaf tensors; use .detach()');
	});
	it('backward on a tensor that does not require grad says what to do', () => {
		expect(() => tensor(1).mul(2).backward()).toThrow('backward: this tensor does not require grad and has no grad_fn');
	});
	it('backward on a leaf scalar gives 1', () => {
		const x = tensor(3, { requiresGrad: true });
		x.backward();
		expect(values(x.grad!)).toEqual([1]);
	});
});

describe('cutting the graph', () => {
	it('detach shares values but carries no gradient', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		const d = x.mul(2).detach();
		expect(d.requiresGrad).toBe(false);
		expect(d.isLeaf).toBe(true);
		// z = x * detach(2x): dz/dx = 2x only (the detached factor is a constant)
		x.mul(d).sum().backward();
		expect(values(x.grad!)).toEqual([2, 4]);
	});
	it('noGrad records nothing and restores the mode, even after a throw', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		const y = noGrad(() => x.mul(2).reshape(2, 1));
		expect(y.requiresGrad).toBe(false);
		expect(y.gradFn).toBeNull();
		expect(isGradEnabled()).toBe(true);
		expect(() =>
			noGrad(() => {
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(isGradEnabled()).toBe(true);
	});
});

describe('backward', () => {
	it('retainGrad keeps .grad on a non-leaf', () => {
		// h = 2x, L = sum(h^2): dL/dh = 2h = 4x, dL/dx = 8x
		const x = tensor([1, 2], { requiresGrad: true });
		const h = x.mul(2).retainGrad();
		const other = h.pow(2);
		other.sum().backward();
		expect(values(h.grad!)).toEqual([4, 8]);
		expect(values(x.grad!)).toEqual([8, 16]);
		expect(other.grad).toBeNull();
	});
	it('a non-scalar output needs a gradient, and the error names the shape', () => {
		const y = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true }).mul(2);
		expect(() => y.backward()).toThrow(
			'backward: a gradient can be created implicitly only for a scalar output, but this tensor has shape [2, 3]',
		);
		expect(() => y.backward(tensor([1, 2]))).toThrow('backward: gradient has shape [2] but the tensor has shape [2, 3]');
	});
	it('takes an explicit gradient for a non-scalar output', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		x.mul(3).backward(tensor([1, 10]));
		expect(values(x.grad!)).toEqual([3, 30]);
	});
	it('a second backward through the same graph is an error unless retainGraph was set', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		const y = x.exp().sum();
		y.backward();
		expect(() => y.backward()).toThrow("backward: trying to go through the graph of 'sum' a second time");
		const z = x.exp().sum();
		x.grad = null;
		z.backward(null, { retainGraph: true });
		z.backward();
		// twice d e^x/dx
		expect(values(x.grad!)).toEqual([2 * Math.exp(1), 2 * Math.exp(2)].map(Math.fround));
	});
	it('refuses a tensor saved for backward that was changed in place', () => {
		// exp saves its output y; changing y afterwards makes dy/dx = y wrong
		const x = tensor([1, 2], { requiresGrad: true });
		const y = x.exp();
		noGrad(() => y.mul_(2));
		expect(() => y.sum().backward()).toThrow(
			"backward: a tensor needed to compute the gradient of 'exp' was modified by an in-place operation (shape [2], version 0 when saved, 1 now)",
		);
		// the same for a leaf updated between forward and backward (an optimizer step too early)
		const w = tensor([1, 2], { requiresGrad: true });
		const loss = w.mul(w).sum();
		noGrad(() => w.sub_(1));
		expect(() => loss.backward()).toThrow("a tensor needed to compute the gradient of 'mul' was modified by an in-place operation");
	});
	it('refuses an in-place change of a leaf that requires grad outside noGrad', () => {
		const w = tensor([1, 2], { requiresGrad: true });
		expect(() => w.add_(1)).toThrow("add_: a leaf tensor that requires grad can't be changed in place while gradients are recorded");
	});
	it('sums the gradients of a tensor used twice (a diamond)', () => {
		// L = sum(2x + e^x): dL/dx = 2 + e^x; and x*x: 2x
		const x = tensor([0, 1], { dtype: 'float64', requiresGrad: true });
		x.mul(2).add(x.exp()).sum().backward();
		expect(values(x.grad!)).toEqual([3, 2 + Math.E]);
		const y = tensor([3], { dtype: 'float64', requiresGrad: true });
		y.mul(y).backward(tensor([1], { dtype: 'float64' }));
		expect(values(y.grad!)).toEqual([6]);
	});
	it('a 2000-step chain does not overflow the stack', () => {
		const x = tensor([1], { dtype: 'float64', requiresGrad: true });
		let y = x;
		for (let i = 0; i < 2000; i++) y = y.mul(1.001);
		y.sum().backward();
		expect(x.grad!.dataSync()[0]).toBeCloseTo(1.001 ** 2000, 9);
	});
});

describe('dtypes', () => {
	it('float32 with float64 gives float64; a number keeps the tensor dtype', () => {
		expect(tensor([1], { dtype: 'float32' }).mul(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
		expect(tensor([1], { dtype: 'float32' }).mul(1e-300).dtype).toBe('float32');
		expect(tensor([1], { dtype: 'float64' }).mul(2).dtype).toBe('float64');
	});
});

describe('devices', () => {
	// A stand-in second device: the CPU backend under the name 'webgpu' (this file runs in its own worker).
	const fake = Object.assign(Object.create(CpuBackend.prototype), new CpuBackend(), { name: 'webgpu' }) as Backend;
	registerBackend(fake);

	it('an op on tensors of two devices names both and the fix', () => {
		const a = tensor([1, 2]);
		const b = tensor([3, 4], { device: 'webgpu' });
		expect(b.device).toBe('webgpu');
		expect(() => a.add(b)).toThrow("add: expected all tensors on one device, got 'cpu' (a) and 'webgpu' (b); move one with .to('cpu')");
	});
	it('to(device) is differentiable', () => {
		const x = tensor([1, 2], { requiresGrad: true });
		const y = x.to('webgpu');
		expect(y.device).toBe('webgpu');
		y.mul(3).sum().backward();
		expect(x.grad!.device).toBe('cpu');
		expect(values(x.grad!)).toEqual([3, 3]);
	});
});
