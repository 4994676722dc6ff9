// conv2d, its gradient primitives and every pooling primitive on WebGPU against the CPU (float32): every
// setting of the ops' own tests (engine/ops/conv2d, engine/ops/pool2d), forward and gradients, both conv
// variants ('direct' for software adapters, 'tiled' for GPUs), and the corner cases (ties, NaN, -inf,
// windows in the padding, ceilMode, countIncludePad, divisorOverride, dy smaller than the output).
import { describe, expect } from 'vitest';
import { F, manualSeed, randn, tensor, type Tensor } from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';
import { conv2dBackwardInput, conv2dBackwardWeight, type ConvAttrs } from '../../../engine/ops/conv2d/conv2d';
import { maxPool2dBackward, maxPool2dSelect, type MaxPoolAttrs } from '../../../engine/ops/pool2d/max-pool2d';
import { adaptiveAvgPool2dBackward, avgPool2dBackward } from '../../../engine/ops/pool2d/avg-pool2d';
import { copyTo, expectMatchesCpu, itOnWebgpu, onDevice } from '../../../engine/testing/webgpu';
import type { Tolerance } from '../../../engine/testing/compare';

const CONV_TOL = { rtol: 1e-5, atol: 1e-5 };
const EXACT = { rtol: 0, atol: 0 };

/**
 * Runs `fn` on float32 CPU inputs and on WebGPU copies; compares the outputs and, for a random upstream
 * gradient, the gradients of every input that requires grad.
 */
async function both(inputs: Tensor[], fn: (...xs: Tensor[]) => Tensor, tol: Tolerance, what: string): Promise<void> {
	const cpuIn = inputs.map((x) => x.detach().requiresGrad_(x.requiresGrad));
	const gpuIn = inputs.map((x) => copyTo(x, 'webgpu').requiresGrad_(x.requiresGrad));
	const cpu = fn(...cpuIn);
	const gpu = onDevice('webgpu', () => fn(...gpuIn));
	await expectMatchesCpu(gpu, cpu, tol, `${what}: forward`);
	if (!cpu.requiresGrad) return;
	const dy = randn(cpu.shape);
	cpu.backward(dy);
	onDevice('webgpu', () => gpu.backward(copyTo(dy, 'webgpu')));
	for (let i = 0; i < inputs.length; i++) {
		if (inputs[i].requiresGrad) await expectMatchesCpu(gpuIn[i].grad!, cpuIn[i].grad!, tol, `${what}: gradient of input ${i}`);
	}
}

const grad = (shape: readonly number[]) => randn([...shape]).requiresGrad_();

