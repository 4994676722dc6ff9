import { describe, expect, it } from 'vitest';
import { keep, liveTensorCount, manualSeed, nn, noGrad, randn, tensor, tidy, type Tensor } from 'chainrule';

describe('tidy', () => {
	it('disposes the intermediates and keeps the returned tensor', () => {
		const x = tensor([1, 2]);
		let inner: Tensor | null = null;
		const out = tidy(() => {
			inner = x.mul(2);
			return inner.add(1);
		});
		expect(inner!.isDisposed).toBe(true);
		expect(out.isDisposed).toBe(false);
		expect(x.isDisposed).toBe(false); // made outside
		expect(Array.from(out.dataSync())).toEqual([3, 5]);
	});
	it('keeps tensors returned in an array or an object', () => {
		const x = tensor([1, 2]);
		const { a, list } = tidy(() => ({ a: x.mul(2), list: [x.add(1), x.neg()] }));
		expect([a, ...list].map((t) => t.isDisposed)).toEqual([false, false, false]);
	});
	it('keep() survives every enclosing tidy', () => {
		let kept: Tensor | null = null;
		tidy(() => {
			tidy(() => {
				kept = keep(tensor([1]).mul(3));
			});
		});
		expect(kept!.isDisposed).toBe(false);
	});
	it('a nested result belongs to the outer scope', () => {
		let fromInner: Tensor | null = null;
		const out = tidy(() => {
			fromInner = tidy(() => tensor([1]).add(1));
			return fromInner.mul(2);
		});
		expect(fromInner!.isDisposed).toBe(true); // freed by the outer tidy, which did not return it
		expect(Array.from(out.dataSync())).toEqual([4]);
	});
	it('a result that is a view keeps the storage it shares', () => {
		const out = tidy(() => tensor([1, 2, 3, 4]).mul(1).reshape(2, 2));
		expect(Array.from(out.dataSync())).toEqual([1, 2, 3, 4]);
	});
	it('brings liveTensorCount back to its start', () => {
		const start = liveTensorCount();
		tidy(() => {
			const a = randn([3, 3]);
			a.matmul(a).relu().sum().add(1);
		});
		expect(liveTensorCount()).toBe(start);
	});
});

/** A two-layer MLP built from Parameters (not nn.Linear), so this test only needs Module. */
class TinyMlp extends nn.Module {
	w1 = nn.Parameter(randn([2, 8]).mul(0.5));
	b1 = nn.Parameter(randn([8]).mul(0.1));
	w2 = nn.Parameter(randn([8, 1]).mul(0.5));
	b2 = nn.Parameter(randn([1]).mul(0.1));
	forward(x: Tensor): Tensor {
		return x.matmul(this.w1).add(this.b1).tanh().matmul(this.w2).add(this.b2);
	}
}

describe('a tidy training step', () => {
	manualSeed(7);
	const X = keep(randn([16, 2]));
	const y = keep(X.sum(1, true).tanh());
	const net = new TinyMlp();

	/** zeroGrad, forward, backward, SGD update, all inside tidy; returns the loss value. */
	const step = (): number =>
		tidy(() => {
			net.zeroGrad();
			const loss = net.forward(X).sub(y).pow(2).mean();
			loss.backward();
			noGrad(() => {
				for (const p of net.parameters()) p.sub_(p.grad!.mul(0.1));
			});
			return loss.dataSync()[0];
		});

	it('leaks nothing: the count returns to its start after each step', () => {
		const beforeAny = liveTensorCount();
		const first = step();
		// the only tensors left are the 4 gradients, which live on the parameters
		expect(liveTensorCount()).toBe(beforeAny + 4);
		const start = liveTensorCount();
		let last = first;
		for (let i = 0; i < 20; i++) {
			last = step();
			expect(liveTensorCount()).toBe(start);
		}
		expect(last).toBeLessThan(first); // and it trains
		net.zeroGrad(); // frees the gradients
		expect(liveTensorCount()).toBe(beforeAny);
	});
	it('gradients survive the tidy they were made in and accumulate across tidies', () => {
		const w = nn.Parameter(tensor([1, 2]));
		tidy(() => w.mul(3).sum().backward());
		expect(w.grad!.isDisposed).toBe(false);
		tidy(() => w.mul(w).sum().backward()); // + 2w
		expect(Array.from(w.grad!.dataSync())).toEqual([5, 7]);
	});
	it('clearing a gradient made by backward frees it; one set by hand is left alone', () => {
		const w = tensor([1, 2], { requiresGrad: true });
		w.sum().backward();
		const g = w.grad!;
		w.grad = null;
		expect(g.isDisposed).toBe(true);
		const mine = tensor([5, 5]);
		w.grad = mine;
		w.grad = null;
		expect(mine.isDisposed).toBe(false);
	});
});

describe('disposed tensors', () => {
	it('backward through a graph whose saved tensors a tidy freed says so', () => {
		const w = tensor([1, 2], { requiresGrad: true });
		const loss = tidy(() => w.mul(2).exp().sum());
		expect(() => loss.backward()).toThrow(
			"backward: a tensor needed to compute the gradient of 'sum' (shape [2]) was disposed, by tidy() or dispose(), before backward ran",
		);
	});
	it('using one throws an error that names the op and the shape', () => {
		const x = tensor([1, 2]);
		x.dispose();
		expect(x.isDisposed).toBe(true);
		expect(() => x.add(1)).toThrow("add: this tensor (shape [2]) was disposed; it can't be used any more");
		expect(() => x.reshape(2, 1)).toThrow("reshape: this tensor (shape [2]) was disposed; it can't be used any more");
		expect(() => x.dataSync()).toThrow('was disposed');
		expect(x.toString()).toBe('tensor(<disposed>, shape=[2])');
		x.dispose(); // twice is harmless
	});
	it('reading one asynchronously rejects', async () => {
		const x = tensor([1, 2]);
		x.dispose();
		await expect(x.data()).rejects.toThrow('was disposed');
	});
	it('a view outlives its disposed base (they share a reference-counted storage)', () => {
		const x = tensor([1, 2, 3, 4]);
		const v = x.reshape(2, 2);
		x.dispose();
		expect(Array.from(v.dataSync())).toEqual([1, 2, 3, 4]);
		const backend = v.storage.backend;
		const before = backend.bytesInUse();
		v.dispose();
		expect(backend.bytesInUse()).toBe(before - 16); // the 4 float32 values are released with the last user
	});
});
