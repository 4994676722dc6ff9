// The WGSL math helpers (kernels/webgpu/math.wgsl) against float64 references on dense grids: WGSL's own
// builtins may be accurate to only ~11 bits (Vulkan's sin/cos) or an absolute 2^-21 (log near 1).
import { describe, expect } from 'vitest';
import { tensor, type Tensor } from 'chainrule';
import { erf } from '../../../engine/ops/unary/unary';
import { itOnWebgpu } from '../../../engine/testing/webgpu';

function grid(lo: number, hi: number, n: number): Float32Array {
	return Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** Largest error in units of float32 spacing at the exact value (at least 2^-126). */
async function maxUlps(got: Tensor, xs: Float32Array, exact: (x: number) => number): Promise<{ ulps: number; at: number }> {
	const values = await got.data();
	let worst = { ulps: 0, at: NaN };
	for (let i = 0; i < xs.length; i++) {
		const e = exact(xs[i]);
		const ulp = 2 ** Math.max(Math.floor(Math.log2(Math.abs(e) || 2 ** -126)) - 23, -149);
		const ulps = Math.abs(values[i] - e) / ulp;
		if (ulps > worst.ulps) worst = { ulps, at: xs[i] };
	}
	return worst;
}

describe('WGSL math helpers', () => {
	itOnWebgpu('erf is within 4 ulp of the float64 erf on [-6, 6]', async () => {
		const xs = grid(-6, 6, 24001);
		const { ulps, at } = await maxUlps(tensor(xs, { device: 'webgpu' }).erf(), xs, erf);
		expect(ulps, `at x = ${at}`).toBeLessThanOrEqual(4);
	});

	itOnWebgpu('sin and cos are within 2e-7 absolute on [-100, 100]', async () => {
		const xs = grid(-100, 100, 20001);
		const x = tensor(xs, { device: 'webgpu' });
		for (const [name, f, exact] of [['sin', x.sin(), Math.sin], ['cos', x.cos(), Math.cos]] as const) {
			const got = await f.data();
			const worst = Math.max(...xs.map((v, i) => Math.abs(got[i] - exact(v))));
			expect(worst, name).toBeLessThan(2e-7);
		}
	});

	itOnWebgpu('log, log1p, expm1 and tanh are within 8 ulp, including near 0 and near 1', async () => {
		const near = grid(-0.45, 0.45, 9001);
		const pos = grid(0.05, 4, 9001);
		const cases: [string, Float32Array, (t: Tensor) => Tensor, (x: number) => number][] = [
			['log', pos, (t) => t.log(), Math.log],
			['log1p', near, (t) => t.log1p(), Math.log1p],
			['expm1', near, (t) => t.expm1(), Math.expm1],
			['tanh', grid(-10, 10, 9001), (t) => t.tanh(), Math.tanh],
		];
		for (const [name, xs, f, exact] of cases) {
			const { ulps, at } = await maxUlps(f(tensor(xs, { device: 'webgpu' })), xs, exact);
			expect(ulps, `${name} at x = ${at}`).toBeLessThanOrEqual(8);
		}
	});

	itOnWebgpu('pow keeps the sign of negative bases with integer exponents, as the CPU', async () => {
		const a = tensor([-2, -2, -0.5, -3, 0, -0, 2, -1, 1, 4], { device: 'webgpu' });
		const b = tensor([3, 2, -3, 0.5, -1, -1, 0.5, Infinity, NaN, -0.5], { device: 'webgpu' });
		const got = Array.from(await a.pow(b).data());
		expect(got).toEqual([-8, 4, -8, NaN, Infinity, -Infinity, Math.fround(Math.SQRT2), 1, 1, 0.5]);
		const x = grid(0.5, 1.5, 2001);
		// NOTE: x^y = exp(y ln x) in float32 loses |y ln x| ulps in the product and exp adds its own: the error
		// grows with |y ln x| (up to 16 here for 30.5), about 3 ulps per unit of |y ln x|
		for (const [e, bound] of [[1.7, 16], [-2.3, 16], [30.5, 64]]) {
			const { ulps, at } = await maxUlps(tensor(x, { device: 'webgpu' }).pow(e), x, (v) => v ** e);
			expect(ulps, `x^${e} at x = ${at}`).toBeLessThanOrEqual(bound);
		}
	});
});
