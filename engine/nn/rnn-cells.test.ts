import { describe, expect, it } from 'vitest';
import { noGrad } from '../autograd';
import { randn, tensor } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { GRUCell, LSTMCell, RNNCell } from './rnn-cells';

const f64 = (data: number[] | number[][]) => tensor(data, { dtype: 'float64' });
const close = (got: Tensor, expected: number[] | number[][], digits = 12) => {
	const g = Array.from(got.dataSync());
	const e = (expected as number[]).flat();
	expect(g.length).toBe(e.length);
	g.forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
};
const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** Sets every parameter to `value`, then the named ones to the given values. */
function setParams(module: { namedParameters(): [string, Tensor][] }, value: number, overrides: Record<string, number[]> = {}): void {
	noGrad(() => {
		for (const [name, p] of module.namedParameters()) {
			p.copy_(overrides[name] ? tensor(overrides[name], { dtype: p.dtype, shape: p.shape }) : p.detach().mul(0).add(value));
		}
	});
}

describe('nn.RNNCell', () => {
	it('has PyTorch parameter names, shapes and init range', () => {
		manualSeed(0);
		const cell = new RNNCell(3, 4);
		expect(cell.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['weight_ih', [4, 3]], ['weight_hh', [4, 4]], ['bias_ih', [4]], ['bias_hh', [4]],
		]);
		// U(-1/sqrt(4), 1/sqrt(4)) = U(-0.5, 0.5)
		for (const p of cell.parameters()) for (const v of p.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
		expect(Object.keys(new RNNCell(3, 4, { bias: false }).stateDict())).toEqual(['weight_ih', 'weight_hh']);
	});

	it('computes tanh(W_ih x + b_ih + W_hh h + b_hh) and the relu variant by hand', () => {
		// weights 0.1, biases 0.1, x = [1, 2], h = [1, -3]: 0.1 * 3 + 0.1 + 0.1 * (-2) + 0.1 = 0.3 per unit
		const cell = new RNNCell(2, 2).double();
		setParams(cell, 0.1);
		close(cell.forward(f64([[1, 2]]), f64([[1, -3]])), [[Math.tanh(0.3), Math.tanh(0.3)]]);
		// relu: x = [-1, -2], h = 0: 0.1 * -3 + 0.2 = -0.1 -> 0
		const relu = new RNNCell(2, 2, { nonlinearity: 'relu' }).double();
		setParams(relu, 0.1);
		close(relu.forward(f64([[-1, -2], [1, 2]])), [[0, 0], [0.5, 0.5]]);
	});

	it('takes unbatched input and rejects mismatched shapes with teaching errors', () => {
		const cell = new RNNCell(2, 3);
		expect(cell.forward(tensor([1, 2])).shape).toEqual([3]);
		expect(cell.forward(tensor([1, 2]), tensor([0, 0, 0])).shape).toEqual([3]);
		expect(() => cell.forward(tensor([[1, 2, 3]]))).toThrow(/3 features but the cell was built with inputSize 2/);
		expect(() => cell.forward(tensor([[1, 2]]), tensor([[0, 0, 0], [0, 0, 0]]))).toThrow(/batch size 1 doesn't match hx batch size 2/);
		expect(() => cell.forward(tensor([1, 2]), tensor([[0, 0, 0]]))).toThrow(/hx should be 1-D/);
		expect(() => cell.forward(tensor([[[1, 2]]]))).toThrow(/1-D \[inputSize\] or 2-D/);
		expect(() => new RNNCell(2, 3, { nonlinearity: 'gelu' as 'tanh' })).toThrow(/select from 'tanh' or 'relu'/);
	});
});

describe('nn.LSTMCell', () => {
	it('has 4 stacked gates in weight_ih / weight_hh', () => {
		const cell = new LSTMCell(2, 3);
		expect(cell.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['weight_ih', [12, 2]], ['weight_hh', [12, 3]], ['bias_ih', [12]], ['bias_hh', [12]],
		]);
	});

	it('matches a hand-worked step with all weights 0.1', () => {
		// x = [1, 2], h = c = 0: every gate's pre-activation is 0.1 * (1 + 2) + 0.1 + 0 + 0.1 = 0.5, so
		// i = f = o = σ(0.5) = 0.62246, g = tanh(0.5) = 0.46212; c' = f * 0 + i * g = 0.287649,
		// h' = o * tanh(c') = 0.174270.
		const cell = new LSTMCell(2, 2).double();
		setParams(cell, 0.1);
		const [h1, c1] = cell.forward(f64([[1, 2]]));
		close(c1, [[0.28764913664496794, 0.28764913664496794]]);
		close(h1, [[0.17426971865610508, 0.17426971865610508]]);
		// From h = [1, 1], c = [1, -1]: pre-activation 0.3 + 0.1 + 0.1 * 2 + 0.1 = 0.7 for every gate, so
		// c' = σ(.7) c + σ(.7) tanh(.7) = [1.072019, -0.264357], h' = σ(.7) tanh(c') = [0.528016, -0.172637].
		const [h2, c2] = cell.forward(f64([[1, 2]]), [f64([[1, 1]]), f64([[1, -1]])]);
		close(c2, [[1.0720189307303105, -0.2643566136060218]]);
		close(h2, [[0.5280157713927253, -0.1726369253327745]]);
	});

	it('uses the gate order i, f, g, o', () => {
		// hidden 1, weights 0.1, bias_ih = [0.1, 0.2, 0.3, 0.4] (rows i, f, g, o), bias_hh = 0,
		// x = [1, 2], h = 1, c = 2: pre-activations i 0.5, f 0.6, g 0.7, o 0.8.
		// c' = σ(0.6) * 2 + σ(0.5) * tanh(0.7) = 1.667507, h' = σ(0.8) tanh(c') = 0.642519.
		const cell = new LSTMCell(2, 1).double();
		setParams(cell, 0.1, { bias_ih: [0.1, 0.2, 0.3, 0.4], bias_hh: [0, 0, 0, 0] });
		const [h, c] = cell.forward(f64([1, 2]), [f64([1]), f64([2])]);
		expect(h.shape).toEqual([1]);
		close(c, [sig(0.6) * 2 + sig(0.5) * Math.tanh(0.7)]);
		close(c, [1.667506974795892]);
		close(h, [0.6425189412502758]);
	});
});

