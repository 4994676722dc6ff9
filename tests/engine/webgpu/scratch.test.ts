import { it } from 'vitest';
import { tensor, initWebgpu, randn, manualSeed, cat, where, toDeviceAsync, type Tensor } from 'chainrule';

async function cmp(name: string, f: (d: 'cpu' | 'webgpu') => Tensor) {
	const c = await f('cpu').data();
	const g = await f('webgpu').data();
	let worst = 0;
	for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - g[i]) / (1e-6 + Math.abs(c[i])));
	console.log(name.padEnd(12), c.length === g.length ? '' : 'LEN MISMATCH', worst.toExponential(2));
}
it('scratch', async () => {
	await initWebgpu();
	manualSeed(1);
	const A = randn([3, 5, 7]);
	const B = randn([5, 1]);
	const M1 = randn([2, 37, 45]);
	const M2 = randn([45, 29]);
	const on = (t: Tensor, d: string) => (d === 'cpu' ? t : tensor(t.dataSync() as Float32Array, { shape: t.shape, device: 'webgpu' }));
	await cmp('add-bcast', (d) => on(A, d).add(on(B, d)));
	await cmp('permute', (d) => on(A, d).permute(2, 0, 1));
	await cmp('slice', (d) => on(A, d).slice(2, 1, 6, 2));
	await cmp('expand', (d) => on(B, d).expand(3, 5, 4));
	await cmp('cat', (d) => cat([on(A, d), on(A, d).mul(2)], 1));
	await cmp('sum0', (d) => on(A, d).sum(0));
	await cmp('sum02', (d) => on(A, d).sum([0, 2], true));
	await cmp('sumall', (d) => on(A, d).sum());
	await cmp('amax1', (d) => on(A, d).amax(1));
	await cmp('argmax', (d) => on(A, d).argmax(2));
	await cmp('argmaxall', (d) => on(A, d).argmax());
	await cmp('where', (d) => where(on(A, d).gt(0), on(A, d), on(B, d)));
	await cmp('cast', (d) => on(A, d).mul(3).to('int32'));
	await cmp('gather', (d) => on(A, d).gather(2, tensor([[[1, 0, 6]]], { dtype: 'int32', device: d as any }).expand(3, 5, 3)));
	await cmp('indexSel', (d) => on(A, d).indexSelect(1, tensor([4, 0, 0, 2], { dtype: 'int32', device: d as any })));
	await cmp('matmul', (d) => on(M1, d).matmul(on(M2, d)));
	const big = randn([100000]);
	await cmp('bigsum', (d) => on(big, d).sum());
	await cmp('bigamax', (d) => on(big, d).amax());
	await cmp('bigargmax', (d) => on(big, d).argmax());
	for (const d of ['cpu', 'webgpu'] as const) {
		const x = on(A, d).detach().requiresGrad_();
		const y = x.slice(1, 0, 4).gather(2, tensor([[[1, 0, 6]]], { dtype: 'int32', device: d }).expand(3, 4, 3)).sum();
		y.backward();
		console.log(d, Array.from(await x.grad!.data()).slice(0, 14).join(','));
		const e = on(A, d).detach().requiresGrad_();
		e.indexSelect(1, tensor([4, 0, 0, 2], { dtype: 'int32', device: d })).mul(2).sum().backward();
		console.log(d, Array.from(await e.grad!.data()).slice(0, 14).join(','));
	}
	const bad = tensor([5], { dtype: 'int32', device: 'webgpu' });
	try { await A.detach().to('cpu').sum().data(); await on(A, 'webgpu').indexSelect(1, bad).data(); console.log('no error!'); } catch (e) { console.log('error ok:', (e as Error).message); }
	try { await on(A, 'webgpu').to('float64'); } catch (e) { console.log('error ok:', (e as Error).message); }
	try { tensor([1], { dtype: 'float64', device: 'webgpu' }); } catch (e) { console.log('error ok:', (e as Error).message); }
});
