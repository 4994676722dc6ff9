import { it } from 'vitest';
import { randn, initWebgpu } from 'chainrule';
import { webgpuBackend } from '../../../engine/backends/webgpu/init';
import { conv2dOp, conv2dBackwardInput, conv2dBackwardWeight } from '../../../engine/ops/conv2d/conv2d';
import { copyTo, startWebgpu } from '../../../engine/testing/webgpu';

it('prof', async () => {
	await startWebgpu();
	const a = { stride: [1, 1] as [number, number], padding: [1, 1, 1, 1] as [number, number, number, number], dilation: [1, 1] as [number, number], groups: 1 };
	const x = copyTo(randn([32, 8, 28, 28]), 'webgpu');
	const w = copyTo(randn([16, 8, 3, 3]), 'webgpu');
	const dy = copyTo(randn([32, 16, 28, 28]), 'webgpu');
	const mm = [copyTo(randn([512, 512]), 'webgpu'), copyTo(randn([512, 512]), 'webgpu')];
	const ops: [string, () => any][] = [
		['fwd', () => conv2dOp([x, w], a)],
		['bin', () => conv2dBackwardInput([dy, w], { ...a, inputSize: [28, 28] })],
		['bw', () => conv2dBackwardWeight([x, dy], { ...a, weightSize: [3, 3] })],
		['matmul512', () => mm[0].matmul(mm[1])],
	];
	for (const [name, f] of ops) {
		await f().data();
		const t0 = performance.now();
		for (let i = 0; i < 2; i++) await f().data();
		console.log(name, ((performance.now() - t0) / 2).toFixed(1), 'ms');
	}
}, 600000);
