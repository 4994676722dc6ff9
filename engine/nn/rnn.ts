/**
 * Multi-layer recurrent layers, as `torch.nn.RNN`, `LSTM` and `GRU`: stacked layers, optional reverse
 * direction, dropout between layers, sequence-first or batch-first input. The single steps live in
 * `rnn-cells.ts`.
 */
import { zeros } from '../creation';
import { dropout as dropoutFn } from '../functional/dropout';
import { linear } from '../functional/linear';
import * as ops from '../ops/index';
import { formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { Module } from './module';
import { Parameter } from './parameter';
import { checkSize, GATE_COUNT, initRecurrent, recurrentStep, type RecurrentWeights, type RnnMode } from './rnn-cells';

export interface RNNBaseOptions {
	/** Stacked recurrent layers (default 1); layer k > 0 reads layer k - 1's output. */
	numLayers?: number;
	/** Learn `bias_ih_l*` and `bias_hh_l*` (default true). */
	bias?: boolean;
	/** Input and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
	batchFirst?: boolean;
	/** Dropout on the output of every layer except the last, in training mode only (default 0). */
	dropout?: number;
	/** Add a reverse-direction layer next to each forward one (default false). */
	bidirectional?: boolean;
}

function stack(tensors: readonly Tensor[], dim: number): Tensor {
	return ops.cat(tensors.map((t) => t.unsqueeze(dim)), dim);
}

/**
 * What RNN, LSTM and GRU share: parameters named as PyTorch's (`weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`,
 * `bias_hh_l0`, `_reverse` for the backward direction, `weight_hr_l0` for LSTM projections), stored as fields
 * of those names so `stateDict()` maps 1:1 onto a PyTorch state dict, in PyTorch's order.
 */
export abstract class RNNBase extends Module {
	readonly mode: RnnMode;
	readonly inputSize: number;
	readonly hiddenSize: number;
	readonly numLayers: number;
	readonly bias: boolean;
	readonly batchFirst: boolean;
	readonly dropout: number;
	readonly bidirectional: boolean;
	readonly projSize: number;
	/** Parameter names in PyTorch's `_flat_weights_names` order. */
	readonly flatWeightsNames: string[] = [];

	constructor(mode: RnnMode, inputSize: number, hiddenSize: number, options: RNNBaseOptions & { projSize?: number }) {
		super();
		const name = mode.startsWith('RNN') ? 'RNN' : mode;
		const { numLayers = 1, bias = true, batchFirst = false, dropout = 0, bidirectional = false, projSize = 0 } = options;
		checkSize(name, 'inputSize', inputSize, 0);
		checkSize(name, 'hiddenSize', hiddenSize, 1);
		checkSize(name, 'numLayers', numLayers, 1);
		if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
			throw new RangeError(`${name}: dropout should be a number in [0, 1] (the probability of zeroing an element), got ${dropout}`);
		}
		if (dropout > 0 && numLayers === 1) {
			console.warn(`${name}: dropout=${dropout} has no effect with numLayers=1 (it is applied between layers, as in PyTorch)`);
		}
		checkSize(name, 'projSize', projSize, 0);
		if (projSize > 0 && mode !== 'LSTM') throw new RangeError(`${name}: projSize is only supported for LSTM, not RNN or GRU`);
		if (projSize >= hiddenSize && projSize > 0) {
			throw new RangeError(`${name}: projSize (${projSize}) has to be smaller than hiddenSize (${hiddenSize})`);
		}
		this.mode = mode;
		this.inputSize = inputSize;
		this.hiddenSize = hiddenSize;
		this.numLayers = numLayers;
		this.bias = bias;
		this.batchFirst = batchFirst;
		this.dropout = dropout;
		this.bidirectional = bidirectional;
		this.projSize = projSize;

		const gates = GATE_COUNT[mode] * hiddenSize;
		const outSize = projSize || hiddenSize;
		const fields = this as unknown as Record<string, Tensor>;
		for (let layer = 0; layer < numLayers; layer++) {
			for (let dir = 0; dir < this.numDirections; dir++) {
				const layerInput = layer === 0 ? inputSize : outSize * this.numDirections;
				const suffix = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
				const shapes: [string, number[]][] = [[`weight_ih${suffix}`, [gates, layerInput]], [`weight_hh${suffix}`, [gates, outSize]]];
				if (bias) shapes.push([`bias_ih${suffix}`, [gates]], [`bias_hh${suffix}`, [gates]]);
				if (projSize > 0) shapes.push([`weight_hr${suffix}`, [projSize, hiddenSize]]);
				for (const [key, shape] of shapes) {
					fields[key] = Parameter(zeros(shape));
					this.flatWeightsNames.push(key);
				}
			}
		}
		this.resetParameters();
	}

	get numDirections(): number {
		return this.bidirectional ? 2 : 1;
	}

	/** Redraws every weight and bias from U(-1/√hiddenSize, 1/√hiddenSize), as PyTorch. */
	resetParameters(): void {
		initRecurrent(this.flatWeightsNames.map((n) => this.weight(n)!), this.hiddenSize);
	}

	/** Parameters grouped per layer and direction, as PyTorch's `all_weights`. */
	get allWeights(): Tensor[][] {
		const perGroup = this.flatWeightsNames.length / (this.numLayers * this.numDirections);
		const groups: Tensor[][] = [];
		for (let i = 0; i < this.flatWeightsNames.length; i += perGroup) {
			groups.push(this.flatWeightsNames.slice(i, i + perGroup).map((n) => this.weight(n)!));
		}
		return groups;
	}

	/** Looked up by name on each use, since `to()` replaces parameter objects. */
	private weight(name: string): Tensor | null {
		return (this as unknown as Record<string, Tensor | undefined>)[name] ?? null;
	}

	private get layerName(): string {
		return this.constructor.name;
	}

	/** Size of each hidden state h: projSize for a projected LSTM, else hiddenSize. */
	protected get outSize(): number {
		return this.projSize || this.hiddenSize;
	}

	/**
	 * Checks the input, makes it `[seq, batch, feature]`, and checks or creates the initial states
	 * (`[numLayers * numDirections, batch, size]` each). `stateSizes` gives each state's last dim.
	 */
	protected prepare(input: Tensor, states: (Tensor | null)[], stateSizes: number[]): { x: Tensor; states: Tensor[]; batched: boolean } {
		const name = this.layerName;
		if (input.ndim !== 2 && input.ndim !== 3) {
			const layout = this.batchFirst ? '[batch, seq, inputSize]' : '[seq, batch, inputSize]';
			throw new RangeError(`${name}: expected input to be 2-D [seq, inputSize] (unbatched) or 3-D ${layout}, got shape ${formatShape(input.shape)}`);
		}
		if (input.shape[input.ndim - 1] !== this.inputSize) {
			throw new RangeError(`${name}: input.size(-1) must be equal to inputSize. Expected ${this.inputSize}, got ${input.shape[input.ndim - 1]} (input ${formatShape(input.shape)})`);
		}
		const batched = input.ndim === 3;
		const batchDim = this.batchFirst ? 0 : 1;
		let x = batched ? input : input.unsqueeze(batchDim);
		if (this.batchFirst) x = x.transpose(0, 1);
		const [seq, batch] = x.shape;
		if (seq === 0) throw new RangeError(`${name}: expected a sequence length larger than 0, got input ${formatShape(input.shape)}`);
		const layers = this.numLayers * this.numDirections;
		const full = states.map((s, k) => {
			const label = states.length > 1 ? `hx[${k}]` : 'hx';
			const expected = [layers, batch, stateSizes[k]];
			if (!s) return zeros(expected, { dtype: input.dtype, device: input.device });
			if (s.ndim !== input.ndim) {
				throw new RangeError(
					`${name}: for ${batched ? 'batched 3-D' : 'unbatched 2-D'} input, ${label} should also be ${input.ndim}-D ` +
						`${formatShape(batched ? expected : [layers, stateSizes[k]])}, got shape ${formatShape(s.shape)}`,
				);
			}
			const s3 = batched ? s : s.unsqueeze(1);
			if (formatShape(s3.shape) !== formatShape(expected)) {
				throw new RangeError(
					`${name}: expected ${label} of size ${formatShape(batched ? expected : [layers, stateSizes[k]])} ` +
						`([numLayers * numDirections, ${batched ? 'batch, ' : ''}size]), got ${formatShape(s.shape)}`,
				);
			}
			return s3;
		});
		return { x, states: full, batched };
	}

	/**
	 * Runs every layer and direction over `x: [seq, batch, inputSize]` from the initial states
	 * `h0: [L * D, batch, outSize]` (and `c0` for LSTM). Returns output `[seq, batch, D * outSize]` and the
	 * final states stacked as `[L * D, batch, size]`, indexed `layer * D + direction` as in PyTorch.
	 */
	protected run(x: Tensor, h0: Tensor, c0: Tensor | null): { output: Tensor; hN: Tensor; cN: Tensor | null } {
		const hs: Tensor[] = [];
		const cs: Tensor[] = [];
		let layerInput = x;
		for (let layer = 0; layer < this.numLayers; layer++) {
			const outputs: Tensor[] = [];
			for (let dir = 0; dir < this.numDirections; dir++) {
				const k = layer * this.numDirections + dir;
				const suffix = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
				const weights: RecurrentWeights = {
					weightHh: this.weight(`weight_hh${suffix}`)!,
					biasHh: this.weight(`bias_hh${suffix}`),
					weightHr: this.weight(`weight_hr${suffix}`),
				};
				// The input projection of the whole sequence in one matmul: [seq, batch, gates * hidden].
				const gi = linear(layerInput, this.weight(`weight_ih${suffix}`)!, this.weight(`bias_ih${suffix}`));
				const steps = gi.split(1, 0).map((g) => g.squeeze(0));
				let h = h0.narrow(0, k, 1).squeeze(0);
				let c = c0 ? c0.narrow(0, k, 1).squeeze(0) : null;
				const out = new Array<Tensor>(steps.length);
				for (let s = 0; s < steps.length; s++) {
					const t = dir === 1 ? steps.length - 1 - s : s;
					[h, c] = recurrentStep(this.mode, steps[t], h, c, weights);
					out[t] = h;
				}
				outputs.push(stack(out, 0));
				hs.push(h);
				if (c) cs.push(c);
			}
			layerInput = outputs.length === 1 ? outputs[0] : ops.cat(outputs, 2);
			if (layer < this.numLayers - 1 && this.training && this.dropout > 0) layerInput = dropoutFn(layerInput, this.dropout, true);
		}
		return { output: layerInput, hN: stack(hs, 0), cN: cs.length ? stack(cs, 0) : null };
	}

	/** Back from `[seq, batch, feature]` to the caller's layout (batch-first, or unbatched). */
	protected finish(output: Tensor, states: Tensor[], batched: boolean): { output: Tensor; states: Tensor[] } {
		let out = this.batchFirst ? output.transpose(0, 1) : output;
		if (!batched) out = out.squeeze(this.batchFirst ? 0 : 1);
		return { output: out, states: batched ? states : states.map((s) => s.squeeze(1)) };
	}
}

