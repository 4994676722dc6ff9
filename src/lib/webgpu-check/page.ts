/**
 * The WebGPU check page's script: starts the worker, shows its report as a table, and leaves the raw JSON in
 * #webgpu-check-report and the outcome in #webgpu-check's data-status ('running', 'pass', 'fail' or 'error')
 * for the browser test (tests/e2e/webgpu.spec.ts).
 */
import type { CheckReport } from './worker.ts';

const root = document.getElementById('webgpu-check')!;
const status = document.getElementById('webgpu-check-status')!;
const body = document.querySelector<HTMLTableSectionElement>('#webgpu-check-table tbody')!;
const raw = document.getElementById('webgpu-check-report')!;

function cell(row: HTMLTableRowElement, text: string): void {
	row.insertCell().textContent = text;
}

function show(report: CheckReport): void {
	raw.textContent = JSON.stringify(report, null, 2);
	if (report.kind === 'error') {
		root.dataset.status = 'error';
		status.textContent = `The worker could not run the check: ${report.message}`;
		return;
	}
	for (const r of report.results) {
		const row = body.insertRow();
		cell(row, r.name);
		cell(row, `[${r.shape.join(', ')}]`);
		cell(row, r.maxAbsError.toExponential(2));
		cell(row, r.maxRelError.toExponential(2));
		cell(row, r.ok ? 'yes' : 'NO');
	}
	const failed = report.results.filter((r) => !r.ok).length;
	const adapter = report.adapter.description || `${report.adapter.vendor} ${report.adapter.architecture}`.trim();
	root.dataset.status = failed === 0 ? 'pass' : 'fail';
	status.textContent =
		`${failed === 0 ? 'All' : `${report.results.length - failed} of`} ${report.results.length} outputs match the CPU within ` +
		`float32 tolerance on ${adapter}${report.adapter.isFallbackAdapter ? ' (a software adapter)' : ''}, in ${Math.round(report.ms)} ms.`;
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'webgpu-check' });
worker.addEventListener('message', (event: MessageEvent<CheckReport>) => show(event.data));
worker.addEventListener('error', (event) => show({ kind: 'error', message: event.message || 'the worker failed to load' }));
