import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from 'chainrule';
import { defaultTolerance, onLearnerDevice } from '../../labs/_kit/learner-device';

describe('the learner module on a device', () => {
	let webgpu = false;
	beforeAll(async () => {
		webgpu = (await engine.webgpuAvailable()) && (await engine.initWebgpu({ allowSoftware: true }).then(() => true, () => false));
		engine.setDefaultDevice('cpu');
	});

	it('leaves the module untouched on the CPU', () => {
		const mod = { f: (x: engine.Tensor) => x };
		expect(onLearnerDevice(mod, 'cpu')).toBe(mod);
		expect(defaultTolerance('cpu').rtol).toBe(1e-6);
	});

	it('Does a learner function on WebGPU receive float32 GPU tensors (labels stay int32) and run with WebGPU as default?', async (ctx) => {
		if (!webgpu) ctx.skip('no WebGPU adapter in this environment');
		const seen: string[] = [];
		const mod = onLearnerDevice(
			{
				f: (x: engine.Tensor, nested: { y: engine.Tensor }) => {
					seen.push(`${x.device}/${x.dtype}`, `${nested.y.device}/${nested.y.dtype}`, engine.getDefaultDevice());
					return engine.zeros([2]);
				},
			},
			'webgpu',
		);
		const out = mod.f(engine.randn([2], { dtype: 'float64' }), { y: engine.tensor([1, 0], { dtype: 'int32' }) });
		expect(seen).toEqual(['webgpu/float32', 'webgpu/int32', 'webgpu']);
		expect(out.device).toBe('webgpu');
		expect(engine.getDefaultDevice()).toBe('cpu');
	});
});
