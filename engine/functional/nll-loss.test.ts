import { describe, expect, it } from 'vitest';
import { tensor, rand, randn, manualSeed, gradcheck, F, type Tensor, type NestedNumbers } from 'chainrule';

const f64 = (x: NestedNumbers) => tensor(x, { dtype: 'float64' });
const i32 = (x: NestedNumbers) => tensor(x, { dtype: 'int32' });

async function expectValues(t: Tensor, expected: NestedNumbers, rtol = 1e-12): Promise<void> {
	const want = f64(expected);
	expect(t.shape).toEqual(want.shape);
	const got = await t.data();
	const exp = await want.data();
	got.forEach((g, i) => {
		const e = exp[i];
		if (Number.isNaN(e)) expect(g).toBeNaN();
		else expect(Math.abs(g - e), `element ${i}: got ${g}, expected ${e}`).toBeLessThanOrEqual(rtol * Math.abs(e) + 1e-15);
	});
}

function expectGradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
	const r = gradcheck(fn, inputs);
	expect(r.ok, r.message).toBe(true);
}

describe('nllLoss', () => {
	// picks -input[n, target[n]]: -(-3) = 3 and -(-0.5) = 0.5
	const logp = f64([[-1, -2, -3], [-0.5, -1.5, -2.5]]);
	const target = i32([2, 0]);
	const weight = f64([1, 2, 4]);
	it('picks -input[n, y] and reduces', async () => {
		await expectValues(F.nllLoss(logp, target, { reduction: 'none' }), [3, 0.5]);
		await expectValues(F.nllLoss(logp, target), 1.75);
		await expectValues(F.nllLoss(logp, target, { reduction: 'sum' }), 3.5);
	});
	it("with weights, 'mean' divides by the summed weights of the targets", async () => {
		// [4 * 3, 1 * 0.5]; mean = 12.5 / (4 + 1)
		await expectValues(F.nllLoss(logp, target, { weight, reduction: 'none' }), [12, 0.5]);
		await expectValues(F.nllLoss(logp, target, { weight }), 2.5);
		await expectValues(F.nllLoss(logp, target, { weight, reduction: 'sum' }), 12.5);
	});
	it('skips ignoreIndex targets: no loss and not counted by the mean', async () => {
		// target [2, -100]: [12, 0]; mean = 12 / 4
		await expectValues(F.nllLoss(logp, i32([2, -100]), { weight, reduction: 'none' }), [12, 0]);
		await expectValues(F.nllLoss(logp, i32([2, -100]), { weight }), 3);
		// ignoreIndex 0 with targets [2, 0]: [3, 0]; mean 3 / 1
		await expectValues(F.nllLoss(logp, target, { ignoreIndex: 0 }), 3);
		// every target ignored: 0 / 0 = NaN, as PyTorch
		await expectValues(F.nllLoss(logp, i32([-100, -100])), NaN);
	});
	it('takes integer-valued float targets', async () => {
		await expectValues(F.nllLoss(logp, f64([2, 0])), 1.75);
	});
	it('handles [N, C, d] inputs and unbatched [C] inputs', async () => {
		// N = 1, C = 2, d = 3: targets [0, 1, 0] pick -(-1), -(-5), -(-3)
		const x = f64([[[-1, -2, -3], [-4, -5, -6]]]);
		await expectValues(F.nllLoss(x, i32([[0, 1, 0]]), { reduction: 'none' }), [[1, 5, 3]]);
		await expectValues(F.nllLoss(x, i32([[0, 1, 0]])), 3);
		// unbatched: input [C], target a scalar; 'none' gives a scalar
		await expectValues(F.nllLoss(f64([-1, -2, -3]), i32(1), { reduction: 'none' }), 2);
		await expectValues(F.nllLoss(f64([-1, -2, -3]), i32(1), { weight }), 2);
	});
	it('sends -w[y] / Σw to input[n, y] and nothing elsewhere', async () => {
		const x = logp.detach().requiresGrad_();
		F.nllLoss(x, target, { weight }).backward();
		await expectValues(x.grad!, [[0, 0, -4 / 5], [-1 / 5, 0, 0]]);
	});
	it('gradchecks (weights, ignoreIndex, K dims, all reductions)', () => {
		manualSeed(11);
		const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
		const w = rand([3], { dtype: 'float64' }).add(0.5);
		const t = i32([0, 2, -100, 1]);
		for (const reduction of ['mean', 'sum', 'none'] as const) expectGradcheck((a) => F.nllLoss(a, t, { weight: w, reduction }), [x]);
		const x3 = randn([2, 3, 4], { dtype: 'float64', requiresGrad: true });
		expectGradcheck((a) => F.nllLoss(a, i32([[0, 1, 2, 1], [2, 2, 0, -100]]), { weight: w }), [x3]);
	});
	it('names a bad class index and C', () => {
		expect(() => F.nllLoss(logp, i32([2, 3]))).toThrow('nllLoss: target class 3 at [1] is out of range for C = 3 classes (valid: 0..2, or ignoreIndex -100)');
		expect(() => F.nllLoss(logp, i32([-1, 0]))).toThrow('target class -1 at [0]');
		expect(() => F.nllLoss(logp, f64([1.5, 0]))).toThrow('nllLoss: target holds 1.5 at [0], but class indices must be whole numbers');
	});
	it('explains shape mismatches', () => {
		expect(() => F.nllLoss(logp, i32([[2], [0]]))).toThrow('nllLoss: input [2, 3] is [N = 2, C = 3], so the target should be [2] class indices; got target [2, 1]');
		expect(() => F.nllLoss(f64([-1, -2]), i32([1]))).toThrow('nllLoss: an unbatched input [C] takes a single class index, shape []; got target [1]');
		expect(() => F.nllLoss(logp, target, { weight: f64([1, 2]) })).toThrow('nllLoss: weight must be 1-D with one entry per class (C = 3), got shape [2]');
	});
});

