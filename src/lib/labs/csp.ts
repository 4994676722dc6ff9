/**
 * The Content-Security-Policy of lab pages. The sandbox worker starts from a blob: URL and so inherits it:
 * whatever learner code tries, it cannot open a connection to another origin (`connect-src 'self'`) or load a
 * script from one (`script-src 'self'`, which also covers `import('https://…')`).
 *
 * - 'unsafe-eval': the sandbox turns the learner's compiled code into a function (`new Function`).
 * - 'unsafe-inline' scripts and styles: Astro inlines small scripts and styles; Monaco and chart.js set
 *   inline styles. The page runs no third-party code, so this does not open a door for learner code, which
 *   never runs on the page.
 * - 'wasm-unsafe-eval': Pagefind's search (in the header) runs WebAssembly.
 * - worker-src blob: the sandbox bootstrap; 'self': Monaco's workers.
 */
export const LAB_PAGE_CSP = [
	"default-src 'self'",
	"script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
	"worker-src 'self' blob:",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self' data:",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
].join('; ');
