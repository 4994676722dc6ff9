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
// In-chapter quiz: <Quiz bank="<chapter slug>" /> (content/quizzes/<slug>.yaml).
export { default as Quiz } from './Quiz/Quiz.astro';

// Live figures: computed in the page by the engine, drawn with chart.js (see figures/README.md).
export { default as ActivationsFigure } from './figures/ActivationsFigure.astro';
export { default as EarlyStoppingFigure } from './figures/EarlyStoppingFigure.astro';
export { default as Playground } from './Playground/Playground.astro';
export { default as FeatureScalingFigure } from './figures/FeatureScalingFigure.astro';
export { default as FeaturesFigure } from './figures/FeaturesFigure.astro';
export { default as LossesFigure } from './figures/LossesFigure.astro';
export { default as NeuronFigure } from './figures/NeuronFigure.astro';
export { default as SoftmaxFigure } from './figures/SoftmaxFigure.astro';
export { default as AttentionFigure } from './figures/AttentionFigure.astro';
export { default as ConvolutionFigure } from './figures/ConvolutionFigure.astro';
export { default as ThroughputFigure } from './figures/ThroughputFigure.astro';
export { default as GradientCheckFigure } from './figures/GradientCheckFigure.astro';
export { default as GradientNormsFigure } from './figures/GradientNormsFigure.astro';
export { default as GradientDescentFigure } from './figures/GradientDescentFigure.astro';
export { default as AdamMomentsFigure } from './figures/AdamMomentsFigure.astro';
export { default as OptimizerRaceFigure } from './figures/OptimizerRaceFigure.astro';
export { default as LrSchedulesFigure } from './figures/LrSchedulesFigure.astro';
export { default as RnnGradientsFigure } from './figures/RnnGradientsFigure.astro';
export { default as DivergenceFigure } from './figures/DivergenceFigure.astro';
export { default as BatchLatencyFigure } from './figures/BatchLatencyFigure.astro';