// logits and their log-softmax, row by row (log p = x - logsumexp(x)):
// [1, 2, 3]:     logsumexp 3.4076059644443806    log p [-2.4076059644443806, -1.4076059644443806, -0.4076059644443806]
// [0.5, -1, 2.5]: logsumexp 2.6531782071222882   log p [-2.1531782071222882, -3.6531782071222882, -0.15317820712228825]
const logits = f64([[1, 2, 3], [0.5, -1, 2.5], [0, 0, 1]]);
const labels = i32([2, 0, -100]);
const weight = f64([1, 2, 4]);

describe('crossEntropy with class indices', () => {
	it('is nllLoss(logSoftmax(x))', async () => {
		// -log p: [0.40760596444438, 2.15317820712229, (ignored)]; mean over the 2 counted targets
		await expectValues(F.crossEntropy(logits, labels, { reduction: 'none' }), [0.4076059644443806, 2.1531782071222882, 0]);
		await expectValues(F.crossEntropy(logits, labels), (0.4076059644443806 + 2.1531782071222882) / 2);
		// weights: [4 * 0.40760..., 1 * 2.15317...] / (4 + 1)
		await expectValues(F.crossEntropy(logits, labels, { weight }), (4 * 0.4076059644443806 + 2.1531782071222882) / 5);
		await expectValues(F.crossEntropy(f64([1, 2, 3]), i32(2)), 0.4076059644443806);
	});
	it('label smoothing: (1 - ε) nll + (ε / C) Σ_c -log p[c]', async () => {
		// ε = 0.2, C = 3. Row 0: 0.8 * 0.40760596 + (0.2 / 3) * (2.40760596 + 1.40760596 + 0.40760596) = 0.60760596
		// row 1: 0.8 * 2.15317821 + (0.2 / 3) * 5.95953462 = 2.11984487; row 2 ignored: 0
		const opts = { labelSmoothing: 0.2 };
		await expectValues(F.crossEntropy(logits, labels, { ...opts, reduction: 'none' }), [0.6076059644443805, 2.119844873788955, 0]);
		await expectValues(F.crossEntropy(logits, labels, opts), 1.363725419116668); // (0.6076 + 2.1198) / 2
		await expectValues(F.crossEntropy(logits, labels, { ...opts, reduction: 'sum' }), 2.727450838233336);
	});
	it('label smoothing with weights: every class term is weighted, the mean divides by Σ w[y]', async () => {
		// smooth_n = Σ_c -w[c] log p[c]: row 0 = 2.40760596 + 2 * 1.40760596 + 4 * 0.40760596 = 6.85324175,
		// row 1 = 2.15317821 + 2 * 3.65317821 + 4 * 0.15317821 = 10.07224745
		// none: 0.8 * [4 * 0.40760596, 1 * 2.15317821] + (0.2 / 3) * [6.85324175, 10.07224745] = [1.76122187, 2.39402573]
		// mean: (0.8 * 3.78360206 + (0.2 / 3) * 16.9254892) / (w[2] + w[0] = 5) = 0.83104952
		const opts = { labelSmoothing: 0.2, weight };
		await expectValues(F.crossEntropy(logits, labels, { ...opts, reduction: 'none' }), [1.7612218696293955, 2.394025729021565, 0]);
		await expectValues(F.crossEntropy(logits, labels, opts), 0.8310495197301921);
		await expectValues(F.crossEntropy(logits, labels, { ...opts, reduction: 'sum' }), 4.155247598650961);
	});
	it('gradchecks (weights, ignoreIndex, smoothing, K dims, unbatched)', () => {
		manualSeed(12);
		const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
		const w = rand([3], { dtype: 'float64' }).add(0.5);
		const t = i32([0, 2, -100, 1]);
		expectGradcheck((a) => F.crossEntropy(a, t), [x]);
		expectGradcheck((a) => F.crossEntropy(a, t, { weight: w, labelSmoothing: 0.15 }), [x]);
		expectGradcheck((a) => F.crossEntropy(a, t, { weight: w, labelSmoothing: 0.3, reduction: 'none' }), [x]);
		const x3 = randn([2, 3, 2], { dtype: 'float64', requiresGrad: true });
		expectGradcheck((a) => F.crossEntropy(a, i32([[0, 2], [1, -100]]), { weight: w, labelSmoothing: 0.1 }), [x3]);
		const x1 = randn([3], { dtype: 'float64', requiresGrad: true });
		expectGradcheck((a) => F.crossEntropy(a, i32(1), { labelSmoothing: 0.1 }), [x1]);
	});
	it('rejects labelSmoothing outside [0, 1] and bad targets', () => {
		expect(() => F.crossEntropy(logits, labels, { labelSmoothing: 1.5 })).toThrow('crossEntropy: labelSmoothing must be between 0 and 1, got 1.5');
		expect(() => F.crossEntropy(logits, i32([0, 3, 1]))).toThrow('crossEntropy: target class 3 at [1] is out of range for C = 3 classes');
		expect(() => F.crossEntropy(logits, i32([0, 1]))).toThrow(
			"crossEntropy: input [3, 3] is [N = 3, C = 3], so the target should be [3] class indices, or class probabilities of the input's shape [3, 3]; got target [2]",
		);
	});
});

