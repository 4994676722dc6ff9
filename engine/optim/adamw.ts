import { Adam, type AdamOptions } from './adam';
import type { OptimizerParams } from './optimizer';

/**
 * AdamW, as `torch.optim.AdamW`: Adam with decoupled weight decay (default 0.01). Before the Adam update each
 * parameter shrinks, `p ← p - lr · weightDecay · p`, instead of `weightDecay · p` joining the gradient (where
 * Adam's normalisation would rescale it).
 *
 * ```ts
 * const opt = new optim.AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends Adam {
	constructor(params: OptimizerParams<AdamOptions>, options: Partial<Omit<AdamOptions, 'decoupledWeightDecay'>> = {}) {
		super(params, { weightDecay: 1e-2, ...options, decoupledWeightDecay: true }, 'AdamW');
	}
}
