import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import * as F from '../functional/activations';
import { manualSeed } from '../random';
import { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh } from './activation';

describe('activation modules', () => {
	it('match their functional forms, with PyTorch’s defaults', () => {
		manualSeed(0);
		const x = randn([3, 4], { dtype: 'float64' }).mul(3);
		const same = [
			[new ReLU(), F.relu(x)],
			[new LeakyReLU(), F.leakyRelu(x, 0.01)],
			[new LeakyReLU(0.2), F.leakyRelu(x, 0.2)],
			[new Sigmoid(), F.sigmoid(x)],
			[new Tanh(), F.tanh(x)],
			[new GELU(), F.gelu(x)],
			[new GELU({ approximate: 'tanh' }), F.gelu(x, 'tanh')],
			[new ELU(), F.elu(x, 1)],
			[new ELU(0.5), F.elu(x, 0.5)],
			[new Softplus(), F.softplus(x, 1, 20)],
			[new Softplus(2, 3), F.softplus(x, 2, 3)],
			[new Softmax(1), F.softmax(x, 1)],
			[new LogSoftmax(0), F.logSoftmax(x, 0)],
		] as const;
		for (const [module, expected] of same) {
			expect(Array.from(module.forward(x).dataSync()), module.constructor.name).toEqual(Array.from(expected.dataSync()));
			expect(module.parameters()).toEqual([]);
		}
	});

	it('keep their settings as fields', () => {
		expect(new LeakyReLU().negativeSlope).toBe(0.01);
		expect(new ELU().alpha).toBe(1);
		expect(new Softplus().beta).toBe(1);
		expect(new Softplus().threshold).toBe(20);
		expect(new GELU().approximate).toBe('none');
	});

	it('Softmax without a dim follows PyTorch’s legacy rule (dim 0 for 1-D and 3-D, else 1)', async () => {
		expect(await new Softmax().forward(tensor([0, 0])).tolist()).toEqual([0.5, 0.5]);
		expect(await new Softmax().forward(tensor([[0, 0], [0, 0]])).tolist()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
		const x = randn([2, 3, 4], { dtype: 'float64' });
		expect(Array.from(new LogSoftmax().forward(x).dataSync())).toEqual(Array.from(F.logSoftmax(x, 0).dataSync()));
	});

	it('GELU rejects an unknown approximation', () => {
		expect(() => new GELU({ approximate: 'fast' as 'tanh' })).toThrow(`GELU: approximate must be 'none' or 'tanh', got "fast"`);
	});
});
