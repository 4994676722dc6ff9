import { describe, expect, it, vi } from 'vitest';
import { noGrad } from '../autograd';
import { randn, tensor, zeros } from '../creation';
import { cat } from '../ops/index';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { GRU, LSTM, RNN, type RNNBase } from './rnn';
import { GRUCell, LSTMCell, RNNCell } from './rnn-cells';

const f64 = (shape: number[], requiresGrad = false) => randn(shape, { dtype: 'float64', requiresGrad });
const expectClose = (got: Tensor, expected: Tensor, digits = 12) => {
	expect(got.shape).toEqual(expected.shape);
	const e = expected.dataSync();
	got.dataSync().forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
};
const shapesOf = (m: RNNBase) => m.namedParameters().map(([n, p]) => [n, p.shape]);
const flat = (...ts: Tensor[]) => cat(ts.map((t) => t.reshape(-1)), 0);

/** Copies one layer/direction's weights of `layer` into a cell (same names without the `_l0` suffix). */
function cellFrom<C extends RNNCell | LSTMCell | GRUCell>(cell: C, layer: RNNBase, suffix: string): C {
	const state = layer.stateDict();
	noGrad(() => {
		for (const [name, p] of cell.namedParameters()) p.copy_(state[`${name}${suffix}`]);
	});
	return cell;
}

describe('nn.RNN / LSTM / GRU parameters', () => {
	it('are named and shaped as PyTorch, layer by layer and direction by direction', () => {
		const lstm = new LSTM(3, 5, { numLayers: 2, bidirectional: true });
		const layer = (l: number, s: string, inp: number) => [
			[`weight_ih_l${l}${s}`, [20, inp]], [`weight_hh_l${l}${s}`, [20, 5]], [`bias_ih_l${l}${s}`, [20]], [`bias_hh_l${l}${s}`, [20]],
		];
		expect(shapesOf(lstm)).toEqual([...layer(0, '', 3), ...layer(0, '_reverse', 3), ...layer(1, '', 10), ...layer(1, '_reverse', 10)]);
		expect(shapesOf(new GRU(4, 6, { bias: false }))).toEqual([['weight_ih_l0', [18, 4]], ['weight_hh_l0', [18, 6]]]);
		expect(shapesOf(new RNN(4, 6, { numLayers: 2 }))).toEqual([
			['weight_ih_l0', [6, 4]], ['weight_hh_l0', [6, 6]], ['bias_ih_l0', [6]], ['bias_hh_l0', [6]],
			['weight_ih_l1', [6, 6]], ['weight_hh_l1', [6, 6]], ['bias_ih_l1', [6]], ['bias_hh_l1', [6]],
		]);
		// projections: weight_hh is [4H, proj], weight_hr [proj, H], the next layer reads 2 * proj features
		expect(shapesOf(new LSTM(3, 5, { projSize: 2, numLayers: 2, bidirectional: true, bias: false }))).toEqual([
			['weight_ih_l0', [20, 3]], ['weight_hh_l0', [20, 2]], ['weight_hr_l0', [2, 5]],
			['weight_ih_l0_reverse', [20, 3]], ['weight_hh_l0_reverse', [20, 2]], ['weight_hr_l0_reverse', [2, 5]],
			['weight_ih_l1', [20, 4]], ['weight_hh_l1', [20, 2]], ['weight_hr_l1', [2, 5]],
			['weight_ih_l1_reverse', [20, 4]], ['weight_hh_l1_reverse', [20, 2]], ['weight_hr_l1_reverse', [2, 5]],
		]);
		expect(lstm.allWeights.length).toBe(4);
		expect(lstm.allWeights[1][0]).toBe(lstm.stateDict().weight_ih_l0_reverse);
	});

	it('are drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)) and survive .double() and loadStateDict', () => {
		manualSeed(3);
		const gru = new GRU(3, 16);
		const values = gru.parameters().flatMap((p) => Array.from(p.dataSync()));
		expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(0.25);
		expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.24); // the range is used, not a tighter one
		gru.double();
		expect(gru.parameters().every((p) => p.dtype === 'float64')).toBe(true);
		const other = new GRU(3, 16).double();
		other.loadStateDict(gru.stateDict());
		const x = f64([4, 2, 3]);
		expectClose(other.forward(x)[0], gru.forward(x)[0]);
	});

	it('reject bad sizes and options with teaching errors', () => {
		expect(() => new RNN(3, 0)).toThrow(/hiddenSize must be an integer >= 1/);
		expect(() => new GRU(3, 4, { numLayers: 0 })).toThrow(/numLayers/);
		expect(() => new LSTM(3, 4, { dropout: 1.5 })).toThrow(/dropout should be a number in \[0, 1\]/);
		expect(() => new LSTM(3, 4, { projSize: 4 })).toThrow(/projSize \(4\) has to be smaller than hiddenSize \(4\)/);
		expect(() => new RNN(3, 4, { nonlinearity: 'sigmoid' as 'tanh' })).toThrow(/select from 'tanh' or 'relu'/);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		new GRU(3, 4, { dropout: 0.5 });
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/no effect with numLayers=1/));
		warn.mockRestore();
	});
});

