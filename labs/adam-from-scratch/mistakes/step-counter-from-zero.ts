// Known mistake: the bias correction uses the step count before incrementing it (t = 0 on the first step).
import { adamStepVariant } from '../variants';
export { initState, type AdamOptions, type AdamState } from '../solution';

export const adamStep = adamStepVariant({ counterFromZero: true });
