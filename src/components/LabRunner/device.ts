/** The device menu of a lab page. */

/** Offers WebGPU in the device menu when this browser has an adapter, named as the adapter calls itself. */
export async function offerWebgpu(select: HTMLSelectElement, note: HTMLElement): Promise<void> {
	const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
	if (!gpu) {
		note.textContent = 'CPU (this browser has no WebGPU).';
		return;
	}
	try {
		const adapter = await gpu.requestAdapter();
		if (!adapter) {
			note.textContent = 'CPU (WebGPU found no adapter).';
			return;
		}
		const info = adapter.info ?? {};
		const name = info.description || [info.vendor, info.architecture].filter(Boolean).join(' ') || 'GPU';
		const option = new Option(`WebGPU (${name})`, 'webgpu');
		select.append(option);
		select.disabled = false;
		note.textContent = 'Run and Check use the device you choose. On WebGPU your code runs in float32 and is graded against the float64 reference with a float32 tolerance.';
	} catch {
		note.textContent = 'CPU (WebGPU is not available).';
	}
}
