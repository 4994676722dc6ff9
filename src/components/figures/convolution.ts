/**
 * Data for the convolution figure (chapter "cnn"): one 8×8 digit from the shipped data set,
 * cross-correlated with a single kernel by the engine's `F.conv2d`, for any padding, stride and
 * dilation; the window each output reads; the output-size formula and the parameter counts.
 */
import { F, data, tensor } from 'chainrule';
import { formatNumber, type FigureTable } from './kit/table.ts';

export const KERNEL_IDS = ['verticalEdge', 'horizontalEdge', 'mean', 'sharpen', 'diagonal', 'mean5'] as const;
export type KernelId = (typeof KERNEL_IDS)[number];

const ninth = 1 / 9;
const mean5 = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 1 / 25));

export const KERNELS: Record<KernelId, { label: string; weights: number[][] }> = {
	verticalEdge: { label: 'vertical edges (Sobel, 3×3)', weights: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] },
	horizontalEdge: { label: 'horizontal edges (Sobel, 3×3)', weights: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]] },
	mean: { label: 'mean (3×3)', weights: [[ninth, ninth, ninth], [ninth, ninth, ninth], [ninth, ninth, ninth]] },
	sharpen: { label: 'sharpen (3×3)', weights: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]] },
	diagonal: { label: 'diagonal difference (2×2)', weights: [[1, 0], [0, -1]] },
	mean5: { label: 'mean (5×5)', weights: mean5 },
};

export interface ConvSettings {
	padding: number;
	stride: number;
	dilation: number;
}

/** Limits of the figure's sliders. */
export const SETTING_RANGES: Record<keyof ConvSettings, [number, number]> = {
	padding: [0, 3],
	stride: [1, 3],
	dilation: [1, 4],
};

/** One image per digit class 0..9 (the first of each in the data set), pixel values 0..16. */
export function digitImages(): { label: number; pixels: number[][] }[] {
	const { images, y } = data.loadDigits();
	const labels = y.dataSync();
	const pixels = images.dataSync();
	return Array.from({ length: 10 }, (_, digit) => {
		const index = labels.findIndex((l) => l === digit);
		const rows = Array.from({ length: 8 }, (_, r) => Array.from(pixels.subarray(index * 64 + r * 8, index * 64 + r * 8 + 8)));
		return { label: digit, pixels: rows };
	});
}

/**
 * PyTorch's output size for one spatial dimension: ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 (may be ≤ 0).
 *
 * ```ts
 * outputSize(8, 3, { padding: 1, stride: 2, dilation: 1 }); // 4
 * ```
 */
export function outputSize(n: number, k: number, { padding, stride, dilation }: ConvSettings): number {
	return Math.floor((n + 2 * padding - dilation * (k - 1) - 1) / stride) + 1;
}

/** The formula with the numbers filled in, e.g. `⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 4`. */
export function outputSizeFormula(n: number, k: number, s: ConvSettings): string {
	return `⌊(${n} + 2·${s.padding} − ${s.dilation}·(${k} − 1) − 1) / ${s.stride}⌋ + 1 = ${outputSize(n, k, s)}`;
}

/** Parameters of a Conv2d: Cout·(Cin/groups·kH·kW) + Cout (with bias). */
export function convParameters(cIn: number, cOut: number, kH: number, kW: number, groups = 1): number {
	return cOut * ((cIn / groups) * kH * kW) + cOut;
}

/** Parameters of a Linear layer from nIn to nOut (with bias). */
export function denseParameters(nIn: number, nOut: number): number {
	return nIn * nOut + nOut;
}

/** The feature map of `pixels` (H×W) cross-correlated with `kernel` by the engine; throws the engine's error. */
export function convolve(pixels: number[][], kernel: number[][], settings: ConvSettings): number[][] {
	const x = tensor([[pixels]], { dtype: 'float64' }); // [N = 1, C = 1, H, W]
	const w = tensor([[kernel]], { dtype: 'float64' }); // [Cout = 1, Cin = 1, k, k]
	const out = F.conv2d(x, w, null, settings);
	const [, , oh, ow] = out.shape;
	const values = out.dataSync();
	return Array.from({ length: oh }, (_, i) => Array.from(values.subarray(i * ow, (i + 1) * ow)));
}

export interface Tap {
	/** Row and column in the unpadded image (negative or ≥ size in the padding). */
	row: number;
	col: number;
	weight: number;
	/** The input value there (0 in the padding). */
	value: number;
}

/** The k×k input positions that output (i, j) reads, with their weights and values. */
export function windowTaps(pixels: number[][], kernel: number[][], i: number, j: number, { padding, stride, dilation }: ConvSettings): Tap[] {
	const taps: Tap[] = [];
	kernel.forEach((kernelRow, a) =>
		kernelRow.forEach((weight, c) => {
			const row = i * stride + a * dilation - padding;
			const col = j * stride + c * dilation - padding;
			const value = pixels[row]?.[col] ?? 0;
			taps.push({ row, col, weight, value });
		}),
	);
	return taps;
}

/** The weighted sum of a window, written out: `−1·0 + 0·3 + … = 12`. Skips the zero terms. */
export function describeSum(taps: readonly Tap[], digits = 3): { text: string; sum: number } {
	const sum = taps.reduce((s, t) => s + t.weight * t.value, 0);
	const terms = taps.filter((t) => t.weight !== 0 && t.value !== 0).map((t) => `${formatNumber(t.weight, digits)}·${formatNumber(t.value, digits)}`);
	const text = `${terms.length ? terms.join(' + ').replace(/\+ −/g, '− ') : '0'} = ${formatNumber(sum, digits)}`;
	return { text, sum };
}

/** A few settings, with what the formula and the engine say: the figure's text alternative. */
export function convolutionTable(kernelId: KernelId = 'verticalEdge', digit = 0): FigureTable {
	const kernel = KERNELS[kernelId].weights;
	const k = kernel.length;
	const image = digitImages()[digit].pixels;
	const settings: ConvSettings[] = [
		{ padding: 0, stride: 1, dilation: 1 },
		{ padding: 1, stride: 1, dilation: 1 },
		{ padding: 1, stride: 2, dilation: 1 },
		{ padding: 0, stride: 1, dilation: 2 },
		{ padding: 1, stride: 3, dilation: 1 },
		{ padding: 0, stride: 1, dilation: 4 },
	];
	const columns = ['Padding, stride, dilation', 'Output size ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1', 'Engine output shape', 'Largest output value', 'Parameters (one kernel + bias)', 'Dense layer, same sizes'];
	const rows = settings.map((s) => {
		const n = outputSize(8, k, s);
		let shape: string;
		let largest: string;
		try {
			const out = convolve(image, kernel, s);
			shape = `${out.length} × ${out[0].length}`;
			largest = formatNumber(Math.max(...out.flat()));
		} catch {
			shape = 'refused (no output)';
			largest = '—';
		}
		return [
			`p = ${s.padding}, s = ${s.stride}, d = ${s.dilation}`,
			outputSizeFormula(8, k, s),
			shape,
			largest,
			String(convParameters(1, 1, k, k)),
			n > 0 ? denseParameters(64, n * n).toLocaleString('en-US') : '—',
		];
	});
	return { columns, rows };
}
