// Known mistake: uses the raw moment estimates, without dividing by 1 − βᵗ.
import { adamStepVariant } from '../variants';
export { initState, type AdamOptions, type AdamState } from '../solution';

export const adamStep = adamStepVariant({ noBiasCorrection: true });
