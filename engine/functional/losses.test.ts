import { describe, expect, it } from 'vitest';
import { tensor, rand, randn, manualSeed, gradcheck, F, type Tensor, type NestedNumbers } from 'chainrule';

const f64 = (x: NestedNumbers) => tensor(x, { dtype: 'float64' });

/** Compares a tensor with nested numbers (shape and values, relative 1e-12 by default). */
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

const leaf = (t: Tensor) => t.detach().requiresGrad_();

describe('mseLoss and l1Loss', () => {
	// diffs [[0, 2], [-2, 0]]: squares [[0, 4], [4, 0]] (sum 8, mean 2); absolute values [[0, 2], [2, 0]] (sum 4, mean 1)
	const x = f64([[1, 2], [3, 4]]);
	const y = f64([[1, 0], [5, 4]]);
	it('reduces by mean, sum or not at all', async () => {
		await expectValues(F.mseLoss(x, y), 2);
		await expectValues(F.mseLoss(x, y, { reduction: 'sum' }), 8);
		await expectValues(F.mseLoss(x, y, { reduction: 'none' }), [[0, 4], [4, 0]]);
		await expectValues(F.l1Loss(x, y), 1);
		await expectValues(F.l1Loss(x, y, { reduction: 'sum' }), 4);
		await expectValues(F.l1Loss(x, y, { reduction: 'none' }), [[0, 2], [2, 0]]);
	});
	it('has gradient 2 (x - y) / n for mse, and sign(x - y) / n for l1 (0 at a tie, as PyTorch)', async () => {
		const a = leaf(x);
		F.mseLoss(a, y).backward();
		await expectValues(a.grad!, [[0, 1], [-1, 0]]); // 2 * [[0, 2], [-2, 0]] / 4
		const b = leaf(x);
		F.l1Loss(b, y).backward();
		await expectValues(b.grad!, [[0, 0.25], [-0.25, 0]]);
	});
	it('gradchecks w.r.t. input and target', () => {
		manualSeed(1);
		const a = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const b = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		for (const reduction of ['mean', 'sum', 'none'] as const) {
			expectGradcheck((p, q) => F.mseLoss(p, q, { reduction }), [a, b]);
			expectGradcheck((p, q) => F.l1Loss(p, q, { reduction }), [a, b]);
		}
	});
	it('throws on the [N, 1] vs [N] broadcast, which PyTorch only warns about (a deviation)', () => {
		expect(() => F.mseLoss(randn([32, 1]), randn([32]))).toThrow(
			'mseLoss: input [32, 1] and target [32] differ; broadcasting them would compare every pair (a [32, 32] result) — reshape the target to [32, 1]',
		);
		expect(() => F.l1Loss(randn([3, 1]), randn([1, 4]))).toThrow('give them the same shape');
		expect(() => F.mseLoss(randn([3]), randn([4]))).toThrow('cannot be broadcast');
	});
	it('still broadcasts a target into the input shape, as PyTorch', async () => {
		// [[1, 2], [3, 4]] - [1, 2] = [[0, 0], [2, 2]]: mean of squares = 8 / 4
		await expectValues(F.mseLoss(x, f64([1, 2])), 2);
	});
	it('rejects an unknown reduction', () => {
		expect(() => F.mseLoss(x, y, { reduction: 'avg' as never })).toThrow(`mseLoss: reduction must be one of 'mean', 'sum', 'none', got "avg"`);
	});
});

