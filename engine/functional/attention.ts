/**
 * Scaled dot-product attention as a composite of matmul, softmax and where, as
 * `torch.nn.functional.scaled_dot_product_attention` (its math backend).
 */
import { tensor } from '../creation';
import * as ops from '../ops/index';
import { broadcastShapes, formatShape } from '../shape';
import type { Tensor } from '../tensor';
import { dropout } from './dropout';
import { matmul, softmax, transpose } from './tensor-methods';

export interface ScaledDotProductAttentionOptions {
	/**
	 * Broadcastable to `[..., L, S]`. The engine has no bool dtype, so the mask's dtype says how it is read,
	 * as PyTorch's dtype does:
	 * - an `int32` tensor is a boolean mask with PyTorch's bool semantics: **1 (non-zero) = this query may
	 *   attend to this key**, 0 = masked out (its score becomes -inf). Turn a 0/1 float mask into one with
	 *   `mask.to('int32')`.
	 * - a float tensor is added to the scaled scores (use -Infinity to mask out, 0 to keep).
	 */
	attnMask?: Tensor | null;
	/** Dropout probability on the attention weights (default 0); applied whenever > 0, as PyTorch. */
	dropoutP?: number;
	/** Masks out keys after each query (`j > i`, the strict upper triangle of `[L, S]`). Not with `attnMask`. */
	isCausal?: boolean;
	/** Multiplies `q kᵀ`; default `1 / sqrt(E)` with E = query.size(-1). */
	scale?: number | null;
	/** Grouped-query attention: key/value heads (dim -3) are repeated to match the query's heads. */
	enableGqa?: boolean;
}

/**
 * `softmax(q kᵀ * scale + mask) v`, as `torch.nn.functional.scaled_dot_product_attention`.
 * Shapes: query `[..., L, E]`, key `[..., S, E]`, value `[..., S, Ev]` (batch dims broadcast) → `[..., L, Ev]`.
 *
 * NOTE: a query row whose scores are all -inf (every key masked out) gets attention weights 0 and so an
 * output of 0, with zero gradient, as PyTorch's math backend (`_safe_softmax`, since 2.5) and its CPU
 * fused kernel do; a plain softmax would give NaN there.
 *
 * ```ts
 * const q = randn([2, 4, 3, 8]); // [batch, heads, L, E]
 * const out = F.scaledDotProductAttention(q, q, q, { isCausal: true }); // [2, 4, 3, 8]
 * ```
 */
export function scaledDotProductAttention(
	query: Tensor,
	key: Tensor,
	value: Tensor,
	options: ScaledDotProductAttentionOptions = {},
): Tensor {
	const { attnMask = null, dropoutP = 0, isCausal = false, scale = null, enableGqa = false } = options;
	checkInputs(query, key, value);
	if (isCausal && attnMask) {
		throw new Error(
			'scaledDotProductAttention: an explicit attnMask should not be set when isCausal is true; ' +
				'fold the causal mask into attnMask, or drop attnMask',
		);
	}
	if (!(dropoutP >= 0 && dropoutP <= 1)) throw new RangeError(`scaledDotProductAttention: dropoutP must be in [0, 1], got ${dropoutP}`);
	if (enableGqa) [key, value] = repeatKvHeads(query, key, value);
	const L = query.shape[query.ndim - 2];
	const S = key.shape[key.ndim - 2];
	const E = query.shape[query.ndim - 1];
	const factor = scale ?? 1 / Math.sqrt(E);

	// scores: [..., L, S]
	let scores = ops.mul(matmul(query, transpose(key, -2, -1)), factor);
	if (attnMask) broadcastShapes(`scaledDotProductAttention: attnMask (expects [..., L=${L}, S=${S}])`, attnMask.shape, scores.shape);
	const bias = isCausal ? causalBias(L, S, query) : attnMask ? maskToBias(attnMask, query) : null;
	if (bias) scores = ops.add(scores, bias);
	let attn = safeSoftmax(scores);
	if (dropoutP > 0) attn = dropout(attn, dropoutP, true);
	return matmul(attn, value);
}

