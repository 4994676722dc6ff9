// The WebGPU check page's cases (src/lib/webgpu-check/cases.ts), run in Node on the `webgpu` package's adapter
// (SwiftShader here); tests/e2e/webgpu.spec.ts runs the same cases in a browser worker.
import { describe, expect, it } from 'vitest';
import { CASES, compare, runChecks } from '../../src/lib/webgpu-check/cases';
import { itOnWebgpu } from '../../engine/testing/webgpu';

describe('WebGPU check cases', () => {
	it('compare: tolerance, NaN, infinities and signed zeros', () => {
		const tol = { rtol: 1e-5, atol: 1e-6 };
		expect(compare([1, NaN, Infinity, -0], [1 + 1e-7, NaN, Infinity, 0], tol)).toEqual({ maxAbsError: expect.any(Number), maxRelError: expect.any(Number), ok: true });
		expect(compare([1.001], [1], tol).ok).toBe(false);
		expect(compare([NaN], [1], tol)).toMatchObject({ ok: false, maxAbsError: Infinity });
		expect(compare([Infinity], [-Infinity], tol).ok).toBe(false);
		expect(compare([1], [1, 2], tol).ok).toBe(false);
	});

	itOnWebgpu('every case matches the CPU within its tolerance', async () => {
		const results = await runChecks();
		expect(results.length).toBeGreaterThan(CASES.length);
		const bad = results.filter((r) => !r.ok).map((r) => `${r.name}: max abs ${r.maxAbsError}, max rel ${r.maxRelError}`);
		expect(bad, bad.join('\n')).toEqual([]);
	}, 120_000);
});