describe('nn.RNN / LSTM / GRU forward', () => {
	it('gives PyTorch shapes for sequence-first, batch-first, stacked, bidirectional and unbatched input', () => {
		const lstm = new LSTM(3, 5, { numLayers: 2, bidirectional: true });
		const [out, [h, c]] = lstm.forward(randn([7, 4, 3]));
		expect([out.shape, h.shape, c.shape]).toEqual([[7, 4, 10], [4, 4, 5], [4, 4, 5]]);
		const gru = new GRU(3, 5, { batchFirst: true, numLayers: 3 });
		const [o2, h2] = gru.forward(randn([4, 7, 3]));
		expect([o2.shape, h2.shape]).toEqual([[4, 7, 5], [3, 4, 5]]); // hN is never batch-first
		const [o3, h3] = gru.forward(randn([7, 3])); // unbatched [seq, feature], even with batchFirst
		expect([o3.shape, h3.shape]).toEqual([[7, 5], [3, 5]]);
		const proj = new LSTM(3, 5, { projSize: 2, bidirectional: true });
		const [o4, [h4, c4]] = proj.forward(randn([6, 3]));
		expect([o4.shape, h4.shape, c4.shape]).toEqual([[6, 4], [2, 2], [2, 5]]);
	});

	it('a one-layer LSTM, GRU and RNN step their cell over time, from a given state', () => {
		manualSeed(4);
		const x = f64([3, 2, 4]);
		const lstm = new LSTM(4, 3).double();
		const cell = cellFrom(new LSTMCell(4, 3).double(), lstm, '_l0');
		const h0 = f64([1, 2, 3]);
		const c0 = f64([1, 2, 3]);
		let state: [Tensor, Tensor] = [h0.squeeze(0), c0.squeeze(0)];
		const outs: Tensor[] = [];
		for (let t = 0; t < 3; t++) outs.push((state = cell.forward(x.narrow(0, t, 1).squeeze(0), state))[0]);
		const [out, [hN, cN]] = lstm.forward(x, [h0, c0]);
		expectClose(out, cat(outs.map((o) => o.unsqueeze(0)), 0));
		expectClose(hN, state[0].unsqueeze(0));
		expectClose(cN, state[1].unsqueeze(0));

		for (const [layer, c] of [
			[new GRU(4, 3).double(), new GRUCell(4, 3).double()],
			[new RNN(4, 3, { nonlinearity: 'relu' }).double(), new RNNCell(4, 3, { nonlinearity: 'relu' }).double()],
		] as const) {
			cellFrom(c, layer, '_l0');
			let h = h0.squeeze(0);
			const hs: Tensor[] = [];
			for (let t = 0; t < 3; t++) hs.push((h = c.forward(x.narrow(0, t, 1).squeeze(0), h)));
			const [o, hn] = layer.forward(x, h0);
			expectClose(o, cat(hs.map((v) => v.unsqueeze(0)), 0));
			expectClose(hn, h.unsqueeze(0));
		}
	});

	it('bidirectional: the reverse direction reads the sequence backwards and its outputs sit at their time steps', () => {
		manualSeed(5);
		const gru = new GRU(2, 3, { bidirectional: true }).double();
		const fwd = cellFrom(new GRUCell(2, 3).double(), gru, '_l0');
		const bwd = cellFrom(new GRUCell(2, 3).double(), gru, '_l0_reverse');
		const x = f64([4, 1, 2]);
		const [out, hN] = gru.forward(x);
		let hf = zeros([1, 3], { dtype: 'float64' });
		let hb = zeros([1, 3], { dtype: 'float64' });
		const of: Tensor[] = [];
		const ob: Tensor[] = new Array(4);
		for (let t = 0; t < 4; t++) of.push((hf = fwd.forward(x.narrow(0, t, 1).squeeze(0), hf)));
		for (let t = 3; t >= 0; t--) ob[t] = hb = bwd.forward(x.narrow(0, t, 1).squeeze(0), hb);
		expectClose(out, cat(of.map((o, t) => cat([o, ob[t]], 1).unsqueeze(0)), 0));
		expectClose(hN, cat([hf.unsqueeze(0), hb.unsqueeze(0)], 0)); // index layer * 2 + direction
	});

	it('stacked layers feed each other; batchFirst is a transpose; unbatched is batch 1', () => {
		manualSeed(6);
		const two = new RNN(3, 4, { numLayers: 2 }).double();
		const first = new RNN(3, 4).double();
		const second = new RNN(4, 4).double();
		const state = two.stateDict();
		noGrad(() => {
			for (const [n, p] of first.namedParameters()) p.copy_(state[n]);
			for (const [n, p] of second.namedParameters()) p.copy_(state[n.replace('_l0', '_l1')]);
		});
		const x = f64([5, 2, 3]);
		const h0 = f64([2, 2, 4]);
		const [o1, h1] = first.forward(x, h0.narrow(0, 0, 1));
		const [o2, h2] = second.forward(o1, h0.narrow(0, 1, 1));
		const [out, hN] = two.forward(x, h0);
		expectClose(out, o2);
		expectClose(hN, cat([h1, h2], 0));

		const bf = new RNN(3, 4, { numLayers: 2, batchFirst: true }).double();
		bf.loadStateDict(state);
		const [ob, hb] = bf.forward(x.transpose(0, 1), h0);
		expectClose(ob, out.transpose(0, 1));
		expectClose(hb, hN);
		const [ou, hu] = two.forward(x.narrow(1, 0, 1).squeeze(1), h0.narrow(1, 0, 1).squeeze(1));
		expectClose(ou, out.narrow(1, 0, 1).squeeze(1));
		expectClose(hu, hN.narrow(1, 0, 1).squeeze(1));
	});

	it('applies dropout between layers in training only', () => {
		manualSeed(7);
		const lstm = new LSTM(2, 3, { numLayers: 2, dropout: 1 }).double();
		const top = new LSTM(3, 3).double();
		noGrad(() => {
			const state = lstm.stateDict();
			for (const [n, p] of top.namedParameters()) p.copy_(state[n.replace('_l0', '_l1')]);
		});
		const x = f64([4, 2, 2]);
		// dropout 1 zeroes layer 0's output, so layer 1 sees zeros
		const [train] = lstm.forward(x);
		expectClose(train, top.forward(zeros([4, 2, 3], { dtype: 'float64' }))[0]);
		lstm.eval();
		const [evalOut] = lstm.forward(x);
		const plain = new LSTM(2, 3, { numLayers: 2 }).double();
		plain.loadStateDict(lstm.stateDict());
		expectClose(evalOut, plain.forward(x)[0]);
	});

	it('rejects wrong input and state shapes with teaching errors', () => {
		const lstm = new LSTM(3, 4, { numLayers: 2 });
		expect(() => lstm.forward(randn([5, 2, 4]))).toThrow(/input.size\(-1\) must be equal to inputSize. Expected 3, got 4/);
		expect(() => lstm.forward(randn([5]))).toThrow(/expected input to be 2-D \[seq, inputSize\] \(unbatched\) or 3-D \[seq, batch, inputSize\]/);
		expect(() => lstm.forward(randn([5, 2, 3]), [zeros([1, 2, 4]), zeros([2, 2, 4])])).toThrow(/expected hx\[0\] of size \[2, 2, 4\]/);
		expect(() => lstm.forward(randn([5, 3]), [zeros([2, 1, 4]), zeros([2, 1, 4])])).toThrow(/unbatched 2-D input, hx\[0\] should also be 2-D/);
		expect(() => new GRU(3, 4).forward(randn([0, 2, 3]))).toThrow(/sequence length larger than 0/);
	});
});

