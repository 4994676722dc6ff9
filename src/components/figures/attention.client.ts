/**
 * Draws the attention figure: the weight matrix as a grid of cells on a plain canvas, tinted
 * from the background towards the first series colour by weight, with the weight written in
 * each cell when it fits. Recomputed by the engine whenever the sentence or a switch changes.
 */
import { attentionMap, meanRowMax, tokenize, type AttentionMap } from './attention.ts';
import { fitCanvas } from './kit/heatmap.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { parseHex, type Palette } from './kit/palette.ts';
import { formatNumber } from './kit/table.ts';

function mix(background: string, colour: string, t: number): string {
	const a = parseHex(background);
	const b = parseHex(colour);
	const c = a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
	return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function draw(canvas: HTMLCanvasElement, map: AttentionMap, palette: Palette): void {
	const { width, height, ctx } = fitCanvas(canvas);
	ctx.clearRect(0, 0, width, height);
	const L = map.tokens.length;
	const font = '12px system-ui, sans-serif';
	ctx.font = font;
	const labelWidth = Math.min(110, 14 + Math.max(...map.tokens.map((t) => ctx.measureText(t).width)));
	const top = labelWidth; // key labels are drawn rotated above the grid
	const side = Math.max(10, Math.min(width - labelWidth - 4, height - top - 4));
	const cell = side / L;
	const x0 = labelWidth;
	const y0 = top;
	const ink = palette.series[0];

	for (let i = 0; i < L; i++) {
		for (let j = 0; j < L; j++) {
			const w = map.weights[i][j];
			ctx.fillStyle = mix(palette.background, ink, Math.min(1, w) * 0.92);
			ctx.fillRect(x0 + j * cell, y0 + i * cell, cell, cell);
			if (cell >= 30) {
				ctx.fillStyle = w > 0.5 ? palette.background : palette.strong;
				ctx.textAlign = 'center';
				ctx.textBaseline = 'middle';
				ctx.font = `${Math.min(13, cell / 3)}px system-ui, sans-serif`;
				ctx.fillText(formatNumber(w, 2), x0 + (j + 0.5) * cell, y0 + (i + 0.5) * cell);
			}
		}
	}
	// grid lines and frame
	ctx.strokeStyle = palette.grid;
	ctx.lineWidth = 1;
	for (let k = 0; k <= L; k++) {
		ctx.beginPath();
		ctx.moveTo(x0, y0 + k * cell);
		ctx.lineTo(x0 + side, y0 + k * cell);
		ctx.moveTo(x0 + k * cell, y0);
		ctx.lineTo(x0 + k * cell, y0 + side);
		ctx.stroke();
	}
	// query labels on the left, key labels rotated on top
	ctx.font = font;
	ctx.fillStyle = palette.text;
	ctx.textBaseline = 'middle';
	ctx.textAlign = 'right';
	map.tokens.forEach((t, i) => ctx.fillText(t, x0 - 6, y0 + (i + 0.5) * cell, labelWidth - 8));
	ctx.textAlign = 'left';
	map.tokens.forEach((t, j) => {
		ctx.save();
		ctx.translate(x0 + (j + 0.5) * cell, y0 - 6);
		ctx.rotate(-Math.PI / 2);
		ctx.fillText(t, 0, 0, top - 8);
		ctx.restore();
	});
}

export function mount(ctx: FigureContext): FigureInstance {
	const canvas = ctx.canvas('main');
	const sentenceInput = ctx.part<HTMLInputElement>('sentence');
	const causalBox = ctx.part<HTMLInputElement>('causal');
	const scaledBox = ctx.part<HTMLInputElement>('scaled');
	const readout = ctx.part<HTMLElement>('readout');
	let palette = ctx.palette;
	let map: AttentionMap | null = null;

	function update(): void {
		const tokens = tokenize(sentenceInput.value);
		if (tokens.length === 0) {
			readout.textContent = 'Type a sentence with at least one word.';
			return;
		}
		map = attentionMap(tokens, { causal: causalBox.checked, scaled: scaledBox.checked });
		const other = attentionMap(tokens, { causal: causalBox.checked, scaled: !scaledBox.checked });
		const [withScale, without] = scaledBox.checked ? [map, other] : [other, map];
		const words = sentenceInput.value.trim().split(/\s+/).filter(Boolean).length;
		const cut = words > tokens.length ? ` Only the first ${tokens.length} words are used.` : '';
		readout.textContent =
			`${tokens.length} tokens, dₖ = 16. Largest weight in a row, on average: ` +
			`${formatNumber(meanRowMax(withScale), 2)} with the 1/√dₖ scale, ${formatNumber(meanRowMax(without), 2)} without.${cut}`;
		draw(canvas, map, palette);
	}

	const listeners: [HTMLElement, string][] = [
		[sentenceInput, 'input'],
		[causalBox, 'change'],
		[scaledBox, 'change'],
	];
	for (const [el, type] of listeners) el.addEventListener(type, update);
	const resize = new ResizeObserver(() => map && draw(canvas, map, palette));
	resize.observe(canvas);
	update();

	return {
		setPalette: (p) => {
			palette = p;
			if (map) draw(canvas, map, palette);
		},
		destroy: () => {
			resize.disconnect();
			for (const [el, type] of listeners) el.removeEventListener(type, update);
		},
	};
}
