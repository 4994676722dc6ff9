import { describe, expect, it } from 'vitest';
import { tensor, optim, nn, liveTensorCount, type Tensor } from 'chainrule';

const f64 = (values: number[], requiresGrad = true) => tensor(values, { dtype: 'float64', requiresGrad });

/** f(x, y) = (x - 3)² + 10 (y + 1)², minimum at (3, -1). */
function lossOf(p: Tensor): Tensor {
	const x = p.slice(0, 0, 1);
	const y = p.slice(0, 1, 2);
	return x.sub(3).square().add(y.add(1).square().mul(10)).sum();
}

function train(opt: optim.Optimizer<{ lr: number }>, p: Tensor, steps: number): void {
	for (let i = 0; i < steps; i++) {
		opt.zeroGrad();
		lossOf(p).backward();
		opt.step();
	}
}

const makers: [string, (p: Tensor[]) => optim.Optimizer<{ lr: number }>][] = [
	['SGD', (p) => new optim.SGD(p, { lr: 0.02, momentum: 0.9 })],
	['RMSprop', (p) => new optim.RMSprop(p, { lr: 0.01, momentum: 0.5, centered: true })],
	['Adagrad', (p) => new optim.Adagrad(p, { lr: 0.5, lrDecay: 0.01 })],
	['Adam', (p) => new optim.Adam(p, { lr: 0.1, amsgrad: true })],
	['AdamW', (p) => new optim.AdamW(p, { lr: 0.1, weightDecay: 0.001 })],
];

describe('Optimizer', () => {
	it.each(makers)('%s converges on a quadratic', (_name, make) => {
		const p = f64([0.5, 1.5]);
		train(make([p]), p, 400);
		const [x, y] = p.dataSync();
		expect(Math.abs(x - 3)).toBeLessThan(2e-2);
		expect(Math.abs(y + 1)).toBeLessThan(2e-2);
	});

	it.each(makers)('%s: a stateDict resumes training identically', (_name, make) => {
		const a = f64([0.5, 1.5]);
		const optA = make([a]);
		train(optA, a, 5);
		const saved = optA.stateDict();
		const savedParam = [...a.dataSync()];
		train(optA, a, 5);
		// the snapshot holds copies: training on did not change it
		const b = f64(savedParam);
		const optB = make([b]);
		optB.loadStateDict(saved);
		train(optB, b, 5);
		expect([...b.dataSync()]).toEqual([...a.dataSync()]);
	});

	it('stateDict names parameters by position and keeps the hyperparameters', () => {
		const w = f64([1, 2]);
		const v = f64([3]);
		const opt = new optim.Adam([{ params: [w] }, { params: [v], lr: 0.5 }], { lr: 0.1, betas: [0.8, 0.9] });
		w.grad = f64([1, 1], false);
		opt.step();
		const sd = opt.stateDict();
		expect(sd.paramGroups.map((g) => [g.params, g.lr, g.betas])).toEqual([[[0], 0.1, [0.8, 0.9]], [[1], 0.5, [0.8, 0.9]]]);
		expect(Object.keys(sd.state)).toEqual(['0']); // v had no gradient, so no state
		expect(sd.state[0].step).toBe(1);
		// m = lerp(0, g, 1 - 0.8) = (1 - 0.8) · 1
		expect([...(sd.state[0].expAvg as Tensor).dataSync()]).toEqual([1 - 0.8, 1 - 0.8]);
		expect(() => new optim.Adam([w], { lr: 0.1 }).loadStateDict(sd)).toThrow('Adam.loadStateDict: the saved state has 2 parameter groups, this optimizer has 1');
	});

	it('param groups override the defaults', () => {
		const w = f64([1]);
		const b = f64([1]);
		const opt = new optim.SGD([{ params: [w] }, { params: [b], lr: 1 }], { lr: 0.1, momentum: 0.5 });
		expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0.5], [1, 0.5]]);
		w.grad = f64([1], false);
		b.grad = f64([1], false);
		opt.step();
		expect([w.dataSync()[0], b.dataSync()[0]]).toEqual([0.9, 0]);
		opt.addParamGroup({ params: [f64([0])], lr: 2 });
		expect(opt.paramGroups[2].momentum).toBe(0.5);
	});

	it('skips parameters whose grad is null', () => {
		const w = f64([1]);
		const v = f64([5]);
		const opt = new optim.Adam([w, v], { lr: 0.1 });
		w.grad = f64([1], false);
		opt.step();
		expect(v.dataSync()[0]).toBe(5);
		expect(opt.state.has(v)).toBe(false);
	});

	it('zeroGrad sets grads to null, or to zeros in place with setToNone: false', () => {
		const w = f64([1, 2]);
		const opt = new optim.SGD([w], { lr: 0.1 });
		w.sum().backward();
		const g = w.grad!;
		opt.zeroGrad({ setToNone: false });
		expect(w.grad).toBe(g);
		expect([...g.dataSync()]).toEqual([0, 0]);
		opt.zeroGrad();
		expect(w.grad).toBeNull();
	});

	it('returns the closure result, computed with gradients on', () => {
		const p = f64([0.5, 1.5]);
		const opt = new optim.SGD([p], { lr: 0.01 });
		const loss = opt.step(() => {
			opt.zeroGrad();
			const l = lossOf(p);
			l.backward();
			return l;
		});
		expect(loss!.dataSync()[0]).toBe(6.25 + 62.5);
		expect([...p.dataSync()]).toEqual([0.55, 1.0]);
	});

	it('works on float32 parameters of a module, and frees its temporaries', () => {
		const layer = new nn.Linear(3, 2);
		const opt = new optim.Adam(layer.parameters(), { lr: 0.01 });
		const x = tensor([[1, 2, 3]]);
		const before = [...layer.weight.dataSync()];
		const stepOnce = () => {
			opt.zeroGrad();
			layer.forward(x).sum().backward();
			const live = liveTensorCount();
			opt.step();
			return liveTensorCount() - live;
		};
		// the first step makes Adam's two state tensors per parameter (kept); later steps leave nothing behind
		expect(stepOnce()).toBe(4);
		for (let i = 0; i < 6; i++) expect(stepOnce()).toBe(0);
		expect(layer.weight.dtype).toBe('float32');
		// Adam moves each weight by about lr per step in the direction of -sign(grad) = -sign(x)
		const after = [...layer.weight.dataSync()];
		after.forEach((v, i) => expect(before[i] - v).toBeCloseTo(0.07, 3));
	});

	it('explains bad parameter lists', () => {
		const w = f64([1]);
		expect(() => new optim.SGD(w as never)).toThrow('SGD: params should be a list of tensors or of parameter groups, got a single tensor; wrap it: new SGD([w], ...)');
		expect(() => new optim.SGD([])).toThrow('SGD: got an empty parameter list');
		expect(() => new optim.Adam([w.mul(2)])).toThrow("Adam: can't optimize a non-leaf tensor");
		expect(() => new optim.Adam([w, w])).toThrow('Adam: a parameter (shape [1]) appears twice');
		expect(() => new optim.Adam(new nn.Linear(2, 2) as never)).toThrow('Adam: got a module; pass its parameters: new Adam(model.parameters(), ...)');
	});
});
