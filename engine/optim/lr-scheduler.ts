/**
 * Learning-rate schedulers, as `torch.optim.lr_scheduler`: each `step()` (once per epoch, after
 * `optimizer.step()`) sets every group's `lr`; `getLastLr()` reads the values it set. The updates use PyTorch's
 * chainable (recursive) forms, so the values match `get_last_lr()` to the last bit of rounding.
 */
import { LRScheduler, type AnyOptimizer } from './lr-scheduler-base';

export { LRScheduler };

/**
 * `lr = initialLr * lrLambda(epoch)`; one function for every group or one per group.
 *
 * ```ts
 * new optim.lrScheduler.LambdaLR(opt, { lrLambda: (epoch) => 0.95 ** epoch });
 * ```
 */
export class LambdaLR extends LRScheduler {
	readonly lrLambdas: ((epoch: number) => number)[];
	constructor(optimizer: AnyOptimizer, { lrLambda }: { lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[] }) {
		super(optimizer);
		const n = optimizer.paramGroups.length;
		if (Array.isArray(lrLambda) && lrLambda.length !== n) {
			throw new RangeError(`LambdaLR: expected ${n} lrLambda functions (one per parameter group), got ${lrLambda.length}`);
		}
		this.lrLambdas = Array.isArray(lrLambda) ? [...lrLambda] : Array.from({ length: n }, () => lrLambda);
		this.initialStep();
	}
	protected getLr(): number[] {
		return this.baseLrs.map((base, i) => base * this.lrLambdas[i](this.lastEpoch));
	}
}

/**
 * Multiplies the learning rate by `gamma` every `stepSize` epochs: `initialLr * gamma^⌊epoch / stepSize⌋`.
 *
 * ```ts
 * new optim.lrScheduler.StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * ```
 */
export class StepLR extends LRScheduler {
	readonly stepSize: number;
	readonly gamma: number;
	constructor(optimizer: AnyOptimizer, { stepSize, gamma = 0.1 }: { stepSize: number; gamma?: number }) {
		super(optimizer);
		if (!Number.isInteger(stepSize) || stepSize <= 0) throw new RangeError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
		this.stepSize = stepSize;
		this.gamma = gamma;
		this.initialStep();
	}
	protected getLr(): number[] {
		if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.currentLrs();
		return this.currentLrs().map((lr) => lr * this.gamma);
	}
	protected override closedFormLr(): number[] {
		return this.baseLrs.map((base) => base * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
	}
}

/**
 * Multiplies the learning rate by `gamma` at each milestone epoch: `initialLr * gamma^(milestones passed)`.
 *
 * ```ts
 * new optim.lrScheduler.MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 });
 * ```
 */
export class MultiStepLR extends LRScheduler {
	readonly milestones: number[];
	readonly gamma: number;
	constructor(optimizer: AnyOptimizer, { milestones, gamma = 0.1 }: { milestones: readonly number[]; gamma?: number }) {
		super(optimizer);
		this.milestones = [...milestones].sort((a, b) => a - b);
		this.gamma = gamma;
		this.initialStep();
	}
	protected getLr(): number[] {
		// a milestone listed twice decays twice, as PyTorch's Counter
		const hits = this.milestones.filter((m) => m === this.lastEpoch).length;
		if (hits === 0) return this.currentLrs();
		return this.currentLrs().map((lr) => lr * this.gamma ** hits);
	}
	protected override closedFormLr(): number[] {
		const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
		return this.baseLrs.map((base) => base * this.gamma ** passed);
	}
}

/**
 * Multiplies the learning rate by `gamma` every epoch: `initialLr * gamma^epoch`.
 *
 * ```ts
 * new optim.lrScheduler.ExponentialLR(opt, { gamma: 0.95 });
 * ```
 */
export class ExponentialLR extends LRScheduler {
	readonly gamma: number;
	constructor(optimizer: AnyOptimizer, { gamma }: { gamma: number }) {
		super(optimizer);
		this.gamma = gamma;
		this.initialStep();
	}
	protected getLr(): number[] {
		if (this.isInitial) return this.currentLrs();
		return this.currentLrs().map((lr) => lr * this.gamma);
	}
	protected override closedFormLr(): number[] {
		return this.baseLrs.map((base) => base * this.gamma ** this.lastEpoch);
	}
}

/**
 * Scales the learning rate by a factor that moves linearly from `startFactor` to `endFactor` over `totalIters`
 * epochs, then stays: the usual warm-up. `initialLr * (start + (end - start) * min(epoch, totalIters) / totalIters)`.
 *
 * ```ts
 * new optim.lrScheduler.LinearLR(opt, { startFactor: 0.1, totalIters: 5 }); // 5 warm-up epochs
 * ```
 */
export class LinearLR extends LRScheduler {
	readonly startFactor: number;
	readonly endFactor: number;
	readonly totalIters: number;
	constructor(optimizer: AnyOptimizer, { startFactor = 1 / 3, endFactor = 1, totalIters = 5 }: { startFactor?: number; endFactor?: number; totalIters?: number } = {}) {
		super(optimizer);
		if (!(startFactor > 0 && startFactor <= 1)) throw new RangeError(`LinearLR: startFactor must be in (0, 1], got ${startFactor}`);
		if (!(endFactor >= 0 && endFactor <= 1)) throw new RangeError(`LinearLR: endFactor must be in [0, 1], got ${endFactor}`);
		if (!Number.isInteger(totalIters) || totalIters <= 0) throw new RangeError(`LinearLR: totalIters must be a positive integer, got ${totalIters}`);
		this.startFactor = startFactor;
		this.endFactor = endFactor;
		this.totalIters = totalIters;
		this.initialStep();
	}
	protected getLr(): number[] {
		if (this.lastEpoch === 0) return this.currentLrs().map((lr) => lr * this.startFactor);
		if (this.isInitial || this.lastEpoch > this.totalIters) return this.currentLrs();
		const span = this.endFactor - this.startFactor;
		const ratio = 1 + span / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * span);
		return this.currentLrs().map((lr) => lr * ratio);
	}
	protected override closedFormLr(): number[] {
		const f = this.startFactor + ((this.endFactor - this.startFactor) * Math.min(this.totalIters, this.lastEpoch)) / this.totalIters;
		return this.baseLrs.map((base) => base * f);
	}
}

