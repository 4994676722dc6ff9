/**
 * Draws the convolution figure on two plain canvases: the (padded) input digit with the window of
 * the selected output, and the output feature map computed by the engine's F.conv2d. Every control
 * is a labelled native input or button, so the figure works from the keyboard.
 */
import {
	KERNELS,
	KERNEL_IDS,
	convParameters,
	convolve,
	denseParameters,
	describeSum,
	digitImages,
	outputSize,
	outputSizeFormula,
	windowTaps,
	type ConvSettings,
	type KernelId,
} from './convolution.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { contrastRatio, parseHex, type Palette } from './kit/palette.ts';
import { formatNumber } from './kit/table.ts';

const STEP_MS = 700;

interface Cell {
	fill: string;
	text: string;
	textColor: string;
	hatched?: boolean;
}

/** Blend `hex` at `alpha` over `background` (both #rrggbb) into an opaque #rrggbb. */
function blend(hex: string, alpha: number, background: string): string {
	const a = parseHex(hex);
	const b = parseHex(background);
	const mix = a.map((v, i) => Math.round(alpha * v + (1 - alpha) * b[i]));
	return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The more legible of the palette's two text colours on `fill`. */
function textOn(fill: string, palette: Palette): string {
	return contrastRatio(fill, palette.strong) >= contrastRatio(fill, palette.background) ? palette.strong : palette.background;
}

/** Sizes the canvas's backing store to its CSS box and returns a 2-D context in CSS pixels. */
function prepare(canvas: HTMLCanvasElement): { g: CanvasRenderingContext2D; width: number; height: number } {
	const dpr = window.devicePixelRatio || 1;
	const width = canvas.clientWidth;
	const height = canvas.clientHeight;
	canvas.width = Math.max(1, Math.round(width * dpr));
	canvas.height = Math.max(1, Math.round(height * dpr));
	const g = canvas.getContext('2d')!;
	g.setTransform(dpr, 0, 0, dpr, 0, 0);
	g.clearRect(0, 0, width, height);
	return { g, width, height };
}

/** Draws a grid of cells centred in the canvas; returns the cell size and origin for overlays. */
function drawGrid(canvas: HTMLCanvasElement, cells: Cell[][], palette: Palette) {
	const { g, width, height } = prepare(canvas);
	const rows = cells.length;
	const cols = cells[0]?.length ?? 0;
	const size = Math.max(4, Math.floor(Math.min((width - 8) / Math.max(cols, 1), (height - 8) / Math.max(rows, 1), 44)));
	const x0 = Math.round((width - size * cols) / 2);
	const y0 = Math.round((height - size * rows) / 2);
	g.font = `${Math.max(8, Math.round(size * 0.36))}px system-ui, sans-serif`;
	g.textAlign = 'center';
	g.textBaseline = 'middle';
	cells.forEach((row, r) =>
		row.forEach((cell, c) => {
			const x = x0 + c * size;
			const y = y0 + r * size;
			g.fillStyle = cell.fill;
			g.fillRect(x, y, size, size);
			if (cell.hatched) {
				g.save();
				g.beginPath();
				g.rect(x, y, size, size);
				g.clip();
				g.strokeStyle = palette.grid;
				g.lineWidth = 1;
				for (let t = -size; t < size; t += 6) {
					g.beginPath();
					g.moveTo(x + t, y + size);
					g.lineTo(x + t + size, y);
					g.stroke();
				}
				g.restore();
			}
			g.strokeStyle = palette.grid;
			g.lineWidth = 1;
			g.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
			if (size >= 16 && cell.text) {
				g.fillStyle = cell.textColor;
				g.fillText(cell.text, x + size / 2, y + size / 2 + 0.5);
			}
		}),
	);
	return { g, size, x0, y0 };
}

function outline(g: CanvasRenderingContext2D, x: number, y: number, size: number, colour: string, width: number): void {
	g.strokeStyle = colour;
	g.lineWidth = width;
	g.strokeRect(x + width / 2, y + width / 2, size - width, size - width);
}

export function mount(ctx: FigureContext): FigureInstance {
	const digits = digitImages();
	let palette = ctx.palette;
	const input = ctx.canvas('input');
	const output = ctx.canvas('output');

	const digitSelect = ctx.part<HTMLSelectElement>('digit');
	const kernelSelect = ctx.part<HTMLSelectElement>('kernel');
	const sliders = {
		padding: ctx.part<HTMLInputElement>('padding'),
		stride: ctx.part<HTMLInputElement>('stride'),
		dilation: ctx.part<HTMLInputElement>('dilation'),
	};
	const position = ctx.part<HTMLInputElement>('position');
	const positionOut = ctx.part<HTMLOutputElement>('position-value');
	const prev = ctx.part<HTMLButtonElement>('prev');
	const next = ctx.part<HTMLButtonElement>('next');
	const play = ctx.part<HTMLButtonElement>('play');
	const kernelTable = ctx.part<HTMLTableElement>('kernel-table');
	const sizeReadout = ctx.part<HTMLElement>('size');
	const sumReadout = ctx.part<HTMLElement>('sum');

	let timer: ReturnType<typeof setInterval> | null = null;
	let map: number[][] | null = null;
	let error = '';

	const settings = (): ConvSettings => ({
		padding: Number(sliders.padding.value),
		stride: Number(sliders.stride.value),
		dilation: Number(sliders.dilation.value),
	});
	const kernelId = (): KernelId => (KERNEL_IDS.includes(kernelSelect.value as KernelId) ? (kernelSelect.value as KernelId) : 'verticalEdge');
	const image = () => digits[Number(digitSelect.value)]?.pixels ?? digits[0].pixels;

	function renderKernel(weights: number[][]): void {
		kernelTable.replaceChildren(
			...weights.map((row) => {
				const tr = document.createElement('tr');
				for (const w of row) {
					const td = document.createElement('td');
					td.textContent = formatNumber(w, 3);
					tr.append(td);
				}
				return tr;
			}),
		);
	}

	/** Recomputes the feature map with the engine (when a setting changes). */
	function recompute(): void {
		for (const [name, slider] of Object.entries(sliders)) {
			const out = ctx.root.querySelector<HTMLOutputElement>(`[data-part="${name}-value"]`);
			if (out) out.value = slider.value;
		}
		const weights = KERNELS[kernelId()].weights;
		renderKernel(weights);
		const s = settings();
		const k = weights.length;
		try {
			map = convolve(image(), weights, s);
			error = '';
		} catch (e) {
			map = null;
			error = e instanceof Error ? e.message : String(e);
		}
		const n = outputSize(8, k, s);
		const count = map ? map.length * map[0].length : 0;
		position.max = String(Math.max(0, count - 1));
		position.disabled = count === 0;
		if (Number(position.value) > count - 1) position.value = '0';
		const params = convParameters(1, 1, k, k);
		sizeReadout.textContent = map
			? `Output size ${outputSizeFormula(8, k, s)}, so ${n} × ${n}. Parameters: ${k}·${k} weights + 1 bias = ${params}, ` +
				`for an image of any size; a dense layer from the 64 pixels to these ${n * n} outputs would need ` +
				`${denseParameters(64, n * n).toLocaleString('en-US')}.`
			: `Output size ${outputSizeFormula(8, k, s)}: no output. The engine says: “${error}”`;
		draw();
	}

	/** Redraws both canvases for the current position (cheap; no engine call). */
	function draw(): void {
		const pixels = image();
		const weights = KERNELS[kernelId()].weights;
		const s = settings();
		const p = s.padding;
		const size = 8 + 2 * p;
		const inputCells: Cell[][] = Array.from({ length: size }, (_, r) =>
			Array.from({ length: size }, (_, c) => {
				const v = pixels[r - p]?.[c - p];
				if (v === undefined) return { fill: palette.background, text: '0', textColor: palette.text, hatched: true };
				const fill = blend(palette.strong, (v / 16) * 0.85, palette.background);
				return { fill, text: String(v), textColor: textOn(fill, palette) };
			}),
		);
		const inGrid = drawGrid(input, inputCells, palette);
		const highlight = palette.series[2];

		if (!map) {
			const { g, width, height } = prepare(output);
			g.fillStyle = palette.text;
			g.font = '14px system-ui, sans-serif';
			g.textAlign = 'center';
			g.fillText('no output: the kernel does not fit', width / 2, height / 2);
			positionOut.value = '—';
			sumReadout.textContent = '';
			return;
		}
		const ow = map[0].length;
		const index = Number(position.value);
		const i = Math.floor(index / ow);
		const j = index % ow;
		const largest = Math.max(1e-9, ...map.flat().map(Math.abs));
		const outCells: Cell[][] = map.map((row) =>
			row.map((v) => {
				const fill = blend(v >= 0 ? palette.series[0] : palette.series[1], Math.min(1, Math.abs(v) / largest) * 0.75, palette.background);
				return { fill, text: formatNumber(v, Math.abs(v) >= 10 ? 0 : 1), textColor: textOn(fill, palette) };
			}),
		);
		const outGrid = drawGrid(output, outCells, palette);
		outline(outGrid.g, outGrid.x0 + j * outGrid.size, outGrid.y0 + i * outGrid.size, outGrid.size, highlight, 3);

		const taps = windowTaps(pixels, weights, i, j, s);
		for (const t of taps) {
			outline(inGrid.g, inGrid.x0 + (t.col + p) * inGrid.size, inGrid.y0 + (t.row + p) * inGrid.size, inGrid.size, highlight, 3);
		}
		positionOut.value = `row ${i}, column ${j}`;
		const { text } = describeSum(taps);
		sumReadout.textContent = `Output (${i}, ${j}) = ${text}; the engine computed ${formatNumber(map[i][j], 3)}.`;
	}

	function step(delta: number): void {
		const max = Number(position.max);
		if (max <= 0 && position.disabled) return;
		position.value = String((Number(position.value) + delta + max + 1) % (max + 1));
		draw();
	}

	function stop(): void {
		if (timer) clearInterval(timer);
		timer = null;
		play.textContent = 'Play';
		play.setAttribute('aria-pressed', 'false');
	}

	digitSelect.addEventListener('change', recompute);
	kernelSelect.addEventListener('change', recompute);
	for (const slider of Object.values(sliders)) slider.addEventListener('input', recompute);
	position.addEventListener('input', draw);
	prev.addEventListener('click', () => step(-1));
	next.addEventListener('click', () => step(1));
	play.addEventListener('click', () => {
		if (timer) return stop();
		play.textContent = 'Pause';
		play.setAttribute('aria-pressed', 'true');
		timer = setInterval(() => step(1), STEP_MS);
	});
	const resize = new ResizeObserver(() => draw());
	resize.observe(input);
	recompute();

	return {
		setPalette: (p) => {
			palette = p;
			draw();
		},
		destroy: () => {
			stop();
			resize.disconnect();
		},
	};
}
