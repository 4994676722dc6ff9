// The handwritten 8×8 digits (UCI, Alpaydin & Kaynak 1998, CC BY 4.0) with a small CNN:
// Conv2d → ReLU → MaxPool2d → Flatten → Linear, on the [N, 1, 8, 8] images.
import { describe, expect, it } from 'vitest';
import { data, F, manualSeed, nn, noGrad, optim } from 'chainrule';

describe('a small CNN on the handwritten digits', () => {
	it('reaches at least 97 % accuracy on a stratified held-out quarter', async () => {
		manualSeed(0);
		const { images, y } = data.loadDigits({ normalize: true });
		const { XTrain, XTest, yTrain, yTest } = data.trainTestSplit(images, y, { testSize: 0.25, seed: 0, stratify: true });
		// one mean and std for all pixels (statistics over every dim), as for a one-channel image set
		const train = data.standardize(XTrain, { dim: [0, 1, 2, 3] });
		const test = data.standardize(XTest, { mean: train.mean, std: train.std });

		const net = new nn.Sequential(
			new nn.Conv2d(1, 16, 3, { padding: 1 }), // [N, 16, 8, 8]
			new nn.ReLU(),
			new nn.MaxPool2d(2), // [N, 16, 4, 4]
			new nn.Flatten(), // [N, 256]
			new nn.Linear(16 * 4 * 4, 10),
		);
		const optimizer = new optim.Adam(net.parameters(), { lr: 3e-3 });
		const loader = new data.DataLoader(new data.TensorDataset(train.X, yTrain), { batchSize: 32, shuffle: true, seed: 0 });

		for (let epoch = 0; epoch < 15; epoch++) {
			for (const [xb, yb] of loader) {
				optimizer.zeroGrad();
				F.crossEntropy(net.forward(xb), yb).backward();
				optimizer.step();
			}
		}

		net.eval();
		const predicted = noGrad(() => net.forward(test.X).argmax(1));
		expect(predicted.shape).toEqual([450]);
		expect(await predicted.eq(yTest).float().mean().item()).toBeGreaterThanOrEqual(0.97);
	});
});
