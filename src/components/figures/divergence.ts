/**
 * Data for the divergence figure (chapter "troubleshooting"): a small tanh network fitted by
 * full-batch gradient descent to a noisy linear regression, with the training loss recorded
 * every epoch, so a learning rate that is too large shows its loss growing geometrically until
 * it overflows to Infinity and then turns into NaN. Optionally the gradient norm is clipped.
 * The same data, network and seeds as the chapter's snippet.
 */
import { F, manualSeed, nn, optim, randn, tensor, type Tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const DIVERGENCE_SETUP = {
	nSamples: 256,
	hidden: 16,
	numEpochs: 100,
	/** The learning rate of the fixed run drawn for comparison. */
	baselineLr: 0.1,
	/** Max gradient norm when clipping is on. */
	clipNorm: 1,
} as const;

/** Learning rates the reader can choose. */
export const LEARNING_RATES = [0.01, 0.1, 0.3, 1, 3, 10] as const;

export interface LossCurve {
	lr: number;
	clip: boolean;
	/** Epochs 0..n−1; the loss at epoch e is computed before the (e+1)-th update. */
	epochs: number[];
	loss: number[];
	/** First epoch whose loss is +Infinity (null if none). */
	firstInfinity: number | null;
	/** First epoch whose loss is NaN (null if none). */
	firstNaN: number | null;
}

/** y = 3 x₁ − 2 x₂ + 0.5 + N(0, 0.1²) noise, x ~ N(0, I), from seed 0. */
export function regressionData(nSamples: number = DIVERGENCE_SETUP.nSamples): { X: Tensor; y: Tensor } {
	manualSeed(0);
	const X = randn([nSamples, 2]);
	const y = X.matmul(tensor([[3], [-2]])).add(0.5).add(randn([nSamples, 1]).mul(0.1));
	return { X, y };
}

function nonFinite(curve: LossCurve): void {
	const inf = curve.loss.indexOf(Number.POSITIVE_INFINITY);
	const nan = curve.loss.findIndex(Number.isNaN);
	curve.firstInfinity = inf === -1 ? null : inf;
	curve.firstNaN = nan === -1 ? null : nan;
}

/**
 * Trains the network with learning rate `lr`, yielding the curve so far after every `chunk`
 * epochs and returning the whole curve. The initial weights are the same for every run.
 *
 * ```ts
 * for (const partial of trainRun(10)) draw(partial);
 * ```
 */
export function* trainRun(
	lr: number,
	{ clip = false, chunk = 5, numEpochs = DIVERGENCE_SETUP.numEpochs }: { clip?: boolean; chunk?: number; numEpochs?: number } = {},
): Generator<LossCurve, LossCurve> {
	if (!(lr > 0)) throw new RangeError(`trainRun: the learning rate must be positive, got ${lr}`);
	const { X, y } = regressionData();
	manualSeed(1);
	const { hidden, clipNorm } = DIVERGENCE_SETUP;
	const net = new nn.Sequential(new nn.Linear(2, hidden), new nn.Tanh(), new nn.Linear(hidden, 1));
	const optimizer = new optim.SGD(net.parameters(), { lr });
	const curve: LossCurve = { lr, clip, epochs: [], loss: [], firstInfinity: null, firstNaN: null };
	for (let epoch = 0; epoch < numEpochs; epoch++) {
		optimizer.zeroGrad();
		const loss = F.mseLoss(net.forward(X), y);
		loss.backward();
		if (clip) nn.utils.clipGradNorm(net.parameters(), clipNorm);
		optimizer.step();
		curve.epochs.push(epoch);
		curve.loss.push(loss.dataSync()[0]);
		if ((epoch + 1) % chunk === 0 && epoch + 1 < numEpochs) {
			nonFinite(curve);
			yield curve;
		}
	}
	nonFinite(curve);
	return curve;
}

/** Runs `trainRun` to the end (build time and tests). */
export function runToEnd(lr: number, options: { clip?: boolean; numEpochs?: number } = {}): LossCurve {
	const run = trainRun(lr, { ...options, chunk: Number.POSITIVE_INFINITY });
	let step = run.next();
	while (!step.done) step = run.next();
	return step.value;
}

/** A loss for a table cell: 3 significant digits, `∞` and `NaN` spelled out. */
export function formatLoss(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return '∞';
	if (Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0)) return value.toExponential(2).replace('e+', 'e').replace('-', '−');
	return formatNumber(value, value >= 100 ? 0 : value >= 1 ? 2 : 4);
}

export function runLabel(curve: Pick<LossCurve, 'lr' | 'clip'>): string {
	return `lr = ${curve.lr}${curve.clip ? `, clip ${DIVERGENCE_SETUP.clipNorm}` : ''}`;
}

/** The text alternative: the loss at a few epochs and where it stopped being finite. */
export function divergenceTable(curves: readonly LossCurve[], at: readonly number[] = [0, 5, 10, 25, 50, 99]): FigureTable {
	const columns = ['Run', ...at.map((e) => `Epoch ${e}`), 'First ∞', 'First NaN'];
	const rows = curves.map((c) => [
		runLabel(c),
		...at.map((e) => formatLoss(c.loss[Math.min(e, c.loss.length - 1)])),
		c.firstInfinity === null ? '—' : String(c.firstInfinity),
		c.firstNaN === null ? '—' : String(c.firstNaN),
	]);
	return { columns, rows };
}
