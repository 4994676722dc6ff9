/**
 * Draws the divergence figure: the training loss (log scale) of the chosen learning rate next to
 * the fixed lr = 0.1 run, trained live by the engine a few epochs per frame. Non-finite losses
 * cannot sit on a log axis, so a curve ends at its last finite value, which gets a marker.
 */
import { DIVERGENCE_SETUP, formatLoss, runLabel, trainRun, type LossCurve } from './divergence.ts';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';

type XY = { x: number; y: number };

/** Log-axis tick labels: 10⁻¹, 10², … at powers of ten, nothing in between. */
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
function powerOfTen(value: number): string {
	const exponent = Math.round(Math.log10(value));
	if (Math.abs(Math.log10(value) - exponent) > 1e-9) return '';
	if (exponent === 0) return '1';
	return `10${String(exponent).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

function finitePoints(curve: LossCurve): XY[] {
	const points: XY[] = [];
	for (let i = 0; i < curve.loss.length; i++) {
		const y = curve.loss[i];
		if (!Number.isFinite(y) || y <= 0) break;
		points.push({ x: curve.epochs[i], y });
	}
	return points;
}

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const { numEpochs, baselineLr } = DIVERGENCE_SETUP;
	const chart = lineChart(
		ctx.canvas('main'),
		[
			{ label: 'chosen learning rate', x: [], y: [] },
			{ label: `lr = ${baselineLr} (fixed)`, x: [], y: [] },
			{ label: 'last finite loss before ∞ / NaN', x: [], y: [], markers: true },
		],
		{ x: { title: 'epoch', min: 0, max: numEpochs - 1 }, y: { title: 'training loss (MSE, log scale)', type: 'logarithmic', format: powerOfTen } },
		env,
	);
	const end = chart.data.datasets[2];
	end.pointRadius = 6;
	end.pointHoverRadius = 7;
	end.pointStyle = 'crossRot';
	end.showLine = false;

	const select = ctx.part<HTMLSelectElement>('lr');
	const clipBox = ctx.part<HTMLInputElement>('clip');
	const readout = ctx.part<HTMLElement>('readout');
	const cache = new Map<string, LossCurve>();
	let token = 0;

	async function train(lr: number, clip: boolean, onPartial: (c: LossCurve) => void, mine: number): Promise<LossCurve | null> {
		const key = `${lr}|${clip}`;
		const cached = cache.get(key);
		if (cached) return cached;
		const run = trainRun(lr, { clip, chunk: 5 });
		let step = run.next();
		while (!step.done) {
			if (mine !== token) return null;
			onPartial(step.value);
			await ctx.nextFrame();
			step = run.next();
		}
		cache.set(key, step.value);
		return step.value;
	}

	function draw(chosen: LossCurve | null, baseline: LossCurve | null): void {
		chart.data.datasets[0].data = chosen ? finitePoints(chosen) : [];
		chart.data.datasets[0].label = chosen ? runLabel(chosen) : 'chosen learning rate';
		chart.data.datasets[1].data = baseline ? finitePoints(baseline) : [];
		const ends: XY[] = [];
		for (const c of [chosen, baseline]) {
			if (!c) continue;
			const points = finitePoints(c);
			if (points.length < c.loss.length && points.length > 0) ends.push(points[points.length - 1]);
		}
		chart.data.datasets[2].data = ends;
		chart.update('none');
	}

	function describe(c: LossCurve): string {
		const last = c.loss[c.loss.length - 1];
		if (c.firstInfinity !== null || c.firstNaN !== null) {
			const where = [
				c.firstInfinity !== null ? `overflows to ∞ at epoch ${c.firstInfinity}` : '',
				c.firstNaN !== null ? `is NaN from epoch ${c.firstNaN}` : '',
			].filter(Boolean);
			return `With ${runLabel(c)} the loss grows from ${formatLoss(c.loss[0])}, ${where.join(' and ')}.`;
		}
		const trend = last < c.loss[0] ? 'falls' : 'does not fall';
		return `With ${runLabel(c)} the loss ${trend} from ${formatLoss(c.loss[0])} to ${formatLoss(last)} after ${c.loss.length} epochs.`;
	}

	async function show(): Promise<void> {
		const mine = ++token;
		const lr = Number(select.value);
		const clip = clipBox.checked;
		readout.textContent = 'Training…';
		let baseline: LossCurve | null = cache.get(`${baselineLr}|false`) ?? null;
		const chosen = await train(lr, clip, (partial) => draw(partial, baseline), mine);
		if (!chosen) return;
		baseline = await train(baselineLr, false, (partial) => draw(chosen, partial), mine);
		if (!baseline || mine !== token) return;
		draw(chosen, baseline);
		readout.textContent = describe(chosen);
	}

	select.addEventListener('change', () => void show());
	clipBox.addEventListener('change', () => void show());
	void show();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => {
			token++;
			chart.destroy();
		},
	};
}
