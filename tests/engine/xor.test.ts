// A learner's first network: a 2-8-1 MLP learns XOR, the function no single linear layer can represent.
import { describe, expect, it } from 'vitest';
import { data, F, manualSeed, nn, noGrad, optim } from 'chainrule';

describe('an MLP trained with Adam learns XOR', () => {
	it('classifies all four inputs of the truth table correctly', async () => {
		manualSeed(0);
		// X: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0]
		const { X, y } = data.makeXor({ nSamples: 4, shuffle: false });
		const target = y.float().unsqueeze(1); // [4, 1] for the logit of "1"
		const net = new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 1));
		const optimizer = new optim.Adam(net.parameters(), { lr: 0.05 });

		const losses: number[] = [];
		for (let step = 0; step < 200; step++) {
			optimizer.zeroGrad();
			const loss = F.binaryCrossEntropyWithLogits(net.forward(X), target);
			loss.backward();
			optimizer.step();
			losses.push(await loss.item());
		}

		const predicted = noGrad(() => net.forward(X).gt(0).reshape([4]));
		expect(await predicted.tolist()).toEqual([0, 1, 1, 0]);
		// log 2 ≈ 0.693 is where an untrained net starts (it knows nothing); it ends far below
		expect(losses[0]).toBeGreaterThan(0.5);
		expect(losses[losses.length - 1]).toBeLessThan(0.01);
	});
});
