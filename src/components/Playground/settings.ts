/**
 * Playground settings and their URL form. Pure: parse a query string into settings (every value
 * checked, with a note for each one that was missing the mark), and serialize settings back, so
 * `parseSettings(serializeSettings(s)).settings` equals `s` and a URL shares a whole state.
 *
 * ```ts
 * const { settings, notes } = parseSettings('?data=xor&layers=1&width=4&lr=0.1');
 * serializeSettings(settings); // 'data=xor&noise=0.05&layers=1&width=4&act=tanh&…'
 * ```
 */

export const DATASETS = ['spiral', 'xor', 'circles', 'moons'] as const;
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'gelu'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export const REGULARIZERS = ['none', 'l2', 'l1'] as const;
export const LEARNING_RATES = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3] as const;
export const REG_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1] as const;
/** Mini-batch sizes; 0 means the whole training set (full-batch gradient descent). */
export const BATCH_SIZES = [1, 4, 16, 32, 64, 0] as const;
export const NOISE_STEP = 0.05;
export const MAX_NOISE = 0.5;
export const MAX_LAYERS = 5;
export const MAX_WIDTH = 16;
export const MAX_SEED = 99999;

export type DatasetId = (typeof DATASETS)[number];
export type ActivationId = (typeof ACTIVATIONS)[number];
export type OptimizerId = (typeof OPTIMIZERS)[number];
export type RegularizerId = (typeof REGULARIZERS)[number];

export interface PlaygroundSettings {
	dataset: DatasetId;
	/** Standard deviation of the noise added to each coordinate (data scaled to about [−1, 1]). */
	noise: number;
	/** Number of hidden layers (0 is logistic/softmax regression). */
	hiddenLayers: number;
	/** Neurons in each hidden layer. */
	width: number;
	activation: ActivationId;
	lr: number;
	optimizer: OptimizerId;
	regularization: RegularizerId;
	/** λ, the strength of the L1 or L2 penalty. */
	regRate: number;
	/** Examples per step; 0 = the whole training set. */
	batchSize: number;
	/** Seeds the data set, the initial weights and the shuffling. */
	seed: number;
}

export const DEFAULT_SETTINGS: Readonly<PlaygroundSettings> = Object.freeze({
	dataset: 'spiral',
	noise: 0.05,
	hiddenLayers: 2,
	width: 12,
	activation: 'tanh',
	lr: 0.03,
	optimizer: 'adam',
	regularization: 'none',
	regRate: 0.001,
	batchSize: 16,
	seed: 1,
});

/** Names in the URL, in the order they are written. */
export const PARAM_NAMES: Record<keyof PlaygroundSettings, string> = {
	dataset: 'data',
	noise: 'noise',
	hiddenLayers: 'layers',
	width: 'width',
	activation: 'act',
	lr: 'lr',
	optimizer: 'opt',
	regularization: 'reg',
	regRate: 'lambda',
	batchSize: 'batch',
	seed: 'seed',
};

/** Human names for the notes and the controls. */
export const LABELS = {
	dataset: { spiral: 'Spiral (3 classes)', xor: 'XOR', circles: 'Circles', moons: 'Moons' },
	activation: {
		relu: 'ReLU',
		tanh: 'tanh',
		sigmoid: 'sigmoid',
		leakyRelu: 'leaky ReLU',
		gelu: 'GELU',
	},
	optimizer: { sgd: 'SGD', momentum: 'SGD + momentum 0.9', rmsprop: 'RMSprop', adam: 'Adam' },
	regularization: { none: 'none', l2: 'L2', l1: 'L1' },
} as const;

export interface ParsedSettings {
	settings: PlaygroundSettings;
	/** One sentence per value that was not usable, saying what was used instead. */
	notes: string[];
}

type Reader<T> = (raw: string) => { value: T; note?: string } | null;

const oneOf =
	<T extends string>(allowed: readonly T[]): Reader<T> =>
	(raw) =>
		(allowed as readonly string[]).includes(raw) ? { value: raw as T } : null;

const integer =
	(min: number, max: number): Reader<number> =>
	(raw) => {
		if (!/^-?\d+$/.test(raw.trim())) return null;
		const n = Number(raw);
		if (n < min || n > max) return null;
		return { value: n };
	};

/** Snaps a positive number to the nearest entry of `list` on a log scale. */
const nearestOnLogScale =
	(list: readonly number[], what: string): Reader<number> =>
	(raw) => {
		const n = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) return null;
		const exact = list.find((v) => Math.abs(v - n) <= 1e-12 * v);
		if (exact !== undefined) return { value: exact };
		const nearest = list.reduce((best, v) =>
			Math.abs(Math.log(v / n)) < Math.abs(Math.log(best / n)) ? v : best,
		);
		return {
			value: nearest,
			note: `${what} ${raw} is not one of the choices; using the nearest, ${nearest}.`,
		};
	};

