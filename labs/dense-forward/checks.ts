import type { Tensor } from 'chainrule';
import { defineChecks } from '../_kit';
import type * as Solution from './solution';

type Lab = typeof Solution;

export default defineChecks<Lab>(({ check }) => {
	check('dense-values', { points: 3, title: 'dense computes x Wᵀ + b on a batch' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const opts = { dtype: 'float64' as const, generator: rng };
		const x = engine.randn([5, 4], opts);
		const W = engine.randn([3, 4], opts);
		const b = engine.randn([3], opts);
		await expectTensor('z', mod.dense(x, W, b), ref.dense(x, W, b), {
			hint: 'z[i, j] = Σₖ x[i, k] W[j, k] + b[j]',
			see: 'the-artificial-neuron#a-layer-of-neurons',
			mistakes: [{ id: 'forgot-bias', message: 'Your z equals x Wᵀ without b: add the bias.', value: () => x.matmul(W.t()) }],
		});
	});

	check('dense-square-weight', { points: 1, title: 'dense uses Wᵀ, not W (square weight)' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		// with a square W both products have the right shape, so only the values tell them apart
		const opts = { dtype: 'float64' as const, generator: rng };
		const x = engine.randn([6, 4], opts);
		const W = engine.randn([4, 4], opts);
		const b = engine.randn([4], opts);
		await expectTensor('z', mod.dense(x, W, b), ref.dense(x, W, b), {
			mistakes: [
				{ id: 'wrong-transpose', message: 'Your z equals x W + b: W is [out, in], so multiply by its transpose, x Wᵀ.', value: () => x.matmul(W).add(b) },
				{ id: 'forgot-bias', message: 'Your z equals x Wᵀ without b: add the bias.', value: () => x.matmul(W.t()) },
			],
		});
	});

	check('dense-batch-sizes', { points: 1, title: 'dense works for a batch of 1 and a batch of 9' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const opts = { dtype: 'float64' as const, generator: rng };
		const W = engine.randn([2, 3], opts);
		const b = engine.randn([2], opts);
		for (const batch of [1, 9]) {
			const x = engine.randn([batch, 3], opts);
			await expectTensor(`z (batch ${batch})`, mod.dense(x, W, b), ref.dense(x, W, b), {
				hint: 'the batch size must not appear in your code: matmul and broadcasting handle any batch',
			});
		}
	});

	check('relu-values', { points: 1, title: 'relu zeroes the negatives and keeps the rest' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const z = engine.randn([4, 5], { dtype: 'float64', generator: rng }).mul(3);
		const withZero = engine.cat([z, engine.zeros([1, 5], { dtype: 'float64' })], 0);
		await expectTensor('relu(z)', mod.relu(withZero), ref.relu(withZero), {
			mistakes: [{ id: 'relu-abs', message: 'Your relu returns |z|: negatives must become 0, not positive.', value: () => withZero.abs() }],
		});
	});

	check('softmax-values', { points: 2, title: 'softmax turns each row into probabilities' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const z = engine.randn([4, 3], { dtype: 'float64', generator: rng }).mul(2);
		await expectTensor('softmax(z)', mod.softmax(z), ref.softmax(z), {
			hint: 'softmax(z)[i, j] = exp(z[i, j]) / Σₖ exp(z[i, k]); each row sums to 1',
			mistakes: [
				{ id: 'softmax-wrong-dim', message: 'Your softmax normalises each column (dim 0): normalise each row, over the classes (dim 1).', value: () => z.softmax(0) },
			],
		});
	});

	check('softmax-large-logits', { points: 2, title: 'softmax stays finite for logits near 1000' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const z = engine.randn([3, 4], { dtype: 'float64', generator: rng }).add(1000);
		await expectTensor('softmax(z)', mod.softmax(z), ref.softmax(z), {
			mistakes: [
				{
					id: 'softmax-no-max-subtraction',
					message: 'exp(1000) overflows to Infinity and Infinity / Infinity is NaN: subtract each row\'s max before exp (softmax(z − c) = softmax(z)).',
					value: () => z.exp().div(z.exp().sum(1, true)),
				},
			],
		});
	});

	check('forward-probs', { points: 2, title: 'forward chains dense → relu → dense → softmax' }, async ({ mod, ref, engine, rng, expectTensor }) => {
		const opts = { dtype: 'float64' as const, generator: rng };
		const x = engine.randn([7, 4], opts);
		const p = { W1: engine.randn([5, 4], opts), b1: engine.randn([5], opts), W2: engine.randn([3, 5], opts), b2: engine.randn([3], opts) };
		const got = mod.forward(x, p);
		const want = ref.forward(x, p);
		if (typeof got !== 'object' || got === null) {
			await expectTensor('forward(x).probs', undefined, want.probs);
			return;
		}
		const noReluA1 = (): Tensor => x.matmul(p.W1.t()).add(p.b1);
		await expectTensor('z1', got.z1, want.z1);
		await expectTensor('a1', got.a1, want.a1, {
			mistakes: [{ id: 'forgot-relu', message: 'Your a1 equals z1: apply relu to the first layer.', value: noReluA1 }],
		});
		await expectTensor('z2', got.z2, want.z2, { hint: 'z2 = dense(a1, W2, b2): the second layer takes a1, not x or z1' });
		await expectTensor('probs', got.probs, want.probs, { hint: 'probs = softmax(z2)' });
	});
});
