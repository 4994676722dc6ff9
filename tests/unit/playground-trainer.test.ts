import { describe, expect, it } from 'vitest';
import {
	parameterCount,
	layerSizes,
	DEFAULT_SETTINGS,
	type PlaygroundSettings,
} from '~/components/Playground/settings.ts';
import {
	createTrainer,
	makePlaygroundData,
	N_SAMPLES,
	TEST_FRACTION,
} from '~/components/Playground/trainer.ts';

const settings = (over: Partial<PlaygroundSettings>): PlaygroundSettings => ({
	...DEFAULT_SETTINGS,
	...over,
});

describe('playground data', () => {
	it('scales every data set to about [−1, 1] and holds out the test share', () => {
		for (const dataset of ['spiral', 'xor', 'circles', 'moons'] as const) {
			const d = makePlaygroundData({ dataset, noise: 0, seed: 3 });
			expect(d.labels).toHaveLength(N_SAMPLES);
			const reach = Math.max(...Array.from(d.xy, Math.abs));
			expect(reach, dataset).toBeLessThanOrEqual(1.0001);
			expect(reach, dataset).toBeGreaterThan(0.9);
			expect(d.extent.xMax).toBeGreaterThanOrEqual(reach);
			expect(d.isTest.reduce((a, b) => a + b, 0)).toBe(N_SAMPLES * TEST_FRACTION);
			expect(d.classes).toBe(dataset === 'spiral' ? 3 : 2);
		}
	});

	it('is the same for the same seed and different for another', () => {
		const a = makePlaygroundData({ dataset: 'moons', noise: 0.1, seed: 1 });
		const b = makePlaygroundData({ dataset: 'moons', noise: 0.1, seed: 1 });
		const c = makePlaygroundData({ dataset: 'moons', noise: 0.1, seed: 2 });
		expect(Array.from(a.xy)).toEqual(Array.from(b.xy));
		expect(Array.from(a.xy)).not.toEqual(Array.from(c.xy));
	});
});

describe('Does the playground network learn?', () => {
	it('builds the layers the settings ask for', () => {
		const t = createTrainer(settings({ dataset: 'xor', hiddenLayers: 2, width: 5 }));
		expect(t.net.numParameters()).toBe(parameterCount(layerSizes(t.settings, 2)));
	});

	it('learns XOR with one hidden layer and Adam: the loss falls and test accuracy is high', () => {
		const t = createTrainer(
			settings({
				dataset: 'xor',
				noise: 0.1,
				hiddenLayers: 1,
				width: 6,
				activation: 'tanh',
				lr: 0.03,
				batchSize: 16,
			}),
		);
		const before = t.evaluate();
		for (let i = 0; i < 30; i++) expect(t.trainEpoch()).toBe(true);
		const after = t.evaluate();
		expect(after.epoch).toBe(30);
		expect(after.trainLoss).toBeLessThan(before.trainLoss / 3);
		expect(after.testAccuracy).toBeGreaterThan(0.95);
	});

	it('cannot learn XOR without a hidden layer (a linear boundary gets about half right)', () => {
		const t = createTrainer(settings({ dataset: 'xor', noise: 0.1, hiddenLayers: 0, lr: 0.1 }));
		for (let i = 0; i < 30; i++) t.trainEpoch();
		expect(t.evaluate().trainAccuracy).toBeLessThan(0.8);
	});

	it('learns with every optimizer and penalty (the loss falls)', () => {
		for (const optimizer of ['sgd', 'momentum', 'rmsprop', 'adam'] as const) {
			for (const regularization of ['none', 'l2', 'l1'] as const) {
				const lr = optimizer === 'sgd' ? 0.3 : optimizer === 'momentum' ? 0.03 : 0.01;
				const t = createTrainer(
					settings({
						dataset: 'circles',
						optimizer,
						regularization,
						regRate: 0.001,
						lr,
						activation: 'tanh',
					}),
				);
				const before = t.evaluate().trainLoss;
				for (let i = 0; i < 5; i++) t.trainEpoch();
				expect(t.evaluate().trainLoss, `${optimizer} + ${regularization}`).toBeLessThan(before);
			}
		}
	});

	it('reports divergence when the learning rate is far too large', () => {
		const t = createTrainer(
			settings({
				dataset: 'spiral',
				optimizer: 'sgd',
				lr: 3,
				hiddenLayers: 3,
				width: 16,
				activation: 'relu',
				batchSize: 1,
				seed: 5,
			}),
		);
		let finite = true;
		for (let i = 0; i < 20 && finite; i++) finite = t.trainEpoch();
		const m = t.evaluate();
		// either it blew up (NaN caught) or it is stuck far from a good fit
		expect(!finite || m.trainAccuracy < 0.7).toBe(true);
	});

	it('gives probabilities on the grid that sum to 1 per cell', () => {
		const t = createTrainer(settings({ dataset: 'spiral' }));
		const g = t.grid(10);
		expect(g).toHaveLength(10 * 10 * 3);
		for (let i = 0; i < 100; i++) expect(g[3 * i] + g[3 * i + 1] + g[3 * i + 2]).toBeCloseTo(1, 5);
	});
});
