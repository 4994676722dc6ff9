import { describe, expect, it } from 'vitest';
import { RACER_IDS, RACE_STEPS, RACE_VALLEY, racePaths, raceTable } from '~/components/figures/optimizer-race.ts';

describe('Does the optimizer race show momentum and adaptive methods beating plain SGD?', () => {
	const paths = racePaths();
	const final = (id: (typeof RACER_IDS)[number]) => paths[id].loss[RACE_STEPS];

	it('runs every optimizer for the whole race without diverging', () => {
		for (const id of RACER_IDS) {
			expect(paths[id].loss).toHaveLength(RACE_STEPS + 1);
			expect(final(id)).toBeLessThan(paths[id].loss[0]);
		}
	});

	it('has momentum, RMSprop and Adam ahead of plain SGD at the end', () => {
		for (const id of ['momentum', 'rmsprop', 'adam'] as const) expect(final(id)).toBeLessThan(final('sgd'));
	});

	it('moves Adam diagonally at first: lr in each coordinate', () => {
		expect(paths.adam.w1[1] - RACE_VALLEY.start[0]).toBeCloseTo(0.5, 6);
		expect(paths.adam.w2[1] - RACE_VALLEY.start[1]).toBeCloseTo(-0.5, 6);
	});

	it('tabulates each optimizer', () => {
		expect(raceTable(paths).rows).toHaveLength(RACER_IDS.length);
	});
});
