import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../creation';
import { manualSeed } from '../random';
import type { Tensor } from '../tensor';
import { ReLU, Tanh } from './activation';
import { Flatten, Identity, ModuleList, Sequential, Unflatten } from './container';
import { Dropout } from './dropout';
import { Linear } from './linear';
import { Module } from './module';
import { BatchNorm1d } from './normalization';

describe('nn.Sequential', () => {
	it('names children 0, 1, ... so parameters are 0.weight, 2.bias, as PyTorch', () => {
		const net = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
		expect(net.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
			['0.weight', [8, 2]],
			['0.bias', [8]],
			['2.weight', [1, 8]],
			['2.bias', [1]],
		]);
		expect(net.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2']);
	});

	it('keeps numeric order past 10 children and nests names', () => {
		const layers = Array.from({ length: 12 }, () => new Linear(2, 2));
		const net = new Sequential(...layers);
		expect(net.namedChildren().map(([n]) => n)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
		const nested = new Sequential(new Linear(3, 3), new Sequential(new Tanh(), new BatchNorm1d(3)));
		expect(Object.keys(nested.stateDict())).toEqual([
			'0.weight', '0.bias', '1.1.weight', '1.1.bias', '1.1.runningMean', '1.1.runningVar', '1.1.numBatchesTracked',
		]);
	});

	it('chains forward through its modules in order', async () => {
		manualSeed(0);
		const a = new Linear(3, 4);
		const b = new Linear(4, 2);
		const net = new Sequential(a, new ReLU(), b);
		const x = randn([5, 3]);
		expect(await net.forward(x).tolist()).toEqual(await b.forward(a.forward(x).relu()).tolist());
		expect(new Sequential().forward(x)).toBe(x);
	});

	it('supports at(i), negative indices, length, iteration and append', () => {
		const first = new Linear(2, 2);
		const last = new Linear(2, 1);
		const net = new Sequential(first, new ReLU());
		net.append(last);
		expect(net.length).toBe(3);
		expect(net.at(0)).toBe(first);
		expect(net.at(-1)).toBe(last);
		expect([...net].length).toBe(3);
		expect(net.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
		expect(() => net.at(3)).toThrow('Sequential.at: index 3 is out of range for 3 modules');
		expect(() => new Sequential(tensor([1]) as unknown as Module)).toThrow('Sequential: argument 0: expected an nn.Module, got object');
	});

	it('accepts named children', () => {
		const net = new Sequential({ fc1: new Linear(2, 3), act: new ReLU(), fc2: new Linear(3, 1) });
		expect(net.namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
		expect(net.forward(randn([4, 2])).shape).toEqual([4, 1]);
		expect(() => new Sequential({ forward: new ReLU() })).toThrow("Sequential: 'forward' can't name a child");
	});

	it('propagates train() and eval() to every descendant', () => {
		const inner = new Sequential(new Dropout(0.5), new BatchNorm1d(2));
		const net = new Sequential(new Linear(2, 2), inner);
		net.eval();
		expect(net.modules().every((m) => !m.training)).toBe(true);
		expect(net.modules().length).toBe(5);
		net.train();
		expect(net.modules().every((m) => m.training)).toBe(true);
		// in eval, dropout passes through and batch norm uses its running stats: the net is deterministic
		net.eval();
		const x = randn([3, 2]);
		expect(Array.from(net.forward(x).dataSync())).toEqual(Array.from(net.forward(x).dataSync()));
	});
});

describe('nn.ModuleList', () => {
	it('registers its modules as 0, 1, ... and has no forward', () => {
		class Deep extends Module {
			layers = new ModuleList([new Linear(4, 4), new Linear(4, 4)]);
			forward(x: Tensor): Tensor {
				for (const layer of this.layers) x = layer.forward(x).relu();
				return x;
			}
		}
		const net = new Deep();
		net.layers.append(new Linear(4, 2)).extend([new Identity()]);
		expect(net.namedParameters().map(([n]) => n)).toEqual([
			'layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'layers.2.weight', 'layers.2.bias',
		]);
		expect(net.layers.length).toBe(4);
		expect(net.forward(randn([1, 4])).shape).toEqual([1, 2]);
		expect(() => net.layers.forward()).toThrow('ModuleList has no forward');
	});
});

describe('nn.Flatten, nn.Unflatten, nn.Identity', () => {
	it('flattens all but the batch dim by default, or a chosen range', () => {
		expect(new Flatten().forward(randn([8, 3, 4, 4])).shape).toEqual([8, 48]);
		expect(new Flatten(0).forward(randn([2, 3])).shape).toEqual([6]);
		expect(new Flatten(1, 2).forward(randn([2, 3, 4, 5])).shape).toEqual([2, 12, 5]);
	});

	it('unflattens one dim (with -1 allowed) and explains sizes that do not fit', () => {
		expect(new Unflatten(1, [3, 4, 4]).forward(randn([8, 48])).shape).toEqual([8, 3, 4, 4]);
		expect(new Unflatten(-1, [2, -1]).forward(randn([5, 6])).shape).toEqual([5, 2, 3]);
		expect(() => new Unflatten(1, [5, 5]).forward(randn([2, 24]))).toThrow(
			'Unflatten: dim 1 of the input [2, 24] has size 24, which [5, 5] does not split',
		);
	});

	it('Identity returns its input', () => {
		const x = randn([2]);
		expect(new Identity().forward(x)).toBe(x);
	});
});
