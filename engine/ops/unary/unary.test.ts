import { describe, expect, it } from 'vitest';
import { tensor } from '../../creation';
import { describeOp, type OpSuite } from '../../testing/describe-op';
import type { Tensor } from '../../tensor';
import { unaryTable, type UnaryName } from './unary';

// finite differences are wrong at a kink, so sample away from 0 (|x| >= 0.1)
const awayFromZero = (x: Tensor) => x.add(x.sign().mul(0.1));

/** One suite per row of the unary table; the last test below fails when a row has no suite here. */
const suites: Record<UnaryName, OpSuite> = {
	neg: {
		run: (x) => x.neg(),
		cases: [{ name: 'signs', inputs: [[[-2, 0.5], [0, 3]]], expect: [[2, -0.5], [0, -3]] }],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	exp: {
		run: (x) => x.exp(),
		// e^0 = 1, e^1 = e, e^-1 = 1/e, e^2 = 7.389056...
		cases: [{ name: 'known values', inputs: [[0, 1, -1, 2]], expect: [1, Math.E, 1 / Math.E, Math.E * Math.E] }],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	log: {
		run: (x) => x.log(),
		// ln 1 = 0, ln e = 1, ln 0.5 = -ln 2, ln 0 = -inf, ln(-1) = NaN (as PyTorch)
		cases: [{ name: 'known values', inputs: [[1, Math.E, 0.5, 0, -1]], expect: [0, 1, -Math.LN2, -Infinity, NaN] }],
		gradcheck: [{ shapes: [[3, 4]], sample: 'positive' }],
	},
	log1p: {
		run: (x) => x.log1p(),
		// log1p(1e-10) = 1e-10 - 1e-20/2 + ... (accurate where log(1 + x) would lose digits), ln 2, ln 0.5
		cases: [{ name: 'known values', inputs: [[0, 1e-10, 1, -0.5]], expect: [0, 1e-10 - 5e-21, Math.LN2, -Math.LN2] }],
		// x in (-0.5, 0.5): both sides of 0, inside the domain x > -1
		gradcheck: [{ shapes: [[3, 4]], sample: (x) => x.sigmoid().sub(0.5) }],
	},
	expm1: {
		run: (x) => x.expm1(),
		// expm1(1e-10) = 1e-10 + 1e-20/2 + ..., e - 1, 1/e - 1
		cases: [{ name: 'known values', inputs: [[0, 1e-10, 1, -1]], expect: [0, 1e-10 + 5e-21, Math.E - 1, 1 / Math.E - 1] }],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	sqrt: {
		run: (x) => x.sqrt(),
		// sqrt(2.25) = 1.5, sqrt(-1) = NaN
		cases: [{ name: 'known values', inputs: [[0, 1, 4, 2.25, 2, -1]], expect: [0, 1, 2, 1.5, Math.SQRT2, NaN] }],
		gradcheck: [{ shapes: [[3, 4]], sample: 'positive' }],
	},
	abs: {
		run: (x) => x.abs(),
		cases: [{ name: 'signs', inputs: [[-2, 0, 3.5, -0.25]], expect: [2, 0, 3.5, 0.25] }],
		gradcheck: [{ shapes: [[3, 4]], sample: awayFromZero }],
	},
	sign: {
		run: (x) => x.sign(),
		// NOTE: sign(NaN) = 0 in PyTorch ((0 < x) - (x < 0)), not NaN as in NumPy
		cases: [{ name: 'signs and NaN', inputs: [[-2, 0, 3.5, NaN, -Infinity]], expect: [-1, 0, 1, 0, -1] }],
		// zero gradient away from the jump at 0
		gradcheck: [{ shapes: [[3, 4]], sample: awayFromZero }],
	},
	floor: {
		run: (x) => x.floor(),
		cases: [{ name: 'rounds down', inputs: [[-1.5, -1, 0.5, 2.7, 3]], expect: [-2, -1, 0, 2, 3] }],
		// zero gradient; a normal sample lands within 1e-6 of an integer with negligible probability
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	sin: {
		run: (x) => x.sin(),
		// sin(pi/6) = 1/2, sin(pi/2) = 1, sin(-pi/2) = -1
		cases: [{ name: 'known values', inputs: [[0, Math.PI / 6, Math.PI / 2, -Math.PI / 2]], expect: [0, 0.5, 1, -1] }],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	cos: {
		run: (x) => x.cos(),
		// cos(pi/3) = 1/2, cos(pi) = -1
		cases: [{ name: 'known values', inputs: [[0, Math.PI / 3, Math.PI]], expect: [1, 0.5, -1] }],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	tanh: {
		run: (x) => x.tanh(),
		// tanh(1) = (e^2 - 1)/(e^2 + 1) = 0.76159..., tanh(-2) = -(e^4 - 1)/(e^4 + 1), tanh(20) rounds to 1
		cases: [
			{
				name: 'known values',
				inputs: [[0, 1, -2, 20]],
				expect: [0, (Math.E ** 2 - 1) / (Math.E ** 2 + 1), -(Math.E ** 4 - 1) / (Math.E ** 4 + 1), 1],
			},
		],
		gradcheck: [{ shapes: [[3, 4]] }],
	},
	sigmoid: {
		run: (x) => x.sigmoid(),
		// 1/(1 + e^-2) = 0.8807970779778823; sigmoid(-2) = 1 - sigmoid(2); no overflow to NaN at +-1000
		cases: [
			{
				name: 'known values and extremes',
				inputs: [[0, 2, -2, -1000, 1000]],
				expect: [0.5, 1 / (1 + Math.exp(-2)), 1 - 1 / (1 + Math.exp(-2)), 0, 1],
			},
		],
		gradcheck: [{ shapes: [[3, 4]] }, { name: 'large |x|', shapes: [[6]], sample: (x) => x.mul(10) }],
	},
	relu: {
		run: (x) => x.relu(),
		cases: [
			{ name: 'mixed signs', inputs: [[[-2, -0.5], [0.5, 3]]], expect: [[0, 0], [0.5, 3]] },
			{ name: 'scalar zero', inputs: [0], expect: 0 },
			// NaN propagates, as PyTorch's relu (clamp_min) does
			{ name: 'NaN', inputs: [[NaN, -1, Infinity]], expect: [NaN, 0, Infinity] },
		],
		gradcheck: [{ shapes: [[4, 5]], sample: awayFromZero }],
	},
	erf: {
		run: (x) => x.erf(),
		// reference values of erf (Abramowitz & Stegun table 7.1); 2.5 is where the series hands over to the fraction
		cases: [
			{
				name: 'known values',
				inputs: [[0, 0.5, 1, 2, 2.5, 3, -1, 10]],
				expect: [0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.999593047982555, 0.9999779095030014, -0.8427007929497149, 1],
			},
		],
		gradcheck: [{ shapes: [[3, 4]] }, { name: 'both branches', shapes: [[8]], sample: (x) => x.mul(2) }],
	},
};

for (const [name, suite] of Object.entries(suites)) describeOp(name, suite);

/** Gradient of sum(f(x)) at the given points. */
function gradOf(f: (x: Tensor) => Tensor, values: number[]): number[] {
	const x = tensor(values, { dtype: 'float64', requiresGrad: true });
	f(x).sum().backward();
	return Array.from(x.grad!.dataSync());
}

describe('unary corner cases (as PyTorch)', () => {
	it("relu'(0) = 0", () => {
		expect(gradOf((x) => x.relu(), [-1, 0, 2])).toEqual([0, 0, 1]);
	});
	it("abs'(0) = 0", () => {
		expect(gradOf((x) => x.abs(), [-1, 0, 2])).toEqual([-1, 0, 1]);
	});
	it("sqrt'(0) = inf", () => {
		// d sqrt(x)/dx = 1 / (2 sqrt(x)): 1/0 = inf at 0, 1/4 at 4
		expect(gradOf((x) => x.sqrt(), [0, 4])).toEqual([Infinity, 0.25]);
	});
	it("log'(0) = inf", () => {
		expect(gradOf((x) => x.log(), [0, 2])).toEqual([Infinity, 0.5]);
	});
	it('sign and floor have a zero gradient and pass requiresGrad on', () => {
		const x = tensor([-1.5, 0, 2.5], { requiresGrad: true });
		const y = x.floor().add(x.sign());
		expect(y.requiresGrad).toBe(true);
		y.sum().backward();
		expect(Array.from(x.grad!.dataSync())).toEqual([0, 0, 0]);
	});
	it('sigmoid gradient does not overflow at the extremes', () => {
		// sigma'(x) = sigma(x)(1 - sigma(x)): 0 at +-1000, 1/4 at 0
		expect(gradOf((x) => x.sigmoid(), [-1000, 0, 1000])).toEqual([0, 0.25, 0]);
	});
	it('hand-checked gradients', () => {
		// d tanh = 1 - tanh^2: 1 at 0; d erf = 2/sqrt(pi) e^{-x^2}: 2/sqrt(pi) at 0
		expect(gradOf((x) => x.tanh(), [0])).toEqual([1]);
		expect(gradOf((x) => x.erf(), [0])[0]).toBeCloseTo(2 / Math.sqrt(Math.PI), 15);
		// d log1p = 1/(1+x): 1/2 at 1; d expm1 = e^x: 1 at 0
		expect(gradOf((x) => x.log1p(), [1])).toEqual([0.5]);
		expect(gradOf((x) => x.expm1(), [0])).toEqual([1]);
		// d sin = cos: cos(0) = 1; d cos = -sin: -sin(pi/2) = -1
		expect(gradOf((x) => x.sin(), [0])).toEqual([1]);
		expect(gradOf((x) => x.cos(), [Math.PI / 2])).toEqual([-1]);
	});
	it('relu backward is a select: an infinite upstream gradient stays out of the zero side', () => {
		// d/dx sum(dy * relu(x)) with dy = [inf, inf]: [0, inf] (dy * (x > 0) would give 0 * inf = NaN)
		const x = tensor([-1, 2], { dtype: 'float64', requiresGrad: true });
		x.relu().backward(tensor([Infinity, Infinity], { dtype: 'float64' }));
		expect(Array.from(x.grad!.dataSync())).toEqual([0, Infinity]);
	});
	it('int32 input: float functions give float32, integer-preserving ones keep int32 (as PyTorch)', () => {
		const x = tensor([-2, 1], { dtype: 'int32' });
		for (const name of ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'erf'] as const) {
			expect([name, suites[name].run(x).dtype]).toEqual([name, 'float32']);
		}
		for (const name of ['neg', 'abs', 'sign', 'floor', 'relu'] as const) expect([name, suites[name].run(x).dtype]).toEqual([name, 'int32']);
		// e^1 is not truncated to 2
		expect(x.exp().dataSync()[1]).toBeCloseTo(Math.E, 6);
		expect(Array.from(x.relu().dataSync())).toEqual([0, 1]);
	});
	it('keeps the dtype and the shape', () => {
		const x = tensor([[1, 2, 3]], { dtype: 'float64' });
		for (const name of Object.keys(unaryTable) as UnaryName[]) {
			const y = suites[name].run(x);
			expect([name, y.dtype, y.shape]).toEqual([name, 'float64', [1, 3]]);
		}
	});
	it('every row of the unary table has a suite here', () => {
		expect(Object.keys(suites).sort()).toEqual(Object.keys(unaryTable).sort());
	});
});
