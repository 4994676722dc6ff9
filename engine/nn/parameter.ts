import { keep } from '../memory';
import type { Tensor } from '../tensor';

const PARAMETER = Symbol('chainrule.parameter');

/**
 * Marks a tensor as a module parameter (as `nn.Parameter`): it requires grad, `Module.parameters()` finds it,
 * and `tidy` never frees it.
 */
export function Parameter(t: Tensor, requiresGrad = true): Tensor {
	const leaf = t.isLeaf ? t : t.detach();
	leaf.requiresGrad = requiresGrad;
	(leaf as unknown as Record<symbol, boolean>)[PARAMETER] = true;
	return keep(leaf);
}

export function isParameter(value: unknown): value is Tensor {
	return typeof value === 'object' && value !== null && (value as Record<symbol, boolean>)[PARAMETER] === true;
}
