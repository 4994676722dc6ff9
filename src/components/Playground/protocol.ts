/** Messages between the playground page and its training worker. */
import type { Extent } from '../figures/kit/heatmap.ts';
import type { PlaygroundSettings } from './settings.ts';
import type { Metrics } from './trainer.ts';

export type ToWorker =
	/** Build data, network and optimizer from settings (epoch 0); training stays paused. */
	| { type: 'configure'; settings: PlaygroundSettings; gridRes: number }
	| { type: 'play' }
	| { type: 'pause' }
	/** Train one epoch, then pause. */
	| { type: 'step' };

export type FromWorker =
	/** After configure: the points to draw (sent once per configuration). */
	| {
			type: 'data';
			config: number;
			xy: Float32Array;
			labels: Int32Array;
			isTest: Uint8Array;
			classes: number;
			extent: Extent;
			parameters: number;
	  }
	/** Progress: metrics, and a fresh decision-boundary grid when one was computed. */
	| { type: 'frame'; config: number; metrics: Metrics; grid: Float32Array | null; running: boolean }
	/** The loss became NaN or infinite; training paused. */
	| { type: 'diverged'; config: number; epoch: number }
	| { type: 'error'; message: string };
