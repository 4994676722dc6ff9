/**
 * The WebGPU half of `describeOp`: every hand-checked case, and every gradcheck's random inputs (forward and
 * gradients), run in float32 on WebGPU and on the CPU and must agree within float32 tolerances. Without an
 * adapter the tests skip with the reason; an op without a WebGPU kernel skips with the op's message.
 */
import { expect, type TestContext } from 'vitest';
import { tensor, rand, randn } from '../creation';
import { WebGpuUnsupportedError } from '../kernels/webgpu/kernel';
import { manualSeed } from '../random';
import type { Tensor } from '../tensor';
import { compareArrays, type Tolerance } from './compare';
import { copyTo, onDevice, webgpuSkipReason, WEBGPU_GRAD_TOLERANCE, WEBGPU_TOLERANCE } from './webgpu';
import type { GradcheckCase, OpCase, OpSuite } from './describe-op';

async function expectClose(got: Tensor, expected: Tensor, tol: Tolerance, what: string): Promise<void> {
	expect(got.shape, `${what}: shape`).toEqual(expected.shape);
	const cmp = compareArrays(await got.data(), await expected.data(), expected.shape, tol);
	expect(cmp.ok, `${what}: webgpu vs cpu worst at [${cmp.worst?.index}]: got ${cmp.worst?.got}, cpu ${cmp.worst?.expected}`).toBe(true);
}

/** Runs `fn` on WebGPU; an op without a WebGPU kernel skips the test with its message. */
function onGpu<T>(ctx: TestContext, fn: () => T): T {
	try {
		return onDevice('webgpu', fn);
	} catch (error) {
		if (error instanceof WebGpuUnsupportedError) ctx.skip(error.message);
		throw error;
	}
}

export async function caseOnWebgpu(ctx: TestContext, suite: OpSuite, c: OpCase): Promise<void> {
	const reason = await webgpuSkipReason();
	if (reason) return ctx.skip(reason);
	const make = (device: 'cpu' | 'webgpu') => c.inputs.map((x) => tensor(x, { dtype: 'float32', device }));
	if (c.throws !== undefined) {
		// data checks (an index out of range) fail at the next read on WebGPU, as CUDA's device asserts do
		let message: string | null = null;
		try {
			await onGpu(ctx, () => suite.run(...make('webgpu'))).data();
		} catch (error) {
			if (error instanceof WebGpuUnsupportedError) return ctx.skip(error.message);
			message = (error as Error).message;
		}
		expect(message, 'expected an error on webgpu too').not.toBeNull();
		if (typeof c.throws === 'string') expect(message).toContain(c.throws);
		else expect(message).toMatch(c.throws);
		return;
	}
	let cpu: Tensor;
	try {
		cpu = suite.run(...make('cpu'));
	} catch (error) {
		return ctx.skip(`this case does not run in float32 on the CPU either: ${(error as Error).message}`);
	}
	const gpu = onGpu(ctx, () => suite.run(...make('webgpu')));
	const tol = { ...WEBGPU_TOLERANCE, ...suite.webgpu, ...c.webgpu };
	await expectClose(gpu, cpu, tol, c.name);
}

export async function randomOnWebgpu(ctx: TestContext, suite: OpSuite, g: GradcheckCase, k: number): Promise<void> {
	const reason = await webgpuSkipReason();
	if (reason) return ctx.skip(reason);
	manualSeed(2000 + k);
	const drawn = g.shapes.map((shape) => {
		let x = g.sample === 'positive' ? rand(shape, { dtype: 'float64' }).mul(1.5).add(0.5) : randn(shape, { dtype: 'float64' });
		if (typeof g.sample === 'function') x = g.sample(x);
		return x.to('float32').detach();
	});
	const extra = (g.extra ? g.extra() : []).map((x) => (x.dtype === 'float64' ? x.to('float32') : x));
	const differentiable = (i: number) => !(g.constant ?? []).includes(i);
	const prepare = (device: 'cpu' | 'webgpu') =>
		drawn.map((x, i) => {
			const t = device === 'cpu' ? x.clone() : copyTo(x, 'webgpu');
			if (differentiable(i)) t.requiresGrad = true;
			return t;
		});
	const cpuInputs = prepare('cpu');
	const gpuInputs = onGpu(ctx, () => prepare('webgpu'));
	const cpu = suite.run(...cpuInputs, ...extra);
	const gpu = onGpu(ctx, () => suite.run(...gpuInputs, ...extra.map((x) => copyTo(x, 'webgpu'))));
	const tol = { ...WEBGPU_GRAD_TOLERANCE, rtol: suite.webgpu?.gradRtol ?? WEBGPU_GRAD_TOLERANCE.rtol };
	await expectClose(gpu, cpu, tol, 'forward');
	if (!cpu.requiresGrad) return;
	const weights = randn(cpu.shape);
	cpu.backward(weights);
	onGpu(ctx, () => gpu.backward(copyTo(weights, 'webgpu')));
	for (let i = 0; i < cpuInputs.length; i++) {
		const [c, w] = [cpuInputs[i].grad, gpuInputs[i].grad];
		if (!c || !w) {
			expect(w === null, `input ${i}: a gradient on one device only`).toBe(c === null);
			continue;
		}
		await expectClose(w, c, tol, `gradient of input ${i}`);
	}
}
