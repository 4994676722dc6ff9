/**
 * Where each pooling window lies, one axis at a time, following PyTorch's CPU kernels
 * (aten/src/ATen/native/cpu/MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp). A 2-D window is
 * the product of a row window and a column window, so the kernels only need these per-axis lists.
 */

/** Per output position along one axis: input indices start, start + step, ... below end (already clipped). */
export interface AxisWindows {
	start: Int32Array;
	end: Int32Array;
	step: number;
	/** The average's divisor factor along this axis (unused by max pooling). */
	div: Float64Array;
}

export interface MaxPoolAttrs {
	kernel: [number, number];
	stride: [number, number];
	padding: [number, number];
	dilation: [number, number];
	ceilMode: boolean;
}

export interface AvgPoolAttrs {
	kernel: [number, number];
	stride: [number, number];
	padding: [number, number];
	ceilMode: boolean;
	countIncludePad: boolean;
	divisorOverride: number | null;
}

/**
 * PyTorch's pooling_output_shape:
 *   out = floor((in + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1
 * and in ceil mode, one fewer if the last window would start at or past the end of input + left padding
 * ((out - 1) * stride >= in + padding), so every window starts inside the input or its left padding.
 */
export function poolOutputSize(size: number, kernel: number, stride: number, padding: number, dilation: number, ceilMode: boolean): number {
	let out = Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1;
	if (ceilMode && (out - 1) * stride >= size + padding) out--;
	return out;
}

function axis(count: number, step: number): AxisWindows {
	return { start: new Int32Array(count), end: new Int32Array(count), step, div: new Float64Array(count) };
}

/**
 * Max pooling: window o covers o * stride - padding + j * dilation for j < kernel; padding counts as -inf, so
 * the window keeps only in-range indices (its start moves up by whole dilation steps).
 */
export function maxWindows(size: number, out: number, kernel: number, stride: number, padding: number, dilation: number): AxisWindows {
	const w = axis(out, dilation);
	for (let o = 0; o < out; o++) {
		let s = o * stride - padding;
		const e = Math.min(s + (kernel - 1) * dilation + 1, size);
		while (s < 0) s += dilation;
		w.start[o] = s;
		w.end[o] = e;
	}
	return w;
}

/**
 * Average pooling: window o covers [o * stride - padding, + kernel) clipped to the padded input; its divisor
 * factor is that length (countIncludePad) or the length inside the real input (otherwise). In ceil mode the
 * last window may run past the padded input; PyTorch clips it there first, so it never counts positions past
 * the right padding.
 */
export function avgWindows(size: number, out: number, kernel: number, stride: number, padding: number, countIncludePad: boolean): AxisWindows {
	const w = axis(out, 1);
	for (let o = 0; o < out; o++) {
		const s = o * stride - padding;
		const e = Math.min(s + kernel, size + padding);
		w.start[o] = Math.max(s, 0);
		w.end[o] = Math.min(e, size);
		w.div[o] = countIncludePad ? e - s : w.end[o] - w.start[o];
	}
	return w;
}

/** Adaptive average pooling: window o is [floor(o * in / out), ceil((o + 1) * in / out)). */
export function adaptiveWindows(size: number, out: number): AxisWindows {
	const w = axis(out, 1);
	for (let o = 0; o < out; o++) {
		w.start[o] = Math.floor((o * size) / out);
		w.end[o] = Math.ceil(((o + 1) * size) / out);
		w.div[o] = w.end[o] - w.start[o];
	}
	return w;
}

export function maxPoolWindows(inHW: readonly number[], a: MaxPoolAttrs): [AxisWindows, AxisWindows] {
	return [0, 1].map((i) => {
		const out = poolOutputSize(inHW[i], a.kernel[i], a.stride[i], a.padding[i], a.dilation[i], a.ceilMode);
		return maxWindows(inHW[i], out, a.kernel[i], a.stride[i], a.padding[i], a.dilation[i]);
	}) as [AxisWindows, AxisWindows];
}

export function avgPoolWindows(inHW: readonly number[], a: AvgPoolAttrs): [AxisWindows, AxisWindows] {
	return [0, 1].map((i) => {
		const out = poolOutputSize(inHW[i], a.kernel[i], a.stride[i], a.padding[i], 1, a.ceilMode);
		return avgWindows(inHW[i], out, a.kernel[i], a.stride[i], a.padding[i], a.countIncludePad);
	}) as [AxisWindows, AxisWindows];
}

export function adaptivePoolWindows(inHW: readonly number[], outputSize: readonly number[]): [AxisWindows, AxisWindows] {
	return [adaptiveWindows(inHW[0], outputSize[0]), adaptiveWindows(inHW[1], outputSize[1])];
}
