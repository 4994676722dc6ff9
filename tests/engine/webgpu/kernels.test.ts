// Every primitive op exported by engine/ops/index.ts has a real WebGPU kernel (not a placeholder descriptor),
// except the ops whose kernels are still being written, listed here so finishing one is noticed.
import { describe, expect, it } from 'vitest';
import * as ops from '../../../engine/ops/index';
import { isWebGpuKernel } from '../../../engine/kernels/webgpu/kernel';

/** Ops whose `webgpu` field is still a placeholder: run on the CPU only for now (none left). */
const PENDING = new Set<string>([]);

type Spec = { name: string; webgpu?: unknown };
const specs: Spec[] = [];
for (const value of Object.values(ops)) {
	if (typeof value === 'function' && 'spec' in value) specs.push((value as { spec: Spec }).spec);
	else if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) {
			if (typeof inner === 'function' && 'spec' in inner) specs.push((inner as { spec: Spec }).spec);
		}
	}
}

describe('WebGPU kernels of the primitive ops', () => {
	it('finds the ops', () => expect(specs.length).toBeGreaterThan(30));
	it.each(specs.map((s) => [s.name, s] as const))('%s', (name, spec) => {
		if (PENDING.has(name)) {
			expect(isWebGpuKernel(spec.webgpu), `${name} now has a WebGPU kernel: remove it from PENDING`).toBe(false);
		} else {
			expect(isWebGpuKernel(spec.webgpu), `${name}: its webgpu field is not a WebGpuKernel (see engine/kernels/webgpu/kernel.ts)`).toBe(true);
		}
	});
});
