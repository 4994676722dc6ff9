/**
 * Recurrent cells (one time step), as `torch.nn.RNNCell`, `LSTMCell` and `GRUCell`, and the step
 * functions that the multi-layer `RNN`, `LSTM` and `GRU` in `rnn.ts` share with them.
 */
import { zeros } from '../creation';
import { linear } from '../functional/linear';
import * as ops from '../ops/index';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { uniform_ } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

/** The recurrence: PyTorch's `mode` strings. */
export type RnnMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** Rows of `weight_ih` per hidden unit: LSTM stacks 4 gates (i, f, g, o), GRU 3 (r, z, n). */
export const GATE_COUNT: Record<RnnMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The recurrent weights of one layer and direction (`weight_hr` only for an LSTM with projections). */
export interface RecurrentWeights {
	weightHh: Tensor;
	biasHh: Tensor | null;
	weightHr?: Tensor | null;
}

/**
 * One time step given the input projection `gi = x W_ihᵀ + b_ih` ([batch, gates * hidden]), so a layer can
 * project the whole sequence with one matmul. Returns the new `[h, c]` (c is null except for LSTM).
 * The formulas are PyTorch's (aten/src/ATen/native/RNN.cpp):
 * - RNN: h' = act(gi + h W_hhᵀ + b_hh)
 * - LSTM: i, f, g, o = chunks of gi + gh; c' = σ(f) c + σ(i) tanh(g); h' = σ(o) tanh(c') (then h' W_hrᵀ)
 * - GRU: r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r (h W_hnᵀ + b_hn)), h' = n + z (h - n),
 *   which is (1 - z) n + z h written as PyTorch computes it.
 */
export function recurrentStep(mode: RnnMode, gi: Tensor, h: Tensor, c: Tensor | null, w: RecurrentWeights): [Tensor, Tensor | null] {
	const gh = linear(h, w.weightHh, w.biasHh);
	switch (mode) {
		case 'RNN_TANH':
			return [ops.tanh(ops.add(gi, gh)), null];
		case 'RNN_RELU':
			return [ops.relu(ops.add(gi, gh)), null];
		case 'LSTM': {
			const [i, f, g, o] = ops.add(gi, gh).chunk(4, 1);
			const cNext = ops.add(ops.mul(ops.sigmoid(f), c!), ops.mul(ops.sigmoid(i), ops.tanh(g)));
			const hNext = ops.mul(ops.sigmoid(o), ops.tanh(cNext));
			return [w.weightHr ? linear(hNext, w.weightHr) : hNext, cNext];
		}
		case 'GRU': {
			const [ir, iz, inn] = gi.chunk(3, 1);
			const [hr, hz, hn] = gh.chunk(3, 1);
			const r = ops.sigmoid(ops.add(ir, hr));
			const z = ops.sigmoid(ops.add(iz, hz));
			const n = ops.tanh(ops.add(inn, ops.mul(r, hn)));
			return [ops.add(n, ops.mul(z, ops.sub(h, n))), null];
		}
	}
}

/** PyTorch's init for every recurrent weight and bias: U(-1/√hidden, 1/√hidden). */
export function initRecurrent(params: Tensor[], hiddenSize: number): void {
	const bound = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
	for (const p of params) uniform_(p, -bound, bound);
}

export function checkSize(where: string, name: string, value: number, min: number): void {
	if (!Number.isInteger(value) || value < min) {
		throw new RangeError(`${where}: ${name} must be an integer >= ${min}, got ${value}`);
	}
}

export interface CellOptions {
	/** Learn the biases `bias_ih` and `bias_hh` (default true). */
	bias?: boolean;
}

/** What the cells share: PyTorch's parameter names (`weight_ih` [gates * hidden, input], ...) and checks. */
abstract class RNNCellBase extends Module {
	readonly inputSize: number;
	readonly hiddenSize: number;
	readonly bias: boolean;
	// PyTorch's snake_case names, so stateDict keys match a PyTorch state dict one to one.
	weight_ih: Tensor;
	weight_hh: Tensor;
	bias_ih: Tensor | null;
	bias_hh: Tensor | null;

	constructor(inputSize: number, hiddenSize: number, bias: boolean, gates: number) {
		super();
		checkSize(this.constructor.name, 'inputSize', inputSize, 0);
		checkSize(this.constructor.name, 'hiddenSize', hiddenSize, 0);
		this.inputSize = inputSize;
		this.hiddenSize = hiddenSize;
		this.bias = bias;
		this.weight_ih = Parameter(zeros([gates * hiddenSize, inputSize]));
		this.weight_hh = Parameter(zeros([gates * hiddenSize, hiddenSize]));
		this.bias_ih = bias ? Parameter(zeros([gates * hiddenSize])) : null;
		this.bias_hh = bias ? Parameter(zeros([gates * hiddenSize])) : null;
		this.resetParameters();
	}

	/** Redraws every weight and bias from U(-1/√hidden, 1/√hidden), as PyTorch. */
	resetParameters(): void {
		initRecurrent(this.parameters(), this.hiddenSize);
	}

	protected get recurrentWeights(): RecurrentWeights {
		return { weightHh: this.weight_hh, biasHh: this.bias_hh };
	}

