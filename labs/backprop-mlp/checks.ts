import type { RandomSource, Tensor } from 'chainrule';
import * as engine from 'chainrule';
import { defineChecks, type Mistake } from '../_kit';
import type * as Solution from './solution';
import { backwardVariant, type BackwardVariant } from './variants';

type Lab = typeof Solution;

/** A consistent problem: parameters, a batch, labels, and the cache the forward pass really produces. */
function makeProblem(rng: RandomSource, m = 6, sizes = { input: 4, hidden: 5, classes: 3 }) {
	const opts = { dtype: 'float64' as const, generator: rng };
	const params = {
		W1: engine.randn([sizes.hidden, sizes.input], opts),
		b1: engine.randn([sizes.hidden], opts),
		W2: engine.randn([sizes.classes, sizes.hidden], opts),
		b2: engine.randn([sizes.classes], opts),
	};
	const x = engine.randn([m, sizes.input], opts);
	const y = engine.randint(0, sizes.classes, [m], { generator: rng });
	const z1 = x.matmul(params.W1.t()).add(params.b1);
	const a1 = z1.relu();
	const z2 = a1.matmul(params.W2.t()).add(params.b2);
	const probs = z2.softmax(1);
	return { params, y, cache: { x, z1, a1, z2, probs } };
}

/** The reference: the engine's autograd, in float64, on the same forward pass. */
function autogradGrads(problem: ReturnType<typeof makeProblem>) {
	const p = Object.fromEntries(Object.entries(problem.params).map(([k, v]) => [k, v.detach().requiresGrad_()])) as Record<string, Tensor>;
	const z2 = problem.cache.x.matmul(p.W1.t()).add(p.b1).relu().matmul(p.W2.t()).add(p.b2);
	const loss = z2.logSoftmax(1).gather(1, problem.y.reshape(-1, 1)).mean().neg();
	loss.backward();
	return { dW1: p.W1.grad!, db1: p.b1.grad!, dW2: p.W2.grad!, db2: p.b2.grad!, loss };
}

/** The chain rule with one step done wrong, to recognise typical mistakes by their values. */
function variantGrads(problem: ReturnType<typeof makeProblem>, variant: BackwardVariant) {
	return backwardVariant(variant)(problem.cache, problem.params, problem.y);
}

type GradName = 'dW1' | 'db1' | 'dW2' | 'db2';

function mistakesFor(name: GradName, problem: ReturnType<typeof makeProblem>, ref: Record<GradName, Tensor>): Mistake[] {
	const m = problem.cache.x.shape[0];
	const list: Mistake[] = [
		{
			id: 'missing-1-over-m',
			message: `Your ${name} is exactly m = ${m} times the reference: the loss is a mean over the batch, so divide by the batch size (dz2 = (probs − Y) / m).`,
			value: () => variantGrads(problem, { noScale: true })[name],
		},
		{
			id: 'bias-not-summed',
			message: `Your ${name} still has one row per example: a bias is shared by the whole batch, so sum its gradient over the batch (dim 0).`,
			value: () => variantGrads(problem, { noBiasSum: true })[name],
		},
	];
	if (name.startsWith('dW')) {
		list.unshift({
			id: 'transposed-gradient',
			message: `Your ${name} is the transpose of the reference: a weight [out, in] gets dZᵀ · A_prev, shaped [out, in] like the weight.`,
			value: () => ref[name].t(),
		});
	}
	if (name.endsWith('1')) {
		list.push({
			id: 'missing-relu-derivative',
			message: `Your ${name} ignores the ReLU: multiply da1 by ReLU′(z1), which is 1 where z1 > 0 and 0 elsewhere.`,
			value: () => variantGrads(problem, { noReluMask: true })[name],
		});
	}
	return list;
}

async function checkGrads(names: GradName[], { mod, rng, expectTensor }: { mod: Lab; rng: RandomSource; expectTensor: (n: string, g: unknown, e: Tensor, o?: object) => Promise<void> }, m?: number) {
	const problem = makeProblem(rng, m);
	const ref = autogradGrads(problem);
	const got = mod.backward(problem.cache, problem.params, problem.y);
	if (typeof got !== 'object' || got === null) return expectTensor(names[0], undefined, ref[names[0]]);
	for (const name of names) {
		await expectTensor(name, got[name], ref[name], { mistakes: mistakesFor(name, problem, ref), see: 'backpropagation#the-batched-form' });
	}
}

export default defineChecks<Lab>(({ check }) => {
	check('cross-entropy-value', { points: 2, title: 'crossEntropy averages −log p of the true class' }, async ({ mod, rng, expectTensor }) => {
		const problem = makeProblem(rng);
		const ref = autogradGrads(problem);
		const got = mod.crossEntropy(problem.cache.probs, problem.y);
		await expectTensor('loss', got, ref.loss.detach(), {
			mistakes: [{ id: 'loss-sum-not-mean', message: 'Your loss is m times too large: average over the batch instead of summing.', value: () => ref.loss.detach().mul(problem.cache.x.shape[0]) }],
		});
	});
	check('output-layer-grads', { points: 4, title: 'dW2 and db2 match autograd' }, (ctx) => checkGrads(['dW2', 'db2'], ctx));
	check('hidden-layer-grads', { points: 4, title: 'dW1 and db1 match autograd (through the ReLU)' }, (ctx) => checkGrads(['dW1', 'db1'], ctx));
	check('batch-of-one', { points: 1, title: 'every gradient is right for a batch of 1' }, (ctx) => checkGrads(['dW2', 'db2', 'dW1', 'db1'], ctx, 1));
	check('large-batch', { points: 1, title: 'every gradient is right for a batch of 32' }, (ctx) => checkGrads(['dW2', 'db2', 'dW1', 'db1'], ctx, 32));
});
