/**
 * A decision-boundary map on a plain canvas: each grid cell is tinted with the colour of its most
 * probable class (stronger where the model is surer), and the data points go on top, each class
 * with its own colour *and* marker shape, outlined so they stand out on any tint.
 *
 * ```ts
 * drawHeatmap(canvas, { res: 50, classes: 2, probs, extent }, points, palette);
 * ```
 */
import { parseHex, type Palette } from './palette.ts';

export interface Extent {
	xMin: number;
	xMax: number;
	yMin: number;
	yMax: number;
}

export interface HeatmapGrid {
	/** Cells per side: the grid is res × res. */
	res: number;
	/** Number of classes C. */
	classes: number;
	/**
	 * Class probabilities, [res * res, C] row-major. Row r of the grid is at y = yMax − (r + ½)·h
	 * (row 0 at the top), column c at x = xMin + (c + ½)·w, as `gridPoints` lays them out.
	 */
	probs: ArrayLike<number>;
	extent: Extent;
}

export interface PlotPoints {
	/** [N, 2] row-major coordinates. */
	xy: ArrayLike<number>;
	labels: ArrayLike<number>;
	/** Points drawn hollow (e.g. the test set). */
	hollow?: (i: number) => boolean;
	/** Marker radius in CSS pixels (default: scaled to the canvas, 3 to 5.5). */
	radius?: number;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';
export const MARKERS: readonly MarkerShape[] = ['circle', 'triangle', 'square', 'diamond'];

/**
 * The centres of a res × res grid over `extent`, as [res * res, 2] row-major, top row first:
 * the inputs to feed a model whose outputs `drawHeatmap` will draw.
 */
export function gridPoints(res: number, extent: Extent): Float32Array {
	const out = new Float32Array(res * res * 2);
	const w = (extent.xMax - extent.xMin) / res;
	const h = (extent.yMax - extent.yMin) / res;
	for (let r = 0; r < res; r++) {
		for (let c = 0; c < res; c++) {
			const k = 2 * (r * res + c);
			out[k] = extent.xMin + (c + 0.5) * w;
			out[k + 1] = extent.yMax - (r + 0.5) * h;
		}
	}
	return out;
}

/** Most probable class and its probability for one cell. */
function argmax(probs: ArrayLike<number>, offset: number, classes: number): [number, number] {
	let best = 0;
	for (let k = 1; k < classes; k++) if (probs[offset + k] > probs[offset + best]) best = k;
	return [best, probs[offset + best]];
}

/** Cell tints as RGBA bytes: the class colour mixed into the background by confidence. */
export function tintGrid(grid: HeatmapGrid, palette: Palette): Uint8ClampedArray<ArrayBuffer> {
	const { res, classes, probs } = grid;
	const bg = parseHex(palette.background);
	const colours = palette.classes.map(parseHex);
	const out = new Uint8ClampedArray(res * res * 4);
	const chance = 1 / classes;
	for (let i = 0; i < res * res; i++) {
		const [k, p] = argmax(probs, i * classes, classes);
		// 0 at chance level, 1 when certain; a floor keeps the winning class visible
		const sure = Math.max(0, Math.min(1, (p - chance) / (1 - chance)));
		const alpha = 0.12 + 0.5 * sure;
		const colour = colours[k % colours.length];
		for (let ch = 0; ch < 3; ch++)
			out[4 * i + ch] = Math.round(bg[ch] * (1 - alpha) + colour[ch] * alpha);
		out[4 * i + 3] = 255;
	}
	return out;
}

function marker(
	ctx: CanvasRenderingContext2D,
	shape: MarkerShape,
	x: number,
	y: number,
	r: number,
): void {
	ctx.beginPath();
	if (shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
	else if (shape === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
	else if (shape === 'triangle') {
		ctx.moveTo(x, y - r * 1.15);
		ctx.lineTo(x + r * 1.05, y + r * 0.75);
		ctx.lineTo(x - r * 1.05, y + r * 0.75);
		ctx.closePath();
	} else {
		ctx.moveTo(x, y - r * 1.2);
		ctx.lineTo(x + r * 1.2, y);
		ctx.lineTo(x, y + r * 1.2);
		ctx.lineTo(x - r * 1.2, y);
		ctx.closePath();
	}
}

/** Sizes the canvas's backing store to its CSS box at the device pixel ratio; returns CSS size. */
export function fitCanvas(canvas: HTMLCanvasElement): {
	width: number;
	height: number;
	ctx: CanvasRenderingContext2D;
} {
	const rect = canvas.getBoundingClientRect();
	const dpr = Math.min(window.devicePixelRatio || 1, 2);
	const width = Math.max(1, Math.round(rect.width));
	const height = Math.max(1, Math.round(rect.height));
	if (canvas.width !== width * dpr || canvas.height !== height * dpr) {
		canvas.width = width * dpr;
		canvas.height = height * dpr;
	}
	const ctx = canvas.getContext('2d')!;
	ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	return { width, height, ctx };
}

export interface HeatmapExtras {
	/** Extra drawing in data coordinates after the tint, before the points (e.g. a line). */
	overlay?: (
		ctx: CanvasRenderingContext2D,
		toPx: (x: number, y: number) => [number, number],
	) => void;
}

/** Draws the map and the points, filling the canvas's CSS box. */
export function drawHeatmap(
	canvas: HTMLCanvasElement,
	grid: HeatmapGrid,
	points: PlotPoints | null,
	palette: Palette,
	extras: HeatmapExtras = {},
): void {
	const { width, height, ctx } = fitCanvas(canvas);
	const { extent, res } = grid;

	const tile = document.createElement('canvas');
	tile.width = res;
	tile.height = res;
	tile.getContext('2d')!.putImageData(new ImageData(tintGrid(grid, palette), res, res), 0, 0);
	ctx.clearRect(0, 0, width, height);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(tile, 0, 0, width, height);

	const toPx = (x: number, y: number): [number, number] => [
		((x - extent.xMin) / (extent.xMax - extent.xMin)) * width,
		((extent.yMax - y) / (extent.yMax - extent.yMin)) * height,
	];
	extras.overlay?.(ctx, toPx);

	if (points) {
		const r = points.radius ?? Math.max(3, Math.min(5.5, width / 90));
		const n = points.labels.length;
		ctx.lineWidth = 1.25;
		for (let i = 0; i < n; i++) {
			const label = points.labels[i];
			const [px, py] = toPx(points.xy[2 * i], points.xy[2 * i + 1]);
			marker(ctx, MARKERS[label % MARKERS.length], px, py, r);
			const hollow = points.hollow?.(i) ?? false;
			ctx.fillStyle = hollow ? palette.background : palette.classes[label % palette.classes.length];
			ctx.fill();
			ctx.strokeStyle = hollow ? palette.classes[label % palette.classes.length] : palette.strong;
			ctx.lineWidth = hollow ? 2 : 1.25;
			ctx.stroke();
		}
	}

	ctx.strokeStyle = palette.grid;
	ctx.lineWidth = 1;
	ctx.strokeRect(0.5, 0.5, width - 1, height - 1);
}
