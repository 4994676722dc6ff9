import { describe, expect, it } from 'vitest';
import { noGrad } from '../autograd';
import { eye, randn, tensor, zeros } from '../creation';
import { cat } from '../ops/index';
import { manualSeed } from '../random';
import { gradcheck } from '../testing/gradcheck';
import type { Tensor } from '../tensor';
import { MultiheadAttention } from './attention';

const f64 = (shape: number[], requiresGrad = false) => randn(shape, { dtype: 'float64', requiresGrad });
const expectClose = (got: Tensor, expected: Tensor | number[], digits = 12) => {
	const e = Array.isArray(expected) ? expected : Array.from(expected.dataSync());
	if (!Array.isArray(expected)) expect(got.shape).toEqual(expected.shape);
	const g = Array.from(got.dataSync());
	expect(g.length).toBe(e.length);
	g.forEach((v, i) => expect(v).toBeCloseTo(e[i], digits));
};
const flat = (...ts: Tensor[]) => cat(ts.map((t) => t.reshape(-1)), 0);

/**
 * The definition written out: project, split heads, softmax(q kᵀ / sqrt(hd) + mask) v, merge heads, project.
 * Inputs are sequence-first [L, B, E]; mask is additive [B, H, L, S] or broadcastable.
 */
function reference(m: MultiheadAttention, query: Tensor, key: Tensor, value: Tensor, mask: Tensor | null = null): [Tensor, Tensor] {
	const s = m.stateDict();
	const E = m.embedDim;
	const H = m.numHeads;
	const hd = E / H;
	const [wq, wk, wv] = s.in_proj_weight ? s.in_proj_weight.chunk(3, 0) : [s.q_proj_weight, s.k_proj_weight, s.v_proj_weight];
	const [bq, bk, bv] = s.in_proj_bias.chunk(3, 0);
	const heads = (x: Tensor) => x.reshape(x.shape[0], x.shape[1], H, hd).permute(1, 2, 0, 3); // [B, H, seq, hd]
	const q = heads(query.matmul(wq.t()).add(bq));
	const k = heads(key.matmul(wk.t()).add(bk));
	const v = heads(value.matmul(wv.t()).add(bv));
	let scores = q.matmul(k.mT).div(Math.sqrt(hd));
	if (mask) scores = scores.add(mask);
	const w = scores.softmax(-1);
	const merged = w.matmul(v).permute(2, 0, 1, 3).reshape(query.shape[0], query.shape[1], E);
	return [merged.matmul(s['out_proj.weight'].t()).add(s['out_proj.bias']), w.mean(1)];
}

describe('nn.MultiheadAttention parameters', () => {
	it('are named, shaped and initialised as PyTorch', () => {
		manualSeed(0);
		const mha = new MultiheadAttention(8, 2);
		expect(mha.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['in_proj_weight', [24, 8]], ['in_proj_bias', [24]], ['out_proj.weight', [8, 8]], ['out_proj.bias', [8]],
		]);
		// xavier_uniform on [3E, E]: bound sqrt(6 / (E + 3E)) = sqrt(6 / 32)
		const w = Array.from(mha.in_proj_weight!.dataSync()).map(Math.abs);
		expect(Math.max(...w)).toBeLessThanOrEqual(Math.sqrt(6 / 32));
		expect(Math.max(...w)).toBeGreaterThan(0.9 * Math.sqrt(6 / 32));
		expect(Array.from(mha.in_proj_bias!.dataSync()).every((v) => v === 0)).toBe(true);
		expect(Array.from(mha.out_proj.bias!.dataSync()).every((v) => v === 0)).toBe(true);
		// out_proj.weight keeps Linear's default U(-1/sqrt(8), 1/sqrt(8))
		expect(Math.max(...Array.from(mha.out_proj.weight.dataSync()).map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(8));
	});

	it('uses separate q/k/v weights when kdim or vdim differ, and drops biases with bias: false', () => {
		const mha = new MultiheadAttention(4, 2, { kdim: 3, vdim: 5, addBiasKv: true });
		expect(mha.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['q_proj_weight', [4, 4]], ['k_proj_weight', [4, 3]], ['v_proj_weight', [4, 5]], ['in_proj_bias', [12]],
			['bias_k', [1, 1, 4]], ['bias_v', [1, 1, 4]], ['out_proj.weight', [4, 4]], ['out_proj.bias', [4]],
		]);
		expect(Object.keys(new MultiheadAttention(4, 2, { bias: false }).stateDict())).toEqual(['in_proj_weight', 'out_proj.weight']);
		expect(() => new MultiheadAttention(6, 4)).toThrow(/embedDim \(6\) must be divisible by numHeads \(4\)/);
	});
});

