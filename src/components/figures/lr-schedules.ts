/**
 * Data for the learning-rate schedules figure (chapter "optimizers"): the learning rate that the
 * engine's `optim.lrScheduler` classes set at each epoch, from an initial 0.1 over 100 epochs.
 */
import { optim, tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const SCHEDULE_SETUP = { lr: 0.1, epochs: 100, warmup: 10 } as const;

export const SCHEDULE_IDS = ['step', 'exponential', 'cosine', 'warmupCosine'] as const;
export type ScheduleId = (typeof SCHEDULE_IDS)[number];

type Scheduler = { step(): void };

export const SCHEDULES: Record<ScheduleId, { label: string; make: (o: optim.SGD) => Scheduler }> = {
	step: { label: 'StepLR (×0.1 every 30 epochs)', make: (o) => new optim.lrScheduler.StepLR(o, { stepSize: 30, gamma: 0.1 }) },
	exponential: { label: 'ExponentialLR (γ = 0.95)', make: (o) => new optim.lrScheduler.ExponentialLR(o, { gamma: 0.95 }) },
	cosine: { label: 'CosineAnnealingLR (T = 100)', make: (o) => new optim.lrScheduler.CosineAnnealingLR(o, { tMax: SCHEDULE_SETUP.epochs }) },
	warmupCosine: {
		label: `linear warm-up (${SCHEDULE_SETUP.warmup} epochs), then cosine`,
		make: (o) => {
			const { warmup, epochs } = SCHEDULE_SETUP;
			const rise = new optim.lrScheduler.LinearLR(o, { startFactor: 0.01, totalIters: warmup });
			const decay = new optim.lrScheduler.CosineAnnealingLR(o, { tMax: epochs - warmup });
			return new optim.lrScheduler.SequentialLR(o, { schedulers: [rise, decay], milestones: [warmup] });
		},
	},
};

/** The learning rate in effect during each epoch 0..epochs−1, for one schedule. */
export function scheduleValues(id: ScheduleId, { lr, epochs } = SCHEDULE_SETUP): number[] {
	const optimizer = new optim.SGD([tensor([0], { requiresGrad: true })], { lr });
	const scheduler = SCHEDULES[id].make(optimizer);
	const values: number[] = [];
	for (let epoch = 0; epoch < epochs; epoch++) {
		values.push(optimizer.paramGroups[0].lr);
		optimizer.step(); // no gradients: nothing moves, but the order step-then-schedule is the real one
		scheduler.step();
	}
	return values;
}

export function allSchedules(): Record<ScheduleId, number[]> {
	return Object.fromEntries(SCHEDULE_IDS.map((id) => [id, scheduleValues(id)])) as Record<ScheduleId, number[]>;
}

export function schedulesTable(values: Record<ScheduleId, number[]>, at: readonly number[] = [0, 5, 10, 29, 30, 50, 75, 99]): FigureTable {
	return {
		columns: ['Schedule', ...at.map((e) => `epoch ${e}`)],
		rows: SCHEDULE_IDS.map((id) => [SCHEDULES[id].label, ...at.map((e) => formatNumber(values[id][e], 4))]),
	};
}
