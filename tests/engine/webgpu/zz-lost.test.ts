import { it, expect } from 'vitest';
import { randn, initWebgpu, getDefaultDevice, onDeviceChange, nn, optim, F, syncToCpu, randint, tidy, getDeviceInfo } from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';

it('lost', async () => {
	await initWebgpu({ allowSoftware: true, syncEveryMs: 0 });
	console.log('default', getDefaultDevice());
	const events: any[] = [];
	onDeviceChange((e) => events.push(e));
	const model = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
	const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
	const X = randn([16, 4]);
	const y = randint(0, 3, [16]);
	console.log(X.device, model.parameters()[0].device);
	const step = () => tidy(() => { opt.zeroGrad(); const loss = F.crossEntropy(model.forward(X), y); loss.backward(); opt.step(); return loss; });
	for (let i = 0; i < 3; i++) console.log('loss', await step().item());
	const r = await syncToCpu();
	console.log('sync', r);
	const t0 = performance.now();
	webgpuBackend()!.device.destroy();
	let i = 0;
	for (; i < 5; i++) {
		try { const l = step(); console.log('after destroy', i, l.device, await l.item(), (performance.now() - t0).toFixed(1)); }
		catch (e) { console.log('err', i, (e as Error).message.slice(0, 120), (performance.now() - t0).toFixed(1)); }
	}
	console.log(events.map((e) => [e.cause, e.previous, e.device, JSON.stringify(e.recovery)]));
	console.log(getDeviceInfo());
	console.log(model.parameters().map((p) => p.device));
}, 60000);