describe('huberLoss and smoothL1Loss', () => {
	// z = |x - 0| = [0, 0.5, 2, 3]
	const x = f64([0, 0.5, -2, 3]);
	const zero = f64([0, 0, 0, 0]);
	it('huber: 0.5 z² below delta, delta (z - delta/2) from delta on', async () => {
		// delta 1: [0, 0.125, 1 * 1.5, 1 * 2.5]
		await expectValues(F.huberLoss(x, zero, { reduction: 'none' }), [0, 0.125, 1.5, 2.5]);
		await expectValues(F.huberLoss(x, zero), 4.125 / 4);
		// delta 2: [0, 0.125, 2 * (2 - 1), 2 * (3 - 1)]; z = 2 is on the linear side, as PyTorch's `z < delta`
		await expectValues(F.huberLoss(x, zero, { delta: 2, reduction: 'none' }), [0, 0.125, 2, 4]);
	});
	it('smoothL1 with beta ≠ 1 is huber(delta = beta) / beta', async () => {
		// beta 2: [0, 0.5 * 0.25 / 2, 2 - 1, 3 - 1] = [0, 0.0625, 1, 2] = [0, 0.125, 2, 4] / 2
		await expectValues(F.smoothL1Loss(x, zero, { beta: 2, reduction: 'none' }), [0, 0.0625, 1, 2]);
		await expectValues(F.smoothL1Loss(x, zero, { beta: 2, reduction: 'sum' }), 3.0625);
		// beta 1 (default) equals huber with delta 1
		await expectValues(F.smoothL1Loss(x, zero, { reduction: 'none' }), [0, 0.125, 1.5, 2.5]);
		// beta 0.25: [0, 0.5 - 0.125, 2 - 0.125, 3 - 0.125]
		await expectValues(F.smoothL1Loss(x, zero, { beta: 0.25, reduction: 'none' }), [0, 0.375, 1.875, 2.875]);
	});
	it('smoothL1 with beta = 0 is the L1 loss (PyTorch falls back to l1_loss)', async () => {
		await expectValues(F.smoothL1Loss(x, zero, { beta: 0, reduction: 'none' }), [0, 0.5, 2, 3]);
	});
	it('gradients: x inside, ±delta (huber) or ±1 (smoothL1) outside, including at |x| = delta', async () => {
		const a = leaf(x);
		F.huberLoss(a, zero, { delta: 2, reduction: 'sum' }).backward();
		await expectValues(a.grad!, [0, 0.5, -2, 2]);
		const b = leaf(x);
		F.smoothL1Loss(b, zero, { beta: 2, reduction: 'sum' }).backward();
		await expectValues(b.grad!, [0, 0.25, -1, 1]);
	});
	it('gradchecks w.r.t. input and target', () => {
		manualSeed(2);
		const a = randn([3, 5], { dtype: 'float64', requiresGrad: true });
		const b = randn([3, 5], { dtype: 'float64', requiresGrad: true });
		expectGradcheck((p, q) => F.huberLoss(p, q, { delta: 0.7 }), [a, b]);
		expectGradcheck((p, q) => F.smoothL1Loss(p, q, { beta: 0.7, reduction: 'none' }), [a, b]);
		expectGradcheck((p, q) => F.smoothL1Loss(p, q, { beta: 1.5, reduction: 'sum' }), [a, b]);
	});
	it('rejects bad delta and beta', () => {
		expect(() => F.huberLoss(x, zero, { delta: 0 })).toThrow('huberLoss: delta must be positive, got 0');
		expect(() => F.smoothL1Loss(x, zero, { beta: -1 })).toThrow('smoothL1Loss: beta must be zero or positive, got -1');
	});
});