const readers: { [K in keyof PlaygroundSettings]: Reader<PlaygroundSettings[K]> } = {
	dataset: oneOf(DATASETS),
	noise: (raw) => {
		const n = Number(raw);
		if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > MAX_NOISE) return null;
		const snapped = Math.round(Math.round(n / NOISE_STEP) * NOISE_STEP * 100) / 100;
		return Math.abs(snapped - n) < 1e-9
			? { value: snapped }
			: { value: snapped, note: `Noise ${raw} rounded to ${snapped}.` };
	},
	hiddenLayers: integer(0, MAX_LAYERS),
	width: integer(1, MAX_WIDTH),
	activation: oneOf(ACTIVATIONS),
	lr: nearestOnLogScale(LEARNING_RATES, 'Learning rate'),
	optimizer: oneOf(OPTIMIZERS),
	regularization: oneOf(REGULARIZERS),
	regRate: nearestOnLogScale(REG_RATES, 'Regularization rate'),
	batchSize: (raw) => {
		if (raw === 'full') return { value: 0 };
		const n = integer(1, 1_000_000)(raw);
		if (!n) return null;
		return (BATCH_SIZES as readonly number[]).includes(n.value) ? n : null;
	},
	seed: integer(0, MAX_SEED),
};

/** What a valid value looks like, for the notes. */
const EXPECTED: Record<keyof PlaygroundSettings, string> = {
	dataset: `one of ${DATASETS.join(', ')}`,
	noise: `a number from 0 to ${MAX_NOISE}`,
	hiddenLayers: `a whole number from 0 to ${MAX_LAYERS}`,
	width: `a whole number from 1 to ${MAX_WIDTH}`,
	activation: `one of ${ACTIVATIONS.join(', ')}`,
	lr: `one of ${LEARNING_RATES.join(', ')}`,
	optimizer: `one of ${OPTIMIZERS.join(', ')}`,
	regularization: `one of ${REGULARIZERS.join(', ')}`,
	regRate: `one of ${REG_RATES.join(', ')}`,
	batchSize: `one of ${BATCH_SIZES.filter((b) => b > 0).join(', ')} or full`,
	seed: `a whole number from 0 to ${MAX_SEED}`,
};

function display(key: keyof PlaygroundSettings, value: unknown): string {
	return key === 'batchSize' && value === 0 ? 'full' : String(value);
}

/**
 * Reads settings from a query string (`?data=xor&lr=0.1`, with or without the `?`) or
 * URLSearchParams. Missing parameters take the value from `base`; bad ones too, with a note.
 * Parameters the playground does not know are ignored (they may belong to the page).
 */
export function parseSettings(
	query: string | URLSearchParams,
	base: Readonly<PlaygroundSettings> = DEFAULT_SETTINGS,
): ParsedSettings {
	const params = typeof query === 'string' ? new URLSearchParams(query) : query;
	const settings = { ...base } as PlaygroundSettings;
	const notes: string[] = [];
	for (const key of Object.keys(PARAM_NAMES) as (keyof PlaygroundSettings)[]) {
		const name = PARAM_NAMES[key];
		const raw = params.get(name);
		if (raw === null) continue;
		const read = (readers[key] as Reader<unknown>)(raw);
		if (read) {
			(settings as unknown as Record<string, unknown>)[key] = read.value;
			if (read.note) notes.push(read.note);
		} else {
			notes.push(
				`Ignored ${name}=${JSON.stringify(raw)}: expected ${EXPECTED[key]}. Using ${display(key, base[key])}.`,
			);
		}
	}
	return { settings, notes };
}

/** The query string (without `?`) for settings, every parameter written in a fixed order. */
export function serializeSettings(settings: Readonly<PlaygroundSettings>): string {
	const params = new URLSearchParams();
	for (const key of Object.keys(PARAM_NAMES) as (keyof PlaygroundSettings)[]) {
		params.set(PARAM_NAMES[key], display(key, settings[key]));
	}
	return params.toString();
}

/**
 * A page URL with the settings written into its query, keeping other parameters and the hash.
 *
 * ```ts
 * withSettings('https://x/playground/?q=1#top', s); // 'https://x/playground/?q=1&data=spiral&…#top'
 * ```
 */
export function withSettings(url: string, settings: Readonly<PlaygroundSettings>): string {
	const u = new URL(url);
	for (const name of Object.values(PARAM_NAMES)) u.searchParams.delete(name);
	for (const [name, value] of new URLSearchParams(serializeSettings(settings)))
		u.searchParams.set(name, value);
	return u.toString();
}

/** The layer sizes of the network the settings describe, input and output included. */
export function layerSizes(settings: Readonly<PlaygroundSettings>, classes: number): number[] {
	return [2, ...Array.from({ length: settings.hiddenLayers }, () => settings.width), classes];
}

/** Number of trainable parameters: Σ (fan-in + 1) · fan-out over the layers. */
export function parameterCount(sizes: readonly number[]): number {
	let total = 0;
	for (let i = 1; i < sizes.length; i++) total += (sizes[i - 1] + 1) * sizes[i];
	return total;
}
