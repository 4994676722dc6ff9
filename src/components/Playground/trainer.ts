/**
 * The playground's training loop, with no DOM and no Worker API: the worker drives it, and vitest
 * checks that it learns. Everything comes from the engine: the data sets (`data.make*`), the
 * network (`nn.Sequential` of `nn.Linear` and an activation), the loss (`F.crossEntropy`), the
 * optimizer (`optim.*`) and the penalty, which is added to the loss so autograd differentiates it.
 */
import {
	data,
	F,
	manualSeed,
	nn,
	noGrad,
	optim,
	RandomSource,
	tensor,
	type Tensor,
} from 'chainrule';
import { gridPoints, type Extent } from '../figures/kit/heatmap.ts';
import type { ActivationId, DatasetId, PlaygroundSettings } from './settings.ts';

export const N_SAMPLES = 300;
/** Share of the points held out to measure generalization. */
export const TEST_FRACTION = 0.3;

export interface PlaygroundData {
	classes: number;
	/** [N, 2] row-major, scaled to about [−1, 1]. */
	xy: Float32Array;
	labels: Int32Array;
	/** 1 for test points, 0 for training points. */
	isTest: Uint8Array;
	extent: Extent;
}

export interface Metrics {
	epoch: number;
	/** Mean cross-entropy on the training points (the penalty is not included). */
	trainLoss: number;
	testLoss: number;
	trainAccuracy: number;
	testAccuracy: number;
}

/** How each raw generator's output maps to about [−1, 1]: x' = (x − center) · scale. */
const FRAME: Record<DatasetId, { center: [number, number]; scale: number }> = {
	spiral: { center: [0, 0], scale: 1 },
	xor: { center: [0.5, 0.5], scale: 2 },
	circles: { center: [0, 0], scale: 1 },
	moons: { center: [0.5, 0.25], scale: 1 / 1.5 },
};

/** The data set of the settings, scaled, with the last TEST_FRACTION of the (shuffled) points as the test set. */
export function makePlaygroundData(
	settings: Pick<PlaygroundSettings, 'dataset' | 'noise' | 'seed'>,
): PlaygroundData {
	const { dataset, seed } = settings;
	const frame = FRAME[dataset];
	if (!frame)
		throw new RangeError(`makePlaygroundData: unknown data set ${JSON.stringify(dataset)}`);
	// noise is given in the scaled frame, so the same slider value means the same blur everywhere
	const options = { nSamples: N_SAMPLES, noise: settings.noise / frame.scale, seed, shuffle: true };
	const set =
		dataset === 'spiral'
			? data.makeSpirals({ ...options, arms: 3 })
			: dataset === 'xor'
				? data.makeXor(options)
				: dataset === 'circles'
					? data.makeCircles({ ...options, factor: 0.5 })
					: data.makeMoons(options);
	const raw = set.X.dataSync();
	const labels = Int32Array.from(set.y.dataSync());
	const xy = new Float32Array(raw.length);
	let reach = 0;
	for (let i = 0; i < raw.length; i++) {
		xy[i] = (raw[i] - frame.center[i % 2]) * frame.scale;
		reach = Math.max(reach, Math.abs(xy[i]));
	}
	const nTest = Math.round(N_SAMPLES * TEST_FRACTION);
	const isTest = new Uint8Array(N_SAMPLES);
	isTest.fill(1, N_SAMPLES - nTest);
	const half = Math.max(1.2, Math.ceil(reach * 1.08 * 10) / 10);
	return {
		classes: Math.max(...labels) + 1,
		xy,
		labels,
		isTest,
		extent: { xMin: -half, xMax: half, yMin: -half, yMax: half },
	};
}

function activationModule(id: ActivationId): nn.Module {
	switch (id) {
		case 'relu':
			return new nn.ReLU();
		case 'tanh':
			return new nn.Tanh();
		case 'sigmoid':
			return new nn.Sigmoid();
		case 'leakyRelu':
			return new nn.LeakyReLU(0.1);
		case 'gelu':
			return new nn.GELU();
		default:
			throw new RangeError(`playground: unknown activation ${JSON.stringify(id)}`);
	}
}

/** `[2 → width → … → classes]` with the activation after every hidden layer. */
export function buildNet(
	settings: Pick<PlaygroundSettings, 'hiddenLayers' | 'width' | 'activation'>,
	classes: number,
): nn.Sequential {
	const layers: nn.Module[] = [];
	let fanIn = 2;
	for (let i = 0; i < settings.hiddenLayers; i++) {
		layers.push(new nn.Linear(fanIn, settings.width), activationModule(settings.activation));
		fanIn = settings.width;
	}
	layers.push(new nn.Linear(fanIn, classes));
	return new nn.Sequential(...layers);
}