describe('nn.GRUCell', () => {
	it('has 3 stacked gates', () => {
		const cell = new GRUCell(2, 3, { bias: false });
		expect(cell.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight_ih', [9, 2]], ['weight_hh', [9, 3]]]);
	});

	it('matches a hand-worked step, with b_hn inside the reset gate', () => {
		// hidden 1, weights 0.1, bias_ih = [0.1, 0.2, 0.3] (r, z, n), bias_hh = [0.05, 0.1, 0.2], x = [1, 2], h = 0.5.
		// gi = 0.3 + bias_ih = [0.4, 0.5, 0.6]; gh = 0.1 * 0.5 + bias_hh = [0.1, 0.15, 0.25]
		// r = σ(0.5) = 0.622459, z = σ(0.65) = 0.657010, n = tanh(0.6 + r * 0.25) = 0.638487
		// h' = (1 - z) n + z h = 0.547500
		const cell = new GRUCell(2, 1).double();
		setParams(cell, 0.1, { bias_ih: [0.1, 0.2, 0.3], bias_hh: [0.05, 0.1, 0.2] });
		const h = cell.forward(f64([[1, 2]]), f64([[0.5]]));
		const n = Math.tanh(0.6 + sig(0.5) * 0.25);
		close(h, [[(1 - sig(0.65)) * n + sig(0.65) * 0.5]]);
		close(h, [[0.5474995040656083]]);
	});
});

describe('recurrent cells: float64 gradcheck of input, state and every parameter', () => {
	const cases = [
		['RNNCell tanh', () => new RNNCell(3, 2)],
		['RNNCell relu', () => new RNNCell(3, 2, { nonlinearity: 'relu' })],
		['GRUCell', () => new GRUCell(3, 2)],
	] as const;
	for (const [name, make] of cases) {
		it(name, () => {
			manualSeed(1);
			const cell = make().double();
			const x = randn([2, 3], { dtype: 'float64', requiresGrad: true });
			const h = randn([2, 2], { dtype: 'float64', requiresGrad: true });
			const result = gradcheck((xi, hi) => cell.forward(xi, hi), [x, h, ...cell.parameters()]);
			expect(result.ok, result.message).toBe(true);
		});
	}

	it('LSTMCell (h and c)', () => {
		manualSeed(2);
		const cell = new LSTMCell(3, 2).double();
		const [x, h, c] = [[2, 3], [2, 2], [2, 2]].map((s) => randn(s, { dtype: 'float64', requiresGrad: true }));
		const result = gradcheck(
			(xi, hi, ci) => {
				const [h1, c1] = cell.forward(xi, [hi, ci]);
				return h1.add(c1.mul(2));
			},
			[x, h, c, ...cell.parameters()],
		);
		expect(result.ok, result.message).toBe(true);
	});
});
