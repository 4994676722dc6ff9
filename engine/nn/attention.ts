/**
 * Multi-head attention, as `torch.nn.MultiheadAttention` (the code path of PyTorch's
 * `F.multi_head_attention_forward`, step for step).
 */
import { zeros } from '../creation';
import { maskToBias, scaledDotProductAttention } from '../functional/attention';
import { dropout as dropoutFn } from '../functional/dropout';
import { linear } from '../functional/linear';
import { softmax } from '../functional/tensor-methods';
import * as ops from '../ops/index';
import { formatShape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { constant_, xavierNormal_, xavierUniform_ } from './init';
import { Linear } from './linear';
import { Module } from './module';
import { Parameter } from './parameter';

export interface MultiheadAttentionOptions {
	/** Dropout on the attention weights, in training mode only (default 0). */
	dropout?: number;
	/** Biases on the input and output projections (default true). */
	bias?: boolean;
	/** Learned extra key and value (`bias_k`, `bias_v` [1, 1, E]) appended to the sequence (default false). */
	addBiasKv?: boolean;
	/** Append a zero key and value to the sequence (default false). */
	addZeroAttn?: boolean;
	/** Features of the key (default embedDim); if it differs, q/k/v get separate projection weights. */
	kdim?: number;
	/** Features of the value (default embedDim). */
	vdim?: number;
	/** Inputs and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
	batchFirst?: boolean;
}

export interface MultiheadAttentionForwardOptions {
	/**
	 * `[batch, S]` (or `[S]` unbatched): keys to ignore, such as padding. As in PyTorch's MultiheadAttention,
	 * a boolean mask (an int32 tensor here, the engine has no bool dtype) has **1 = ignore this key**
	 * (note: the opposite of F.scaledDotProductAttention's boolean attnMask); a float mask is added to the scores.
	 */
	keyPaddingMask?: Tensor | null;
	/** Return the attention weights (default true); false skips them and runs scaledDotProductAttention. */
	needWeights?: boolean;
	/**
	 * `[L, S]` or `[batch * numHeads, L, S]`: which query may look at which key. Boolean (int32) masks have
	 * **1 = not allowed to attend**, as PyTorch's MultiheadAttention; float masks are added to the scores.
	 */
	attnMask?: Tensor | null;
	/** Average the returned weights over heads (default true): `[batch, L, S]`, else `[batch, numHeads, L, S]`. */
	averageAttnWeights?: boolean;
	/** A hint that attnMask is the causal mask (PyTorch requires attnMask with it); default false. */
	isCausal?: boolean;
}

/**
 * Attention with `numHeads` heads of size `embedDim / numHeads`, as `torch.nn.MultiheadAttention`.
 * Parameters carry PyTorch's names: `in_proj_weight` [3E, E] (q, k, v stacked; or `q_proj_weight`,
 * `k_proj_weight`, `v_proj_weight` when kdim or vdim differ from E), `in_proj_bias` [3E], `bias_k`, `bias_v`,
 * `out_proj.weight` [E, E], `out_proj.bias` [E].
 *
 * `forward(query, key, value, options?)` returns `[output, weights | null]`: output `[L, batch, E]` (or batch
 * first, or `[L, E]` unbatched), weights `[batch, L, S]` (per head: `[batch, numHeads, L, S]`) or null when
 * `needWeights` is false.
 *
 * NOTE: with needWeights (the default) a query whose keys are all masked gets NaN, as PyTorch's softmax
 * path does; with needWeights false it gets 0, as PyTorch's scaled_dot_product_attention path does.
 *
 * ```ts
 * const mha = new nn.MultiheadAttention(8, 2, { batchFirst: true });
 * const x = randn([4, 5, 8]); // [batch, seq, embed]
 * const [out, weights] = mha.forward(x, x, x); // [4, 5, 8] and [4, 5, 5]
 * ```
 */
export class MultiheadAttention extends Module {
	readonly embedDim: number;
	readonly kdim: number;
	readonly vdim: number;
	readonly numHeads: number;
	readonly headDim: number;
	readonly dropout: number;
	readonly batchFirst: boolean;
	readonly addZeroAttn: boolean;
	// PyTorch's snake_case names, so stateDict keys match a PyTorch state dict one to one.
	in_proj_weight: Tensor | null = null;
	q_proj_weight: Tensor | null = null;
	k_proj_weight: Tensor | null = null;
	v_proj_weight: Tensor | null = null;
	in_proj_bias: Tensor | null = null;
	out_proj: Linear;
	bias_k: Tensor | null = null;
	bias_v: Tensor | null = null;

	constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
		super();
		const { dropout = 0, bias = true, addBiasKv = false, addZeroAttn = false, kdim = embedDim, vdim = embedDim, batchFirst = false } = options;
		if (!(embedDim > 0 && numHeads > 0) || !Number.isInteger(embedDim) || !Number.isInteger(numHeads)) {
			throw new RangeError(`MultiheadAttention: embedDim and numHeads must be positive integers, got embedDim=${embedDim} and numHeads=${numHeads}`);
		}
		if (embedDim % numHeads !== 0) {
			throw new RangeError(`MultiheadAttention: embedDim (${embedDim}) must be divisible by numHeads (${numHeads}); each head gets embedDim / numHeads features`);
		}
		if (!(dropout >= 0 && dropout <= 1)) throw new RangeError(`MultiheadAttention: dropout must be in [0, 1], got ${dropout}`);
		this.embedDim = embedDim;
		this.kdim = kdim;
		this.vdim = vdim;
		this.numHeads = numHeads;
		this.headDim = embedDim / numHeads;
		this.dropout = dropout;
		this.batchFirst = batchFirst;
		this.addZeroAttn = addZeroAttn;
		if (this.qkvSameEmbedDim) {
			this.in_proj_weight = Parameter(zeros([3 * embedDim, embedDim]));
		} else {
			this.q_proj_weight = Parameter(zeros([embedDim, embedDim]));
			this.k_proj_weight = Parameter(zeros([embedDim, kdim]));
			this.v_proj_weight = Parameter(zeros([embedDim, vdim]));
		}
		if (bias) this.in_proj_bias = Parameter(zeros([3 * embedDim]));
		this.out_proj = new Linear(embedDim, embedDim, { bias });
		if (addBiasKv) {
			this.bias_k = Parameter(zeros([1, 1, embedDim]));
			this.bias_v = Parameter(zeros([1, 1, embedDim]));
		}
		this.resetParameters();
	}

	get qkvSameEmbedDim(): boolean {
		return this.kdim === this.embedDim && this.vdim === this.embedDim;
	}

	/** PyTorch's init: xavier_uniform on the input projections, zero biases, xavier_normal on bias_k/bias_v. */
	resetParameters(): void {
		for (const w of [this.in_proj_weight, this.q_proj_weight, this.k_proj_weight, this.v_proj_weight]) if (w) xavierUniform_(w);
		if (this.in_proj_bias) {
			constant_(this.in_proj_bias, 0);
			if (this.out_proj.bias) constant_(this.out_proj.bias, 0);
		}
		if (this.bias_k) xavierNormal_(this.bias_k);
		if (this.bias_v) xavierNormal_(this.bias_v);
	}

	/** Returns `[output, weights | null]` (PyTorch's tuple); see the class doc for shapes and mask semantics. */
	forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
		const { needWeights = true, averageAttnWeights = true } = options;
		let { keyPaddingMask = null, attnMask = null, isCausal = false } = options;
		const batched = checkShapes(query, key, value, keyPaddingMask, attnMask, this.numHeads);
		if (batched && this.batchFirst) [query, key, value] = [query, key, value].map((t) => t.transpose(0, 1));
		if (!batched) {
			[query, key, value] = [query, key, value].map((t) => t.unsqueeze(1));
			keyPaddingMask = keyPaddingMask?.unsqueeze(0) ?? null;
		}
		const [L, B, E] = query.shape;
		const H = this.numHeads;
		const hd = this.headDim;
		if (E !== this.embedDim) throw new RangeError(`MultiheadAttention: query has ${E} features but embedDim is ${this.embedDim}`);
		checkKeyValue(key, value, this.kdim, this.vdim, this.qkvSameEmbedDim);

		if (keyPaddingMask && !shapesEqual(keyPaddingMask.shape, [B, key.shape[0]])) {
			const expected = batched ? [B, key.shape[0]] : [key.shape[0]];
			throw new RangeError(`MultiheadAttention: expected keyPaddingMask of shape ${formatShape(expected)} ([batch, S]), got ${formatShape(batched ? keyPaddingMask.shape : keyPaddingMask.shape.slice(1))}`);
		}
		let kpm = keyPaddingMask ? maskToBias(keyPaddingMask, query, 'ignore') : null;
		if (isCausal && !attnMask) {
			throw new Error('MultiheadAttention: isCausal is only a hint and needs attnMask too (the causal mask itself, -inf above the diagonal)');
		}
		let mask: Tensor | null = null;
		if (!(isCausal && !kpm && !needWeights)) {
			mask = attnMask ? maskToBias(attnMask, query, 'ignore') : null;
			if (kpm) isCausal = false; // the merged mask is no longer causal
		}

		// In-projection: [L, B, E], [S, B, E], [S, B, E].
		const [wq, wk, wv] = this.in_proj_weight ? this.in_proj_weight.chunk(3, 0) : [this.q_proj_weight!, this.k_proj_weight!, this.v_proj_weight!];
		const [bq, bk, bv] = this.in_proj_bias ? this.in_proj_bias.chunk(3, 0) : [null, null, null];
		const q = linear(query, wq, bq);
		let k = linear(key, wk, bk);
		let v = linear(value, wv, bv);

		if (mask) mask = checkAttnMask(mask, L, key.shape[0], B * H);
		const padColumn = (m: Tensor | null): Tensor | null => (m ? ops.cat([m, zeros([...m.shape.slice(0, -1), 1], { dtype: m.dtype, device: m.device })], m.ndim - 1) : null);
		if (this.bias_k && this.bias_v) {
			k = ops.cat([k, this.bias_k.expand(1, B, E)], 0);
			v = ops.cat([v, this.bias_v.expand(1, B, E)], 0);
			mask = padColumn(mask);
			kpm = padColumn(kpm);
		}
		// Heads become part of the batch: [B * H, seq, hd].
		const q3 = q.reshape(L, B * H, hd).transpose(0, 1);
		let k3 = k.reshape(k.shape[0], B * H, hd).transpose(0, 1);
		let v3 = v.reshape(v.shape[0], B * H, hd).transpose(0, 1);
		if (this.addZeroAttn) {
			k3 = ops.cat([k3, zeros([B * H, 1, hd], { dtype: k3.dtype, device: k3.device })], 1);
			v3 = ops.cat([v3, zeros([B * H, 1, hd], { dtype: v3.dtype, device: v3.device })], 1);
			mask = padColumn(mask);
			kpm = padColumn(kpm);
		}
		const S = k3.shape[1];
		if (kpm) {
			kpm = kpm.reshape(B, 1, 1, S).expand(B, H, 1, S).reshape(B * H, 1, S);
			mask = mask ? ops.add(mask, kpm) : kpm;
		}
		const p = this.training ? this.dropout : 0;

		let out: Tensor;
		let weights: Tensor | null = null;
		if (needWeights) {
			const scores = ops.mul(q3, Math.sqrt(1 / hd)).matmul(k3.transpose(1, 2));
			let w = softmax(mask ? ops.add(mask, scores) : scores, -1);
			if (p > 0) w = dropoutFn(w, p, true);
			out = w.matmul(v3).transpose(0, 1).reshape(L * B, E);
			weights = w.reshape(B, H, L, S);
			if (averageAttnWeights) weights = weights.mean(1);
			if (!batched) weights = weights.squeeze(0);
		} else {
			if (mask) mask = mask.shape[0] === 1 ? mask.unsqueeze(0) : mask.reshape(B, H, -1, S);
			const attn = scaledDotProductAttention(q3.reshape(B, H, L, hd), k3.reshape(B, H, S, hd), v3.reshape(B, H, S, hd), { attnMask: mask, dropoutP: p, isCausal });
			out = attn.permute(2, 0, 1, 3).reshape(B * L, E);
		}
		out = this.out_proj.forward(out).reshape(L, B, E);
		if (!batched) out = out.squeeze(1);
		else if (this.batchFirst) out = out.transpose(0, 1);
		return [out, weights];
	}
}