/**
 * Cosine annealing from `initialLr` down to `etaMin` over `tMax` epochs (and back up after, without restarts):
 * `etaMin + (initialLr - etaMin) (1 + cos(π epoch / tMax)) / 2`, applied in PyTorch's recursive form.
 *
 * ```ts
 * new optim.lrScheduler.CosineAnnealingLR(opt, { tMax: 100, etaMin: 1e-5 });
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
	readonly tMax: number;
	readonly etaMin: number;
	constructor(optimizer: AnyOptimizer, { tMax, etaMin = 0 }: { tMax: number; etaMin?: number }) {
		super(optimizer);
		if (!(tMax > 0)) throw new RangeError(`CosineAnnealingLR: tMax must be positive, got ${tMax}`);
		this.tMax = tMax;
		this.etaMin = etaMin;
		this.initialStep();
	}
	protected getLr(): number[] {
		const { lastEpoch: e, tMax: T, etaMin } = this;
		if (this.isInitial) return this.currentLrs();
		// NOTE: right after the minimum the ratio below would divide by 1 + cos(π) = 0; PyTorch adds the step instead
		if ((((e - 1 - T) % (2 * T)) + 2 * T) % (2 * T) === 0) {
			return this.currentLrs().map((lr, i) => lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
		}
		const ratio = (1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T));
		return this.currentLrs().map((lr) => ratio * (lr - etaMin) + etaMin);
	}
	protected override closedFormLr(): number[] {
		return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2);
	}
}

/**
 * Runs schedulers one after another, switching at the milestone epochs; the next one restarts from its own
 * epoch 0 (e.g. warm-up, then cosine).
 *
 * ```ts
 * const warmup = new optim.lrScheduler.LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * const cosine = new optim.lrScheduler.CosineAnnealingLR(opt, { tMax: 95 });
 * const sched = new optim.lrScheduler.SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [5] });
 * ```
 */
export class SequentialLR extends LRScheduler {
	readonly schedulers: LRScheduler[];
	readonly milestones: number[];
	constructor(optimizer: AnyOptimizer, { schedulers, milestones }: { schedulers: readonly LRScheduler[]; milestones: readonly number[] }) {
		super(optimizer);
		if (schedulers.length < 1) throw new RangeError('SequentialLR: expects at least one scheduler');
		schedulers.forEach((s, i) => {
			if (s.optimizer !== optimizer) throw new RangeError(`SequentialLR: scheduler ${i} (${s.constructor.name}) belongs to another optimizer`);
		});
		if (milestones.length !== schedulers.length - 1) {
			throw new RangeError(`SequentialLR: needs one milestone fewer than schedulers, got ${schedulers.length} schedulers and ${milestones.length} milestones`);
		}
		this.schedulers = [...schedulers];
		this.milestones = [...milestones];
		this.lastEpoch = 0;
		// Undo the first step each scheduler made when it was built, then make the first scheduler's again
		for (const group of optimizer.paramGroups) group.lr = group.initialLr!;
		undo(this.schedulers);
		this.schedulers[0].initialStep();
		this.lastLr = this.schedulers[0].getLastLr();
	}
	protected getLr(): number[] {
		return this.currentLrs();
	}
	override step(): void {
		this.lastEpoch++;
		const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
		const scheduler = this.schedulers[idx];
		if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.updateLr(0);
		else scheduler.step();
		this.lastLr = scheduler.getLastLr();
	}
}

function undo(schedulers: readonly LRScheduler[]): void {
	for (const s of schedulers) {
		if (s instanceof SequentialLR) undo(s.schedulers);
		else s.lastEpoch -= 1;
	}
}
