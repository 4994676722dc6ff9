/**
 * Components that chapter MDX files may use:
 *
 * ```mdx
 * import { Aside } from '~/components';
 * <Aside kind="tip">…</Aside>
 * ```
 *
 * Add a component here when chapters need it (Quiz, Lab, …); chapters import only from this file.
 */
export { default as Aside } from './Aside/Aside.astro';
export { ASIDE_KINDS, type AsideKind } from './Aside/aside.ts';

// Live figures: computed in the page by the engine, drawn with chart.js (see figures/README.md).
export { default as ActivationsFigure } from './figures/ActivationsFigure.astro';
