import { it } from 'vitest';
import { data, F, manualSeed, nn, noGrad, optim, tensor, linspace } from 'chainrule';

it('bench', async () => {
	manualSeed(0);
	const { X, y } = data.makeSpirals({ nSamples: 240, noise: 0.02, seed: 0 });
	const net = new nn.Sequential(new nn.Linear(2, 16), new nn.ReLU(), new nn.Linear(16, 16), new nn.ReLU(), new nn.Linear(16, 3));
	const opt = new optim.Adam(net.parameters(), { lr: 0.03 });
	let t = performance.now();
	let last = 0;
	for (let i = 0; i < 300; i++) {
		opt.zeroGrad();
		const loss = F.crossEntropy(net.forward(X), y);
		loss.backward();
		opt.step();
		last = loss.dataSync()[0];
	}
	console.log('300 full-batch steps (240 pts, 2-16-16-3):', performance.now() - t, 'ms; loss', last);
	// grid 64x64
	const g = 64;
	const pts = new Float32Array(g * g * 2);
	for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) { pts[2 * (i * g + j)] = -1 + (2 * j) / (g - 1); pts[2 * (i * g + j) + 1] = -1 + (2 * i) / (g - 1); }
	t = performance.now();
	for (let k = 0; k < 10; k++) noGrad(() => F.softmax(net.forward(tensor(pts, { shape: [g * g, 2] })), 1).dataSync());
	console.log('grid 64x64 forward x10:', performance.now() - t, 'ms');
	t = performance.now();
	const x = linspace(-4, 4, 161).requiresGrad_?.(true) ?? linspace(-4, 4, 161);
	console.log(typeof (x as any).requiresGrad_);
});