for (const conv of ['direct', 'tiled'] as const) {
	describe(`conv2d on WebGPU (${conv}) vs CPU`, () => {
		/** Runs `body` with the conv variant forced, then restores the backend's choice. */
		const withVariant = (name: string, body: () => Promise<void>) =>
			itOnWebgpu(`${name} (${conv})`, async () => {
				const backend = webgpuBackend()!;
				const saved = backend.options;
				backend.options = { ...saved, conv };
				try {
					await body();
				} finally {
					backend.options = saved;
				}
			});

		withVariant('the gradient settings of engine/ops/conv2d: input, weight and bias', async () => {
			const settings: [string, number[], number[], F.Conv2dOptions][] = [
				['plain 3x3', [2, 2, 5, 5], [3, 2, 3, 3], {}],
				['stride 2, padding 1', [2, 2, 5, 5], [3, 2, 3, 3], { stride: 2, padding: 1 }],
				['dilation 2, non-square', [1, 2, 6, 5], [2, 2, 2, 3], { dilation: [2, 1], padding: [1, 0] }],
				['groups 2', [2, 4, 4, 4], [4, 2, 2, 2], { groups: 2, stride: [1, 2] }],
				['depthwise', [1, 3, 4, 5], [6, 1, 3, 3], { groups: 3, padding: 1 }],
				["padding 'same', even kernel", [1, 2, 4, 5], [2, 2, 2, 4], { padding: 'same' }],
				['stride 3 leaves rows unused', [1, 1, 6, 7], [2, 1, 2, 2], { stride: 3 }],
				['many channels (blocks of 4 and a remainder)', [2, 9, 6, 7], [11, 9, 3, 3], { padding: 1 }],
				['groups 3 with 5 channels each', [1, 15, 5, 9], [15, 5, 1, 3], { groups: 3, stride: [1, 2], padding: [0, 1] }],
			];
			manualSeed(11);
			for (const [name, xs, ws, options] of settings) {
				await both([grad(xs), grad(ws), grad([ws[0]])], (x, w, b) => F.conv2d(x, w, b, options), CONV_TOL, name);
			}
		});

		withVariant('20 random settings (stride, asymmetric padding, dilation, groups)', async () => {
			let seed = 1;
			const pick = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
			manualSeed(7);
			for (let t = 0; t < 20; t++) {
				const groups = 1 + pick(3);
				const a: ConvAttrs = {
					stride: [1 + pick(3), 1 + pick(3)],
					padding: [pick(3), pick(3), pick(3), pick(3)],
					dilation: [1 + pick(2), 1 + pick(3)],
					groups,
				};
				const k = [1 + pick(3), 1 + pick(3)];
				const x = grad([1 + pick(2), groups * (1 + pick(5)), 5 + pick(4), 4 + pick(5)]);
				const w = grad([groups * (1 + pick(5)), x.shape[1] / groups, k[0], k[1]]);
				const [H, W] = [x.shape[2], x.shape[3]];
				const fits = (H + a.padding[0] + a.padding[1] - a.dilation[0] * (k[0] - 1) - 1) >= 0 && (W + a.padding[2] + a.padding[3] - a.dilation[1] * (k[1] - 1) - 1) >= 0;
				if (!fits) continue;
				const { conv2dOp } = await import('../../../engine/ops/conv2d/conv2d');
				await both([x, w], (x, w) => conv2dOp([x, w], a), CONV_TOL, `setting ${t}: ${JSON.stringify(a)} x ${x.shape} w ${w.shape}`);
			}
		});

		withVariant('the gradient primitives, with dy smaller than conv2d gives, and their own gradients', async () => {
			manualSeed(3);
			const a: ConvAttrs = { stride: [2, 1], padding: [1, 1, 0, 1], dilation: [1, 2], groups: 2 };
			await both([grad([2, 4, 3, 2]), grad([4, 1, 2, 2])], (dy, w) => conv2dBackwardInput([dy, w], { ...a, inputSize: [5, 3] }), CONV_TOL, 'backward input');
			await both([grad([2, 2, 5, 3]), grad([2, 4, 3, 2])], (x, dy) => conv2dBackwardWeight([x, dy], { ...a, weightSize: [2, 2] }), CONV_TOL, 'backward weight');
			const b: ConvAttrs = { stride: [1, 1], padding: [0, 0, 0, 0], dilation: [3, 1], groups: 1 };
			await both([grad([1, 2, 2, 2]), grad([2, 1, 2, 2])], (dy, w) => conv2dBackwardInput([dy, w], { ...b, inputSize: [6, 3] }), CONV_TOL, 'small dy, input');
			await both([grad([1, 1, 6, 3]), grad([1, 2, 2, 2])], (x, dy) => conv2dBackwardWeight([x, dy], { ...b, weightSize: [2, 2] }), CONV_TOL, 'small dy, weight');
			const c: ConvAttrs = { stride: [3, 2], padding: [2, 0, 1, 2], dilation: [1, 1], groups: 1 };
			await both([grad([2, 6, 3, 4]), grad([6, 5, 3, 3])], (dy, w) => conv2dBackwardInput([dy, w], { ...c, inputSize: [8, 9] }), CONV_TOL, 'stride 3x2 input');
			// convTranspose2d is conv2dBackwardInput: its public API on both devices
			await both([grad([2, 4, 3, 3]), grad([4, 3, 3, 3])], (x, w) => F.convTranspose2d(x, w, null, { stride: 2, padding: 1, outputPadding: 1 }), CONV_TOL, 'convTranspose2d');
		});

		withVariant('a large batch: the weight gradient sums 2 x 28 x 28 positions per output in slices', async () => {
			manualSeed(5);
			await both([grad([2, 3, 28, 28]), grad([5, 3, 3, 3])], (x, w) => F.conv2d(x, w, null, { padding: 1 }), { rtol: 1e-4, atol: 1e-4 }, '[2, 3, 28, 28]');
		});

		withVariant('NaN and inf in the input, zero-sized batches', async () => {
			const x = tensor([[[[1, NaN, 2, 3], [Infinity, 0, 1, -1], [2, 2, -Infinity, 0]]]]);
			const w = tensor([[[[1, 2], [3, 4]]], [[[0, 1], [-1, 0]]]]);
			await both([x, w], (x, w) => F.conv2d(x, w, null, { padding: 1 }), EXACT, 'non-finite input');
			await both([grad([0, 2, 4, 4]), grad([3, 2, 3, 3])], (x, w) => F.conv2d(x, w, null, { padding: 1 }), EXACT, 'empty batch');
		});
	});
}