describe('nn.MultiheadAttention forward', () => {
	it('with identity projections is scaled dot-product attention (hand-worked)', () => {
		// E = 2, one head, in_proj = [I; I; I], out_proj = I, zero biases. query [1, 0], keys [1, 0] and [0, 1]:
		// weights = softmax([1, 0] / sqrt(2)) = [0.669762, 0.330238]; values [1, 2], [3, 4] give [1.660477, 2.660477].
		const mha = new MultiheadAttention(2, 1).double();
		noGrad(() => {
			mha.in_proj_weight!.copy_(cat([eye(2), eye(2), eye(2)], 0));
			mha.out_proj.weight.copy_(eye(2));
		});
		const t = (d: number[][]) => tensor(d, { dtype: 'float64' });
		const [out, w] = mha.forward(t([[1, 0]]), t([[1, 0], [0, 1]]), t([[1, 2], [3, 4]]));
		expectClose(out, [1.6604769013466862, 2.6604769013466862]);
		expectClose(w!, [0.6697615493266569, 0.3302384506733431]);
		expect([out.shape, w!.shape]).toEqual([[1, 2], [1, 2]]);
	});

	it('matches the definition with several heads, in both the weights path and the SDPA path', () => {
		manualSeed(1);
		const mha = new MultiheadAttention(4, 2).double();
		noGrad(() => mha.in_proj_bias!.copy_(f64([12])));
		const [q, k, v] = [f64([3, 2, 4]), f64([5, 2, 4]), f64([5, 2, 4])];
		const [refOut, refW] = reference(mha, q, k, v);
		const [out, w] = mha.forward(q, k, v);
		expectClose(out, refOut);
		expectClose(w!, refW);
		const [out2, none] = mha.forward(q, k, v, { needWeights: false });
		expect(none).toBeNull();
		expectClose(out2, refOut);
		expect(mha.forward(q, k, v, { averageAttnWeights: false })[1]!.shape).toEqual([2, 2, 3, 5]);
		// separate projections (kdim, vdim)
		const cross = new MultiheadAttention(4, 2, { kdim: 3, vdim: 2 }).double();
		const [k2, v2] = [f64([5, 2, 3]), f64([5, 2, 2])];
		expectClose(cross.forward(q, k2, v2)[0], reference(cross, q, k2, v2)[0]);
	});

	it('keyPaddingMask (int32: 1 = ignore) and attnMask (int32: 1 = not allowed) as PyTorch', () => {
		manualSeed(2);
		const mha = new MultiheadAttention(4, 2).double();
		const [q, k, v] = [f64([3, 2, 4]), f64([4, 2, 4]), f64([4, 2, 4])];
		const kpm = tensor([[0, 0, 1, 1], [0, 0, 0, 1]], { dtype: 'int32' }); // [B, S]
		const causal = tensor([[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]], { dtype: 'int32' }); // [L, S]
		const bias = (m: number[][]) => tensor(m.map((r) => r.map((x) => (x ? -Infinity : 0))), { dtype: 'float64' });
		// additive mask [B, 1, L, S]: padding of each batch row, plus the causal part, shared by heads
		const kpmBias = bias([[0, 0, 1, 1], [0, 0, 0, 1]]).reshape(2, 1, 1, 4);
		const causalBias = bias([[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]]);
		const [refOut, refW] = reference(mha, q, k, v, kpmBias.add(causalBias));
		const [out, w] = mha.forward(q, k, v, { keyPaddingMask: kpm, attnMask: causal });
		expectClose(out, refOut);
		expectClose(w!, refW);
		expect(w!.narrow(0, 0, 1).narrow(2, 2, 2).abs().sum().dataSync()[0]).toBe(0); // padded keys get no weight
		// the same masks as floats, and through the SDPA path
		expectClose(mha.forward(q, k, v, { keyPaddingMask: bias([[0, 0, 1, 1], [0, 0, 0, 1]]), attnMask: causalBias })[0], refOut);
		expectClose(mha.forward(q, k, v, { keyPaddingMask: kpm, attnMask: causal, needWeights: false })[0], refOut);
		// a 3-D mask [B * H, L, S]
		const mask3 = cat([causalBias.unsqueeze(0), causalBias.unsqueeze(0), zeros([2, 3, 4], { dtype: 'float64' })], 0);
		const [ref3] = reference(mha, q, k, v, mask3.reshape(2, 2, 3, 4));
		expectClose(mha.forward(q, k, v, { attnMask: mask3 })[0], ref3);
		expectClose(mha.forward(q, k, v, { attnMask: mask3, needWeights: false })[0], ref3);
	});

	it('isCausal is a hint that needs attnMask; without weights or padding it selects the causal mask', () => {
		manualSeed(3);
		const mha = new MultiheadAttention(4, 1).double();
		const x = f64([3, 1, 4]);
		const causal = tensor([[0, 1, 1], [0, 0, 1], [0, 0, 0]], { dtype: 'int32' });
		expect(() => mha.forward(x, x, x, { isCausal: true })).toThrow(/needs attnMask/);
		const [ref] = mha.forward(x, x, x, { attnMask: causal });
		expectClose(mha.forward(x, x, x, { attnMask: causal, isCausal: true, needWeights: false })[0], ref);
		// PyTorch drops attnMask in that case, so even a non-causal mask gives the causal result
		const open = zeros([3, 3], { dtype: 'float64' });
		expectClose(mha.forward(x, x, x, { attnMask: open, isCausal: true, needWeights: false })[0], ref);
	});

	it('batchFirst is a transpose, unbatched input is batch 1', () => {
		manualSeed(4);
		const seqFirst = new MultiheadAttention(4, 2).double();
		const batchFirst = new MultiheadAttention(4, 2, { batchFirst: true }).double();
		batchFirst.loadStateDict(seqFirst.stateDict());
		const [q, k] = [f64([3, 2, 4]), f64([5, 2, 4])];
		const [o1, w1] = seqFirst.forward(q, k, k);
		const [o2, w2] = batchFirst.forward(q.transpose(0, 1), k.transpose(0, 1), k.transpose(0, 1));
		expectClose(o2, o1.transpose(0, 1));
		expectClose(w2!, w1!);
		const [o3, w3] = seqFirst.forward(q.narrow(1, 1, 1).squeeze(1), k.narrow(1, 1, 1).squeeze(1), k.narrow(1, 1, 1).squeeze(1));
		expectClose(o3, o1.narrow(1, 1, 1).squeeze(1));
		expectClose(w3!, w1!.narrow(0, 1, 1).squeeze(0));
	});

	it('a fully masked query: NaN with needWeights (softmax path), 0 then out_proj without (SDPA path), as PyTorch', async () => {
		manualSeed(5);
		const mha = new MultiheadAttention(4, 2).double();
		noGrad(() => mha.out_proj.bias!.copy_(tensor([1, 2, 3, 4], { dtype: 'float64' })));
		const x = f64([2, 1, 4]);
		const all = tensor([[1, 1]], { dtype: 'int32' });
		const [out, w] = mha.forward(x, x, x, { keyPaddingMask: all });
		expect(Array.from(out.dataSync()).every(Number.isNaN)).toBe(true);
		expect(Array.from(w!.dataSync()).every(Number.isNaN)).toBe(true);
		const [out2] = mha.forward(x, x, x, { keyPaddingMask: all, needWeights: false });
		expectClose(out2, [1, 2, 3, 4, 1, 2, 3, 4]);
	});

	it('addZeroAttn and addBiasKv append a key/value that masks do not cover', () => {
		manualSeed(6);
		const x = f64([2, 1, 4]);
		const all = tensor([[1, 1]], { dtype: 'int32' });
		// every real key is padded away, so all weight goes to the appended zero key: output = out_proj(0) = bias
		const zero = new MultiheadAttention(4, 2, { addZeroAttn: true }).double();
		const [o1, w1] = zero.forward(x, x, x, { keyPaddingMask: all });
		expectClose(o1, Array(8).fill(0));
		expectClose(w1!, [0, 0, 1, 0, 0, 1]);
		// with bias_k/bias_v, the appended value is bias_v (already projected): output = bias_v W_oᵀ + b_o
		const kv = new MultiheadAttention(4, 2, { addBiasKv: true }).double();
		const [o2, w2] = kv.forward(x, x, x, { keyPaddingMask: all });
		const expected = kv.bias_v!.reshape(1, 4).matmul(kv.out_proj.weight.t()).add(kv.out_proj.bias!);
		expectClose(o2, Array.from(expected.dataSync()).concat(Array.from(expected.dataSync())));
		expect(w2!.shape).toEqual([1, 2, 3]);
	});

	it('drops attention weights in training only', () => {
		manualSeed(7);
		const mha = new MultiheadAttention(4, 2, { dropout: 1 }).double();
		const x = f64([3, 2, 4]);
		// p = 1: every weight is dropped, so the attention output is 0 and out_proj gives its (zero) bias
		expectClose(mha.forward(x, x, x)[0], Array(24).fill(0));
		expectClose(mha.forward(x, x, x, { needWeights: false })[0], Array(24).fill(0));
		mha.eval();
		expectClose(mha.forward(x, x, x)[0], reference(mha, x, x, x)[0]);
	});

	it('rejects mismatched shapes with teaching errors', () => {
		const mha = new MultiheadAttention(4, 2);
		const x = randn([3, 2, 4]);
		expect(() => mha.forward(randn([3, 2, 5]), x, x)).toThrow(/query has 5 features but embedDim is 4/);
		expect(() => mha.forward(x, randn([3, 4]), x)).toThrow(/expected key and value to be 3-D/);
		expect(() => mha.forward(x, x, randn([4, 2, 4]))).toThrow(/must have the same shape/);
		expect(() => mha.forward(x, x, x, { attnMask: zeros([3, 4]) })).toThrow(/2-D attnMask has shape \[3, 4\], but should be \[3, 3\]/);
		expect(() => mha.forward(x, x, x, { attnMask: zeros([2, 3, 3]) })).toThrow(/should be \[4, 3, 3\]/);
		expect(() => mha.forward(x, x, x, { keyPaddingMask: zeros([2, 4]) })).toThrow(/expected keyPaddingMask of shape \[2, 3\]/);
		expect(() => mha.forward(randn([4]), randn([4]), randn([4]))).toThrow(/unbatched 2-D \[L, E\] or batched 3-D/);
	});
});

