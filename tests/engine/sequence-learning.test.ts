// End to end: an LSTM learns to tell whether a sequence of ±1 tokens adds up to a positive number. No single
// token decides it, so the network has to carry a running count through time in its state.
import { describe, expect, it } from 'vitest';
import { F, manualSeed, nn, noGrad, RandomSource, tensor, type Tensor } from 'chainrule';

const SEQ = 9; // odd, so the sum is never 0
const HIDDEN = 8;

/** `count` sequences of ±1 as `x: [SEQ, count, 1]` (sequence first) and labels `y: [count, 1]` (1 if the sum > 0). */
function makeBatch(g: RandomSource, count: number): { x: Tensor; y: Tensor } {
	const xs = new Float32Array(SEQ * count);
	const ys = new Float32Array(count);
	for (let b = 0; b < count; b++) {
		let sum = 0;
		for (let t = 0; t < SEQ; t++) {
			const token = g.uniform() < 0.5 ? -1 : 1;
			xs[t * count + b] = token;
			sum += token;
		}
		ys[b] = sum > 0 ? 1 : 0;
	}
	return { x: tensor(xs, { shape: [SEQ, count, 1] }), y: tensor(ys, { shape: [count, 1] }) };
}

class SumClassifier extends nn.Module {
	lstm = new nn.LSTM(1, HIDDEN);
	head = new nn.Linear(HIDDEN, 1);
	/** Logit of "the sum is positive", read from the last hidden state: [batch, 1]. */
	forward(x: Tensor): Tensor {
		const [, [hN]] = this.lstm.forward(x);
		return this.head.forward(hN.squeeze(0));
	}
}

/** Plain Adam (β = 0.9, 0.999), inline: engine/optim had no index.ts when this test was written. */
function makeAdam(params: Tensor[], lr: number) {
	const m = params.map((p) => p.detach().mul(0));
	const v = params.map((p) => p.detach().mul(0));
	let t = 0;
	return () =>
		noGrad(() => {
			t++;
			params.forEach((p, i) => {
				const g = p.grad!;
				m[i] = m[i].mul(0.9).add(g.mul(0.1));
				v[i] = v[i].mul(0.999).add(g.mul(g).mul(0.001));
				const mHat = m[i].div(1 - 0.9 ** t);
				const vHat = v[i].div(1 - 0.999 ** t);
				p.sub_(mHat.div(vHat.sqrt().add(1e-8)).mul(lr));
				p.grad = null;
			});
		});
}

describe('an LSTM learns a sequence task', () => {
	it('classifies the sign of a sum of 9 random ±1 tokens with >= 95% accuracy on held-out sequences', () => {
		manualSeed(0);
		const data = new RandomSource(1);
		const model = new SumClassifier();
		const step = makeAdam(model.parameters(), 0.03);
		const losses: number[] = [];
		for (let i = 0; i < 100; i++) {
			const { x, y } = makeBatch(data, 32);
			const loss = F.binaryCrossEntropyWithLogits(model.forward(x), y);
			loss.backward();
			step();
			losses.push(loss.dataSync()[0]);
		}
		const test = makeBatch(new RandomSource(99), 500);
		const predicted = noGrad(() => model.forward(test.x).gt(0));
		const hits = Array.from(predicted.dataSync()).filter((p, i) => p === test.y.dataSync()[i]).length;
		// chance is 50% (log 2 ≈ 0.693 loss); a network that counts gets nearly all of them
		expect(losses[0]).toBeGreaterThan(0.6);
		expect(hits / 500).toBeGreaterThanOrEqual(0.95);
		expect(losses.slice(-10).reduce((a, b) => a + b, 0) / 10).toBeLessThan(0.15);
	});
});
