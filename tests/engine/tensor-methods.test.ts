import { describe, expect, it } from 'vitest';
import { arange, tensor, type Tensor } from 'chainrule';
import { describeOp } from '../../engine/testing/describe-op';

const values = (t: Tensor) => Array.from(t.dataSync());
const f64 = (data: number[] | number[][]) => tensor(data, { dtype: 'float64' });

describeOp('clamp', {
	run: (x) => x.clamp(-0.5, 0.5),
	cases: [{ name: 'both bounds', inputs: [[-2, -0.5, 0.25, 0.5, 3]], expect: [-0.5, -0.5, 0.25, 0.5, 0.5] }],
	// |x| in 0.1..0.4 or 0.6 and beyond: finite differences never straddle a bound
	gradcheck: [{ shapes: [[20]], sample: (x) => x.where(x.abs().sub(0.5).abs().gt(0.1), x.sign().mul(0.2)) }],
});

describe('clamp', () => {
	it('one bound, NaN, and min > max (PyTorch gives max everywhere)', () => {
		expect(values(tensor([-2, 3]).clamp(0))).toEqual([0, 3]);
		expect(values(tensor([-2, 3]).clamp(null, 1))).toEqual([-2, 1]);
		expect(values(tensor([NaN]).clamp(0, 1))).toEqual([NaN]);
		expect(values(tensor([-1, 0.5, 3]).clamp(2, 1))).toEqual([1, 1, 1]);
	});
	it('passes the gradient where min <= x <= max, bounds included (as PyTorch)', () => {
		const x = tensor([-1, 0, 0.5, 1, 2], { requiresGrad: true });
		x.clamp(0, 1).sum().backward();
		expect(values(x.grad!)).toEqual([0, 1, 1, 1, 0]);
	});
});

describe('flatten, squeeze, unsqueeze', () => {
	const x = arange(24).reshape(2, 3, 4);
	it('flatten', () => {
		expect(x.flatten().shape).toEqual([24]);
		expect(x.flatten(1).shape).toEqual([2, 12]);
		expect(x.flatten(0, 1).shape).toEqual([6, 4]);
		expect(x.flatten(-2, -1).shape).toEqual([2, 12]);
		expect(tensor(5).flatten().shape).toEqual([1]);
		expect(() => x.flatten(2, 1)).toThrow('flatten: startDim 2 comes after endDim 1');
	});
	it('squeeze and unsqueeze', () => {
		const y = arange(3).reshape(1, 3, 1);
		expect(y.squeeze().shape).toEqual([3]);
		expect(y.squeeze(0).shape).toEqual([3, 1]);
		expect(y.squeeze(-1).shape).toEqual([1, 3]);
		expect(y.squeeze(1)).toBe(y); // size 3: nothing to squeeze, as PyTorch
		expect(arange(3).unsqueeze(0).shape).toEqual([1, 3]);
		expect(arange(3).unsqueeze(-1).shape).toEqual([3, 1]);
		expect(arange(3).unsqueeze(1).shape).toEqual([3, 1]);
	});
});

