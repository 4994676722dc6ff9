/**
 * Data for the early-stopping figure (chapter "regularization"): an oversized MLP trained by the
 * engine on 40 noisy two-moons points, with the training and validation loss recorded after every
 * epoch (both in eval mode, so dropout does not inflate the training curve), and the epoch at which
 * early stopping with a given patience would stop.
 */
import { F, data, manualSeed, nn, noGrad, optim, type Tensor } from 'chainrule';
import { formatNumber, formatPercent, type FigureTable } from './kit/table.ts';

export const REGULARIZER_IDS = ['none', 'dropout', 'weightDecay'] as const;
export type RegularizerId = (typeof REGULARIZER_IDS)[number];

/** The experiment, in one place so the chapter text, the table and the chart agree. */
export const EARLY_STOPPING_SETUP = {
	nTrain: 40,
	nVal: 100,
	noise: 0.3,
	hidden: 32,
	lr: 0.01,
	numEpochs: 200,
	dropoutP: 0.3,
	weightDecay: 0.5,
	seed: 0,
} as const;

export const REGULARIZERS: Record<RegularizerId, { label: string }> = {
	none: { label: 'none' },
	dropout: { label: `dropout (p = ${EARLY_STOPPING_SETUP.dropoutP})` },
	weightDecay: { label: `weight decay (AdamW, ${EARLY_STOPPING_SETUP.weightDecay})` },
};

export interface TrainingCurves {
	regularizer: RegularizerId;
	/** Epochs 1..n (the losses are measured after each epoch's update). */
	epochs: number[];
	trainLoss: number[];
	valLoss: number[];
	valAccuracy: number[];
}

/** Parameters of the network `2 → hidden → hidden → 2`. */
export function parameterCount(hidden: number = EARLY_STOPPING_SETUP.hidden): number {
	return 2 * hidden + hidden + hidden * hidden + hidden + hidden * 2 + 2;
}

function buildNet(regularizer: RegularizerId): nn.Sequential {
	const { hidden, dropoutP } = EARLY_STOPPING_SETUP;
	const p = regularizer === 'dropout' ? dropoutP : 0;
	return new nn.Sequential(
		new nn.Linear(2, hidden),
		new nn.ReLU(),
		new nn.Dropout(p),
		new nn.Linear(hidden, hidden),
		new nn.ReLU(),
		new nn.Dropout(p),
		new nn.Linear(hidden, 2),
	);
}

/**
 * Trains one network, yielding the curves so far after every `chunk` epochs (so a page can draw
 * progressively and stay responsive) and returning the full curves.
 *
 * ```ts
 * for (const partial of trainCurves('none')) chart.update(partial);
 * ```
 */
export function* trainCurves(
	regularizer: RegularizerId,
	{ chunk = 10, numEpochs = EARLY_STOPPING_SETUP.numEpochs as number }: { chunk?: number; numEpochs?: number } = {},
): Generator<TrainingCurves, TrainingCurves> {
	if (!REGULARIZER_IDS.includes(regularizer)) {
		throw new RangeError(`trainCurves: unknown regularizer ${JSON.stringify(regularizer)}; use one of ${REGULARIZER_IDS.join(', ')}`);
	}
	const { nTrain, nVal, noise, lr, weightDecay, seed } = EARLY_STOPPING_SETUP;
	const train = data.makeMoons({ nSamples: nTrain, noise, seed: 1 });
	const val = data.makeMoons({ nSamples: nVal, noise, seed: 2 });
	manualSeed(seed); // the same initial weights (and dropout masks) on every run
	const net = buildNet(regularizer);
	const optimizer =
		regularizer === 'weightDecay' ? new optim.AdamW(net.parameters(), { lr, weightDecay }) : new optim.Adam(net.parameters(), { lr });
	const curves: TrainingCurves = { regularizer, epochs: [], trainLoss: [], valLoss: [], valAccuracy: [] };
	const lossOf = (X: Tensor, y: Tensor) => F.crossEntropy(net.forward(X), y);
	for (let epoch = 1; epoch <= numEpochs; epoch++) {
		net.train();
		optimizer.zeroGrad();
		lossOf(train.X, train.y).backward();
		optimizer.step();
		net.eval();
		noGrad(() => {
			curves.trainLoss.push(lossOf(train.X, train.y).dataSync()[0]);
			const logits = net.forward(val.X);
			curves.valLoss.push(F.crossEntropy(logits, val.y).dataSync()[0]);
			curves.valAccuracy.push(logits.argmax(1).eq(val.y).float().mean().dataSync()[0]);
		});
		curves.epochs.push(epoch);
		if (epoch % chunk === 0 && epoch < numEpochs) yield curves;
	}
	return curves;
}

