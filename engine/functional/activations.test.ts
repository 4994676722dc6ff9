import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { describeOp } from '../testing/describe-op';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { elu, gelu, leakyRelu, logSoftmax, relu, sigmoid, softmax, softplus, tanh } from './activations';

// Samples for gradchecks of functions with a kink at 0: push normal draws at least 0.1 away from it.
const awayFromZero = (x: Tensor) => x.add(x.sign().mul(0.1));

/** Gradient of sum(f(x)) at the given points, read back as numbers. */
function gradAt(f: (x: Tensor) => Tensor, values: number[]): number[] {
	const x = tensor(values, { dtype: 'float64', requiresGrad: true });
	f(x).sum().backward();
	return Array.from(x.grad!.dataSync());
}

describeOp('F.relu', {
	run: (x) => relu(x),
	cases: [{ name: 'max(x, 0)', inputs: [[-2, -0.5, 0, 0.5, 3]], expect: [0, 0, 0, 0.5, 3] }],
	gradcheck: [{ shapes: [[3, 4]], sample: awayFromZero }],
});

describeOp('F.leakyRelu', {
	run: (x) => leakyRelu(x, 0.1),
	// -2 * 0.1 = -0.2; positives and 0 unchanged
	cases: [{ name: 'slope 0.1', inputs: [[-2, 0, 3]], expect: [-0.2, 0, 3] }],
	gradcheck: [{ shapes: [[3, 4]], sample: awayFromZero }],
});

describeOp('F.elu', {
	run: (x) => elu(x),
	cases: [
		// alpha 1: e^-1 - 1 = -0.63212...; 0 and positives unchanged
		{ name: 'alpha 1', inputs: [[-1, 0, 2]], expect: [-0.6321205588285577, 0, 2] },
		// PyTorch computes exp(x) - 1 (not expm1): at x = -1e-12 that is -9.999778782798785e-13 in float64
		{ name: 'tiny negative as exp(x) - 1', inputs: [[-1e-12]], expect: [-9.999778782798785e-13], dtype: 'float64', rtol: 1e-15 },
	],
	gradcheck: [{ shapes: [[3, 4]], sample: awayFromZero }],
});

describeOp('F.elu alpha 2', {
	run: (x) => elu(x, 2),
	// 2 * (e^-2 - 1) = -1.7293294335267746
	cases: [{ name: 'alpha 2', inputs: [[-2, 1]], expect: [-1.7293294335267746, 1] }],
	gradcheck: [{ shapes: [[5]], sample: awayFromZero }],
});

