// WGSL kernels are imported as strings with Vite's `?raw` suffix (vitest and Astro both use Vite).
declare module '*.wgsl?raw' {
	const source: string;
	export default source;
}
