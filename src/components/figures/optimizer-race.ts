/**
 * Data for the optimizer race (chapter "optimizers"): the engine's SGD, SGD with momentum, RMSprop
 * and Adam from the same start on the narrow valley J(w) = ½(0.05w₁² + 10w₂²) (condition number 200),
 * each at a learning rate that suits it.
 */
import { optim } from 'chainrule';
import { formatLoss } from './gd-paths.ts';
import { type FigureTable } from './kit/table.ts';
import { contour, lossAfter, optimizerPath, type MakeOptimizer, type Path, type Valley } from './quadratic-paths.ts';

export const RACE_VALLEY: Valley = { curvatures: [0.05, 10], start: [-9, 1.5] };
export const RACE_STEPS = 150;
export const RACE_LEVELS: readonly number[] = [0.05, 0.2, 0.6, 1.5, 3, 6, 11];

export const RACER_IDS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
export type RacerId = (typeof RACER_IDS)[number];

export const RACERS: Record<RacerId, { label: string; make: MakeOptimizer }> = {
	sgd: { label: 'SGD, lr 0.18', make: (ps) => new optim.SGD(ps, { lr: 0.18 }) },
	momentum: { label: 'SGD + momentum 0.9, lr 0.05', make: (ps) => new optim.SGD(ps, { lr: 0.05, momentum: 0.9 }) },
	rmsprop: { label: 'RMSprop, lr 0.1', make: (ps) => new optim.RMSprop(ps, { lr: 0.1 }) },
	adam: { label: 'Adam, lr 0.5', make: (ps) => new optim.Adam(ps, { lr: 0.5 }) },
};

export function racePaths(steps = RACE_STEPS): Record<RacerId, Path> {
	return Object.fromEntries(RACER_IDS.map((id) => [id, optimizerPath(RACE_VALLEY, RACERS[id].make, steps)])) as Record<RacerId, Path>;
}

export function raceContours(): { x: number[]; y: number[] }[] {
	return RACE_LEVELS.map((level) => contour(RACE_VALLEY, level));
}

/** The text alternative: each optimizer's loss after a few numbers of steps. */
export function raceTable(paths: Record<RacerId, Path>, at: readonly number[] = [10, 25, 50, 100, 150]): FigureTable {
	return {
		columns: ['Optimizer', ...at.map((t) => `loss after ${t}`)],
		rows: RACER_IDS.map((id) => [RACERS[id].label, ...at.map((t) => formatLoss(lossAfter(paths[id], t)))]),
	};
}
