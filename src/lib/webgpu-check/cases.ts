/**
 * The engine ops the WebGPU check page runs on both devices (src/pages/dev/webgpu-check.astro): matmul, conv2d
 * and its gradients, max pooling, a softmax cross-entropy backward and element-wise ops on awkward values. Each
 * case makes float32 inputs on the CPU from a fixed seed, runs on the CPU and on WebGPU copies of them, and
 * reports how far apart the results are. tests/unit/webgpu-check.test.ts runs them in Node too.
 */
import { F, getDeviceInfo, manualSeed, randint, randn, setDefaultDevice, tensor, type Tensor } from 'chainrule';

export interface Tolerance {
	rtol: number;
	atol: number;
}

/** One output of one case: the largest differences between WebGPU and the CPU, and whether they are within tolerance. */
export interface CheckResult {
	name: string;
	shape: number[];
	maxAbsError: number;
	/** max of |gpu - cpu| / (|gpu| + |cpu|) (0 where both are 0, or equal infinities, or both NaN). */
	maxRelError: number;
	tolerance: Tolerance;
	/** Every element within atol + rtol * |cpu|, NaN where the CPU has NaN, the same infinities. */
	ok: boolean;
	/** Milliseconds each device took (WebGPU including the readback). */
	ms: { cpu: number; webgpu: number };
}

interface CheckCase {
	name: string;
	tolerance: Tolerance;
	/** CPU float32 inputs (the WebGPU run gets copies, with the same requiresGrad). */
	inputs: () => Tensor[];
	/** The outputs to compare, named. */
	run: (...inputs: Tensor[]) => [string, Tensor][];
}

const ELEMENTWISE = { rtol: 1e-5, atol: 1e-6 };
const PRODUCTS = { rtol: 1e-4, atol: 1e-5 };
/** Values that trip up GPU math: signed zeros, tiny and large magnitudes, NaN and infinities. */
const SPECIAL = [0, -0, 1e-8, -1e-8, 0.5, -0.5, 1, -1, 3, -3, 30, -30, 88, NaN, Infinity, -Infinity];

const grad = (x: Tensor) => x.requiresGrad_();

export const CASES: CheckCase[] = [
	{
		name: 'matmul [37, 64] @ [64, 29]',
		tolerance: PRODUCTS,
		inputs: () => [randn([37, 64]), randn([64, 29])],
		run: (a, b) => [['a @ b', a.matmul(b)]],
	},
	{
		name: 'batched matmul backward [3, 20, 16] @ [16, 12]',
		tolerance: PRODUCTS,
		inputs: () => [grad(randn([3, 20, 16])), grad(randn([16, 12]))],
		run: (a, b) => {
			a.matmul(b).tanh().sum().backward();
			return [['dA', a.grad!], ['dB', b.grad!]];
		},
	},
	{
		name: 'conv2d [4, 3, 16, 16] * [8, 3, 3, 3], padding 1, with bias',
		tolerance: PRODUCTS,
		inputs: () => [randn([4, 3, 16, 16]), randn([8, 3, 3, 3]), randn([8])],
		run: (x, w, b) => [['y', F.conv2d(x, w, b, { padding: 1 })]],
	},
	{
		name: 'conv2d backward: stride 2, groups 2, dilation [1, 2]',
		tolerance: PRODUCTS,
		inputs: () => [grad(randn([2, 4, 11, 13])), grad(randn([6, 2, 3, 3]))],
		run: (x, w) => {
			const y = F.conv2d(x, w, null, { stride: 2, padding: 1, groups: 2, dilation: [1, 2] });
			y.mul(y).sum().backward();
			return [['y', y], ['dx', x.grad!], ['dw', w.grad!]];
		},
	},
	{
		name: 'maxPool2d 3x3 stride 2 padding 1, with ties, and its backward',
		tolerance: { rtol: 0, atol: 0 },
		inputs: () => [grad(randn([2, 3, 9, 9]).mul(2).floor())],
		run: (x) => {
			const y = F.maxPool2d(x, 3, { stride: 2, padding: 1 });
			y.mul(tensor([1, 2, 3]).reshape([1, 3, 1, 1])).sum().backward();
			return [['y', y], ['dx', x.grad!]];
		},
	},
	{
		name: 'softmax cross-entropy backward [32, 10], label smoothing 0.1',
		tolerance: PRODUCTS,
		inputs: () => [grad(randn([32, 10]).mul(3)), randint(0, 10, [32])],
		run: (logits, labels) => {
			const loss = F.crossEntropy(logits, labels, { labelSmoothing: 0.1 });
			loss.backward();
			return [['loss', loss], ['dlogits', logits.grad!]];
		},
	},
	{
		name: 'element-wise: exp, log, tanh, sigmoid, gelu, relu on special values',
		tolerance: ELEMENTWISE,
		inputs: () => [tensor(SPECIAL)],
		run: (x) => [
			['exp', x.exp()],
			['log |x|', x.abs().log()],
			['tanh', x.tanh()],
			['sigmoid', x.sigmoid()],
			['gelu', F.gelu(x)],
			['relu', x.relu()],
		],
	},
	{
		name: 'element-wise with broadcasting: add, mul, div, pow, maximum',
		tolerance: ELEMENTWISE,
		inputs: () => [randn([8, 1]), randn([1, 8]), tensor(SPECIAL).reshape([2, 8])],
		run: (a, b, s) => [
			['a + b', a.add(b)],
			['a * b', a.mul(b)],
			['a / b', a.div(b)],
			['|a| ** b', a.abs().pow(b)],
			['maximum(s, b)', s.maximum(b)],
		],
	},
];