describe('binaryCrossEntropy', () => {
	it('is -(y log p + (1 - y) log(1 - p)), with optional weights', async () => {
		const p = f64([0.8, 0.4]);
		const y = f64([1, 0]);
		// [-log 0.8, -log 0.6]
		await expectValues(F.binaryCrossEntropy(p, y, { reduction: 'none' }), [0.2231435513142097, 0.5108256237659907]);
		await expectValues(F.binaryCrossEntropy(p, y), (0.2231435513142097 + 0.5108256237659907) / 2);
		// weight [2, 0.5]: [2 * 0.22314..., 0.5 * 0.51082...]
		await expectValues(F.binaryCrossEntropy(p, y, { weight: f64([2, 0.5]), reduction: 'none' }), [0.4462871026284194, 0.25541281188299536]);
	});
	it('clamps each log at -100, as PyTorch, so p = 0 or 1 gives 0 or 100', async () => {
		// (p, y) = (0, 1): -max(log 0, -100) = 100; (1, 1): 0; (0, 0): 0; (1, 0): 100
		const p = leaf(f64([0, 1, 0, 1]));
		const loss = F.binaryCrossEntropy(p, f64([1, 1, 0, 0]), { reduction: 'none' });
		await expectValues(loss, [100, 0, 0, 100]);
		// PyTorch's gradient (p - y) / max(p (1 - p), 1e-12) stays finite: -1e12, 0, 0, 1e12
		loss.sum().backward();
		await expectValues(p.grad!, [-1e12, 0, 0, 1e12]);
	});
	it('has gradient 0 for p = y and -logit(p) for the target', async () => {
		// p = y = 0.3: loss -(0.3 log 0.3 + 0.7 log 0.7); d/dp = 0; d/dy = log(0.7 / 0.3)
		const p = leaf(f64([0.3]));
		const y = leaf(f64([0.3]));
		const loss = F.binaryCrossEntropy(p, y);
		await expectValues(loss, 0.6108643020548935);
		loss.backward();
		await expectValues(p.grad!, [0]);
		await expectValues(y.grad!, [0.8472978603872037]);
	});
	it('gradchecks w.r.t. input and target', () => {
		manualSeed(3);
		const p = rand([3, 4], { dtype: 'float64' }).mul(0.9).add(0.05).detach().requiresGrad_();
		const y = rand([3, 4], { dtype: 'float64', requiresGrad: true });
		const w = rand([4], { dtype: 'float64' }).add(0.5);
		expectGradcheck((a, b) => F.binaryCrossEntropy(a, b), [p, y]);
		expectGradcheck((a, b) => F.binaryCrossEntropy(a, b, { weight: w, reduction: 'none' }), [p, y]);
	});
	it('rejects probabilities outside [0, 1] and mismatched shapes (as PyTorch)', () => {
		expect(() => F.binaryCrossEntropy(f64([0.5, 1.5]), f64([1, 0]))).toThrow('binaryCrossEntropy: every input must be a probability in [0, 1], but element 1 is 1.5');
		expect(() => F.binaryCrossEntropy(f64([[0.5], [0.2]]), f64([1, 0]))).toThrow(
			'binaryCrossEntropy: target [2] must have the same shape as input [2, 1]; reshape the target with target.reshape([2, 1])',
		);
	});
});

