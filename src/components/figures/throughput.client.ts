/**
 * Draws the throughput figure: measures, one size at a time with a frame in between, how many
 * GFLOP/s the engine reaches for n×n matrix products and additions on the CPU backend and, when
 * the browser has it, on WebGPU, and plots the points as they arrive.
 */
import { initWebgpu, webgpuAvailable, type Device } from 'chainrule';
import { lineChart, recolor, setChartMotion } from './kit/chart.ts';
import type { FigureContext, FigureInstance } from './kit/live-figure.ts';
import { formatNumber } from './kit/table.ts';
import { OP_KINDS, SIZES, measure, type Measurement, type OpKind } from './throughput.ts';

const SERIES: { kind: OpKind; device: Device; label: string }[] = [
	{ kind: 'matmul', device: 'cpu', label: 'matrix product, CPU' },
	{ kind: 'add', device: 'cpu', label: 'addition, CPU' },
	{ kind: 'matmul', device: 'webgpu', label: 'matrix product, WebGPU' },
	{ kind: 'add', device: 'webgpu', label: 'addition, WebGPU' },
];

export function mount(ctx: FigureContext): FigureInstance {
	const env = { palette: ctx.palette, reducedMotion: ctx.reducedMotion };
	const chart = lineChart(
		ctx.canvas('main'),
		SERIES.map((s) => ({ label: s.label, x: [], y: [], markers: true })),
		{
			// x is log₂ n, labelled with n at the powers of two that were measured
			x: { title: 'matrix size n (n × n, log scale)', min: Math.log2(SIZES[0]) - 0.25, max: Math.log2(SIZES[SIZES.length - 1]) + 0.25, format: (v) => (Number.isInteger(v) ? String(2 ** v) : '') },
			y: { title: 'GFLOP/s (measured)', type: 'logarithmic' },
		},
		env,
	);
	const readout = ctx.part<HTMLElement>('readout');
	const button = ctx.part<HTMLButtonElement>('rerun');
	let token = 0;
	let gpu: 'unknown' | 'yes' | 'no' = 'unknown';
	let gpuNote = '';

	async function ensureGpu(): Promise<boolean> {
		if (gpu !== 'unknown') return gpu === 'yes';
		try {
			if (await webgpuAvailable()) {
				const info = await initWebgpu();
				const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
				gpuNote = `WebGPU adapter: ${name}${info.isFallbackAdapter ? ' (a software fallback, so expect it to be slow)' : ''}.`;
				gpu = 'yes';
			} else {
				gpuNote = 'This browser has no WebGPU, so only the CPU is measured.';
				gpu = 'no';
			}
		} catch (error) {
			gpuNote = `WebGPU could not start (${error instanceof Error ? error.message : String(error)}); only the CPU is measured.`;
			gpu = 'no';
		}
		return gpu === 'yes';
	}

	function summary(results: Measurement[]): string {
		const best = (kind: OpKind, device: Device) =>
			results.filter((r) => r.kind === kind && r.device === device).reduce<Measurement | null>((a, b) => (a && a.gflops >= b.gflops ? a : b), null);
		const parts: string[] = [];
		for (const device of ['cpu', 'webgpu'] as const) {
			const mm = best('matmul', device);
			const add = best('add', device);
			if (!mm || !add) continue;
			const name = device === 'cpu' ? 'CPU' : 'WebGPU';
			parts.push(
				`${name}: matrix product up to ${formatNumber(mm.gflops, 2)} GFLOP/s (n = ${mm.n}), addition up to ${formatNumber(add.gflops, 2)} GFLOP/s.`,
			);
		}
		return [...parts, gpuNote].filter(Boolean).join(' ');
	}

	async function runAll(): Promise<void> {
		const mine = ++token;
		button.disabled = true;
		chart.data.datasets.forEach((d) => (d.data = []));
		chart.update('none');
		const results: Measurement[] = [];
		const devices: Device[] = ['cpu'];
		if (await ensureGpu()) devices.push('webgpu');
		try {
			for (const device of devices) {
				for (const n of SIZES) {
					for (const kind of OP_KINDS) {
						if (mine !== token) return;
						readout.textContent = `Measuring ${kind === 'matmul' ? 'the matrix product' : 'the addition'} for n = ${n} on ${device === 'cpu' ? 'the CPU' : 'WebGPU'}…`;
						await ctx.nextFrame();
						const m = await measure(kind, n, device, { minMs: device === 'cpu' ? 100 : 150 });
						results.push(m);
						const index = SERIES.findIndex((s) => s.kind === kind && s.device === device);
						chart.data.datasets[index].data.push({ x: Math.log2(n), y: m.gflops });
						chart.update('none');
					}
				}
			}
			if (mine === token) readout.textContent = summary(results);
		} catch (error) {
			if (mine === token) readout.textContent = `Measurement stopped: ${error instanceof Error ? error.message : String(error)}. ${summary(results)}`;
		} finally {
			if (mine === token) button.disabled = false;
		}
	}

	button.addEventListener('click', () => void runAll());
	void runAll();

	return {
		setPalette: (palette) => recolor(chart, palette),
		setReducedMotion: (reduced) => setChartMotion(chart, reduced),
		destroy: () => {
			token++;
			chart.destroy();
		},
	};
}
