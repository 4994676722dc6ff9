/// <reference lib="webworker" />
/**
 * Trains the playground's network off the main thread, so the page stays responsive however big
 * the network or small the batch. It trains in slices of about 20 ms, and between slices yields
 * to its message queue (so Pause is immediate) and posts metrics, plus a decision-boundary grid
 * at most ten times a second.
 */
import { createTrainer, type Trainer } from './trainer.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const SLICE_MS = 20;
const GRID_EVERY_MS = 100;
/** At most this many epochs per second, so tiny networks still show their progress. */
const MAX_EPOCHS_PER_SECOND = 120;

let trainer: Trainer | null = null;
let gridRes = 48;
let config = 0;
let running = false;
let scheduled = false;
let lastGrid = 0;

function post(message: FromWorker, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

function frame(withGrid: boolean): void {
	if (!trainer) return;
	const grid = withGrid ? trainer.grid(gridRes) : null;
	if (grid) lastGrid = performance.now();
	post(
		{ type: 'frame', config, metrics: trainer.evaluate(), grid, running },
		grid ? [grid.buffer] : [],
	);
}

/** Trains for one slice; false if the loss stopped being finite (then training is paused). */
function trainSlice(maxEpochs: number): boolean {
	if (!trainer) return true;
	const start = performance.now();
	let epochs = 0;
	do {
		if (!trainer.trainEpoch()) {
			running = false;
			post({ type: 'diverged', config, epoch: trainer.epoch });
			frame(true);
			return false;
		}
		epochs++;
	} while (epochs < maxEpochs && performance.now() - start < SLICE_MS);
	return true;
}

function tick(): void {
	scheduled = false;
	if (!running || !trainer) return;
	const started = performance.now();
	const ok = trainSlice(Math.max(1, Math.round((MAX_EPOCHS_PER_SECOND * SLICE_MS) / 1000)));
	if (!ok) return;
	frame(performance.now() - lastGrid >= GRID_EVERY_MS);
	// Wait out the rest of the slice when epochs are cheap, keeping the epoch rate bounded.
	const elapsed = performance.now() - started;
	schedule(Math.max(0, SLICE_MS - elapsed));
}

function schedule(delay = 0): void {
	if (scheduled) return;
	scheduled = true;
	setTimeout(tick, delay);
}

function handle(message: ToWorker): void {
	switch (message.type) {
		case 'configure': {
			config++;
			gridRes = message.gridRes;
			trainer = createTrainer(message.settings);
			const d = trainer.data;
			post({
				type: 'data',
				config,
				xy: d.xy,
				labels: d.labels,
				isTest: d.isTest,
				classes: d.classes,
				extent: d.extent,
				parameters: trainer.net.numParameters(),
			});
			frame(true);
			if (running) schedule();
			break;
		}
		case 'play':
			running = true;
			schedule();
			break;
		case 'pause':
			running = false;
			frame(true);
			break;
		case 'step':
			running = false;
			if (trainSlice(1)) frame(true);
			break;
	}
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
	try {
		handle(event.data);
	} catch (error) {
		running = false;
		post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
});
