// 500 SGD steps of a small MLP on WebGPU leave GPU memory and the live tensor count flat.
import { describe, expect } from 'vitest';
import { keep, liveTensorCount, manualSeed, noGrad, randint, randn, tidy, type Tensor } from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';
import { itOnWebgpu, onDevice } from '../../../engine/testing/webgpu';

describe('WebGPU memory over a training loop', () => {
	itOnWebgpu('500 MLP training steps inside tidy leak neither buffers nor tensors', async () => {
		const backend = webgpuBackend()!;
		manualSeed(3);
		const [X, y, params] = onDevice('webgpu', () => {
			const X = keep(randn([32, 6]));
			const y = keep(randint(0, 3, [32, 1]));
			const params = [randn([6, 16]).mul(0.4), randn([16]).mul(0.1), randn([16, 3]).mul(0.4), randn([3]).mul(0.1)];
			return [X, y, params.map((p) => keep(p.requiresGrad_()))] as const;
		});
		const lr = 0.1;
		const step = (): Tensor =>
			tidy(() => {
				const [W1, b1, W2, b2] = params;
				const h = X.matmul(W1).add(b1).relu();
				const logProbs = h.matmul(W2).add(b2).logSoftmax(1);
				const loss = logProbs.gather(1, y).mean().neg();
				loss.backward();
				noGrad(() => {
					for (const p of params) {
						p.sub_(p.grad!.mul(lr));
						p.grad = null; // frees the gradient made by backward
					}
				});
				return loss;
			});
		const first = step();
		const firstLoss = await first.item();
		first.dispose();
		const bytes = backend.bytesInUse();
		const tensors = liveTensorCount();
		const pooled = backend.memory().totalBytes;
		let last = 0;
		for (let i = 1; i < 500; i++) {
			const loss = step();
			if (i % 100 === 99) last = await loss.item(); // a read now and then, as a training loop logs
			loss.dispose();
		}
		expect(last).toBeLessThan(firstLoss); // it did train
		expect(backend.bytesInUse()).toBe(bytes);
		expect(liveTensorCount()).toBe(tensors);
		expect(backend.memory().totalBytes).toBe(pooled); // the pool reused its buffers, it did not grow
		for (const t of [X, y, ...params]) t.dispose();
	}, 60_000);
});
