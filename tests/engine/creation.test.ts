import { describe, expect, it } from 'vitest';
import {
	arange, eye, full, fullLike, linspace, manualSeed, ones, onesLike, rand, randint, randn, randperm, RandomSource, tensor,
	zeros, zerosLike, type Tensor,
} from 'chainrule';

const values = (t: Tensor) => Array.from(t.dataSync());

describe('tensor()', () => {
	it('from nested arrays: shape, float32 by default, row-major values', async () => {
		const x = tensor([[1, 2, 3], [4, 5, 6]]);
		expect(x.shape).toEqual([2, 3]);
		expect(x.dtype).toBe('float32');
		expect(x.device).toBe('cpu');
		expect(values(x)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(await x.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
	});
	it('scalars and empty arrays', async () => {
		const s = tensor(2.5);
		expect(s.shape).toEqual([]);
		expect(s.ndim).toBe(0);
		expect(await s.item()).toBe(2.5);
		expect(tensor([]).shape).toEqual([0]);
		expect(tensor([[], []]).shape).toEqual([2, 0]);
		await expect(tensor([1, 2]).item()).rejects.toThrow('item: only a tensor with one element can be read as a number, got shape [2]');
	});
	it('a typed array with a shape; it keeps its dtype unless told otherwise', () => {
		const x = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] });
		expect(x.shape).toEqual([3, 2]);
		expect(values(x)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(tensor(new Float64Array([0.1])).dtype).toBe('float64');
		expect(tensor(new Float64Array([0.1])).dataSync()[0]).toBe(0.1);
		expect(tensor(new Int32Array([1])).dtype).toBe('int32');
		expect(tensor(new Float64Array([0.1]), { dtype: 'float32' }).dataSync()[0]).toBe(Math.fround(0.1));
		expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow('tensor: shape [2, 3] holds 6 numbers but the array has 5');
	});
	it('a copy of the data: changing the source later changes nothing', () => {
		const data = new Float32Array([1, 2]);
		const x = tensor(data);
		data[0] = 9;
		expect(values(x)).toEqual([1, 2]);
	});
	it('nested data with a shape reshapes it, and a mismatch is an error', () => {
		expect(tensor([1, 2, 3, 4], { shape: [2, 2] }).shape).toEqual([2, 2]);
		expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow('tensor: shape [2, 2] holds 4 numbers but the data has 3 (shape [3])');
	});
	it('rejects ragged input, naming where', () => {
		expect(() => tensor([[1, 2], [3]])).toThrow(
			'tensor: ragged nested array: at [1] expected 2 items (shape so far [2, 2]), got 1; every row must have the same length',
		);
		expect(() => tensor([[1, 2], 3] as never)).toThrow('tensor: ragged nested array: at [1] expected 2 items (shape so far [2, 2]), got a number');
		expect(() => tensor([1, [2]] as never)).toThrow('tensor: expected a number at [1], got an array (the nesting is deeper here than elsewhere)');
		expect(() => tensor(['a'] as never)).toThrow('tensor: expected a number at [0], got string');
	});
	it('int32 truncates toward zero', () => {
		expect(values(tensor([1.7, -1.7, 2.5, -0.5], { dtype: 'int32' }))).toEqual([1, -1, 2, 0]);
	});
	it('float32 rounds, float64 keeps every digit', () => {
		expect(tensor([0.1]).dataSync()[0]).toBe(Math.fround(0.1));
		expect(tensor([0.1], { dtype: 'float64' }).dataSync()[0]).toBe(0.1);
	});
	it('requiresGrad and option errors', () => {
		expect(tensor([1], { requiresGrad: true }).requiresGrad).toBe(true);
		expect(() => tensor([1], { dtype: 'float16' as never })).toThrow('tensor: unknown dtype "float16"; use one of float32, float64, int32');
		expect(() => tensor([1], { device: 'gpu' as never })).toThrow("tensor: unknown device \"gpu\"; use 'cpu' or 'webgpu'");
		expect(() => tensor(tensor([1]) as never)).toThrow('tensor: got a Tensor; use t.clone() or t.detach() to copy one');
	});
});

