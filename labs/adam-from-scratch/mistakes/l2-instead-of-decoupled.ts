// Known mistake: AdamW's decay added to the gradient, as Adam's L2 penalty.
import { adamStepVariant } from '../variants';
export { initState, type AdamOptions, type AdamState } from '../solution';

export const adamStep = adamStepVariant({ l2InsteadOfDecoupled: true });
