// The handwritten 8×8 digits (UCI, Alpaydin & Kaynak 1998, CC BY 4.0) with a one-hidden-layer MLP, written
// as a learner would: load, split with a seed, standardize with the training statistics, train with
// mini-batches, report accuracy on the held-out part.
import { describe, expect, it } from 'vitest';
import { data, F, manualSeed, nn, noGrad, optim, type Tensor } from 'chainrule';

async function accuracy(net: nn.Module, X: Tensor, y: Tensor): Promise<number> {
	net.eval();
	const predicted = noGrad(() => net.forward(X).argmax(1));
	net.train();
	return predicted.eq(y).float().mean().item();
}

describe('an MLP on the handwritten digits', () => {
	it('reaches at least 95 % accuracy on a stratified held-out quarter', async () => {
		manualSeed(0);
		const { X, y } = data.loadDigits({ normalize: true });
		const { XTrain, XTest, yTrain, yTest } = data.trainTestSplit(X, y, { testSize: 0.25, seed: 0, stratify: true });
		const train = data.standardize(XTrain);
		const test = data.standardize(XTest, { mean: train.mean, std: train.std });

		const net = new nn.Sequential(new nn.Linear(64, 64), new nn.ReLU(), new nn.Linear(64, 10));
		const optimizer = new optim.Adam(net.parameters(), { lr: 3e-3 });
		const loader = new data.DataLoader(new data.TensorDataset(train.X, yTrain), { batchSize: 32, shuffle: true, seed: 0 });

		for (let epoch = 0; epoch < 15; epoch++) {
			for (const [xb, yb] of loader) {
				optimizer.zeroGrad();
				F.crossEntropy(net.forward(xb), yb).backward();
				optimizer.step();
			}
		}

		expect(XTest.shape).toEqual([450, 64]);
		const testAccuracy = await accuracy(net, test.X, yTest);
		expect(testAccuracy).toBeGreaterThanOrEqual(0.95);
		// and it did not just memorise: the training accuracy is not far above
		expect(await accuracy(net, train.X, yTrain)).toBeGreaterThanOrEqual(testAccuracy);
	});
});