function checkInputs(query: Tensor, key: Tensor, value: Tensor): void {
	const named: [string, Tensor][] = [['query', query], ['key', key], ['value', value]];
	for (const [name, t] of named) {
		if (t.ndim < 2) {
			throw new RangeError(`scaledDotProductAttention: ${name} needs at least 2 dims [..., seq, embed], got shape ${formatShape(t.shape)}`);
		}
	}
	if (query.dtype !== key.dtype || query.dtype !== value.dtype) {
		throw new TypeError(
			`scaledDotProductAttention: expected query, key and value to have the same dtype, got ${query.dtype}, ` +
				`${key.dtype} and ${value.dtype}; convert them with .to('${query.dtype}')`,
		);
	}
	const e = query.shape[query.ndim - 1];
	if (key.shape[key.ndim - 1] !== e) {
		throw new RangeError(
			`scaledDotProductAttention: query ${formatShape(query.shape)} and key ${formatShape(key.shape)} must share ` +
				`their last dim (E) for q kᵀ, got ${e} and ${key.shape[key.ndim - 1]}`,
		);
	}
	if (key.shape[key.ndim - 2] !== value.shape[value.ndim - 2]) {
		throw new RangeError(
			`scaledDotProductAttention: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} must have ` +
				`the same sequence length S (dim -2), got ${key.shape[key.ndim - 2]} and ${value.shape[value.ndim - 2]}`,
		);
	}
}

/** GQA: repeats each key/value head `Hq / Hkv` times along dim -3 (PyTorch's repeat_interleave). */
function repeatKvHeads(query: Tensor, key: Tensor, value: Tensor): [Tensor, Tensor] {
	if (query.ndim < 3 || key.ndim < 3 || value.ndim < 3) {
		throw new RangeError(`scaledDotProductAttention: enableGqa needs a heads dim (-3) on query, key and value, got ${formatShape(query.shape)}, ${formatShape(key.shape)}, ${formatShape(value.shape)}`);
	}
	const hq = query.shape[query.ndim - 3];
	const hk = key.shape[key.ndim - 3];
	const hv = value.shape[value.ndim - 3];
	if (hq % hk !== 0 || hq % hv !== 0) {
		throw new RangeError(`scaledDotProductAttention: with enableGqa the number of key heads (${hk}) and value heads (${hv}) must divide the query heads (${hq})`);
	}
	const repeat = (t: Tensor, h: number): Tensor => {
		if (h === hq) return t;
		const index = tensor(Array.from({ length: hq }, (_, i) => Math.floor(i / (hq / h))), { dtype: 'int32', device: t.device });
		return ops.indexSelect(t, t.ndim - 3, index);
	};
	return [repeat(key, hk), repeat(value, hv)];
}

/** 0 on and below the diagonal of `[L, S]`, -inf above it (top-left aligned, as torch's `ones(L, S).tril()`). */
function causalBias(L: number, S: number, like: Tensor): Tensor {
	const data = new Array<number>(L * S);
	for (let i = 0; i < L; i++) for (let j = 0; j < S; j++) data[i * S + j] = j <= i ? 0 : -Infinity;
	return tensor(data, { dtype: like.dtype, device: like.device, shape: [L, S] });
}

/**
 * An additive bias from a mask. Float masks are used as they are; int32 masks are boolean: with
 * `trueMeans: 'attend'` (SDPA) 1 keeps a key and 0 gives -inf, with `'ignore'` (MultiheadAttention's
 * masks) 1 gives -inf and 0 keeps it.
 */
export function maskToBias(mask: Tensor, like: Tensor, trueMeans: 'attend' | 'ignore' = 'attend'): Tensor {
	if (mask.dtype !== 'int32') return mask;
	const keep = trueMeans === 'attend' ? ops.ne(mask, 0) : ops.eq(mask, 0);
	return ops.where(keep, ops.full([], 0, like.dtype, like.device), -Infinity);
}

/**
 * softmax over the last dim, with rows that are entirely -inf set to 0 (PyTorch's `_safe_softmax`).
 * NOTE: those rows are replaced by 0 *before* the softmax too, so neither the forward nor the backward
 * ever divides 0 by 0 (a NaN there would leak into every gradient through the matmuls).
 */
function safeSoftmax(scores: Tensor): Tensor {
	const last = scores.ndim - 1;
	const allMasked = ops.amax(ops.ne(scores.detach(), -Infinity), [last], true).eq(0); // [..., L, 1]
	const finite = ops.where(allMasked, 0, scores);
	return ops.where(allMasked, 0, softmax(finite, last));
}