describe('crossEntropy with class probabilities', () => {
	const x = logits.slice(0, 0, 2);
	const probs = f64([[0.2, 0.3, 0.5], [1, 0, 0]]);
	it('is -Σ_c t[c] log p[c]; mean divides by N', async () => {
		// row 0: 0.2 * 2.40760596 + 0.3 * 1.40760596 + 0.5 * 0.40760596 = 1.10760596; row 1: 2.15317821
		await expectValues(F.crossEntropy(x, probs, { reduction: 'none' }), [1.1076059644443805, 2.1531782071222882]);
		await expectValues(F.crossEntropy(x, probs), 1.6303920857833343);
		// unbatched: [C] logits against [C] probabilities
		await expectValues(F.crossEntropy(f64([1, 2, 3]), f64([0, 0, 1]), { reduction: 'none' }), 0.4076059644443806);
	});
	it('smooths the target as (1 - ε) t + ε / C', async () => {
		// ε = 0.2: row 0 target 0.8 [0.2, 0.3, 0.5] + 0.2 / 3 = [0.22667, 0.30667, 0.46667];
		// the one-hot row 1 gives the class-index value 2.11984487
		await expectValues(F.crossEntropy(x, probs, { labelSmoothing: 0.2, reduction: 'none' }), [1.1676059644443804, 2.119844873788955]);
		await expectValues(F.crossEntropy(x, probs, { labelSmoothing: 0.2 }), 1.6437254191166677);
	});
	it('with weights: -Σ_c w[c] t[c] log p[c], and the mean still divides by N (unlike class indices)', async () => {
		const opts = { labelSmoothing: 0.2, weight };
		// one-hot row 1 matches the class-index 'none' value 2.39402573; the mean is (2.16992014 + 2.39402573) / 2
		await expectValues(F.crossEntropy(x, probs, { ...opts, reduction: 'none' }), [2.16992014376279, 2.3940257290215654]);
		await expectValues(F.crossEntropy(x, probs, opts), 2.2819729363921777);
		await expectValues(F.crossEntropy(x, probs, { weight }), 2.1472374537832772);
	});
	it('gradchecks w.r.t. logits and target', () => {
		manualSeed(13);
		const a = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const t = rand([3, 4], { dtype: 'float64' }).softmax(1).detach().requiresGrad_();
		const w = rand([4], { dtype: 'float64' }).add(0.5);
		expectGradcheck((p, q) => F.crossEntropy(p, q, { weight: w, labelSmoothing: 0.25 }), [a, t]);
		const a3 = randn([2, 4, 3], { dtype: 'float64', requiresGrad: true });
		const t3 = rand([2, 4, 3], { dtype: 'float64' }).softmax(1).detach().requiresGrad_();
		expectGradcheck((p, q) => F.crossEntropy(p, q, { reduction: 'none' }), [a3, t3]);
	});
	it('needs a float target and no ignoreIndex', () => {
		expect(() => F.crossEntropy(x, i32([[0, 1, 0], [1, 0, 0]]))).toThrow(
			"crossEntropy: a target of the input's shape [2, 3] is read as class probabilities and must be float, got int32",
		);
		expect(() => F.crossEntropy(x, probs, { ignoreIndex: 0 })).toThrow('crossEntropy: ignoreIndex (0) only applies to class-index targets');
	});
});

describe('float32', () => {
	it('gives the float64 values to float32 precision', async () => {
		const x32 = tensor([[1, 2, 3], [0.5, -1, 2.5], [0, 0, 1]]);
		const w32 = tensor([1, 2, 4]);
		const loss = F.crossEntropy(x32, labels, { weight: w32, labelSmoothing: 0.2 });
		expect(loss.dtype).toBe('float32');
		expect(await loss.item()).toBeCloseTo(0.8310495197301921, 6);
		expect(await F.nllLoss(x32.logSoftmax(1), tensor([2, 0, 1]), { reduction: 'sum' }).item()).toBeCloseTo(0.4076059644443806 + 2.1531782071222882 + 1.551444713932051, 5);
	});
});
