import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	layerSizes,
	parameterCount,
	parseSettings,
	serializeSettings,
	withSettings,
	type PlaygroundSettings,
} from '~/components/Playground/settings.ts';

describe('Do playground settings survive a trip through the URL?', () => {
	it('gives the defaults, and no notes, for an empty query', () => {
		expect(parseSettings('')).toEqual({ settings: DEFAULT_SETTINGS, notes: [] });
	});

	it('round-trips the defaults and a changed state', () => {
		const changed: PlaygroundSettings = {
			dataset: 'moons',
			noise: 0.25,
			hiddenLayers: 0,
			width: 3,
			activation: 'gelu',
			lr: 0.3,
			optimizer: 'momentum',
			regularization: 'l1',
			regRate: 0.01,
			batchSize: 0,
			seed: 42,
		};
		for (const s of [{ ...DEFAULT_SETTINGS }, changed]) {
			const query = serializeSettings(s);
			expect(parseSettings(`?${query}`)).toEqual({ settings: s, notes: [] });
		}
	});

	it('writes every parameter in a fixed order, full batch as "full"', () => {
		expect(serializeSettings({ ...DEFAULT_SETTINGS, batchSize: 0 })).toBe(
			'data=spiral&noise=0.05&layers=2&width=12&act=tanh&lr=0.03&opt=adam&reg=none&lambda=0.001&batch=full&seed=1',
		);
	});

	it('keeps other query parameters and the hash when writing the URL', () => {
		const url = withSettings('https://example.org/playground/?q=neuron&lr=9#top', DEFAULT_SETTINGS);
		const u = new URL(url);
		expect(u.searchParams.get('q')).toBe('neuron');
		expect(u.searchParams.get('lr')).toBe('0.03');
		expect(u.hash).toBe('#top');
	});
});

describe('Does a bad value fall back with a note that says why?', () => {
	it('falls back to the default for unknown names and out-of-range numbers', () => {
		const { settings, notes } = parseSettings(
			'data=mnist&layers=9&width=abc&act=swish&opt=lbfgs&reg=dropout&seed=-1&batch=7',
		);
		expect(settings).toEqual(DEFAULT_SETTINGS);
		expect(notes).toHaveLength(8);
		expect(notes[0]).toBe(
			'Ignored data="mnist": expected one of spiral, xor, circles, moons. Using spiral.',
		);
		expect(notes).toContain('Ignored layers="9": expected a whole number from 0 to 5. Using 2.');
		expect(notes).toContain(
			'Ignored batch="7": expected one of 1, 4, 16, 32, 64 or full. Using 16.',
		);
	});

	it('snaps a near-miss learning rate and noise to the nearest choice, saying so', () => {
		const { settings, notes } = parseSettings('lr=0.05&noise=0.13&lambda=0.0012');
		expect(settings.lr).toBe(0.03);
		expect(settings.noise).toBe(0.15);
		expect(settings.regRate).toBe(0.001);
		expect(notes).toEqual([
			'Noise 0.13 rounded to 0.15.',
			'Learning rate 0.05 is not one of the choices; using the nearest, 0.03.',
			'Regularization rate 0.0012 is not one of the choices; using the nearest, 0.001.',
		]);
	});

	it('refuses NaN, negative and empty numbers', () => {
		for (const q of ['lr=NaN', 'lr=-1', 'lr=', 'noise=0.9', 'noise=-0.1']) {
			expect(parseSettings(q).notes, q).toHaveLength(1);
			expect(parseSettings(q).settings, q).toEqual(DEFAULT_SETTINGS);
		}
	});

	it('uses a preset as the base, so the URL overrides a chapter’s preset', () => {
		const preset = parseSettings('data=xor&layers=1&width=2').settings;
		const { settings } = parseSettings('width=4', preset);
		expect(settings).toMatchObject({ dataset: 'xor', hiddenLayers: 1, width: 4 });
	});
});

describe('network size', () => {
	it('counts (fan-in + 1) · fan-out per layer', () => {
		const sizes = layerSizes({ ...DEFAULT_SETTINGS, hiddenLayers: 2, width: 8 }, 3);
		expect(sizes).toEqual([2, 8, 8, 3]);
		expect(parameterCount(sizes)).toBe(3 * 8 + 9 * 8 + 9 * 3);
	});
});