/** Compares two float arrays as `CheckResult.ok` says. */
export function compare(gpu: ArrayLike<number>, cpu: ArrayLike<number>, tol: Tolerance): { maxAbsError: number; maxRelError: number; ok: boolean } {
	let maxAbsError = 0;
	let maxRelError = 0;
	let ok = gpu.length === cpu.length;
	for (let i = 0; i < cpu.length; i++) {
		const [g, c] = [gpu[i], cpu[i]];
		if (Object.is(g, c) || g === c || (Number.isNaN(g) && Number.isNaN(c))) continue;
		// past the equal cases above, a NaN or an infinity on either side is a mismatch
		const finite = Number.isFinite(g) && Number.isFinite(c);
		const abs = finite ? Math.abs(g - c) : Infinity;
		if (!finite || !(abs <= tol.atol + tol.rtol * Math.abs(c))) ok = false;
		maxAbsError = Math.max(maxAbsError, abs);
		maxRelError = Math.max(maxRelError, finite ? abs / Math.max(Math.abs(g) + Math.abs(c), 1e-30) : Infinity);
	}
	return { maxAbsError, maxRelError, ok };
}

/** Runs `fn` with `device` as the default device (cases make small tensors inside `run`). */
function on<T>(device: 'cpu' | 'webgpu', fn: () => T): T {
	const previous = getDeviceInfo().requested;
	setDefaultDevice(device);
	try {
		return fn();
	} finally {
		setDefaultDevice(previous);
	}
}

/** Runs every case on the CPU and on WebGPU ('webgpu' must be started) and compares the outputs. */
export async function runChecks(seed = 0): Promise<CheckResult[]> {
	const results: CheckResult[] = [];
	for (const c of CASES) {
		manualSeed(seed);
		const cpuInputs = on('cpu', c.inputs);
		const gpuInputs = cpuInputs.map((x) => tensor(x.dataSync(), { shape: x.shape, dtype: x.dtype, device: 'webgpu' }).requiresGrad_(x.requiresGrad));
		let start = performance.now();
		const cpu = on('cpu', () => c.run(...cpuInputs));
		const cpuMs = performance.now() - start;
		start = performance.now();
		const gpu = on('webgpu', () => c.run(...gpuInputs));
		const gpuData = await Promise.all(gpu.map(([, t]) => t.data()));
		const gpuMs = performance.now() - start;
		for (let i = 0; i < cpu.length; i++) {
			const [label, expected] = cpu[i];
			const errors = compare(gpuData[i], expected.dataSync(), c.tolerance);
			results.push({ name: `${c.name}: ${label}`, shape: [...expected.shape], ...errors, tolerance: c.tolerance, ms: { cpu: cpuMs, webgpu: gpuMs } });
		}
	}
	return results;
}