export interface RNNOptions extends RNNBaseOptions {
	/** 'tanh' (default) or 'relu'. */
	nonlinearity?: 'tanh' | 'relu';
}

/**
 * A multi-layer Elman RNN, as `torch.nn.RNN`: h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh).
 *
 * `forward(input, hx?)` returns `[output, hN]` (PyTorch's tuple): with input `[seq, batch, inputSize]`
 * (`[batch, seq, inputSize]` with batchFirst, or unbatched `[seq, inputSize]`), output is
 * `[seq, batch, D * hiddenSize]` (same layout as the input; D = 2 if bidirectional) and hN is
 * `[numLayers * D, batch, hiddenSize]` whatever batchFirst says.
 *
 * ```ts
 * const rnn = new nn.RNN(10, 20, { numLayers: 2 });
 * const [output, hN] = rnn.forward(randn([5, 3, 10])); // [5, 3, 20] and [2, 3, 20]
 * ```
 */
export class RNN extends RNNBase {
	readonly nonlinearity: 'tanh' | 'relu';

	constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
		const { nonlinearity = 'tanh' } = options;
		if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
			throw new RangeError(`RNN: unknown nonlinearity ${JSON.stringify(nonlinearity)}; select from 'tanh' or 'relu'`);
		}
		super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, options);
		this.nonlinearity = nonlinearity;
	}

	/** Returns `[output, hN]`; `hx` (initial hidden state, `[numLayers * D, batch, hiddenSize]`) defaults to zeros. */
	forward(input: Tensor, hx: Tensor | null = null): [Tensor, Tensor] {
		const { x, states, batched } = this.prepare(input, [hx], [this.hiddenSize]);
		const { output, hN } = this.run(x, states[0], null);
		const done = this.finish(output, [hN], batched);
		return [done.output, done.states[0]];
	}
}