/** Runs `trainCurves` to the end (build time and tests). */
export function runCurves(regularizer: RegularizerId, options: { numEpochs?: number } = {}): TrainingCurves {
	const run = trainCurves(regularizer, { chunk: Number.POSITIVE_INFINITY, ...options });
	let step = run.next();
	while (!step.done) step = run.next();
	return step.value;
}

export interface StopPoint {
	/** Epoch with the lowest validation loss seen before stopping (the weights to restore). */
	bestEpoch: number;
	bestLoss: number;
	/** Epoch at which `patience` epochs without a new best have passed (or the last epoch). */
	stopEpoch: number;
	/** True when training ran out of epochs before the patience did. */
	ranOut: boolean;
}

/**
 * Early stopping with patience on a list of validation losses for epochs 1..n: stop once
 * `patience` epochs have passed without a new best, and keep the best epoch's weights.
 *
 * ```ts
 * earlyStopping([0.5, 0.4, 0.45, 0.5], 2); // { bestEpoch: 2, bestLoss: 0.4, stopEpoch: 4, ranOut: false }
 * ```
 */
export function earlyStopping(valLoss: readonly number[], patience: number): StopPoint {
	if (!(Number.isInteger(patience) && patience >= 1)) throw new RangeError(`earlyStopping: patience must be an integer >= 1, got ${patience}`);
	let bestEpoch = 0;
	let bestLoss = Number.POSITIVE_INFINITY;
	for (let i = 0; i < valLoss.length; i++) {
		const epoch = i + 1;
		if (valLoss[i] < bestLoss) {
			bestLoss = valLoss[i];
			bestEpoch = epoch;
		} else if (epoch - bestEpoch >= patience) {
			return { bestEpoch, bestLoss, stopEpoch: epoch, ranOut: false };
		}
	}
	return { bestEpoch, bestLoss, stopEpoch: valLoss.length, ranOut: true };
}

/** The text alternative: per regularizer, the losses at a few epochs and the early-stopping point. */
export function earlyStoppingTable(runs: readonly TrainingCurves[], patience = 20, at: readonly number[] = [10, 25, 50, 100, 200]): FigureTable {
	const columns = ['Regularization', ...at.map((e) => `Epoch ${e}: train / val loss`), `Best val loss (epoch)`, `Stop, patience ${patience}`, 'Val accuracy at best'];
	const rows = runs.map((run) => {
		const stop = earlyStopping(run.valLoss, patience);
		const cells = at.map((e) => {
			const i = Math.min(e, run.epochs.length) - 1;
			return `${formatNumber(run.trainLoss[i])} / ${formatNumber(run.valLoss[i])}`;
		});
		return [
			REGULARIZERS[run.regularizer].label,
			...cells,
			`${formatNumber(stop.bestLoss)} (${stop.bestEpoch})`,
			stop.ranOut ? 'does not stop' : `epoch ${stop.stopEpoch}`,
			formatPercent(run.valAccuracy[stop.bestEpoch - 1]),
		];
	});
	return { columns, rows };
}