describe('nn.MultiheadAttention gradcheck (float64: query, key, value and every parameter)', () => {
	it('weights path with masks', () => {
		manualSeed(8);
		const mha = new MultiheadAttention(4, 2).double();
		const kpm = tensor([[0, 0, 1], [0, 0, 0]], { dtype: 'int32' });
		// the float attnMask is differentiable too, as in PyTorch
		const r = gradcheck(
			(q, k, v, mask) => flat(...(mha.forward(q, k, v, { keyPaddingMask: kpm, attnMask: mask }) as Tensor[])),
			[f64([2, 2, 4], true), f64([3, 2, 4], true), f64([3, 2, 4], true), f64([2, 3], true), ...mha.parameters()],
		);
		expect(r.ok, r.message).toBe(true);
	});

	it('SDPA path, separate projections, bias_k/bias_v and a zero key', () => {
		manualSeed(9);
		const mha = new MultiheadAttention(4, 2, { kdim: 3, vdim: 2, addBiasKv: true, addZeroAttn: true, batchFirst: true }).double();
		const r = gradcheck(
			(q, k, v) => mha.forward(q, k, v, { needWeights: false })[0],
			[f64([2, 2, 4], true), f64([2, 3, 3], true), f64([2, 3, 2], true), ...mha.parameters()],
		);
		expect(r.ok, r.message).toBe(true);
	});
});