function buildOptimizer(settings: PlaygroundSettings, params: Tensor[]): optim.Optimizer {
	const { lr } = settings;
	switch (settings.optimizer) {
		case 'sgd':
			return new optim.SGD(params, { lr });
		case 'momentum':
			return new optim.SGD(params, { lr, momentum: 0.9 });
		case 'rmsprop':
			return new optim.RMSprop(params, { lr });
		case 'adam':
			return new optim.Adam(params, { lr });
		default:
			throw new RangeError(`playground: unknown optimizer ${JSON.stringify(settings.optimizer)}`);
	}
}

export interface Trainer {
	readonly settings: PlaygroundSettings;
	readonly data: PlaygroundData;
	readonly net: nn.Sequential;
	readonly epoch: number;
	/** One pass over the training points in shuffled mini-batches. Returns false if the loss became NaN or infinite. */
	trainEpoch(): boolean;
	evaluate(): Metrics;
	/** Class probabilities on a res × res grid over the data's extent, [res * res, classes]. */
	grid(res: number): Float32Array;
}

/** Rows `indices` of a [N, 2] array and their labels, as tensors. */
function batch(d: PlaygroundData, indices: ArrayLike<number>): { X: Tensor; y: Tensor } {
	const n = indices.length;
	const X = new Float32Array(n * 2);
	const y = new Int32Array(n);
	for (let k = 0; k < n; k++) {
		const i = indices[k];
		X[2 * k] = d.xy[2 * i];
		X[2 * k + 1] = d.xy[2 * i + 1];
		y[k] = d.labels[i];
	}
	return { X: tensor(X, { shape: [n, 2] }), y: tensor(y, { dtype: 'int32', shape: [n] }) };
}

/** Weights only (not biases): the penalty shrinks the slopes, not the offsets. */
function penalty(net: nn.Module, settings: PlaygroundSettings): Tensor | null {
	if (settings.regularization === 'none') return null;
	const weights = net.namedParameters().filter(([name]) => name.endsWith('weight'));
	let total: Tensor | null = null;
	for (const [, w] of weights) {
		// L2: λ/2 · Σ w², whose gradient λ·w is what SGD's weight decay adds; L1: λ · Σ |w|
		const term =
			settings.regularization === 'l2'
				? w
						.mul(w)
						.sum()
						.mul(settings.regRate / 2)
				: w.abs().sum().mul(settings.regRate);
		total = total ? total.add(term) : term;
	}
	return total;
}

export function createTrainer(settings: PlaygroundSettings): Trainer {
	const d = makePlaygroundData(settings);
	manualSeed(settings.seed);
	const net = buildNet(settings, d.classes);
	const optimizer = buildOptimizer(settings, net.parameters());
	const shuffler = new RandomSource(settings.seed + 1);
	const train = Int32Array.from({ length: d.labels.length }, (_, i) => i).filter(
		(i) => !d.isTest[i],
	);
	const test = Int32Array.from({ length: d.labels.length }, (_, i) => i).filter(
		(i) => d.isTest[i] === 1,
	);
	const trainSet = batch(d, train);
	const testSet = batch(d, test);
	let epoch = 0;

	const measure = (set: { X: Tensor; y: Tensor }) =>
		noGrad(() => {
			const logits = net.forward(set.X);
			const loss = F.crossEntropy(logits, set.y).dataSync()[0];
			const predicted = logits.argmax(1).dataSync();
			const truth = set.y.dataSync();
			let correct = 0;
			for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
			return { loss, accuracy: correct / truth.length };
		});

	return {
		settings,
		data: d,
		net,
		get epoch() {
			return epoch;
		},
		trainEpoch() {
			const size =
				settings.batchSize > 0 ? Math.min(settings.batchSize, train.length) : train.length;
			const order = shuffler.permutation(train.length);
			let finite = true;
			for (let start = 0; start < train.length; start += size) {
				const idx = order.subarray(start, start + size);
				const { X, y } =
					size === train.length
						? trainSet
						: batch(
								d,
								Array.from(idx, (k) => train[k]),
							);
				optimizer.zeroGrad();
				let loss = F.crossEntropy(net.forward(X), y);
				const reg = penalty(net, settings);
				if (reg) loss = loss.add(reg);
				loss.backward();
				optimizer.step();
				if (!Number.isFinite(loss.dataSync()[0])) finite = false;
			}
			epoch++;
			return finite;
		},
		evaluate() {
			const tr = measure(trainSet);
			const te = measure(testSet);
			return {
				epoch,
				trainLoss: tr.loss,
				testLoss: te.loss,
				trainAccuracy: tr.accuracy,
				testAccuracy: te.accuracy,
			};
		},
		grid(res) {
			const points = tensor(gridPoints(res, d.extent), { shape: [res * res, 2] });
			return noGrad(() => Float32Array.from(F.softmax(net.forward(points), 1).dataSync()));
		},
	};
}