describeOp('F.softplus', {
	run: (x) => softplus(x),
	cases: [
		// log(1 + e^0) = ln 2; log(1 + e) = 1.31326...; at x = 20 (not above the threshold) log1p(e^20)
		{ name: 'below threshold', inputs: [[0, 1, 20]], expect: [0.6931471805599453, 1.3132616875182228, 20.000000002061153] },
		// above threshold 20 it is x itself; very negative x underflows to 0
		{ name: 'linear above threshold', inputs: [[21, 1000, -1000]], expect: [21, 1000, 0] },
	],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('F.softplus beta 2 threshold 1', {
	run: (x) => softplus(x, 2, 1),
	cases: [
		// beta 2: log1p(e^2) / 2 = 1.0634640055214863 would apply at x = 1, but 2 * 1 > 1 so it is 1;
		// at x = 0.25, 2x = 0.5 <= 1: log1p(e^0.5) / 2
		{ name: 'beta and threshold', inputs: [[1, 0.25]], expect: [1, Math.log1p(Math.exp(0.5)) / 2] },
	],
	// the function jumps at beta x = threshold (x = 0.5); keep samples clear of it
	gradcheck: [{ shapes: [[3, 4]], sample: (x) => x.add(x.sub(0.5).sign().mul(0.05)) }],
});

describeOp('F.gelu exact', {
	run: (x) => gelu(x),
	// x Φ(x), with Φ(x) = (1 + erf(x / √2)) / 2 (values from Python's math.erf)
	cases: [
		{
			name: 'x Φ(x)',
			inputs: [[-3, -1, 0, 0.5, 1, 2]],
			expect: [-0.00404969409489031, -0.15865525393145702, 0, 0.34573123063700656, 0.841344746068543, 1.9544997361036416],
		},
	],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('F.gelu tanh', {
	run: (x) => gelu(x, 'tanh'),
	// 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), evaluated in Python
	cases: [
		{
			name: 'tanh approximation',
			inputs: [[-3, -1, 0, 0.5, 1, 2]],
			expect: [-0.0036373920817729943, -0.15880800939172324, 0, 0.34571400982514394, 0.8411919906082768, 1.954597694087775],
		},
	],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('F.sigmoid', {
	run: (x) => sigmoid(x),
	cases: [
		{ name: 'centre', inputs: [[0]], expect: [0.5] },
		// e^-100 / (1 + e^-100) = 3.72e-44 in float64 (no 1/(1+inf) overflow path); 1 for large positive
		{ name: 'large |x|', inputs: [[-100, 100, 800]], expect: [3.720075976020836e-44, 1, 1], dtype: 'float64', rtol: 1e-14 },
		{ name: 'huge negative', inputs: [[-800]], expect: [0] },
	],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('F.tanh', {
	run: (x) => tanh(x),
	cases: [{ name: 'values', inputs: [[0, 1, -50]], expect: [0, Math.tanh(1), -1] }],
	gradcheck: [{ shapes: [[3, 4]] }],
});

describeOp('F.softmax', {
	run: (x) => softmax(x, 1),
	cases: [
		// softmax([0, 1, 2]) = e^k / (1 + e + e²); shifting every logit by 1000 changes nothing (no overflow)
		{
			name: 'huge logits',
			inputs: [[[0, 1, 2], [1000, 1001, 1002]]],
			expect: [
				[0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
				[0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
			],
		},
		{ name: 'minus infinity gets 0', inputs: [[[-Infinity, 0]]], expect: [[0, 1]] },
	],
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[3, 4]], sample: (x) => x.mul(30) }],
});

describeOp('F.softmax dim 0', {
	run: (x) => softmax(x, 0),
	cases: [{ name: 'columns', inputs: [[[0, 5], [0, 5]]], expect: [[0.5, 0.5], [0.5, 0.5]] }],
	gradcheck: [{ shapes: [[3, 2]] }],
});

describeOp('F.logSoftmax', {
	run: (x) => logSoftmax(x, -1),
	cases: [
		// k - log(1 + e + e²) = k - 2.40760596444438
		{
			name: 'huge logits',
			inputs: [[[1000, 1001, 1002], [-1000, 1000, 0]]],
			expect: [
				[-2.40760596444438, -1.4076059644443801, -0.40760596444438013],
				[-2000, 0, -1000],
			],
		},
	],
	// (wider logits, but not so wide that finite differences lose digits)
	gradcheck: [{ shapes: [[3, 4]] }, { shapes: [[2, 5]], sample: (x) => x.mul(10) }],
});

describe('activation gradients at the corner cases PyTorch defines', () => {
	it('relu has gradient 0 at 0', () => {
		expect(gradAt(relu, [-1, 0, 2])).toEqual([0, 0, 1]);
	});
	it('leakyRelu has gradient negativeSlope at 0', () => {
		expect(gradAt((x) => leakyRelu(x, 0.2), [-1, 0, 2])).toEqual([0.2, 0.2, 1]);
		expect(gradAt((x) => leakyRelu(x), [-3])).toEqual([0.01]);
	});
	it('elu has gradient alpha * exp(x) for x <= 0, so alpha at 0', () => {
		const g = gradAt((x) => elu(x, 1.5), [-1, 0, 2]);
		expect(g[0]).toBeCloseTo(1.5 * Math.exp(-1), 15);
		expect(g.slice(1)).toEqual([1.5, 1]);
	});
	it('softplus passes the full gradient at beta x == threshold and 1 above it (no NaN)', () => {
		// x = 20: e^20 / (1 + e^20) = 0.9999999979388464; x = 25 and 1000 are on the linear branch
		const g = gradAt((x) => softplus(x), [20, 25, 1000, -1000]);
		expect(g[0]).toBeCloseTo(0.9999999979388464, 15);
		expect(g.slice(1)).toEqual([1, 1, 0]);
	});
	it('sigmoid and softmax stay finite for huge inputs', () => {
		expect(gradAt(sigmoid, [-800, 800])).toEqual([0, 0]);
		const g = gradAt((x) => softmax(x.reshape([1, 3]), 1).mul(tensor([[1, 2, 3]], { dtype: 'float64' })), [1000, 1001, 1002]);
		expect(g.every(Number.isFinite)).toBe(true);
	});
	it('gelu has gradient Φ(x) + x φ(x)', () => {
		// at x = 1: 0.8413447460685429 + e^-0.5 / √(2π) = 1.0833154705876864
		expect(gradAt((x) => gelu(x), [1])[0]).toBeCloseTo(1.0833154705876864, 14);
	});
	it('gelu rejects an unknown approximation', () => {
		expect(() => gelu(tensor([1]), 'fast' as 'tanh')).toThrow(`gelu: approximate must be 'none' or 'tanh', got "fast"`);
	});
	it('gradchecks softplus on the linear branch and across beta', () => {
		const x = tensor([21.5, 30, -3, 0.2, 4], { dtype: 'float64', requiresGrad: true });
		expect(gradcheck((x) => softplus(x, 3, 20), [x]).ok).toBe(true);
	});
});
