/** Small helpers the data utilities share: reading labels on the host, resolving a generator. */
import { RandomSource, defaultGenerator } from '../random';
import { formatShape } from '../shape';
import { Tensor } from '../tensor';

/** Labels as host numbers: a plain array, a typed array, or a CPU tensor of shape [N]. */
export type Labels = Tensor | ArrayLike<number>;

export function readLabels(y: Labels, where: string): ArrayLike<number> {
	if (!(y instanceof Tensor)) return y;
	if (y.ndim !== 1) throw new RangeError(`${where}: labels must be 1-D (one per sample), got shape ${formatShape(y.shape)}`);
	if (y.device !== 'cpu') {
		throw new Error(
			`${where}: reading the labels needs them on the CPU, but they are on '${y.device}'; ` +
				`pass a CPU tensor or a plain array of labels`,
		);
	}
	return y.dataSync();
}

export interface SeedOptions {
	/** Seed for a private generator, so the result does not depend on (or advance) the global one. */
	seed?: number;
	/** A generator of your own; used when no `seed` is given. */
	generator?: RandomSource;
}

/** `seed` wins, then `generator`, then the global generator that `manualSeed` seeds (as PyTorch does). */
export function generatorFor({ seed, generator }: SeedOptions): RandomSource {
	if (seed !== undefined) {
		if (!Number.isFinite(seed)) throw new TypeError(`seed must be a finite number, got ${seed}`);
		return new RandomSource(seed);
	}
	return generator ?? defaultGenerator;
}

/** The number of samples (size of dim 0), with an error that names the function. */
export function numRows(x: Tensor, where: string, name = 'X'): number {
	if (x.ndim === 0) throw new RangeError(`${where}: ${name} must have a sample dim first, got a scalar`);
	return x.shape[0];
}
