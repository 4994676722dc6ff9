/**
 * Every optimizer against an independent scalar reference written straight from the algorithm boxes in PyTorch's
 * torch.optim documentation, over 20 steps on f(x, y) = (x - 3)² + 10 (y + 1)² from (0.5, 1.5), in float64.
 * The references are in turn pinned to values computed separately (Python floats, same boxes) at steps 1, 2, 20.
 */
import { describe, expect, it } from 'vitest';
import { tensor, optim, type Tensor } from 'chainrule';

type Vec = [number, number];
const START: Vec = [0.5, 1.5];
const STEPS = 20;
const gradF = ([x, y]: Vec): Vec => [2 * (x - 3), 20 * (y + 1)];
const map2 = (a: Vec, b: Vec, f: (p: number, q: number) => number): Vec => [f(a[0], b[0]), f(a[1], b[1])];

// ---- scalar references, one line of the algorithm box per line of code --------------------------------------

function refSGD(o: { lr: number; momentum?: number; dampening?: number; wd?: number; nesterov?: boolean; maximize?: boolean }): Vec[] {
	const { lr, momentum: mu = 0, dampening: tau = 0, wd = 0, nesterov = false, maximize = false } = o;
	let th = START;
	let b: Vec = [0, 0];
	const out: Vec[] = [];
	for (let t = 1; t <= STEPS; t++) {
		let g = gradF(th);
		if (maximize) g = [-g[0], -g[1]];
		if (wd !== 0) g = map2(g, th, (gi, p) => gi + wd * p);
		if (mu !== 0) {
			b = t > 1 ? map2(b, g, (bi, gi) => mu * bi + (1 - tau) * gi) : g;
			g = nesterov ? map2(g, b, (gi, bi) => gi + mu * bi) : b;
		}
		th = map2(th, g, (p, gi) => p - lr * gi);
		out.push(th);
	}
	return out;
}

function refRMSprop(o: { lr: number; alpha?: number; eps?: number; wd?: number; momentum?: number; centered?: boolean }): Vec[] {
	const { lr, alpha = 0.99, eps = 1e-8, wd = 0, momentum = 0, centered = false } = o;
	let th = START;
	let v: Vec = [0, 0];
	let gAve: Vec = [0, 0];
	let b: Vec = [0, 0];
	const out: Vec[] = [];
	for (let t = 1; t <= STEPS; t++) {
		let g = gradF(th);
		if (wd !== 0) g = map2(g, th, (gi, p) => gi + wd * p);
		v = map2(v, g, (vi, gi) => alpha * vi + (1 - alpha) * gi * gi);
		let vt = v;
		if (centered) {
			gAve = map2(gAve, g, (a, gi) => a * alpha + (1 - alpha) * gi);
			vt = map2(vt, gAve, (vi, a) => vi - a * a);
		}
		const step = map2(g, vt, (gi, vi) => gi / (Math.sqrt(vi) + eps));
		if (momentum > 0) {
			b = map2(b, step, (bi, s) => momentum * bi + s);
			th = map2(th, b, (p, bi) => p - lr * bi);
		} else {
			th = map2(th, step, (p, s) => p - lr * s);
		}
		out.push(th);
	}
	return out;
}

function refAdagrad(o: { lr: number; lrDecay?: number; wd?: number; init?: number; eps?: number }): Vec[] {
	const { lr, lrDecay = 0, wd = 0, init = 0, eps = 1e-10 } = o;
	let th = START;
	let sum: Vec = [init, init];
	const out: Vec[] = [];
	for (let t = 1; t <= STEPS; t++) {
		let g = gradF(th);
		const clr = lr / (1 + (t - 1) * lrDecay);
		if (wd !== 0) g = map2(g, th, (gi, p) => gi + wd * p);
		sum = map2(sum, g, (s, gi) => s + gi * gi);
		const step = map2(g, sum, (gi, s) => gi / (Math.sqrt(s) + eps));
		th = map2(th, step, (p, st) => p - clr * st);
		out.push(th);
	}
	return out;
}

function refAdam(o: { lr: number; b1?: number; b2?: number; eps?: number; wd?: number; amsgrad?: boolean; maximize?: boolean; decoupled?: boolean }): Vec[] {
	const { lr, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0, amsgrad = false, maximize = false, decoupled = false } = o;
	let th = START;
	let m: Vec = [0, 0];
	let v: Vec = [0, 0];
	let vMax: Vec = [0, 0];
	const out: Vec[] = [];
	for (let t = 1; t <= STEPS; t++) {
		let g = gradF(th);
		if (maximize) g = [-g[0], -g[1]];
		if (wd !== 0) {
			if (decoupled) th = [th[0] - lr * wd * th[0], th[1] - lr * wd * th[1]];
			else g = map2(g, th, (gi, p) => gi + wd * p);
		}
		m = map2(m, g, (mi, gi) => b1 * mi + (1 - b1) * gi);
		v = map2(v, g, (vi, gi) => b2 * vi + (1 - b2) * gi * gi);
		const mHat = m.map((mi) => mi / (1 - b1 ** t)) as Vec;
		vMax = map2(vMax, v, Math.max);
		const vHat = (amsgrad ? vMax : v).map((vi) => vi / (1 - b2 ** t)) as Vec;
		th = [th[0] - (lr * mHat[0]) / (Math.sqrt(vHat[0]) + eps), th[1] - (lr * mHat[1]) / (Math.sqrt(vHat[1]) + eps)];
		out.push(th);
	}
	return out;
}