/** PyTorch's `_mha_shape_check`: returns whether the input is batched (3-D) or not (2-D). */
function checkShapes(query: Tensor, key: Tensor, value: Tensor, kpm: Tensor | null, attnMask: Tensor | null, numHeads: number): boolean {
	const where = 'MultiheadAttention';
	if (query.ndim !== 2 && query.ndim !== 3) {
		throw new RangeError(`${where}: query should be unbatched 2-D [L, E] or batched 3-D, got shape ${formatShape(query.shape)}`);
	}
	const batched = query.ndim === 3;
	const kind = batched ? 'batched (3-D)' : 'unbatched (2-D)';
	if (key.ndim !== query.ndim || value.ndim !== query.ndim) {
		throw new RangeError(`${where}: for ${kind} query, expected key and value to be ${query.ndim}-D, got ${formatShape(key.shape)} and ${formatShape(value.shape)}`);
	}
	if (kpm && kpm.ndim !== query.ndim - 1) {
		throw new RangeError(`${where}: for ${kind} query, expected keyPaddingMask to be ${query.ndim - 1}-D, got ${formatShape(kpm.shape)}`);
	}
	if (attnMask && attnMask.ndim !== 2 && attnMask.ndim !== 3) {
		throw new RangeError(`${where}: for ${kind} query, expected attnMask to be 2-D or 3-D, got ${formatShape(attnMask.shape)}`);
	}
	if (!batched && attnMask?.ndim === 3) {
		const expected = [numHeads, query.shape[0], key.shape[0]];
		if (!shapesEqual(attnMask.shape, expected)) {
			throw new RangeError(`${where}: expected a 3-D attnMask of shape ${formatShape(expected)} ([numHeads, L, S]), got ${formatShape(attnMask.shape)}`);
		}
	}
	return batched;
}

