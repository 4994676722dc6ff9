import type { RandomSource, Tensor } from 'chainrule';
import * as engine from 'chainrule';
import { CheckFailure, defineChecks, type Mistake } from '../_kit';
import type * as Solution from './solution';
import type { AdamOptions, AdamState } from './solution';
import { adamStepVariant, type AdamVariant } from './variants';

type Lab = typeof Solution;

const DEFAULTS: AdamOptions = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false };

/** The reference trajectory: the engine's own optimizer (Adam or AdamW) fed the same gradients. */
function engineTrajectory(p0: Tensor, grads: Tensor[], o: AdamOptions): Tensor[] {
	const param = engine.nn.Parameter(p0.clone());
	const common = { lr: o.lr, betas: [o.beta1, o.beta2] as [number, number], eps: o.eps, weightDecay: o.weightDecay };
	const opt = o.decoupled ? new engine.optim.AdamW([param], common) : new engine.optim.Adam([param], common);
	return grads.map((g) => {
		param.grad = g.clone();
		opt.step();
		return param.detach().clone();
	});
}

/** The parameter after each step of a mistaken Adam fed the same gradients. */
function variantTrajectory(p0: Tensor, grads: Tensor[], o: AdamOptions, v: AdamVariant): Tensor[] {
	const step = adamStepVariant(v);
	let param = p0;
	let state: AdamState = { m: engine.zerosLike(p0), v: engine.zerosLike(p0), t: 0 };
	return grads.map((g) => {
		({ param, state } = step(param, g, state, o));
		return param;
	});
}

function mistakes(p0: Tensor, grads: Tensor[], o: AdamOptions, step: number): Mistake[] {
	const at = (v: AdamVariant) => () => variantTrajectory(p0, grads, o, v)[step];
	const list: Mistake[] = [
		{ id: 'no-bias-correction', message: 'Your step matches Adam without bias correction: divide m by (1 − β₁ᵗ) and v by (1 − β₂ᵗ); early on m and v are biased toward their zero start.', value: at({ noBiasCorrection: true }) },
		{ id: 'step-counter-from-zero', message: 'Your first step uses t = 0, so 1 − βᵗ = 0 and the update divides by zero: increment t before the bias correction (the first step has t = 1).', value: at({ counterFromZero: true }) },
		{ id: 'eps-inside-sqrt', message: 'You add eps inside the square root: PyTorch adds it after, m̂ / (√v̂ + eps).', value: at({ epsInsideSqrt: true }) },
	];
	if (o.decoupled && o.weightDecay !== 0) {
		list.push({ id: 'l2-instead-of-decoupled', message: 'You added λ·p to the gradient (Adam\'s L2): AdamW decays the weights directly, p ← p − lr·λ·p, outside the adaptive step.', value: at({ l2InsteadOfDecoupled: true }) });
	}
	return list;
}

async function runTrajectory(
	{ mod, rng, expectTensor }: { mod: Lab; rng: RandomSource; expectTensor: (n: string, g: unknown, e: Tensor, o?: object) => Promise<void> },
	o: AdamOptions,
	steps: number,
	gradScale = 1,
) {
	const opts = { dtype: 'float64' as const, generator: rng };
	const p0 = engine.randn([3, 4], opts);
	const grads = Array.from({ length: steps }, () => engine.randn([3, 4], opts).mul(gradScale));
	const expected = engineTrajectory(p0, grads, o);
	let param = p0;
	let state: AdamState = mod.initState(p0);
	for (let k = 0; k < steps; k++) {
		const out = mod.adamStep(param, grads[k], state, o);
		if (typeof out !== 'object' || out === null) return expectTensor(`param after step ${k + 1}`, undefined, expected[k]);
		await expectTensor(`param after step ${k + 1}`, out.param, expected[k], { mistakes: mistakes(p0, grads, o, k), see: 'optimizers#adam' });
		if (out.state?.t !== k + 1) {
			throw new CheckFailure(`state.t after step ${k + 1} is ${out.state?.t}, but it should be ${k + 1}: it counts the steps taken so far`);
		}
		param = out.param;
		state = out.state;
	}
}

export default defineChecks<Lab>(({ check }) => {
	check('first-step', { points: 2, title: 'the first step moves each parameter by about lr' }, (ctx) => runTrajectory(ctx, DEFAULTS, 1));
	check('five-steps', { points: 3, title: 'five steps follow torch.optim.Adam exactly' }, (ctx) => runTrajectory(ctx, { ...DEFAULTS, lr: 0.05, beta1: 0.8, beta2: 0.99 }, 5));
	check('eps-placement', { points: 1, title: 'eps is added after the square root (tiny gradients)' }, (ctx) => runTrajectory(ctx, { ...DEFAULTS, eps: 1e-3 }, 3, 1e-4));
	check('adam-l2', { points: 1, title: 'Adam with weightDecay adds λ·p to the gradient' }, (ctx) => runTrajectory(ctx, { ...DEFAULTS, weightDecay: 0.1 }, 4));
	check('adamw-decoupled', { points: 2, title: 'AdamW decays the weights outside the adaptive step' }, (ctx) => runTrajectory(ctx, { ...DEFAULTS, lr: 0.1, weightDecay: 0.5, decoupled: true }, 4));
});
