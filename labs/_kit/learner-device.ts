import { getDevicePreference, isTensor, setDefaultDevice, type Tensor } from 'chainrule';

/** Where the learner's code runs during a check. The reference always runs on the CPU in float64. */
export type LearnerDevice = 'cpu' | 'webgpu';

/**
 * Tolerances for comparing the learner's result with the float64 reference: tight on the CPU (the learner
 * computes in float64 too), float32-sized on WebGPU (DESIGN.md §3: looser for float32 on WebGPU).
 */
export function defaultTolerance(device: LearnerDevice): { rtol: number; atol: number } {
	return device === 'webgpu' ? { rtol: 2e-4, atol: 1e-5 } : { rtol: 1e-6, atol: 1e-8 };
}

/** A float64 CPU input as the learner's code receives it on `device` (float32 there; int32 stays int32). */
function toLearner(value: unknown, device: LearnerDevice, depth = 0): unknown {
	if (isTensor(value)) {
		const t = value as Tensor;
		if (t.device === device && t.dtype !== 'float64') return t;
		return (t.dtype === 'float64' ? t.to('float32') : t).to(device);
	}
	if (depth > 3 || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((v) => toLearner(v, device, depth + 1));
	if (Object.getPrototypeOf(value) !== Object.prototype) return value;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toLearner(v, device, depth + 1)]));
}

function onDevice<T>(device: LearnerDevice, run: () => T): T {
	const previous = getDevicePreference();
	setDefaultDevice(device);
	let result: T;
	try {
		result = run();
	} catch (error) {
		setDefaultDevice(previous);
		throw error;
	}
	if (result instanceof Promise) return result.finally(() => setDefaultDevice(previous)) as T;
	setDefaultDevice(previous);
	return result;
}

/**
 * The learner's module as checks call it: on WebGPU every exported function gets its tensor arguments in
 * float32 on the GPU and runs with WebGPU as the default device, so the checks' own code (inputs, reference,
 * known mistakes) stays on the CPU in float64. On the CPU the module is returned as it is.
 */
export function onLearnerDevice<M>(mod: M, device: LearnerDevice): M {
	if (device === 'cpu' || typeof mod !== 'object' || mod === null) return mod;
	const wrapped: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
		wrapped[name] =
			typeof value === 'function'
				? (...args: unknown[]) => onDevice(device, () => (value as (...a: unknown[]) => unknown)(...args.map((a) => toLearner(a, device))))
				: value;
	}
	return wrapped as M;
}