describe('binaryCrossEntropyWithLogits', () => {
	it('is max(x, 0) - x y + log(1 + exp(-|x|))', async () => {
		// x = 0, y = 1: log 2; x = 2, y = 0: 2 + log(1 + e^-2); x = -3, y = 0.5: 1.5 + log(1 + e^-3)
		const x = leaf(f64([0, 2, -3]));
		const loss = F.binaryCrossEntropyWithLogits(x, f64([1, 0, 0.5]), { reduction: 'none' });
		await expectValues(loss, [0.6931471805599453, 2.1269280110429727, 1.548587351573742]);
		// gradient σ(x) - y: [0.5 - 1, σ(2), σ(-3) - 0.5]
		loss.sum().backward();
		await expectValues(x.grad!, [-0.5, 0.8807970779778823, -0.4525741268224332]);
	});
	it('weighs the positive term by posWeight: (1 - y) x - (1 + (pw - 1) y) log σ(x)', async () => {
		// pw = 3. x = 0, y = 1: 3 log 2; x = -3, y = 0.5: -1.5 + 2 (3 + log(1 + e^-3))
		const x = leaf(f64([0, -3]));
		const loss = F.binaryCrossEntropyWithLogits(x, f64([1, 0.5]), { posWeight: f64([3]), reduction: 'none' });
		await expectValues(loss, [2.0794415416798357, 4.597174703147484]);
		// d/dx at x = 0, y = 1: (pw y + 1 - y) σ(0) - pw y = 1.5 - 3
		loss.sum().backward();
		expect((await x.grad!.data())[0]).toBeCloseTo(-1.5, 14);
		// weight multiplies after: 2 * 3 log 2
		await expectValues(F.binaryCrossEntropyWithLogits(f64([0]), f64([1]), { posWeight: f64([3]), weight: f64([2]) }), 4.1588830833596715);
	});
	it('stays finite for huge logits', async () => {
		// x = 100, y = 0: 100 + log(1 + e^-100) = 100; x = -100, y = 1: 100; gradients σ(x) - y = 1 and -1
		const x = leaf(f64([100, -100, 800]));
		const loss = F.binaryCrossEntropyWithLogits(x, f64([0, 1, 1]), { reduction: 'none' });
		await expectValues(loss, [100, 100, 0]);
		loss.sum().backward();
		await expectValues(x.grad!, [1, -1, 0]);
	});
	it('gradchecks w.r.t. input and target, with weight and posWeight', () => {
		manualSeed(4);
		const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
		const y = rand([3, 4], { dtype: 'float64', requiresGrad: true });
		const pw = rand([4], { dtype: 'float64' }).add(0.5);
		const w = rand([3, 1], { dtype: 'float64' }).add(0.5);
		expectGradcheck((a, b) => F.binaryCrossEntropyWithLogits(a, b), [x, y]);
		expectGradcheck((a, b) => F.binaryCrossEntropyWithLogits(a, b, { posWeight: pw, weight: w, reduction: 'sum' }), [x, y]);
	});
	it('rejects mismatched shapes and a posWeight that would grow the result', () => {
		expect(() => F.binaryCrossEntropyWithLogits(randn([4, 1]), randn([4]))).toThrow('binaryCrossEntropyWithLogits: target [4] must have the same shape as input [4, 1]');
		expect(() => F.binaryCrossEntropyWithLogits(randn([4, 2]), randn([4, 2]), { posWeight: randn([3]) })).toThrow(
			"binaryCrossEntropyWithLogits: posWeight [3] must broadcast to the input's shape [4, 2]",
		);
	});
});

describe('klDiv', () => {
	it('is target (log target - input), 0 where target = 0, with batchmean', async () => {
		// input = log [0.5, 0.25, 0.25], target [0.5, 0.5, 0]: 0.5 (log 0.5 - log 0.5) + 0.5 (log 0.5 - log 0.25) + 0
		const input = f64([[0.5, 0.25, 0.25]]).log();
		const target = f64([[0.5, 0.5, 0]]);
		await expectValues(F.klDiv(input, target, { reduction: 'none' }), [[0, 0.5 * Math.log(2), 0]]);
		await expectValues(F.klDiv(input, target, { reduction: 'batchmean' }), 0.5 * Math.log(2));
		await expectValues(F.klDiv(input, target), (0.5 * Math.log(2)) / 3);
		// logTarget: target log [0.25, 0.5, 0.25]: 0.25 log(0.25 / 0.5) + 0.5 log(0.5 / 0.25) + 0 = 0.25 log 2
		await expectValues(F.klDiv(input, f64([[0.25, 0.5, 0.25]]).log(), { logTarget: true, reduction: 'sum' }), 0.25 * Math.log(2));
	});
	it('gradchecks w.r.t. input and target', () => {
		manualSeed(5);
		const input = randn([2, 3], { dtype: 'float64' }).logSoftmax(1).detach().requiresGrad_();
		const target = rand([2, 3], { dtype: 'float64' }).add(0.1).detach().requiresGrad_();
		expectGradcheck((a, b) => F.klDiv(a, b, { reduction: 'batchmean' }), [input, target]);
		expectGradcheck((a, b) => F.klDiv(a, b, { logTarget: true, reduction: 'none' }), [input, target]);
	});
});
