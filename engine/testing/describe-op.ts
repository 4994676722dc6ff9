import { describe, expect, it } from 'vitest';
import { tensor, randn, rand } from '../creation';
import type { NestedNumbers } from '../creation';
import { manualSeed } from '../random';
import type { Tensor } from '../tensor';
import { gradcheck } from './gradcheck';
import { compareArrays } from './compare';
import { caseOnWebgpu, randomOnWebgpu } from './describe-op-webgpu';

export interface OpCase {
	name: string;
	/** Inputs as nested arrays (float64 unless `dtype` says otherwise). */
	inputs: NestedNumbers[];
	/** Expected output as nested arrays, or an error message the op must throw. */
	expect?: NestedNumbers;
	throws?: string | RegExp;
	dtype?: 'float32' | 'float64';
	rtol?: number;
	atol?: number;
	/** Tolerance of the WebGPU run against the CPU, both float32 (default WEBGPU_TOLERANCE). */
	webgpu?: { rtol?: number; atol?: number };
}

export interface GradcheckCase {
	name?: string;
	/** Shapes of random float64 inputs (standard normal unless `sample` says otherwise). */
	shapes: number[][];
	/** How to draw inputs: 'normal' (default), 'positive' (uniform 0.5..2), or a function of a normal draw. */
	sample?: 'normal' | 'positive' | ((x: Tensor) => Tensor);
	/** Inputs (by position) that are not differentiated (e.g. targets, indices). */
	constant?: number[];
	/** Extra non-random inputs appended after the random ones. */
	extra?: () => Tensor[];
	rtol?: number;
}

export interface OpSuite {
	/** Runs the op under test on tensor inputs. */
	run: (...inputs: Tensor[]) => Tensor;
	cases?: OpCase[];
	gradcheck?: GradcheckCase[];
	/** Tolerances of WebGPU against the CPU (float32): cases, and random inputs' outputs and gradients. */
	webgpu?: { rtol?: number; atol?: number; gradRtol?: number };
}

/**
 * The shared op test: hand-checked cases (in float64 and float32) and float64 gradchecks on the CPU; then, on
 * WebGPU in float32 (a visible skip without an adapter), every case and every gradcheck's random inputs
 * (forward and gradients) compared with the CPU's float32 results.
 */
export function describeOp(name: string, suite: OpSuite): void {
	describe(`op ${name}`, () => {
		for (const c of suite.cases ?? []) {
			for (const dtype of c.dtype ? [c.dtype] : (['float64', 'float32'] as const)) {
				it(`${c.name} (${dtype})`, async () => {
					const inputs = c.inputs.map((x) => tensor(x, { dtype }));
					if (c.throws !== undefined) {
						expect(() => suite.run(...inputs)).toThrow(c.throws);
						return;
					}
					const out = suite.run(...inputs);
					const expected = tensor(c.expect!, { dtype: 'float64' });
					expect(out.shape).toEqual(expected.shape);
					const tol = dtype === 'float64' ? { rtol: c.rtol ?? 1e-12, atol: c.atol ?? 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
					const cmp = compareArrays(await out.data(), await expected.data(), expected.shape, tol);
					expect(cmp.ok, `worst at [${cmp.worst?.index}]: got ${cmp.worst?.got}, expected ${cmp.worst?.expected}`).toBe(true);
				});
			}
		}
		(suite.gradcheck ?? []).forEach((g, k) => {
			it(`gradcheck ${g.name ?? g.shapes.map((s) => `[${s}]`).join(' ')}${k ? ` #${k}` : ''}`, () => {
				manualSeed(1000 + k);
				const inputs = g.shapes.map((shape, i) => {
					let x = g.sample === 'positive' ? rand(shape, { dtype: 'float64' }).mul(1.5).add(0.5) : randn(shape, { dtype: 'float64' });
					if (typeof g.sample === 'function') x = g.sample(x);
					x = x.detach();
					if (!(g.constant ?? []).includes(i)) x.requiresGrad = true;
					return x;
				});
				const extra = g.extra ? g.extra() : [];
				const result = gradcheck((...xs) => suite.run(...xs, ...extra), inputs, { rtol: g.rtol ?? 1e-6 });
				expect(result.ok, result.message).toBe(true);
			});
		});
		describe('webgpu float32 vs cpu', () => {
			for (const c of suite.cases ?? []) it(c.name, (ctx) => caseOnWebgpu(ctx, suite, c));
			(suite.gradcheck ?? []).forEach((g, k) => {
				it(`random ${g.name ?? g.shapes.map((s) => `[${s}]`).join(' ')}${k ? ` #${k}` : ''}: forward and gradients`, (ctx) =>
					randomOnWebgpu(ctx, suite, g, k));
			});
		});
	});
}