export interface LSTMOptions extends RNNBaseOptions {
	/** If > 0, h is projected to this size by `weight_hr_l*` [projSize, hiddenSize] (default 0: none). */
	projSize?: number;
}

/**
 * A multi-layer long short-term memory, as `torch.nn.LSTM` (gate order i, f, g, o in `weight_ih_l*`):
 * c_t = σ(f) c_{t-1} + σ(i) tanh(g), h_t = σ(o) tanh(c_t).
 *
 * `forward(input, [h0, c0]?)` returns `[output, [hN, cN]]`, PyTorch's nested tuple as nested arrays:
 * output `[seq, batch, D * outSize]` (batch first with batchFirst; unbatched input gives `[seq, D * outSize]`),
 * hN `[numLayers * D, batch, outSize]`, cN `[numLayers * D, batch, hiddenSize]`, where outSize is projSize
 * when set, else hiddenSize.
 *
 * ```ts
 * const lstm = new nn.LSTM(10, 20, { batchFirst: true });
 * const [output, [hN, cN]] = lstm.forward(randn([3, 5, 10])); // [3, 5, 20], [1, 3, 20], [1, 3, 20]
 * ```
 */
export class LSTM extends RNNBase {
	constructor(inputSize: number, hiddenSize: number, options: LSTMOptions = {}) {
		super('LSTM', inputSize, hiddenSize, options);
	}

