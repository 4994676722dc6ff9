// Randomized sweep: every primitive op (conv2d and pooling: conv-pool.test.ts) on random
// shapes, on WebGPU and on the CPU in float32, compared within float32 tolerances.
import { describe, expect } from 'vitest';
import { cat, randint, randn, RandomSource, tensor, where, type Tensor } from 'chainrule';
import { binaryOps, unaryOps, scatterAdd } from '../../../engine/ops/index';
import { binaryCrossEntropyOp } from '../../../engine/ops/binary-cross-entropy/binary-cross-entropy';
import { copyTo, expectMatchesCpu, itOnWebgpu, onDevice, WEBGPU_GRAD_TOLERANCE } from '../../../engine/testing/webgpu';

const g = new RandomSource(7);

/** A random shape of rank `lo..hi` with sizes 1..max. */
function shape(lo: number, hi: number, max = 5): number[] {
	return Array.from({ length: g.int(lo, hi + 1) }, () => g.int(1, max + 1));
}

/** A shape that broadcasts to `out`: leading dims dropped and some sizes set to 1. */
function broadcastable(out: readonly number[]): number[] {
	const drop = g.int(0, out.length + 1);
	return out.slice(drop).map((d) => (g.uniform() < 0.3 ? 1 : d));
}

/** Runs `fn` on CPU inputs and on WebGPU copies of them; compares the results. */
async function both(inputs: Tensor[], fn: (...xs: Tensor[]) => Tensor, tol = { rtol: 1e-5, atol: 1e-6 }, what = 'result') {
	const cpu = fn(...inputs);
	const gpu = onDevice('webgpu', () => fn(...inputs.map((x) => copyTo(x, 'webgpu').requiresGrad_(x.requiresGrad))));
	await expectMatchesCpu(gpu, cpu, tol, what);
}

