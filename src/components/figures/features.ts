/**
 * Data for the "hand-made vs learned features" figure (chapter "why-deep-learning"). On the
 * circles data set (one class inside a ring of the other), three models are trained with the
 * engine on growing training sets and scored on a fixed test set:
 *
 * - a linear classifier on the raw coordinates (x₁, x₂): no straight line separates a disc from a
 *   ring, so it stays at chance whatever the data;
 * - the same linear classifier on one hand-made feature, r² = x₁² + x₂²: a person who knows the
 *   data is round supplies the right representation, and a few examples suffice;
 * - a small neural network on the raw coordinates: it has to learn the representation from the
 *   data, so it needs more examples, but nobody had to tell it about circles.
 *
 * The experiment is a generator that yields often, so the page can draw as it goes and never
 * blocks for long.
 */
import { data, F, manualSeed, nn, noGrad, optim, type Tensor } from 'chainrule';
import { formatPercent, type FigureTable } from './kit/table.ts';

export const FEATURE_MODELS = ['raw-linear', 'engineered-linear', 'mlp'] as const;
export type FeatureModel = (typeof FEATURE_MODELS)[number];

export const FEATURE_MODEL_LABELS: Record<FeatureModel, string> = {
	'raw-linear': 'linear model on raw (x₁, x₂)',
	'engineered-linear': 'linear model on hand-made r² = x₁² + x₂²',
	mlp: 'neural network (2-16-1, tanh) on raw (x₁, x₂)',
};

export const TRAIN_SIZES = [8, 16, 32, 64, 128, 256] as const;

export interface ExperimentOptions {
	sizes?: readonly number[];
	/** One training set and initialization per seed; accuracies are averaged (default [1, 2]). */
	seeds?: readonly number[];
	/** Full-batch Adam steps per model (default 300). */
	steps?: number;
	/** Test points (default 500). */
	testSize?: number;
	/** Yield a progress event every this many steps (default 25). */
	yieldEvery?: number;
}

export type ExperimentEvent =
	| { kind: 'progress'; done: number; total: number }
	| { kind: 'result'; model: FeatureModel; size: number; accuracy: number };

export interface FeatureResult {
	model: FeatureModel;
	size: number;
	/** Mean test accuracy over the seeds. */
	accuracy: number;
}

const NOISE = 0.15;
const FACTOR = 0.5;

function circles(nSamples: number, seed: number) {
	return data.makeCircles({ nSamples, noise: NOISE, factor: FACTOR, seed });
}

/** The model's input: raw coordinates, or the one hand-made feature r² as a [N, 1] column. */
function inputs(model: FeatureModel, X: Tensor): Tensor {
	return model === 'engineered-linear' ? X.mul(X).sum(1, true) : X;
}

function makeModel(model: FeatureModel): nn.Module {
	if (model === 'mlp')
		return new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 1));
	return new nn.Linear(model === 'engineered-linear' ? 1 : 2, 1);
}

function accuracy(logits: Tensor, y: Tensor): number {
	const predicted = logits.dataSync();
	const truth = y.dataSync();
	let correct = 0;
	for (let i = 0; i < truth.length; i++) if ((predicted[i] > 0 ? 1 : 0) === truth[i]) correct++;
	return correct / truth.length;
}

/** Trains one model with full-batch Adam on binary cross-entropy; yields every `yieldEvery` steps, returns test accuracy. */
function* trainOne(
	model: FeatureModel,
	size: number,
	seed: number,
	test: { X: Tensor; y: Tensor },
	steps: number,
	yieldEvery: number,
): Generator<void, number> {
	const train = circles(size, seed);
	manualSeed(seed);
	const net = makeModel(model);
	const optimizer = new optim.Adam(net.parameters(), { lr: 0.05 });
	const X = inputs(model, train.X);
	const target = train.y.float().unsqueeze(1); // [N, 1]
	for (let step = 1; step <= steps; step++) {
		optimizer.zeroGrad();
		F.binaryCrossEntropyWithLogits(net.forward(X), target).backward();
		optimizer.step();
		if (step % yieldEvery === 0) yield;
	}
	return noGrad(() => accuracy(net.forward(inputs(model, test.X)).reshape([-1]), test.y));
}

/**
 * Runs the experiment, yielding progress often and a result per (model, size).
 *
 * ```ts
 * for (const event of featureExperiment({ sizes: [8, 256] })) if (event.kind === 'result') console.log(event);
 * ```
 */
export function* featureExperiment(options: ExperimentOptions = {}): Generator<ExperimentEvent> {
	const {
		sizes = TRAIN_SIZES,
		seeds = [1, 2],
		steps = 300,
		testSize = 500,
		yieldEvery = 25,
	} = options;
	const test = circles(testSize, 100);
	const total = sizes.length * FEATURE_MODELS.length * seeds.length;
	let done = 0;
	for (const size of sizes) {
		for (const model of FEATURE_MODELS) {
			let sum = 0;
			for (const seed of seeds) {
				const run = trainOne(model, size, seed, test, steps, yieldEvery);
				let next = run.next();
				while (!next.done) {
					yield { kind: 'progress', done, total };
					next = run.next();
				}
				sum += next.value;
				done++;
			}
			yield { kind: 'result', model, size, accuracy: sum / seeds.length };
		}
	}
	yield { kind: 'progress', done, total };
}

/** The whole experiment at once (build time, tests). */
export function runFeatureExperiment(options: ExperimentOptions = {}): FeatureResult[] {
	const results: FeatureResult[] = [];
	for (const event of featureExperiment({ ...options, yieldEvery: Number.MAX_SAFE_INTEGER })) {
		if (event.kind === 'result')
			results.push({ model: event.model, size: event.size, accuracy: event.accuracy });
	}
	return results;
}

/** Rows: training-set sizes; columns: the three models' test accuracies. */
export function featureTable(results: readonly FeatureResult[]): FigureTable {
	const sizes = [...new Set(results.map((r) => r.size))].sort((a, b) => a - b);
	return {
		columns: ['Training examples', ...FEATURE_MODELS.map((m) => FEATURE_MODEL_LABELS[m])],
		rows: sizes.map((size) => [
			String(size),
			...FEATURE_MODELS.map((m) => {
				const r = results.find((x) => x.model === m && x.size === size);
				return r ? formatPercent(r.accuracy) : '–';
			}),
		]),
	};
}
