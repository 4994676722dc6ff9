/** A tiny sequence task for recurrent nets, seeded like the 2-D sets. */
import { tensor } from '../creation';
import type { Tensor } from '../tensor';
import { generatorFor } from './read';
import type { SyntheticOptions } from './synthetic';

export interface SequenceTaskOptions extends Omit<SyntheticOptions, 'shuffle'> {
	/**
	 * 'sum-sign' (default, classification): T tokens, each +1 or -1 with equal chance; the label is 1 when their
	 * sum is positive and 0 otherwise (a tie counts as 0; an odd length has no ties).
	 * 'sine' (regression): T values sin(ω t + φ), t = 0..T-1, with ω uniform in [0.2, 0.6] rad per step and
	 * φ uniform in [0, 2π); the target is the next value sin(ω T + φ), without noise.
	 */
	task?: 'sum-sign' | 'sine';
	/** Sequence length T (default 11). */
	length?: number;
}

/** Batch-first sequences `X: [nSamples, T, 1]` (one feature per step) and targets `y`. */
export interface SequenceSet {
	X: Tensor;
	/** 'sum-sign': labels `[nSamples]` int32; 'sine': next values `[nSamples, 1]` in X's dtype. */
	y: Tensor;
}

/**
 * Makes sequences for a recurrent net (RNN, LSTM, GRU with `batchFirst: true`). `noise` is Gaussian noise on
 * every value of X, added after the target is computed from the clean values.
 *
 * ```ts
 * const { X, y } = data.makeSequenceTask({ nSamples: 512, length: 11, seed: 0 }); // X: [512, 11, 1], y: [512]
 * const wave = data.makeSequenceTask({ task: 'sine', nSamples: 256, length: 20, seed: 0 }); // wave.y: [256, 1]
 * ```
 */
export function makeSequenceTask(options: SequenceTaskOptions = {}): SequenceSet {
	const { task = 'sum-sign', length = 11, nSamples = 256, noise = 0, dtype = 'float32', device } = options;
	if (task !== 'sum-sign' && task !== 'sine') throw new RangeError(`makeSequenceTask: task must be 'sum-sign' or 'sine', got ${JSON.stringify(task)}`);
	if (!Number.isInteger(length) || length < 1) throw new RangeError(`makeSequenceTask: length must be an integer >= 1, got ${length}`);
	if (!Number.isInteger(nSamples) || nSamples < 1) throw new RangeError(`makeSequenceTask: nSamples must be an integer >= 1, got ${nSamples}`);
	if (!(noise >= 0)) throw new RangeError(`makeSequenceTask: noise is a standard deviation and must be >= 0, got ${noise}`);
	const g = generatorFor(options);
	const X = new Float64Array(nSamples * length);
	const labels = new Int32Array(nSamples);
	const next = new Float64Array(nSamples);
	for (let s = 0; s < nSamples; s++) {
		if (task === 'sum-sign') {
			let sum = 0;
			for (let t = 0; t < length; t++) {
				const token = g.uniform() < 0.5 ? -1 : 1;
				X[s * length + t] = token;
				sum += token;
			}
			labels[s] = sum > 0 ? 1 : 0;
		} else {
			const omega = 0.2 + 0.4 * g.uniform();
			const phi = 2 * Math.PI * g.uniform();
			for (let t = 0; t < length; t++) X[s * length + t] = Math.sin(omega * t + phi);
			next[s] = Math.sin(omega * length + phi);
		}
	}
	if (noise > 0) for (let i = 0; i < X.length; i++) X[i] += noise * g.normal();
	return {
		X: tensor(X, { dtype, device, shape: [nSamples, length, 1] }),
		y: task === 'sum-sign' ? tensor(labels, { dtype: 'int32', device, shape: [nSamples] }) : tensor(next, { dtype, device, shape: [nSamples, 1] }),
	};
}