describe('conv2d on WebGPU: the direct variant keeps non-finite weights where the CPU does', () => {
	itOnWebgpu('an inf weight reaches only the dx positions its tap touches (as col2im)', async () => {
		const backend = webgpuBackend()!;
		const saved = backend.options;
		backend.options = { ...saved, conv: 'direct' };
		try {
			const dy = randn([1, 2, 3, 3]);
			const w = tensor([[[[Infinity, 1], [1, 1]]], [[[1, 1], [1, NaN]]]]);
			await both([dy, w], (dy, w) => conv2dBackwardInput([dy, w], { stride: [2, 2], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 1, inputSize: [6, 6] }), EXACT, 'inf weight');
		} finally {
			backend.options = saved;
		}
	});
});

const f32 = (x: Tensor) => x.to('float32');

describe('max pooling on WebGPU vs CPU (exact: same winners, same order of sums)', () => {
	itOnWebgpu('the settings of engine/ops/pool2d: forward and gradient', async () => {
		const settings: [string, number | number[], F.MaxPool2dOptions][] = [
			['2x2', 2, {}],
			['3x3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
			['overlapping stride 1', [2, 3], { stride: 1 }],
			['dilation 2', 2, { dilation: 2, stride: 1 }],
			['ceilMode', 2, { ceilMode: true, padding: 1, stride: 2 }],
			['3x2 ceilMode padding 1 stride [1, 2]', [3, 2], { stride: [1, 2], padding: 1, ceilMode: true }],
			['dilation 3 with padding', 3, { dilation: [3, 2], stride: [2, 1], padding: 1 }],
		];
		manualSeed(31);
		for (const [name, k, options] of settings) {
			await both([grad([2, 2, 5, 5])], (x) => F.maxPool2d(x, k, options), EXACT, name);
			// integers: many ties, which go to the first maximum on both devices
			await both([f32(randn([2, 3, 6, 7]).mul(1.5).floor()).requiresGrad_()], (x) => F.maxPool2d(x, k, options), EXACT, `${name}, ties`);
		}
		await both([grad([2, 3, 7])], (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), EXACT, 'maxPool1d');
	});

	itOnWebgpu('ties, -inf windows, NaN and a window wholly in the padding', async () => {
		await both([tensor([[[[7, 7], [7, 7]]]]).requiresGrad_()], (x) => F.maxPool2d(x, 2), EXACT, 'all equal');
		await both([tensor([[[[5, 5, 5], [5, 5, 5]]]]).requiresGrad_()], (x) => F.maxPool2d(x, 2, { stride: 1 }), EXACT, 'overlapping ties');
		await both([tensor([[[[-Infinity, -Infinity], [-Infinity, -Infinity]]]]).requiresGrad_()], (x) => F.maxPool2d(x, 2), EXACT, '-inf');
		await both([tensor([[[[1, NaN, 0], [NaN, 2, 5], [3, 4, 1]]]]).requiresGrad_()], (x) => F.maxPool2d(x, 2, { stride: 1 }), EXACT, 'NaN');
		await both([tensor([[[[3]]]]).requiresGrad_()], (x) => F.maxPool2d(x, [2, 1], { dilation: [2, 1], padding: [1, 0] }), EXACT, 'window in the padding');
		await both([tensor([[[[1, 2, 3, 4]]]]).neg().requiresGrad_()], (x) => F.maxPool2d(x, [1, 2], { padding: [0, 1] }), EXACT, 'padding is -inf');
	});

	itOnWebgpu('maxPool2dBackward and maxPool2dSelect directly (the gradients of gradients)', async () => {
		manualSeed(32);
		const a: MaxPoolAttrs = { kernel: [3, 2], stride: [1, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true };
		const x = f32(randn([1, 2, 4, 5]).mul(2).floor());
		const y = F.maxPool2d(x, [3, 2], { stride: [1, 2], padding: 1, ceilMode: true });
		await both([grad(y.shape), x], (dy, x) => maxPool2dBackward([dy, x], a), EXACT, 'maxPool2dBackward');
		await both([grad(x.shape), x], (v, x) => maxPool2dSelect([v, x], a), EXACT, 'maxPool2dSelect');
	});
});

describe('average pooling on WebGPU vs CPU', () => {
	const tol = { rtol: 1e-5, atol: 1e-6 };
	itOnWebgpu('the settings of engine/ops/pool2d: countIncludePad, ceilMode, divisorOverride', async () => {
		const settings: [string, number | number[], F.AvgPool2dOptions][] = [
			['2x2', 2, {}],
			['3x3 stride 2 padding 1', 3, { stride: 2, padding: 1 }],
			['exclude padding, ceilMode', 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
			['ceilMode with padding', [3, 2], { stride: [2, 3], padding: [1, 1], ceilMode: true }],
			['divisorOverride', 2, { stride: 1, divisorOverride: 3 }],
			['divisorOverride, ceilMode, padding', 3, { stride: 2, padding: 1, ceilMode: true, divisorOverride: 2 }],
			['ceilMode without padding', 2, { ceilMode: true }],
		];
		manualSeed(41);
		for (const [name, k, options] of settings) {
			await both([grad([2, 2, 5, 5])], (x) => F.avgPool2d(x, k, options), tol, name);
			await both([grad([1, 3, 4, 4])], (x) => F.avgPool2d(x, k, options), tol, `${name}, 4x4`);
		}
		await both([grad([2, 3, 7])], (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }), tol, 'avgPool1d');
		await both([tensor([[[[NaN, 1, Infinity, 1]]]])], (x) => F.avgPool2d(x, [1, 2]), EXACT, 'NaN and inf stay in their windows');
	});

	itOnWebgpu('adaptive: non-divisible, upsampling, global', async () => {
		manualSeed(43);
		for (const size of [[3, 4], [6, 2], [1, 1], [5, 7], [8, 9]]) {
			await both([grad([2, 2, 5, 7])], (x) => F.adaptiveAvgPool2d(x, size), tol, `adaptive to ${size}`);
		}
		await both([grad([2, 3, 7])], (x) => F.adaptiveAvgPool1d(x, 4), tol, 'adaptiveAvgPool1d');
	});

	itOnWebgpu('the backward ops directly (their gradients are the forward ops)', async () => {
		manualSeed(42);
		const a = { kernel: [3, 2] as [number, number], stride: [2, 1] as [number, number], padding: [1, 1] as [number, number], ceilMode: true, countIncludePad: false, divisorOverride: null, inputSize: [5, 4] as [number, number] };
		await both([grad([1, 2, 3, 5])], (dy) => avgPool2dBackward([dy], a), tol, 'avgPool2dBackward');
		await both([grad([1, 2, 3, 5])], (dy) => adaptiveAvgPool2dBackward([dy], { outputSize: [3, 5], inputSize: [5, 4] }), tol, 'adaptiveAvgPool2dBackward');
	});
});
