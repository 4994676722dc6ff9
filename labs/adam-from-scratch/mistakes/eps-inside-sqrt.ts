// Known mistake: sqrt(v̂ + eps) instead of sqrt(v̂) + eps.
import { adamStepVariant } from '../variants';
export { initState, type AdamOptions, type AdamState } from '../solution';

export const adamStep = adamStepVariant({ epsInsideSqrt: true });
