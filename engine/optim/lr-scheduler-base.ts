/**
 * The base of the learning-rate schedulers (see lr-scheduler.ts), as `torch.optim.lr_scheduler.LRScheduler`.
 */
import type { Optimizer } from './optimizer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptimizer = Optimizer<any>;

/** Base class: keeps `lastEpoch` (the number of steps so far; 0 after construction) and the base learning rates. */
export abstract class LRScheduler {
	readonly optimizer: AnyOptimizer;
	/** Each group's learning rate when the first scheduler was attached (its `initialLr`). */
	baseLrs: number[];
	lastEpoch = -1;
	/** @internal */ isInitial = false;
	/** @internal */ lastLr: number[] = [];

	constructor(optimizer: AnyOptimizer) {
		this.optimizer = optimizer;
		for (const group of optimizer.paramGroups) {
			if (group.initialLr === undefined) group.initialLr = group.lr;
		}
		this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
	}

	/** The chainable rule: the next learning rates from the current ones. */
	protected abstract getLr(): number[];
	/** The closed form at `lastEpoch`, where one exists (used when a SequentialLR restarts a scheduler). */
	protected closedFormLr(): number[] | null {
		return null;
	}

	/** @internal The first step, made at construction (lastEpoch -1 → 0). */
	initialStep(): void {
		this.isInitial = true;
		try {
			this.step();
		} finally {
			this.isInitial = false;
		}
	}

	/** Advances one epoch and sets each group's `lr`. */
	step(): void {
		this.updateLr();
	}

	/** @internal Advances one epoch, or jumps to `epoch` using the closed form. */
	updateLr(epoch?: number): void {
		let values: number[];
		if (epoch === undefined) {
			this.lastEpoch++;
			values = this.getLr();
		} else {
			this.lastEpoch = epoch;
			values = this.closedFormLr() ?? this.getLr();
		}
		this.optimizer.paramGroups.forEach((g, i) => (g.lr = values[i]));
		this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
	}

	/** The learning rates set by the last `step()`, one per group. */
	getLastLr(): number[] {
		return [...this.lastLr];
	}

	/** The scheduler's counters and settings (not the optimizer, not functions), to resume training. */
	stateDict(): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(this)) {
			if (key === 'optimizer' || typeof value === 'function') continue;
			if (Array.isArray(value) && value.some((v) => typeof v === 'function')) continue;
			if (key === 'schedulers') out[key] = (value as LRScheduler[]).map((s) => s.stateDict());
			else out[key] = Array.isArray(value) ? [...value] : value;
		}
		return out;
	}

	loadStateDict(state: Record<string, unknown>): void {
		for (const [key, value] of Object.entries(state)) {
			if (key === 'schedulers') {
				(value as Record<string, unknown>[]).forEach((s, i) => (this as unknown as { schedulers: LRScheduler[] }).schedulers[i].loadStateDict(s));
			} else {
				(this as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
			}
		}
	}

	protected currentLrs(): number[] {
		return this.optimizer.paramGroups.map((g) => g.lr);
	}
}