	/** Checks shapes and adds a batch dim to unbatched (1-D) input; returns `x: [B, I]` and states `[B, H]`. */
	protected prepare(input: Tensor, states: (Tensor | null)[]): { x: Tensor; states: Tensor[]; batched: boolean } {
		const name = this.constructor.name;
		if (input.ndim !== 1 && input.ndim !== 2) {
			throw new RangeError(`${name}: expected input to be 1-D [inputSize] or 2-D [batch, inputSize], got shape ${formatShape(input.shape)}`);
		}
		if (input.shape[input.ndim - 1] !== this.inputSize) {
			throw new RangeError(`${name}: input ${formatShape(input.shape)} has ${input.shape[input.ndim - 1]} features but the cell was built with inputSize ${this.inputSize}`);
		}
		const batched = input.ndim === 2;
		const x = batched ? input : input.unsqueeze(0);
		const batch = x.shape[0];
		const full = states.map((s, k) => {
			const label = states.length > 1 ? `hx[${k}]` : 'hx';
			if (!s) return zeros([batch, this.hiddenSize], { dtype: input.dtype, device: input.device });
			if (s.ndim !== input.ndim) {
				throw new RangeError(
					`${name}: for ${batched ? 'batched 2-D' : 'unbatched 1-D'} input, ${label} should be ` +
						`${batched ? `2-D [batch, ${this.hiddenSize}]` : `1-D [${this.hiddenSize}]`}, got shape ${formatShape(s.shape)}`,
				);
			}
			const s2 = batched ? s : s.unsqueeze(0);
			if (s2.shape[0] !== batch) {
				throw new RangeError(`${name}: input batch size ${batch} doesn't match ${label} batch size ${s2.shape[0]}`);
			}
			if (s2.shape[1] !== this.hiddenSize) {
				throw new RangeError(`${name}: ${label} ${formatShape(s.shape)} has ${s2.shape[1]} features but hiddenSize is ${this.hiddenSize}`);
			}
			return s2;
		});
		return { x, states: full, batched };
	}
}

export interface RNNCellOptions extends CellOptions {
	nonlinearity?: 'tanh' | 'relu';
}

/**
 * An Elman RNN cell, as `torch.nn.RNNCell`: `h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)` (or relu).
 * Input `[batch, inputSize]` or unbatched `[inputSize]`; `hx` defaults to zeros.
 *
 * ```ts
 * const cell = new nn.RNNCell(3, 5);
 * let h = zeros([2, 5]);
 * for (const x of xs) h = cell.forward(x, h); // x: [2, 3] → h: [2, 5]
 * ```
 */
export class RNNCell extends RNNCellBase {
	readonly nonlinearity: 'tanh' | 'relu';

	constructor(inputSize: number, hiddenSize: number, { bias = true, nonlinearity = 'tanh' }: RNNCellOptions = {}) {
		super(inputSize, hiddenSize, bias, 1);
		if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
			throw new RangeError(`RNNCell: unknown nonlinearity ${JSON.stringify(nonlinearity)}; select from 'tanh' or 'relu'`);
		}
		this.nonlinearity = nonlinearity;
	}

	/** Returns h' with the shape of hx: `[batch, hiddenSize]`, or `[hiddenSize]` for unbatched input. */
	forward(input: Tensor, hx: Tensor | null = null): Tensor {
		const { x, states, batched } = this.prepare(input, [hx]);
		const mode = this.nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU';
		const [h] = recurrentStep(mode, linear(x, this.weight_ih, this.bias_ih), states[0], null, this.recurrentWeights);
		return batched ? h : h.squeeze(0);
	}
}

/**
 * A long short-term memory cell, as `torch.nn.LSTMCell`. Gates are stacked in PyTorch's order i, f, g, o
 * in `weight_ih` [4 * hidden, input]: c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c').
 *
 * ```ts
 * const cell = new nn.LSTMCell(3, 5);
 * const [h, c] = cell.forward(randn([2, 3])); // both [2, 5]; hx defaults to [zeros, zeros]
 * ```
 */
export class LSTMCell extends RNNCellBase {
	constructor(inputSize: number, hiddenSize: number, { bias = true }: CellOptions = {}) {
		super(inputSize, hiddenSize, bias, 4);
	}

	/** Returns `[h', c']` (PyTorch's tuple), each `[batch, hiddenSize]` or `[hiddenSize]` for unbatched input. */
	forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
		const { x, states, batched } = this.prepare(input, hx ? [hx[0], hx[1]] : [null, null]);
		const [h, c] = recurrentStep('LSTM', linear(x, this.weight_ih, this.bias_ih), states[0], states[1], this.recurrentWeights);
		return batched ? [h, c!] : [h.squeeze(0), c!.squeeze(0)];
	}
}

/**
 * A gated recurrent unit cell, as `torch.nn.GRUCell` (gates r, z, n in `weight_ih` [3 * hidden, input]):
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * ```ts
 * const cell = new nn.GRUCell(3, 5);
 * const h = cell.forward(randn([2, 3])); // [2, 5]
 * ```
 */
export class GRUCell extends RNNCellBase {
	constructor(inputSize: number, hiddenSize: number, { bias = true }: CellOptions = {}) {
		super(inputSize, hiddenSize, bias, 3);
	}

	/** Returns h': `[batch, hiddenSize]`, or `[hiddenSize]` for unbatched input. */
	forward(input: Tensor, hx: Tensor | null = null): Tensor {
		const { x, states, batched } = this.prepare(input, [hx]);
		const [h] = recurrentStep('GRU', linear(x, this.weight_ih, this.bias_ih), states[0], null, this.recurrentWeights);
		return batched ? h : h.squeeze(0);
	}
}
