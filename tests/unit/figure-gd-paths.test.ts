import { optim } from 'chainrule';
import { describe, expect, it } from 'vitest';
import { GD_LRS, GD_STEPS, GD_VALLEY, gdPaths, gdTable } from '~/components/figures/gd-paths.ts';
import { contour, gdPath, optimizerPath, valleyValue } from '~/components/figures/quadratic-paths.ts';

describe('Do the gradient-descent paths follow w ← (1 − lr·λ) w in each coordinate?', () => {
	it('matches the closed form of gradient descent on a quadratic', () => {
		const lr = 0.15;
		const path = gdPath(GD_VALLEY, lr, 10);
		const [l1, l2] = GD_VALLEY.curvatures;
		for (let t = 0; t <= 10; t++) {
			expect(path.w1[t]).toBeCloseTo(GD_VALLEY.start[0] * (1 - lr * l1) ** t, 10);
			expect(path.w2[t]).toBeCloseTo(GD_VALLEY.start[1] * (1 - lr * l2) ** t, 10);
			expect(path.loss[t]).toBeCloseTo(valleyValue(GD_VALLEY, path.w1[t], path.w2[t]), 12);
		}
	});

	it('converges below 2/L = 0.2 and diverges above it', () => {
		const paths = gdPaths();
		GD_LRS.forEach((lr, i) => {
			const final = paths[i].loss[paths[i].loss.length - 1];
			if (lr < 0.2) expect(final).toBeLessThan(paths[i].loss[0]);
			else expect(final).toBeGreaterThan(paths[i].loss[0]);
		});
		expect(paths[0].loss).toHaveLength(GD_STEPS + 1);
	});

	it('stops a run that blows up', () => {
		const path = gdPath(GD_VALLEY, 1, 200);
		expect(path.loss.length).toBeLessThan(201);
	});

	it('draws contours on which the loss is the level', () => {
		const c = contour(GD_VALLEY, 2, 8);
		for (let i = 0; i < c.x.length; i++) expect(valleyValue(GD_VALLEY, c.x[i], c.y[i])).toBeCloseTo(2, 10);
	});

	it('runs any engine optimizer', () => {
		const path = optimizerPath(GD_VALLEY, (ps) => new optim.Adam(ps, { lr: 0.1 }), 1);
		// Adam's first step moves every coordinate by lr against the sign of its gradient
		expect(path.w1[1]).toBeCloseTo(GD_VALLEY.start[0] + 0.1, 6);
		expect(path.w2[1]).toBeCloseTo(GD_VALLEY.start[1] - 0.1, 6);
	});

	it('tabulates the loss per learning rate, naming the divergent run', () => {
		const table = gdTable(gdPaths());
		expect(table.rows).toHaveLength(GD_LRS.length);
		expect(table.rows[3].at(-1)).toMatch(/^[\d.,×⁻⁰-⁹]+$|diverged/);
	});
});
