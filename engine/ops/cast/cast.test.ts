import { describe, expect, it } from 'vitest';
import { noGrad } from '../../autograd';
import { hasBackend } from '../../backends/registry';
import { tensor } from '../../creation';
import { describeOp } from '../../testing/describe-op';
import { cast, copy, toDevice, toDeviceAsync } from './cast';

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describeOp('cast to int32', {
	run: (x) => cast(x, 'int32'),
	// float -> int truncates toward zero, as PyTorch's .to(torch.int32)
	cases: [{ name: 'truncates toward zero', inputs: [[1.7, -1.7, 2.5, -0.5, 3]], expect: [1, -1, 2, 0, 3] }],
});

describeOp('clone (copy)', {
	run: (x) => copy([x], {}),
	cases: [{ name: 'same values', inputs: [[[1, 2], [3, 4]]], expect: [[1, 2], [3, 4]] }],
	gradcheck: [{ shapes: [[2, 3]] }],
});

describe('cast', () => {
	it('rounds float64 to float32 and widens exactly', () => {
		const y = tensor([0.1, 1 / 3], { dtype: 'float64' }).to('float32');
		expect(y.dtype).toBe('float32');
		expect(values(y)).toEqual([Math.fround(0.1), Math.fround(1 / 3)]);
		expect(values(tensor([7, -2], { dtype: 'int32' }).double())).toEqual([7, -2]);
	});
	it('returns the same tensor when the dtype already matches', () => {
		const x = tensor([1, 2]);
		expect(x.to('float32')).toBe(x);
		expect(x.float()).toBe(x);
	});
	it('passes the gradient back in the input dtype', () => {
		// y = sum(3 * double(x)): dy/dx = 3, delivered as float32 like x
		const x = tensor([1, 2], { requiresGrad: true });
		x.double().mul(3).sum().backward();
		expect(x.grad!.dtype).toBe('float32');
		expect(values(x.grad!)).toEqual([3, 3]);
	});
	it('a cast to int32 is not differentiable (as PyTorch)', () => {
		const x = tensor([1.5, 2.5], { requiresGrad: true });
		expect(x.to('int32').requiresGrad).toBe(false);
	});
	it('names an unknown dtype', () => {
		expect(() => tensor([1]).to('float16' as never)).toThrow('to: unknown dtype "float16"; use one of float32, float64, int32');
	});
});

describe('clone', () => {
	it('has its own storage', () => {
		const x = tensor([1, 2]);
		const y = x.clone();
		noGrad(() => y.add_(10));
		expect(values(x)).toEqual([1, 2]);
		expect(values(y)).toEqual([11, 12]);
	});
	it('keeps dtype and passes the gradient', () => {
		const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
		const y = x.clone();
		expect(y.dtype).toBe('float64');
		y.mul(2).sum().backward();
		expect(values(x.grad!)).toEqual([2, 2]);
	});
});

describe('toDevice', () => {
	it('is the same tensor on the same device', async () => {
		const x = tensor([1, 2]);
		expect(toDevice(x, 'cpu')).toBe(x);
		expect(x.to('cpu')).toBe(x);
		expect(await toDeviceAsync(x, 'cpu')).toBe(x);
	});
	// decided when the test runs: WebGPU tests earlier in this file may have started the backend
	it('names the missing device', (ctx) => {
		if (hasBackend('webgpu')) ctx.skip('the WebGPU backend is running in this worker');
		expect(() => tensor([1]).to('webgpu')).toThrow("device 'webgpu' is not available");
	});
});
