import type { Backend, Device } from './backend';
import { CpuBackend } from './cpu/cpu-backend';

/** The backends the engine knows, by device name, and the device new tensors go to. */
const backends = new Map<Device, Backend>([['cpu', new CpuBackend()]]);
let defaultDevice: Device = 'cpu';

export const DEVICES: readonly Device[] = ['cpu', 'webgpu'];

export function registerBackend(backend: Backend): void {
	backends.set(backend.name, backend);
}

export function getBackend(device: Device): Backend {
	const backend = backends.get(device);
	if (!backend) {
		throw new Error(
			`device '${device}' is not available: ` +
				(device === 'webgpu'
					? 'call `await initWebgpu()` first, or use the CPU with setDefaultDevice("cpu")'
					: `known devices are ${[...backends.keys()].join(', ')}`),
		);
	}
	return backend;
}

export function hasBackend(device: Device): boolean {
	return backends.has(device);
}

export function assertDevice(value: unknown, where: string): Device {
	if (value === 'cpu' || value === 'webgpu') return value;
	throw new TypeError(`${where}: unknown device ${JSON.stringify(value)}; use 'cpu' or 'webgpu'`);
}

/** Sets the device that creation functions use when none is given. */
export function setDefaultDevice(device: Device): void {
	getBackend(assertDevice(device, 'setDefaultDevice'));
	defaultDevice = device;
}

export function getDefaultDevice(): Device {
	return defaultDevice;
}