describe('float64 gradcheck through 3 time steps (input, h0, c0 and every weight)', () => {
	it('RNN (tanh, 2 layers, bidirectional)', () => {
		manualSeed(8);
		const rnn = new RNN(2, 2, { numLayers: 2, bidirectional: true }).double();
		const r = gradcheck((x, h) => flat(...rnn.forward(x, h)), [f64([3, 2, 2], true), f64([4, 2, 2], true), ...rnn.parameters()]);
		expect(r.ok, r.message).toBe(true);
	});

	it('RNN (relu, batch first)', () => {
		manualSeed(9);
		const rnn = new RNN(2, 3, { nonlinearity: 'relu', batchFirst: true }).double();
		const r = gradcheck((x, h) => flat(...rnn.forward(x, h)), [f64([2, 3, 2], true), f64([1, 2, 3], true), ...rnn.parameters()]);
		expect(r.ok, r.message).toBe(true);
	});

	it('LSTM (2 layers, bidirectional)', () => {
		manualSeed(10);
		const lstm = new LSTM(2, 2, { numLayers: 2, bidirectional: true }).double();
		const r = gradcheck(
			(x, h, c) => {
				const [out, [hN, cN]] = lstm.forward(x, [h, c]);
				return flat(out, hN, cN);
			},
			[f64([3, 2, 2], true), f64([4, 2, 2], true), f64([4, 2, 2], true), ...lstm.parameters()],
		);
		expect(r.ok, r.message).toBe(true);
	});

	it('LSTM with projections', () => {
		manualSeed(11);
		const lstm = new LSTM(2, 3, { projSize: 2 }).double();
		const r = gradcheck(
			(x, h, c) => {
				const [out, [hN, cN]] = lstm.forward(x, [h, c]);
				return flat(out, hN, cN);
			},
			[f64([3, 2, 2], true), f64([1, 2, 2], true), f64([1, 2, 3], true), ...lstm.parameters()],
		);
		expect(r.ok, r.message).toBe(true);
	});

	it('GRU (2 layers, bidirectional, unbatched)', () => {
		manualSeed(12);
		const gru = new GRU(2, 2, { numLayers: 2, bidirectional: true }).double();
		const r = gradcheck((x, h) => flat(...gru.forward(x, h)), [f64([3, 2], true), f64([4, 2], true), ...gru.parameters()]);
		expect(r.ok, r.message).toBe(true);
	});
});

it('a PyTorch-style state dict loads 1:1 by name', () => {
	const lstm = new LSTM(2, 3, { bidirectional: true });
	const state: Record<string, Tensor> = {};
	for (const [name, p] of lstm.namedParameters()) state[name] = tensor(Array.from({ length: p.numel() }, (_, i) => i / 100), { shape: p.shape });
	const fresh = new LSTM(2, 3, { bidirectional: true });
	expect(fresh.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
	expect(Array.from(fresh.stateDict().bias_hh_l0_reverse.dataSync()).slice(0, 2)).toEqual([0, 0.009999999776482582]);
});