	/** Returns `[output, [hN, cN]]`; `hx = [h0, c0]` defaults to zeros (give both or neither). */
	forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, [Tensor, Tensor]] {
		const { x, states, batched } = this.prepare(input, hx ? [hx[0], hx[1]] : [null, null], [this.outSize, this.hiddenSize]);
		const { output, hN, cN } = this.run(x, states[0], states[1]);
		const done = this.finish(output, [hN, cN!], batched);
		return [done.output, [done.states[0], done.states[1]]];
	}
}

/**
 * A multi-layer gated recurrent unit, as `torch.nn.GRU` (gates r, z, n in `weight_ih_l*`):
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * `forward(input, hx?)` returns `[output, hN]` with the shapes of `RNN`.
 *
 * ```ts
 * const gru = new nn.GRU(10, 20, { bidirectional: true });
 * const [output, hN] = gru.forward(randn([5, 3, 10])); // [5, 3, 40] and [2, 3, 20]
 * ```
 */
export class GRU extends RNNBase {
	constructor(inputSize: number, hiddenSize: number, options: RNNBaseOptions = {}) {
		super('GRU', inputSize, hiddenSize, options);
	}

	/** Returns `[output, hN]`; `hx` (`[numLayers * D, batch, hiddenSize]`) defaults to zeros. */
	forward(input: Tensor, hx: Tensor | null = null): [Tensor, Tensor] {
		const { x, states, batched } = this.prepare(input, [hx], [this.hiddenSize]);
		const { output, hN } = this.run(x, states[0], null);
		const done = this.finish(output, [hN], batched);
		return [done.output, done.states[0]];
	}
}
