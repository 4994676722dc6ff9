/**
 * The CPU backend's reuse of freed arrays: a training step frees and allocates the same sizes every step, and
 * reusing them spares the allocator and the garbage collector. A reused array must come back zeroed, as a new
 * one does, and the byte count leak tests read must not change.
 */
import { describe, expect, it } from 'vitest';
import { CpuBackend } from './cpu-backend';

describe('CpuBackend array reuse', () => {
	it('hands a released array of the same dtype and length back, zeroed', () => {
		const cpu = new CpuBackend();
		const a = cpu.alloc('float32', 1000);
		const data = a.handle as Float32Array;
		data.fill(7);
		cpu.release(a);
		const b = cpu.alloc('float32', 1000);
		expect(b.handle).toBe(data);
		expect(Array.from(data).every((v) => v === 0)).toBe(true);
		// another dtype or length gets a new array
		cpu.release(b);
		expect(cpu.alloc('float64', 1000).handle).not.toBe(data);
		expect(cpu.alloc('float32', 1001).handle).not.toBe(data);
	});

	it('keeps small arrays out of the pool and counts bytes in use as before', () => {
		const cpu = new CpuBackend();
		const small = cpu.alloc('float32', 10);
		const data = small.handle;
		cpu.release(small);
		expect(cpu.alloc('float32', 10).handle).not.toBe(data);
		const before = cpu.bytesInUse();
		const big = cpu.alloc('int32', 4096);
		expect(cpu.bytesInUse()).toBe(before + 4096 * 4);
		cpu.release(big);
		expect(cpu.bytesInUse()).toBe(before);
		cpu.alloc('int32', 4096);
		expect(cpu.bytesInUse()).toBe(before + 4096 * 4);
	});

	it('runs a float32 op through its wasm kernel when it accepts, else through cpu', () => {
		const cpu = new CpuBackend();
		const x = cpu.upload('float32', new Float32Array([1, 2]));
		const out = cpu.alloc('float32', 2);
		const calls: string[] = [];
		const kernels = {
			name: 'probe',
			cpu: () => void calls.push('cpu'),
			wasm: (_i: unknown, _o: unknown, attrs: { accept: boolean }) => (calls.push('wasm'), attrs.accept),
		};
		cpu.run(kernels, [{ storage: x, shape: [2] }], { storage: out, shape: [2] }, { accept: true });
		cpu.run(kernels, [{ storage: x, shape: [2] }], { storage: out, shape: [2] }, { accept: false });
		// float64 outputs never try the wasm kernel
		const out64 = cpu.alloc('float64', 2);
		cpu.run(kernels, [{ storage: x, shape: [2] }], { storage: out64, shape: [2] }, { accept: true });
		expect(calls).toEqual(['wasm', 'wasm', 'cpu', 'cpu']);
	});
});