describeOp('mean', {
	run: (x) => x.mean([0, 2], true),
	// mean over i, k of 12i + 4j + k = 6 + 4j + 1.5 = 7.5 + 4j
	cases: [{ name: 'dims [0, 2] keepdim', inputs: [[[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [[12, 13, 14, 15], [16, 17, 18, 19], [20, 21, 22, 23]]]], expect: [[[7.5], [11.5], [15.5]]] }],
	gradcheck: [{ shapes: [[2, 3, 4]] }],
});

describe('mean, var, std', () => {
	it('mean over all, a dim, keepdim', () => {
		const m = tensor([[1, 2, 3], [4, 5, 6]]);
		expect(values(m.mean())).toEqual([3.5]);
		expect(values(m.mean(0))).toEqual([2.5, 3.5, 4.5]);
		expect(m.mean(1, true).shape).toEqual([2, 1]);
		expect(values(m.mean(1, true))).toEqual([2, 5]);
	});
	it('var with Bessel correction by default, std its root', () => {
		// [1, 2, 3, 4]: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
		const x = f64([1, 2, 3, 4]);
		expect(values(x.var())).toEqual([5 / 3]);
		expect(values(x.var(null, { correction: 0 }))).toEqual([1.25]);
		expect(values(x.std())).toEqual([Math.sqrt(5 / 3)]);
		const m = f64([[1, 2, 3, 4], [2, 2, 2, 2]]);
		expect(values(m.var(1))).toEqual([5 / 3, 0]);
		expect(m.var(1, { keepdim: true }).shape).toEqual([2, 1]);
		// one sample with correction 1: 0/0 = NaN, as PyTorch
		expect(values(f64([3]).var())).toEqual([NaN]);
	});
});

describeOp('var dim 1', { run: (x) => x.var(1), gradcheck: [{ shapes: [[3, 5]] }] });
describeOp('std all', { run: (x) => x.std(), gradcheck: [{ shapes: [[3, 4]] }] });

describe('max(dim) and min(dim)', () => {
	it('values and first indices, keepdim', () => {
		const x = tensor([[1, 3, 3], [4, 4, 0]]);
		const { values: v, indices } = x.max(1);
		expect(values(v)).toEqual([3, 4]);
		expect(values(indices)).toEqual([1, 0]);
		expect(indices.dtype).toBe('int32');
		expect(x.max(0, true).values.shape).toEqual([1, 3]);
		const mn = x.min(1);
		expect(values(mn.values)).toEqual([1, 0]);
		expect(values(mn.indices)).toEqual([0, 2]);
	});
	it('sends the gradient to the first maximum only (PyTorch max(dim), unlike amax)', () => {
		const x = tensor([[1, 3, 3], [4, 4, 0]], { requiresGrad: true });
		x.max(1).values.sum().backward();
		expect(values(x.grad!)).toEqual([0, 1, 0, 1, 0, 0]);
		const y = tensor([[2, 1, 1]], { requiresGrad: true });
		y.min(-1, true).values.sum().backward();
		expect(values(y.grad!).map((v) => v + 0)).toEqual([0, 1, 0]); // + 0 turns the -0 of negation into 0
	});
	it('NaN is the maximum', () => {
		const { values: v, indices } = tensor([[1, NaN, 2]]).max(1);
		expect(values(v)).toEqual([NaN]);
		expect(values(indices)).toEqual([1]);
	});
});

describeOp('max(dim) values', { run: (x) => x.max(1).values, gradcheck: [{ shapes: [[3, 5]] }] });

describeOp('logsumexp', {
	run: (x) => x.logsumexp(1),
	cases: [
		// log(e^0 + e^ln2 + e^ln3) = log 6; log(2 e^1000) = 1000 + ln 2 without overflow
		{ name: 'known values', inputs: [[[0, Math.LN2, Math.log(3)], [1000, 1000, -Infinity]]], expect: [Math.log(6), 1000 + Math.LN2] },
		{ name: 'all -inf', inputs: [[[-Infinity, -Infinity]]], expect: [-Infinity] },
	],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[2, 3]], sample: (x) => x.mul(30) }],
});

describeOp('softmax', {
	run: (x) => x.softmax(-1),
	cases: [
		// e^0 : e^ln2 : e^ln3 = 1 : 2 : 3, over 6; 1000 and 1001 are 1 : e (no overflow), and -inf gets 0
		{ name: 'known values', inputs: [[[0, Math.LN2, Math.log(3)]]], expect: [[1 / 6, 1 / 3, 1 / 2]] },
		{ name: 'large logits', inputs: [[[1000, 1001, -Infinity]]], expect: [[1 / (1 + Math.E), Math.E / (1 + Math.E), 0]] },
	],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[2, 3, 2]] }],
});

describeOp('softmax dim 0', { run: (x) => x.softmax(0), gradcheck: [{ shapes: [[3, 4]] }] });

describeOp('logSoftmax', {
	run: (x) => x.logSoftmax(1),
	cases: [
		{ name: 'known values', inputs: [[[0, Math.LN2, Math.log(3)]]], expect: [[-Math.log(6), Math.log(2 / 6), Math.log(3 / 6)]] },
		// log(1/(1+e)) = -log(1+e); log(e/(1+e)) = 1 - log(1+e)
		{ name: 'large logits', inputs: [[[1000, 1001]]], expect: [[-Math.log(1 + Math.E), 1 - Math.log(1 + Math.E)]] },
	],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[2, 5]], sample: (x) => x.mul(20) }],
});

describe('softmax family', () => {
	it('rows sum to 1 and keep their shape', () => {
		const p = arange(12, undefined, 1, { dtype: 'float64' }).reshape(3, 4).softmax(1);
		expect(values(p.sum(1)).map((v) => Math.abs(v - 1) < 1e-15)).toEqual([true, true, true]);
		expect(arange(6).reshape(2, 3).logsumexp(1, true).shape).toEqual([2, 1]);
		expect(arange(6).reshape(2, 3).logsumexp([0, 1]).shape).toEqual([]);
	});
});