describe('filled tensors', () => {
	it('zeros, ones, full and the *Like versions', () => {
		expect(values(zeros([2, 2]))).toEqual([0, 0, 0, 0]);
		expect(values(ones([3], { dtype: 'float64' }))).toEqual([1, 1, 1]);
		expect(ones([3], { dtype: 'float64' }).dtype).toBe('float64');
		expect(values(full([2], -1.5))).toEqual([-1.5, -1.5]);
		expect(full([], 4).shape).toEqual([]);
		const like = tensor([[1, 2]], { dtype: 'float64' });
		expect(zerosLike(like).dtype).toBe('float64');
		expect(onesLike(like).shape).toEqual([1, 2]);
		expect(values(fullLike(like, 7))).toEqual([7, 7]);
		expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
		expect(() => zeros([2, -1])).toThrow('zeros: shape must be a list of non-negative integers, got [2,-1]');
		expect(() => full([1.5], 0)).toThrow('full: shape must be a list of non-negative integers, got [1.5]');
	});
	it('eye, square and rectangular', () => {
		expect(values(eye(3))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
		expect(eye(2, 3).shape).toEqual([2, 3]);
		expect(values(eye(2, 3))).toEqual([1, 0, 0, 0, 1, 0]);
		expect(eye(2, 2, { dtype: 'float64' }).dtype).toBe('float64');
	});
	it('arange: end, start/end/step, fractional and negative steps', () => {
		expect(values(arange(5))).toEqual([0, 1, 2, 3, 4]);
		expect(values(arange(2, 5))).toEqual([2, 3, 4]);
		// 1, 1.5, 2 (2.5 is excluded): ceil((2.5 - 1) / 0.5) = 3 values
		expect(values(arange(1, 2.5, 0.5))).toEqual([1, 1.5, 2]);
		expect(values(arange(5, 0, -2))).toEqual([5, 3, 1]);
		expect(arange(0, 1, 0.1).shape).toEqual([10]);
		expect(arange(3, 1).shape).toEqual([0]);
		expect(arange(3, undefined, 1, { dtype: 'int32' }).dtype).toBe('int32');
		expect(() => arange(0, 1, 0)).toThrow('arange: step must not be 0');
	});
	it('linspace includes both ends', () => {
		expect(values(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
		expect(values(linspace(2, 2, 1))).toEqual([2]);
		expect(linspace(0, 1, 0).shape).toEqual([0]);
		expect(values(linspace(1, -1, 3, { dtype: 'float64' }))).toEqual([1, 0, -1]);
	});
});

describe('random tensors', () => {
	it('are reproducible after manualSeed', () => {
		manualSeed(123);
		const a = values(randn([5]));
		const b = values(rand([5]));
		manualSeed(123);
		expect(values(randn([5]))).toEqual(a);
		expect(values(rand([5]))).toEqual(b);
		manualSeed(124);
		expect(values(randn([5]))).not.toEqual(a);
	});
	it('are statistically sane (10k samples)', () => {
		manualSeed(1);
		const u = values(rand([10_000], { dtype: 'float64' }));
		const n = values(randn([10_000], { dtype: 'float64' }));
		const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
		const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
		// U(0, 1): mean 1/2, std 1/sqrt(12) = 0.2887; standard error of the mean ~ 0.003
		expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...u)).toBeLessThan(1);
		expect(Math.abs(mean(u) - 0.5)).toBeLessThan(0.015);
		expect(Math.abs(std(u) - 1 / Math.sqrt(12))).toBeLessThan(0.01);
		// N(0, 1): mean 0 (standard error 0.01), std 1; about 68.3% within one std
		expect(Math.abs(mean(n))).toBeLessThan(0.04);
		expect(Math.abs(std(n) - 1)).toBeLessThan(0.03);
		const within = n.filter((x) => Math.abs(x) < 1).length / n.length;
		expect(Math.abs(within - 0.6827)).toBeLessThan(0.02);
	});
	it('randint is in [low, high) and int32', () => {
		manualSeed(2);
		const r = randint(-2, 3, [1000]);
		expect(r.dtype).toBe('int32');
		const v = values(r);
		expect(new Set(v)).toEqual(new Set([-2, -1, 0, 1, 2]));
	});
	it('randperm is a permutation of 0..n-1', () => {
		manualSeed(3);
		const p = randperm(50);
		expect(p.dtype).toBe('int32');
		expect(values(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(values(p)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(values(randperm(0))).toEqual([]);
	});
	it('a generator of your own leaves the global stream alone', () => {
		manualSeed(5);
		const expected = values(rand([3]));
		manualSeed(5);
		rand([4], { generator: new RandomSource(99) });
		expect(values(rand([3]))).toEqual(expected);
	});
});

describe('RandomSource regression values (the streams must never change: labs are seeded)', () => {
	// Checked against an independent Python port of xoshiro128** (prng.di.unimi.it) with the same splitmix32 seeding.
	it('xoshiro128** words', () => {
		const g = new RandomSource(42);
		expect([g.nextUint32(), g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([3704290710, 166753127, 957952423, 1464233848]);
		const z = new RandomSource(0);
		expect([z.nextUint32(), z.nextUint32()]).toEqual([1292791899, 1284423797]);
	});
	it('uniform, normal, int', () => {
		const g = new RandomSource(42);
		// uniform = ((w0 >>> 5) * 2^26 + (w1 >>> 6)) / 2^53
		expect(g.uniform()).toBe(0.8624723854573461);
		expect(g.uniform()).toBe(0.2230406801471002);
		expect(g.normal()).toBe(2.035688761309105);
		expect(g.normal()).toBe(0.5316604535851639); // the spare of the Box–Muller pair
		expect(g.int(0, 10)).toBe(7);
	});
	it('the global generator after manualSeed(0)', () => {
		manualSeed(0);
		expect(values(rand([3], { dtype: 'float64' }))).toEqual([0.30100156589637106, 0.46876142071435356, 0.8639267994076062]);
		manualSeed(0);
		expect(values(randn([3], { dtype: 'float64' }))).toEqual([-1.5198527197309353, 0.30220412669752766, -0.005087049199392738]);
		manualSeed(0);
		expect(values(randperm(6))).toEqual([5, 0, 4, 3, 2, 1]);
		expect(values(randint(0, 10, [5]))).toEqual([3, 4, 5, 1, 2]);
	});
	it('seed() restarts a generator and clears the spare normal', () => {
		const g = new RandomSource(42);
		g.normal();
		g.seed(42);
		expect(g.uniform()).toBe(0.8624723854573461);
	});
});
