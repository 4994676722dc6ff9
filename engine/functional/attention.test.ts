import { describe, expect, it } from 'vitest';
import { randn, tensor, zeros } from '../creation';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { scaledDotProductAttention as sdpa } from './attention';

type Nested = number | Nested[];
const f64 = (data: Nested) => tensor(data as number[], { dtype: 'float64' });
const bool = (data: Nested) => tensor(data as number[], { dtype: 'int32' });
const close = (got: Tensor, expected: Nested, digits = 12) => {
	const e = [expected].flat(Infinity as 1) as number[];
	const g = Array.from(got.dataSync());
	expect(g.length).toBe(e.length);
	g.forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
};
const V = [[1, 2], [3, 4], [5, 6]];
// With q = 0 every score is 0, so each query averages the values of the keys it may attend to.
const Q0 = zeros([3, 2], { dtype: 'float64' });

describe('F.scaledDotProductAttention values', () => {
	it('is softmax(q kᵀ / sqrt(E)) v on a hand-worked example', () => {
		// scores = [1, 0] / sqrt(2); weights = [σ(1/√2), 1 - σ(1/√2)] = [0.669762, 0.330238]
		// out = 0.669762 * [1, 2] + 0.330238 * [3, 4] = [3 - 2 w0, 4 - 2 w0] = [1.660477, 2.660477]
		const out = sdpa(f64([[1, 0]]), f64([[1, 0], [0, 1]]), f64([[1, 2], [3, 4]]));
		expect(out.shape).toEqual([1, 2]);
		close(out, [[1.6604769013466862, 2.6604769013466862]]);
	});

	it('uses a given scale instead of 1/sqrt(E)', () => {
		// scale 0: uniform weights, out = mean of values
		close(sdpa(f64([[1, 0]]), f64([[1, 0], [0, 1]]), f64([[1, 2], [3, 4]]), { scale: 0 }), [[2, 3]]);
		// scale 2: scores [2, 0], w0 = σ(2)
		const w0 = 1 / (1 + Math.exp(-2));
		close(sdpa(f64([[1, 0]]), f64([[1, 0], [0, 1]]), f64([[1, 2], [3, 4]]), { scale: 2 }), [[3 - 2 * w0, 4 - 2 * w0]]);
	});

	it('isCausal masks keys after each query (top-left aligned when L != S)', () => {
		close(sdpa(Q0, Q0, f64(V), { isCausal: true }), [[1, 2], [2, 3], [3, 4]]);
		// L = 2, S = 3: row i sees keys 0..i
		close(sdpa(zeros([2, 2], { dtype: 'float64' }), Q0, f64(V), { isCausal: true }), [[1, 2], [2, 3]]);
		// L = 3, S = 2: the last row sees both keys
		close(sdpa(Q0, zeros([2, 2], { dtype: 'float64' }), f64([[1, 2], [3, 4]]), { isCausal: true }), [[1, 2], [2, 3], [2, 3]]);
	});

	it('reads an int32 mask as PyTorch bool: 1 = attend, 0 = masked out', () => {
		const mask = bool([[1, 0, 1], [0, 1, 1], [1, 1, 1]]);
		close(sdpa(Q0, Q0, f64(V), { attnMask: mask }), [[3, 4], [4, 5], [3, 4]]);
		// the same as the float mask 0 / -inf
		const float = f64([[0, -Infinity, 0], [-Infinity, 0, 0], [0, 0, 0]]);
		close(sdpa(Q0, Q0, f64(V), { attnMask: float }), [[3, 4], [4, 5], [3, 4]]);
	});

	it('adds a float mask to the scores', () => {
		// scores [0, ln 3] -> weights [1/4, 3/4]: out = [0.25 * 1 + 0.75 * 3, 0.25 * 2 + 0.75 * 4]
		const out = sdpa(zeros([1, 2], { dtype: 'float64' }), zeros([2, 2], { dtype: 'float64' }), f64([[1, 2], [3, 4]]), { attnMask: f64([[0, Math.log(3)]]) });
		close(out, [[2.5, 3.5]]);
	});

	it('gives 0 (not NaN) for a query whose keys are all masked, as PyTorch >= 2.5, with zero gradient there', () => {
		manualSeed(1);
		const q = randn([3, 2], { dtype: 'float64', requiresGrad: true });
		const k = randn([3, 2], { dtype: 'float64', requiresGrad: true });
		const v = randn([3, 2], { dtype: 'float64', requiresGrad: true });
		const mask = bool([[1, 1, 0], [0, 0, 0], [1, 0, 1]]);
		const out = sdpa(q, k, v, { attnMask: mask });
		close(out.narrow(0, 1, 1), [[0, 0]]);
		out.sum().backward();
		close(q.grad!.narrow(0, 1, 1), [[0, 0]]);
		for (const g of [q.grad!, k.grad!, v.grad!]) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
	});

	it('broadcasts a [L, S] mask over batch and heads', () => {
		manualSeed(2);
		const q = randn([2, 3, 4, 5], { dtype: 'float64' });
		const k = randn([2, 3, 6, 5], { dtype: 'float64' });
		const v = randn([2, 3, 6, 2], { dtype: 'float64' });
		const mask = randn([4, 6], { dtype: 'float64' });
		const out = sdpa(q, k, v, { attnMask: mask });
		expect(out.shape).toEqual([2, 3, 4, 2]);
		const manual = q.matmul(k.mT).div(Math.sqrt(5)).add(mask).softmax(-1).matmul(v);
		close(out, Array.from(manual.dataSync()));
	});

	it('repeats key/value heads with enableGqa', () => {
		manualSeed(3);
		const q = randn([1, 4, 2, 3], { dtype: 'float64' });
		const k = randn([1, 2, 5, 3], { dtype: 'float64' });
		const v = randn([1, 2, 5, 3], { dtype: 'float64' });
		const out = sdpa(q, k, v, { enableGqa: true });
		// query heads 0, 1 use kv head 0; heads 2, 3 use kv head 1 (repeat_interleave)
		for (let head = 0; head < 4; head++) {
			const kv = Math.floor(head / 2);
			const one = sdpa(q.narrow(1, head, 1), k.narrow(1, kv, 1), v.narrow(1, kv, 1));
			close(out.narrow(1, head, 1), Array.from(one.dataSync()));
		}
		expect(() => sdpa(q, randn([1, 3, 5, 3], { dtype: 'float64' }), randn([1, 3, 5, 3], { dtype: 'float64' }), { enableGqa: true })).toThrow(/must divide the query heads/);
	});

	it('applies dropout to the weights whenever dropoutP > 0', () => {
		close(sdpa(Q0, Q0, f64(V), { dropoutP: 1 }), [[0, 0], [0, 0], [0, 0]]);
		manualSeed(4);
		const out = sdpa(Q0, Q0, f64(V), { dropoutP: 0.5 });
		// weights are 1/3 each; a kept one becomes 1/3 / (1 - 0.5) = 2/3, so each row is 2/3 * (sum of a subset
		// of the rows of V): 1.5 * row = m · V for a 0/1 vector m.
		const subsets = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => [0, 1].map((c) => V.reduce((acc, row, j) => acc + ((m >> j) & 1 ? row[c] : 0), 0)));
		const rows = out.dataSync();
		for (let i = 0; i < 3; i++) {
			const scaled = [1.5 * rows[2 * i], 1.5 * rows[2 * i + 1]];
			expect(subsets.some(([a, b]) => Math.abs(a - scaled[0]) < 1e-12 && Math.abs(b - scaled[1]) < 1e-12)).toBe(true);
		}
	});

	it('rejects bad inputs with teaching errors', () => {
		expect(() => sdpa(Q0, Q0, f64(V), { isCausal: true, attnMask: bool([[1]]) })).toThrow(/attnMask should not be set when isCausal/);
		expect(() => sdpa(Q0, zeros([3, 4], { dtype: 'float64' }), f64(V))).toThrow(/must share their last dim \(E\)/);
		expect(() => sdpa(Q0, Q0, f64([[1, 2]]))).toThrow(/same sequence length S/);
		expect(() => sdpa(Q0, Q0, tensor(V))).toThrow(/same dtype/);
		expect(() => sdpa(f64([1, 2]), Q0, f64(V))).toThrow(/at least 2 dims/);
		expect(() => sdpa(Q0, Q0, f64(V), { attnMask: bool([[1, 0]]) })).toThrow(/attnMask \(expects \[\.\.\., L=3, S=3\]\)/);
	});
});

describe('F.scaledDotProductAttention gradcheck (float64)', () => {
	const g = (shape: number[]) => randn(shape, { dtype: 'float64', requiresGrad: true });
	it('q, k, v and a float mask', () => {
		manualSeed(5);
		const r = gradcheck((q, k, v, m) => sdpa(q, k, v, { attnMask: m }), [g([2, 2, 3, 4]), g([2, 2, 5, 4]), g([2, 2, 5, 3]), g([3, 5])]);
		expect(r.ok, r.message).toBe(true);
	});
	it('causal, with a scale', () => {
		manualSeed(6);
		const r = gradcheck((q, k, v) => sdpa(q, k, v, { isCausal: true, scale: 0.7 }), [g([2, 4, 3]), g([2, 4, 3]), g([2, 4, 2])]);
		expect(r.ok, r.message).toBe(true);
	});
	it('boolean mask with a fully masked row', () => {
		manualSeed(7);
		const mask = bool([[1, 0, 1], [0, 0, 0]]);
		const r = gradcheck((q, k, v) => sdpa(q, k, v, { attnMask: mask }), [g([2, 2]), g([3, 2]), g([3, 2])]);
		expect(r.ok, r.message).toBe(true);
	});
});
