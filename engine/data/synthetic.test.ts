import { describe, expect, it } from 'vitest';
import { manualSeed } from '../random';
import type { Tensor } from '../tensor';
import { makeCircles, makeMoons, makeSpirals, makeXor } from './synthetic';
import { makeSequenceTask } from './sequence';

const counts = (y: Tensor, k: number) => {
	const out = new Array(k).fill(0);
	for (const v of y.dataSync()) out[v]++;
	return out;
};
const radii = (X: Tensor) => {
	const d = X.dataSync();
	return Array.from({ length: d.length / 2 }, (_, i) => Math.hypot(d[2 * i], d[2 * i + 1]));
};

describe('2-D synthetic sets', () => {
	it('have shapes X [n, 2] float32 and y [n] int32 with balanced classes', () => {
		for (const [set, k] of [
			[makeSpirals({ nSamples: 301, arms: 3, seed: 0 }), 3],
			[makeMoons({ nSamples: 101, seed: 0 }), 2],
			[makeCircles({ nSamples: 101, seed: 0 }), 2],
			[makeXor({ nSamples: 102, seed: 0 }), 2],
		] as const) {
			const n = set.X.shape[0];
			expect(set.X.shape).toEqual([n, 2]);
			expect(set.X.dtype).toBe('float32');
			expect(set.y.shape).toEqual([n]);
			expect(set.y.dtype).toBe('int32');
			const c = counts(set.y, k);
			expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(2);
		}
		// 301 = 101 + 100 + 100 (the first arm takes the extra point); moons put 101 // 2 = 50 on the upper one
		expect(counts(makeSpirals({ nSamples: 301, seed: 0 }).y, 3)).toEqual([101, 100, 100]);
		expect(counts(makeMoons({ nSamples: 101, seed: 0 }).y, 2)).toEqual([50, 51]);
	});

	it('are reproducible from the seed, and from manualSeed without one', () => {
		for (const make of [makeSpirals, makeMoons, makeCircles, makeXor]) {
			expect(make({ seed: 5, noise: 0.1 }).X.dataSync()).toEqual(make({ seed: 5, noise: 0.1 }).X.dataSync());
			expect(make({ seed: 5, noise: 0.1 }).X.dataSync()).not.toEqual(make({ seed: 6, noise: 0.1 }).X.dataSync());
			manualSeed(11);
			const a = make({ noise: 0.1 }).X.dataSync();
			manualSeed(11);
			expect(make({ noise: 0.1 }).X.dataSync()).toEqual(a);
		}
	});

	it('put noiseless circles at radius 1 and factor', () => {
		const { X, y } = makeCircles({ nSamples: 8, factor: 0.5, shuffle: false });
		// outer: 4 points at angles 0, π/2, π, 3π/2 (endpoint left out), label 0
		expect(radii(X).map((r) => +r.toFixed(6))).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
		expect([...y.dataSync()]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
		expect(X.dtype).toBe('float32');
		expect([...X.dataSync().slice(0, 4)].map((v) => +v.toFixed(6))).toEqual([1, 0, 0, 1]);
	});

	it('draw moons as scikit-learn does: upper arc from (1, 0) to (-1, 0), lower from (0, 0.5) to (2, 0.5)', () => {
		const { X, y } = makeMoons({ nSamples: 6, shuffle: false, dtype: 'float64' });
		const d = [...X.dataSync()].map((v) => +v.toFixed(12));
		// upper: t = 0, π/2, π → (cos t, sin t); lower: (1 - cos t, 1 - sin t - 0.5)
		expect(d).toEqual([1, 0, 0, 1, -1, 0, 0, 0.5, 1, -0.5, 2, 0.5]);
		expect([...y.dataSync()]).toEqual([0, 0, 0, 1, 1, 1]);
	});

	it('give the XOR truth table for 4 points in order', async () => {
		const { X, y } = makeXor({ nSamples: 4, shuffle: false });
		expect(await X.tolist()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
		expect(await y.tolist()).toEqual([0, 1, 1, 0]);
	});

	it('wind spiral arms out to radius 1, arm j starting at angle 2π j / arms', () => {
		const { X, y } = makeSpirals({ nSamples: 6, arms: 2, turns: 0.5, shuffle: false, dtype: 'float64' });
		const r = radii(X);
		// 3 points per arm at radius 1/3, 2/3, 1
		expect(r.map((v) => +v.toFixed(12))).toEqual([1 / 3, 2 / 3, 1, 1 / 3, 2 / 3, 1].map((v) => +v.toFixed(12)));
		// the last point of arm 0 has angle 2π (0 + 0.5 · 1) = π → (-1, 0); arm 1's has 2π (1/2 + 1/2) → (1, 0)
		const d = X.dataSync();
		expect([d[4], d[5], d[10], d[11]].map((v) => +v.toFixed(12) + 0)).toEqual([-1, 0, 1, 0]);
		expect([...y.dataSync()]).toEqual([0, 0, 0, 1, 1, 1]);
	});

	it('add Gaussian noise with the given standard deviation', () => {
		const clean = makeCircles({ nSamples: 4000, shuffle: false, seed: 1 }).X.dataSync();
		const noisy = makeCircles({ nSamples: 4000, shuffle: false, seed: 1, noise: 0.1, dtype: 'float64' }).X.dataSync();
		let sq = 0;
		for (let i = 0; i < clean.length; i++) sq += (noisy[i] - clean[i]) ** 2;
		// 8000 draws: the sample std is 0.1 within a few percent
		expect(Math.sqrt(sq / clean.length)).toBeCloseTo(0.1, 2);
	});

	it('explain bad arguments', () => {
		expect(() => makeCircles({ factor: 1 })).toThrow('makeCircles: factor is the inner radius over the outer one and must be in [0, 1), got 1');
		expect(() => makeMoons({ noise: -1 })).toThrow('makeMoons: noise is a standard deviation and must be >= 0, got -1');
		expect(() => makeSpirals({ arms: 1 })).toThrow('makeSpirals: arms must be an integer >= 2, got 1');
		expect(() => makeXor({ nSamples: 2.5 })).toThrow('makeXor: nSamples must be an integer >= 1, got 2.5');
	});
});

describe('makeSequenceTask', () => {
	it("'sum-sign': ±1 tokens [n, T, 1], labelled 1 exactly when their sum is positive", () => {
		const { X, y } = makeSequenceTask({ nSamples: 200, length: 7, seed: 0 });
		expect(X.shape).toEqual([200, 7, 1]);
		expect(y.shape).toEqual([200]);
		expect(y.dtype).toBe('int32');
		const x = X.dataSync();
		const labels = y.dataSync();
		for (let s = 0; s < 200; s++) {
			let sum = 0;
			for (let t = 0; t < 7; t++) {
				expect(Math.abs(x[s * 7 + t])).toBe(1);
				sum += x[s * 7 + t];
			}
			expect(labels[s]).toBe(sum > 0 ? 1 : 0);
		}
		// odd length: no ties, so both classes appear about equally
		const ones = [...labels].reduce((a, b) => a + b, 0);
		expect(ones).toBeGreaterThan(70);
		expect(ones).toBeLessThan(130);
	});

	it("'sine': the target is the next value of each wave", () => {
		const { X, y } = makeSequenceTask({ task: 'sine', nSamples: 20, length: 10, seed: 3, dtype: 'float64' });
		expect(X.shape).toEqual([20, 10, 1]);
		expect(y.shape).toEqual([20, 1]);
		const x = X.dataSync();
		const next = y.dataSync();
		for (let s = 0; s < 20; s++) {
			// a sine sampled at a fixed step satisfies x[t+1] = 2 cos(ω) x[t] - x[t-1]; find cos ω from t = 1
			const w = x.slice(s * 10, s * 10 + 10);
			const c = Math.abs(w[1]) > 0.2 ? (w[2] + w[0]) / (2 * w[1]) : (w[3] + w[1]) / (2 * w[2]);
			expect(next[s]).toBeCloseTo(2 * c * w[9] - w[8], 9);
		}
	});

	it('is reproducible and explains a bad task', () => {
		expect(makeSequenceTask({ seed: 4, noise: 0.1 }).X.dataSync()).toEqual(makeSequenceTask({ seed: 4, noise: 0.1 }).X.dataSync());
		// @ts-expect-error: not a task
		expect(() => makeSequenceTask({ task: 'parity' })).toThrow(`makeSequenceTask: task must be 'sum-sign' or 'sine', got "parity"`);
	});
});
