import { describe, expect, it } from 'vitest';
import {
	featureExperiment,
	featureTable,
	runFeatureExperiment,
} from '~/components/figures/features.ts';

describe('Does the features experiment show hand-made features winning on little data?', () => {
	// two sizes and one seed keep this quick; the figure uses six sizes and two seeds
	const results = runFeatureExperiment({ sizes: [8, 256], seeds: [1], steps: 300 });
	const acc = (model: string, size: number) =>
		results.find((r) => r.model === model && r.size === size)!.accuracy;

	it('leaves the linear model on raw coordinates near chance: no line separates a disc from a ring', () => {
		expect(acc('raw-linear', 8)).toBeLessThan(0.65);
		expect(acc('raw-linear', 256)).toBeLessThan(0.65);
	});

	it('lets the hand-made feature r² do well from 8 examples', () => {
		expect(acc('engineered-linear', 8)).toBeGreaterThan(0.85);
	});

	it('lets the network learn the feature itself given more data', () => {
		expect(acc('mlp', 256)).toBeGreaterThan(0.85);
		expect(acc('mlp', 256)).toBeGreaterThan(acc('mlp', 8));
	});

	it('yields progress between training steps and one result per model and size', () => {
		const events = [
			...featureExperiment({ sizes: [8], seeds: [1], steps: 50, yieldEvery: 10, testSize: 50 }),
		];
		expect(events.filter((e) => e.kind === 'result')).toHaveLength(3);
		expect(events.filter((e) => e.kind === 'progress').length).toBeGreaterThanOrEqual(15);
		expect(featureTable(results).rows.map((r) => r[0])).toEqual(['8', '256']);
	});
});
