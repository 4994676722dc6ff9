import { it } from 'vitest';
import { data, F, manualSeed, nn, noGrad, optim, tensor, Tensor } from 'chainrule';

function acc(logits: Tensor, y: Tensor) { const p = logits.gt(0).reshape([-1]).dataSync(); const t = y.dataSync(); let c = 0; for (let i = 0; i < t.length; i++) c += p[i] === t[i] ? 1 : 0; return c / t.length; }
function feats(X: Tensor, kind: string) { if (kind === 'eng') { return X.mul(X).sum(1, true); } return X; }
function train(kind: string, Xtr: Tensor, ytr: Tensor, Xte: Tensor, yte: Tensor, seed: number) {
	manualSeed(seed);
	const inF = kind === 'eng' ? 1 : 2;
	const net = kind === 'mlp' ? new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 1)) : new nn.Linear(inF, 1);
	const opt = new optim.Adam(net.parameters(), { lr: 0.05 });
	const A = feats(Xtr, kind), B = feats(Xte, kind); const t = ytr.float().unsqueeze(1);
	for (let i = 0; i < 300; i++) { opt.zeroGrad(); F.binaryCrossEntropyWithLogits(net.forward(A), t).backward(); opt.step(); }
	return noGrad(() => acc(net.forward(B), yte));
}
it('bench', () => {
	for (const ds of ['circles', 'moons']) {
	const te = ds === 'circles' ? data.makeCircles({ nSamples: 500, noise: 0.15, factor: 0.5, seed: 100 }) : data.makeMoons({ nSamples: 500, noise: 0.2, seed: 100 });
	for (const n of [8, 16, 32, 64, 128, 256]) {
		const row: string[] = [];
		for (const kind of ['raw', 'eng', 'mlp']) {
			let s = 0; const t0 = performance.now();
			for (const seed of [1, 2, 3]) {
				const tr = ds === 'circles' ? data.makeCircles({ nSamples: n, noise: 0.15, factor: 0.5, seed }) : data.makeMoons({ nSamples: n, noise: 0.2, seed });
				s += train(kind, tr.X, tr.y, te.X, te.y, seed);
			}
			row.push(`${kind} ${(s / 3).toFixed(3)} (${(performance.now() - t0).toFixed(0)}ms)`);
		}
		console.log(ds, n, row.join('  '));
	}}
});