describe('WebGPU vs CPU sweep (float32, random shapes)', () => {
	itOnWebgpu('unary ops on every element class (negatives, zeros, large values, NaN)', async () => {
		const special = tensor([0, -0, 1e-8, -1e-8, 0.3, -0.3, 1, -1, 30, -30, 100, -100, NaN, Infinity, -Infinity]);
		for (const [name, op] of Object.entries(unaryOps)) {
			const x = cat([randn(shape(0, 4)).mul(3).reshape([-1]), special]);
			await both([x], (t) => op([t], {}), { rtol: 1e-5, atol: 1e-6 }, name);
		}
	});

	itOnWebgpu('binary ops with broadcasting', async () => {
		for (const [name, op] of Object.entries(binaryOps)) {
			for (let trial = 0; trial < 3; trial++) {
				const out = shape(0, 4);
				let a = randn(broadcastable(out));
				let b = randn(broadcastable(out));
				if (name === 'pow') b = b.mul(2).floor().where(randn(b.shape).gt(0), b); // integer exponents too
				if (trial === 2) [a, b] = [a.floor(), b.floor()]; // exact ties for comparisons
				await both([a, b], (x, y) => op([x, y], {}), { rtol: 2e-5, atol: 1e-6 }, `${name} ${a.shape} ${b.shape}`);
			}
		}
	});

	itOnWebgpu('binary ops on int32 (exact), including division by zero', async () => {
		for (const [name, op] of Object.entries(binaryOps)) {
			if (name === 'pow') continue;
			const a = randint(-20, 20, [4, 5]);
			const b = randint(-3, 4, [5]);
			await both([a, b], (x, y) => op([x, y], {}), { rtol: 0, atol: 0 }, `int32 ${name}`);
		}
	});

	itOnWebgpu('where, cast, copy, assign and binaryCrossEntropy', async () => {
		const out = shape(1, 4);
		const [c, a, b] = [randn(broadcastable(out)).gt(0), randn(broadcastable(out)), randn(out)];
		await both([c, a, b], (x, y, z) => where(x, y, z), undefined, 'where');
		await both([randn([3, 4]).mul(1e5)], (x) => x.to('int32'), { rtol: 0, atol: 0 }, 'cast to int32');
		await both([randint(-1000, 1000, [7])], (x) => x.to('float32'), { rtol: 0, atol: 0 }, 'cast to float32');
		await both([randn([6, 2])], (x) => x.clone(), { rtol: 0, atol: 0 }, 'copy');
		await both([randn([3, 4]), randn([4])], (x, y) => x.clone().add_(y, 2), undefined, 'assign (add_)');
		await both([randn([5])], (x) => x.copy_(x.detach()), { rtol: 0, atol: 0 }, 'assign into itself');
		const p = randn([4, 3]).sigmoid();
		await both([p, randn([4, 3]).gt(0).to('float32')], (x, y) => binaryCrossEntropyOp([x, y], {}), undefined, 'binaryCrossEntropy');
	});

	itOnWebgpu('permute, expand, slice (with steps) and their backward passes', async () => {
		for (let trial = 0; trial < 4; trial++) {
			const s = shape(2, 5);
			const dims = g.permutation(s.length);
			await both([randn(s)], (x) => x.permute(Array.from(dims)), { rtol: 0, atol: 0 }, `permute ${s} by ${dims}`);
			const small = broadcastable(s);
			await both([randn(small)], (x) => x.expand(s), { rtol: 0, atol: 0 }, `expand ${small} to ${s}`);
			const d = g.int(0, s.length);
			const big = [...s];
			big[d] = 9;
			const [start, step] = [g.int(0, 3), g.int(1, 4)];
			await both([randn(big).requiresGrad_()], (x) => {
				const y = x.slice(d, start, 9, step);
				y.backward(y.detach().mul(2).add(1)); // sliceBackward on both devices
				return x.grad!;
			}, { rtol: 0, atol: 0 }, `slice backward dim ${d} of ${big}`);
		}
	});

	itOnWebgpu('cat, gather/scatterAdd and indexSelect/indexAdd', async () => {
		const s = shape(2, 4);
		const d = g.int(0, s.length);
		const other = [...s];
		other[d] += 2;
		await both([randn(s), randn(other), randn(s)], (a, b, c) => cat([a, b, c], d), { rtol: 0, atol: 0 }, 'cat');
		const index = randint(0, s[d], s.map((n, i) => (i === d ? n + 3 : Math.max(1, n - 1))));
		await both([randn(s), index], (x, i) => x.gather(d, i), { rtol: 0, atol: 0 }, 'gather');
		await both([randn(index.shape), index], (src, i) => scatterAdd(src, d, i, s), undefined, 'scatterAdd');
		const rows = randint(0, s[d], [7]);
		await both([randn(s), rows], (x, i) => x.indexSelect(d, i), { rtol: 0, atol: 0 }, 'indexSelect');
		await both([randn(s).requiresGrad_(), rows], (x, i) => {
			x.indexSelect(d, i).mul(3).sum().backward(); // indexAdd
			return x.grad!;
		}, undefined, 'indexAdd');
	});

	itOnWebgpu('sum, amax and argmax over random dims (with NaN and ties)', async () => {
		for (let trial = 0; trial < 6; trial++) {
			const s = shape(1, 5);
			const dims = Array.from(g.permutation(s.length)).slice(0, g.int(1, s.length + 1));
			const keep = g.uniform() < 0.5;
			const x = randn(s).mul(4).floor(); // integers: ties for amax/argmax
			await both([x], (t) => t.sum(dims, keep), undefined, `sum ${s} over ${dims}`);
			await both([x], (t) => t.amax(dims, keep), { rtol: 0, atol: 0 }, `amax ${s} over ${dims}`);
			await both([x], (t) => t.argmax(dims[0], keep), { rtol: 0, atol: 0 }, `argmax ${s} along ${dims[0]}`);
		}
		const withNaN = tensor([[1, NaN, 3, NaN], [2, 2, -1, 0]]);
		await both([withNaN], (t) => t.amax(1), { rtol: 0, atol: 0 }, 'amax with NaN');
		await both([withNaN], (t) => t.argmax(1), { rtol: 0, atol: 0 }, 'argmax with NaN and ties');
		await both([randint(-50, -1, [3, 70])], (t) => t.amax(1), { rtol: 0, atol: 0 }, 'int32 amax of negatives');
	});

	itOnWebgpu('large reductions (1e5 elements): within 1e-6 of the L1 mass of the exact (float64) sum', async () => {
		// NOTE: the CPU's float32 reductions along a dim add serially in float32, so the reference is float64
		const x = randn([100_000]).add(0.25);
		const rows = randn([3, 40_000]);
		for (const [t, dims] of [[x, [0]], [rows, [1]]] as const) {
			const exact = await t.to('float64').sum([...dims]).data();
			const l1 = await t.to('float64').abs().sum([...dims]).data();
			const gpu = await onDevice('webgpu', () => copyTo(t, 'webgpu').sum([...dims])).data();
			for (let i = 0; i < exact.length; i++) {
				expect(Math.abs(gpu[i] - exact[i]), `sum ${t.shape} over ${dims}, output ${i}`).toBeLessThanOrEqual(1e-6 * l1[i]);
			}
		}
		await both([rows], (t) => t.sum(0), undefined, 'sum of 4e4 columns of 3');
		await both([x], (t) => t.amax(), { rtol: 0, atol: 0 }, 'amax of 1e5');
		await both([x], (t) => t.argmax(), { rtol: 0, atol: 0 }, 'argmax of 1e5');
		await both([rows], (t) => t.argmax(1), { rtol: 0, atol: 0 }, 'argmax of rows of 4e4');
		const ones = tensor(new Float32Array(100_000).fill(1));
		expect(await onDevice('webgpu', () => copyTo(ones, 'webgpu').sum()).item()).toBe(100_000);
	});

	for (const variant of ['blocked', 'tiled'] as const) {
		itOnWebgpu(`matmul (${variant}): batched, broadcast batch dims, sizes not multiples of 4`, async (info) => {
			const { initWebgpu } = await import('chainrule');
			await initWebgpu({ matmul: variant });
			try {
				const cases: [number[], number[]][] = [
					[[1, 1], [1, 1]],
					[[3, 5], [5, 7]],
					[[8, 12], [12, 4]],
					[[2, 1, 17, 33], [3, 33, 5]],
					[[4, 65, 9], [9, 70]],
					[[70, 16], [2, 16, 66]],
				];
				for (const [sa, sb] of cases) {
					await both([randn(sa), randn(sb)], (a, b) => a.matmul(b), { rtol: 1e-4, atol: 1e-5 }, `${variant} ${sa} @ ${sb}`);
				}
			} finally {
				await initWebgpu({ matmul: info.matmul });
			}
		});
	}

	itOnWebgpu('an MLP backward pass matches the CPU gradients', async () => {
		const X = randn([16, 10]);
		const y = randint(0, 4, [16, 1]);
		const params = [randn([10, 24]).mul(0.3), randn([24]).mul(0.1), randn([24, 4]).mul(0.3), randn([4]).mul(0.1)];
		const grads = (device: 'cpu' | 'webgpu') =>
			onDevice(device, () => {
				const [W1, b1, W2, b2] = params.map((p) => copyTo(p, device).requiresGrad_());
				const h = copyTo(X, device).matmul(W1).add(b1).relu();
				const logits = h.matmul(W2).add(b2);
				const loss = logits.logSoftmax(1).gather(1, copyTo(y, device)).mean().neg();
				loss.backward();
				return [loss, W1.grad!, b1.grad!, W2.grad!, b2.grad!];
			});
		const cpu = grads('cpu');
		const gpu = grads('webgpu');
		for (let i = 0; i < cpu.length; i++) {
			await expectMatchesCpu(gpu[i], cpu[i], WEBGPU_GRAD_TOLERANCE, i === 0 ? 'loss' : `gradient ${i}`);
		}
	});
});