// ---- the engine on the same problem -----------------------------------------------------------------------

function engineRun(make: (params: Tensor[]) => optim.Optimizer<{ lr: number }>): Vec[] {
	const x = tensor(START[0], { dtype: 'float64', requiresGrad: true });
	const y = tensor(START[1], { dtype: 'float64', requiresGrad: true });
	const opt = make([x, y]);
	const out: Vec[] = [];
	for (let t = 1; t <= STEPS; t++) {
		opt.zeroGrad();
		x.sub(3).square().add(y.add(1).square().mul(10)).backward();
		opt.step();
		out.push([x.dataSync()[0], y.dataSync()[0]]);
	}
	return out;
}

function expectClose(got: Vec, want: Vec, what: string): void {
	for (let i = 0; i < 2; i++) {
		expect(Math.abs(got[i] - want[i]), `${what}[${i}]: got ${got[i]}, expected ${want[i]}`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want[i])));
	}
}

interface Setting {
	name: string;
	make: (params: Tensor[]) => optim.Optimizer<{ lr: number }>;
	ref: () => Vec[];
	/** (x, y) after steps 1, 2 and 20, from the separate Python run of the same algorithm box. */
	pinned: [Vec, Vec, Vec];
}

// prettier-ignore
const settings: Setting[] = [
	{ name: 'SGD lr 0.01', make: (p) => new optim.SGD(p, { lr: 0.01 }), ref: () => refSGD({ lr: 0.01 }),
		pinned: [[0.55, 1.0], [0.5990000000000001, 0.6], [1.3309800706122636, -0.9711769623848289]] },
	{ name: 'SGD momentum 0.9', make: (p) => new optim.SGD(p, { lr: 0.01, momentum: 0.9 }), ref: () => refSGD({ lr: 0.01, momentum: 0.9 }),
		pinned: [[0.55, 1.0], [0.644, 0.15000000000000002], [3.6766783454019762, -1.8731315414798368]] },
	{ name: 'SGD momentum, dampening 0.5, weightDecay 0.1', make: (p) => new optim.SGD(p, { lr: 0.01, momentum: 0.9, dampening: 0.5, weightDecay: 0.1 }),
		ref: () => refSGD({ lr: 0.01, momentum: 0.9, dampening: 0.5, wd: 0.1 }),
		pinned: [[0.5495, 0.9985], [0.61828025, 0.34680075], [2.7453581434527394, -0.18624676855304023]] },
	{ name: 'SGD nesterov', make: (p) => new optim.SGD(p, { lr: 0.01, momentum: 0.9, nesterov: true }), ref: () => refSGD({ lr: 0.01, momentum: 0.9, nesterov: true }),
		pinned: [[0.595, 0.5499999999999999], [0.72689, -0.4440000000000002], [3.5367686039286093, -1.0987436341922736]] },
	{ name: 'SGD maximize, weightDecay', make: (p) => new optim.SGD(p, { lr: 0.001, maximize: true, weightDecay: 0.1 }), ref: () => refSGD({ lr: 0.001, maximize: true, wd: 0.1 }),
		pinned: [[0.49495, 1.54985], [0.48989040500000003, 1.600692015], [0.3971559983839163, 2.710018533287543]] },
	{ name: 'RMSprop lr 0.01', make: (p) => new optim.RMSprop(p, { lr: 0.01 }), ref: () => refRMSprop({ lr: 0.01 }),
		pinned: [[0.599999998, 1.4000000002], [0.6694340828820112, 1.3305659144410034], [1.2235810086206702, 0.7764189851833833]] },
	{ name: 'RMSprop centered, momentum 0.5, weightDecay 0.1', make: (p) => new optim.RMSprop(p, { lr: 0.01, momentum: 0.5, centered: true, weightDecay: 0.1 }),
		ref: () => refRMSprop({ lr: 0.01, momentum: 0.5, centered: true, wd: 0.1 }),
		pinned: [[0.6005037794853131, 1.3994962186754947], [0.7207907626228963, 1.2791198482651005], [1.827213532596818, 0.15810423666754203]] },
	{ name: 'RMSprop alpha 0.9, eps 1e-3', make: (p) => new optim.RMSprop(p, { lr: 0.05, alpha: 0.9, eps: 1e-3 }), ref: () => refRMSprop({ lr: 0.05, alpha: 0.9, eps: 1e-3 }),
		pinned: [[0.6580139462139974, 1.3418961163591654], [0.7690574849668915, 1.2308073320796111], [1.7736675733993792, 0.22595926391405516]] },
	{ name: 'Adagrad lr 0.1', make: (p) => new optim.Adagrad(p, { lr: 0.1 }), ref: () => refAdagrad({ lr: 0.1 }),
		pinned: [[0.599999999998, 1.4000000000002], [0.6692531828160022, 1.3307468171813255], [1.210930669878676, 0.7890693301152799]] },
	{ name: 'Adagrad lrDecay, weightDecay, initialAccumulatorValue, eps', make: (p) => new optim.Adagrad(p, { lr: 0.5, lrDecay: 0.1, weightDecay: 0.05, initialAccumulatorValue: 0.2, eps: 1e-6 }),
		ref: () => refAdagrad({ lr: 0.5, lrDecay: 0.1, wd: 0.05, init: 0.2, eps: 1e-6 }),
		pinned: [[0.9979919104632335, 1.0000199489262087], [1.2801161482318397, 0.7161160616578608], [2.3799420502540185, -0.403400296290092]] },
	{ name: 'Adam lr 0.1', make: (p) => new optim.Adam(p, { lr: 0.1 }), ref: () => refAdam({ lr: 0.1 }),
		pinned: [[0.5999999998, 1.40000000002], [0.6998728116191738, 1.3001271880176943], [2.3437216322124033, -0.3437216357649122]] },
	{ name: 'Adam betas [0.8, 0.99], weightDecay 0.1 (L2)', make: (p) => new optim.Adam(p, { lr: 0.1, betas: [0.8, 0.99], weightDecay: 0.1 }),
		ref: () => refAdam({ lr: 0.1, b1: 0.8, b2: 0.99, wd: 0.1 }),
		pinned: [[0.5999999997979798, 1.4000000000199402], [0.6997466411770974, 1.3002378262263974], [2.2361240588641835, -0.2559266961770933]] },
	{ name: 'Adam beta2 0.9', make: (p) => new optim.Adam(p, { lr: 0.1, betas: [0.9, 0.9] }), ref: () => refAdam({ lr: 0.1, b2: 0.9 }),
		pinned: [[0.5999999998, 1.40000000002], [0.6999791944359641, 1.3000208052003177], [2.459253602606122, -0.45925360702158535]] },
	{ name: 'Adam amsgrad, beta2 0.9', make: (p) => new optim.Adam(p, { lr: 0.1, betas: [0.9, 0.9], amsgrad: true }), ref: () => refAdam({ lr: 0.1, b2: 0.9, amsgrad: true }),
		pinned: [[0.5999999998, 1.40000000002], [0.6999791944359641, 1.3000208052003177], [2.3712225068397603, -0.3712225104005482]] },
	{ name: 'Adam maximize, eps 1e-6', make: (p) => new optim.Adam(p, { lr: 0.01, maximize: true, eps: 1e-6 }), ref: () => refAdam({ lr: 0.01, maximize: true, eps: 1e-6 }),
		pinned: [[0.4900000019999996, 1.5099999998], [0.47999898337416613, 1.520001020222598], [0.29909437062717475, 1.700905665012453]] },
	{ name: 'AdamW weightDecay 0.1', make: (p) => new optim.AdamW(p, { lr: 0.1, weightDecay: 0.1 }), ref: () => refAdam({ lr: 0.1, wd: 0.1, decoupled: true }),
		pinned: [[0.5949999998, 1.38500000002], [0.6889302985991743, 1.2713003913507128], [2.1049523301177486, -0.424949103780882]] },
	{ name: 'AdamW amsgrad, beta1 0.3 (lerp from the far end), weightDecay 0.5', make: (p) => new optim.AdamW(p, { lr: 0.1, weightDecay: 0.5, amsgrad: true, betas: [0.3, 0.999] }),
		ref: () => refAdam({ lr: 0.1, wd: 0.5, decoupled: true, amsgrad: true, b1: 0.3 }),
		pinned: [[0.5749999997999999, 1.32500000002], [0.6454192645532038, 1.1607656193458729], [1.324320577422468, -0.3269692500738868]] },
];

describe('optimizer trajectories on (x - 3)² + 10 (y + 1)²', () => {
	for (const s of settings) {
		it(`${s.name}: 20 steps match the algorithm box to 1e-10`, () => {
			const ref = s.ref();
			expectClose(ref[0], s.pinned[0], 'reference step 1');
			expectClose(ref[1], s.pinned[1], 'reference step 2');
			expectClose(ref[19], s.pinned[2], 'reference step 20');
			const got = engineRun(s.make);
			got.forEach((g, k) => expectClose(g, ref[k], `step ${k + 1}`));
		});
	}
});
