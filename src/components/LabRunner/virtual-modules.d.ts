/** The engine's generated declarations (astro.config.mjs → scripts/build-engine-types.mjs): path → .d.ts text. */
declare module 'virtual:chainrule-engine-types' {
	const files: Record<string, string>;
	export default files;
}
