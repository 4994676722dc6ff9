/**
 * Starts the sandbox worker from a blob: bootstrap that imports the bundled worker module. A worker whose
 * script is a blob: URL inherits the Content-Security-Policy of the page that made it (CSP 3, "workers"), so the
 * lab page's `connect-src 'self'` and `script-src 'self'` hold inside the sandbox too; a worker loaded straight
 * from its own URL would get the policy of that response, which a static host sends none of.
 */
import workerUrl from './worker.ts?worker&url';

let bootstrapUrl: string | null = null;

export function createSandboxWorker(): Worker {
	if (!bootstrapUrl) {
		const moduleUrl = new URL(workerUrl, location.href).href;
		const blob = new Blob([`import ${JSON.stringify(moduleUrl)};\n`], { type: 'text/javascript' });
		bootstrapUrl = URL.createObjectURL(blob);
	}
	return new Worker(bootstrapUrl, { type: 'module', name: 'chainrule-lab-sandbox' });
}
