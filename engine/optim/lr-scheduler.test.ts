import { describe, expect, it } from 'vitest';
import { tensor, optim } from 'chainrule';

const { StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, LambdaLR, SequentialLR } = optim.lrScheduler;

const sgd = (lr = 0.1) => new optim.SGD([tensor([1], { dtype: 'float64', requiresGrad: true })], { lr });

/** getLastLr() after construction (epoch 0) and after each of `epochs` steps, for group 0. */
function lrs(scheduler: optim.lrScheduler.LRScheduler, epochs: number): number[] {
	const out = [scheduler.getLastLr()[0]];
	for (let e = 1; e <= epochs; e++) {
		scheduler.step();
		out.push(scheduler.getLastLr()[0]);
	}
	return out;
}

function expectSequence(got: number[], want: number[], digits = 15): void {
	expect(got.length).toBe(want.length);
	got.forEach((v, e) => expect(v, `epoch ${e}`).toBeCloseTo(want[e], digits));
}

const cosine = (base: number, etaMin: number, T: number) => (e: number) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * e) / T))) / 2;

describe('lrScheduler', () => {
	it('StepLR: lr · gamma^⌊epoch / stepSize⌋', () => {
		// 0.1 for epochs 0-2, 0.05 for 3-5, 0.025 for 6-8, 0.0125 at 9
		expectSequence(lrs(new StepLR(sgd(), { stepSize: 3, gamma: 0.5 }), 9), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);
	});
	it('MultiStepLR: lr · gamma^(milestones passed); a repeated milestone decays twice', () => {
		// milestones [2, 5, 5], gamma 0.1: 1 until epoch 2, 0.1 until 5, then 0.001
		expectSequence(lrs(new MultiStepLR(sgd(1), { milestones: [5, 2, 5], gamma: 0.1 }), 6), [1, 1, 0.1, 0.1, 0.1, 0.001, 0.001]);
	});
	it('ExponentialLR: lr · gamma^epoch', () => {
		const got = lrs(new ExponentialLR(sgd(), { gamma: 0.9 }), 30);
		expectSequence(got, got.map((_, e) => 0.1 * 0.9 ** e));
		expect(got[2]).toBeCloseTo(0.081, 15);
	});
	it('CosineAnnealingLR follows the closed form through tMax and beyond (no restart)', () => {
		// T = 10, etaMin 0.001: epoch 5 is half-way (0.0505), epoch 10 the minimum, epoch 20 back at 0.1
		const got = lrs(new CosineAnnealingLR(sgd(), { tMax: 10, etaMin: 0.001 }), 25);
		expectSequence(got, got.map((_, e) => cosine(0.1, 0.001, 10)(e)), 14);
		expect(got[5]).toBeCloseTo(0.0505, 15);
		expect(got[10]).toBeCloseTo(0.001, 15);
		expect(got[20]).toBeCloseTo(0.1, 14);
	});
	it('LinearLR warm-up: lr · (start + (end - start) · min(epoch, total) / total)', () => {
		// start 0.25 over 4 epochs: 0.025, 0.04375, 0.0625, 0.08125, then 0.1 from epoch 4 on
		expectSequence(lrs(new LinearLR(sgd(), { startFactor: 0.25, totalIters: 4 }), 6), [0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1, 0.1]);
		// and decay: from 1 to 0.5 of the lr over 2 epochs
		expectSequence(lrs(new LinearLR(sgd(), { startFactor: 1, endFactor: 0.5, totalIters: 2 }), 3), [0.1, 0.075, 0.05, 0.05]);
	});
	it('LambdaLR: initialLr · lambda(epoch), one function per group', () => {
		const w = tensor([1], { requiresGrad: true });
		const b = tensor([1], { requiresGrad: true });
		const opt = new optim.SGD([{ params: [w] }, { params: [b], lr: 1 }], { lr: 0.1 });
		const sched = new LambdaLR(opt, { lrLambda: [(e) => 1 / (e + 1), (e) => 0.5 ** e] });
		expect(sched.getLastLr()).toEqual([0.1, 1]);
		sched.step();
		sched.step();
		expect(sched.getLastLr()[0]).toBeCloseTo(0.1 / 3, 16);
		expect(sched.getLastLr()[1]).toBe(0.25);
		expect(opt.paramGroups.map((g) => g.lr)).toEqual(sched.getLastLr());
	});
	it('SequentialLR: linear warm-up, then cosine restarted at its own epoch 0', () => {
		const opt = sgd();
		const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 3 });
		const cos = new CosineAnnealingLR(opt, { tMax: 5 });
		const sched = new SequentialLR(opt, { schedulers: [warmup, cos], milestones: [3] });
		// warm-up 0.01, 0.04, 0.07; at epoch 3 the cosine starts from 0.1 and reaches 0 at epoch 3 + 5, then rises
		const c = cosine(0.1, 0, 5);
		expectSequence(lrs(sched, 12), [0.01, 0.04, 0.07, ...Array.from({ length: 10 }, (_, k) => c(k))], 14);
		expect(opt.paramGroups[0].lr).toBe(sched.getLastLr()[0]);
	});
	it('the optimizer steps with the scheduled learning rate', () => {
		const p = tensor([0], { dtype: 'float64', requiresGrad: true });
		const opt = new optim.SGD([p], { lr: 1 });
		const sched = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
		for (let e = 0; e < 3; e++) {
			p.grad = tensor([1], { dtype: 'float64' });
			opt.step();
			sched.step();
		}
		// lr 1, 0.5, 0.25: p = -1.75
		expect(p.dataSync()[0]).toBe(-1.75);
	});
	it('a stateDict resumes a schedule', () => {
		const optA = sgd();
		const a = new CosineAnnealingLR(optA, { tMax: 7, etaMin: 0.01 });
		lrs(a, 3);
		const saved = a.stateDict();
		const optB = sgd();
		optB.paramGroups[0].lr = optA.paramGroups[0].lr;
		const b = new CosineAnnealingLR(optB, { tMax: 7, etaMin: 0.01 });
		b.loadStateDict(saved);
		expect(lrs(b, 6)).toEqual(lrs(a, 6));
	});
	it('explains bad settings', () => {
		expect(() => new StepLR(sgd(), { stepSize: 0 })).toThrow('StepLR: stepSize must be a positive integer, got 0');
		expect(() => new LinearLR(sgd(), { startFactor: 0 })).toThrow('LinearLR: startFactor must be in (0, 1], got 0');
		const opt = sgd();
		expect(() => new SequentialLR(opt, { schedulers: [new StepLR(opt, { stepSize: 2 })], milestones: [3] })).toThrow(
			'SequentialLR: needs one milestone fewer than schedulers, got 1 schedulers and 1 milestones',
		);
		expect(() => new SequentialLR(opt, { schedulers: [new StepLR(sgd(), { stepSize: 2 })], milestones: [] })).toThrow('belongs to another optimizer');
	});
});
