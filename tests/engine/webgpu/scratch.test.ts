import { it } from 'vitest';
import { tensor, initWebgpu, randn, manualSeed } from 'chainrule';

it('scratch', async () => {
	await initWebgpu();
	manualSeed(1);
	const base = randn([20000]).mul(3);
	const vals = [...Array.from(await base.data()), 1e-7, -1e-7, 1e-3, 0.3, -0.3, 0.45, 100, 1000, -2000, NaN, Infinity, -Infinity, 0];
	const x = tensor(vals, { device: 'webgpu' });
	const xc = tensor(vals);
	for (const op of ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'tanh', 'erf', 'sin', 'cos', 'sign', 'relu', 'sigmoid', 'abs', 'neg', 'floor']) {
		const y = await (x as any)[op]().data();
		const c = await (xc as any)[op]().data();
		let worst = 0, at = -1, nanbad = 0;
		for (let i = 0; i < c.length; i++) {
			if (Number.isNaN(c[i]) !== Number.isNaN(y[i])) { nanbad++; continue; }
			if (c[i] === y[i]) continue;
			const e = Math.abs(y[i] - c[i]) / (1e-6 + Math.abs(c[i]));
			if (e > worst) { worst = e; at = i; }
		}
		console.log(op.padEnd(8), 'worst rel(atol1e-6)', worst.toExponential(2), 'at x=', vals[at], y[at], c[at], 'nan mismatches', nanbad);
	}
});