function checkKeyValue(key: Tensor, value: Tensor, kdim: number, vdim: number, packed: boolean): void {
	const where = 'MultiheadAttention';
	if (packed ? !shapesEqual(key.shape, value.shape) : !shapesEqual(key.shape.slice(0, 2), value.shape.slice(0, 2))) {
		throw new RangeError(`${where}: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} must have the same ${packed ? 'shape' : 'sequence and batch dims'}`);
	}
	if (key.shape[2] !== kdim || value.shape[2] !== vdim) {
		throw new RangeError(`${where}: key has ${key.shape[2]} features and value ${value.shape[2]}, but the layer expects kdim=${kdim} and vdim=${vdim}`);
	}
}

/** A 2-D mask `[L, S]` becomes `[1, L, S]`; a 3-D one must be `[batch * numHeads, L, S]`. */
function checkAttnMask(mask: Tensor, L: number, S: number, batchHeads: number): Tensor {
	if (mask.ndim === 2) {
		if (!shapesEqual(mask.shape, [L, S])) throw new RangeError(`MultiheadAttention: the 2-D attnMask has shape ${formatShape(mask.shape)}, but should be ${formatShape([L, S])} ([L, S])`);
		return mask.unsqueeze(0);
	}
	if (!shapesEqual(mask.shape, [batchHeads, L, S])) {
		throw new RangeError(`MultiheadAttention: the 3-D attnMask has shape ${formatShape(mask.shape)}, but should be ${formatShape([batchHeads, L, S])} ([batch * numHeads, L, S])`);
	}
	return mask;
}
