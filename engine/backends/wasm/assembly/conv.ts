// AssemblyScript (compiled by scripts/build-wasm.mjs): float32 conv2d and its two gradients as im2col + sgemm,
// the same decomposition as the TypeScript reference (engine/ops/conv2d/conv2d-cpu.ts), for one image and one
// group at a time: col is the [K, P] matrix of patches, K = cinG·kH·kW, P = Ho·Wo.
//   forward:         out[coutG, P]  = w[coutG, K] · col[K, P]
//   weight gradient: dw[coutG, K]  += dy[coutG, P] · colᵀ          (summed over images)
//   input gradient:  dcol[K, P]     = wᵀ · dy[coutG, P], then col2im adds dcol into dx
// `meta` holds 17 i32s: N, Cin, H, W, Cout, cinG, kH, kW, Ho, Wo, G, strideH, strideW, padTop, padLeft,
// dilationH, dilationW. `col` has room for K·P floats and `work` for gemmWorkBytes of the widest product.
import { sgemm } from './gemm';

// @ts-ignore: decorator
@inline function m(meta: usize, i: i32): i32 {
	return load<i32>(meta + (<usize>i << 2));
}

/** The output columns whose input column ow·stride + off lies in [0, size): [lo, hi), packed as lo | hi << 16. */
function validRange(off: i32, stride: i32, size: i32, outSize: i32): i32 {
	let lo = off >= 0 ? 0 : (-off + stride - 1) / stride;
	let hi = size - 1 - off >= 0 ? min(outSize, (size - 1 - off) / stride + 1) : 0;
	lo = min(lo, outSize);
	hi = max(lo, hi);
	return lo | (hi << 16);
}

/** col[K, P] = the patches of cinG channels of one image starting at x. */
function im2col(meta: usize, x: usize, col: usize): void {
	const H = m(meta, 2), W = m(meta, 3), cinG = m(meta, 5), kH = m(meta, 6), kW = m(meta, 7);
	const Ho = m(meta, 8), Wo = m(meta, 9), sh = m(meta, 11), sw = m(meta, 12), pt = m(meta, 13), pl = m(meta, 14);
	const dh = m(meta, 15), dw = m(meta, 16);
	const P = Ho * Wo;
	for (let c = 0; c < cinG; c++) {
		const plane = x + (<usize>(c * H * W) << 2);
		for (let kh = 0; kh < kH; kh++) {
			for (let kw = 0; kw < kW; kw++) {
				const row = col + (<usize>(((c * kH + kh) * kW + kw) * P) << 2);
				const off = kw * dw - pl;
				const range = validRange(off, sw, W, Wo);
				const lo = range & 0xffff, hi = range >>> 16;
				for (let oh = 0; oh < Ho; oh++) {
					const ih = oh * sh - pt + kh * dh;
					const dst = row + (<usize>(oh * Wo) << 2);
					if (ih < 0 || ih >= H) {
						memory.fill(dst, 0, <usize>Wo << 2);
						continue;
					}
					const src = plane + (<usize>(ih * W + off) << 2);
					if (lo > 0) memory.fill(dst, 0, <usize>lo << 2);
					if (sw == 1) {
						memory.copy(dst + (<usize>lo << 2), src + (<usize>lo << 2), <usize>(hi - lo) << 2);
					} else {
						for (let ow = lo; ow < hi; ow++) store<f32>(dst + (<usize>ow << 2), load<f32>(src + (<usize>(ow * sw) << 2)));
					}
					if (hi < Wo) memory.fill(dst + (<usize>hi << 2), 0, <usize>(Wo - hi) << 2);
				}
			}
		}
	}
}

/** dx (cinG channels of one image) += col2im(dcol). */
function col2im(meta: usize, dcol: usize, dx: usize): void {
	const H = m(meta, 2), W = m(meta, 3), cinG = m(meta, 5), kH = m(meta, 6), kW = m(meta, 7);
	const Ho = m(meta, 8), Wo = m(meta, 9), sh = m(meta, 11), sw = m(meta, 12), pt = m(meta, 13), pl = m(meta, 14);
	const dh = m(meta, 15), dw = m(meta, 16);
	const P = Ho * Wo;
	for (let c = 0; c < cinG; c++) {
		const plane = dx + (<usize>(c * H * W) << 2);
		for (let kh = 0; kh < kH; kh++) {
			for (let kw = 0; kw < kW; kw++) {
				const row = dcol + (<usize>(((c * kH + kh) * kW + kw) * P) << 2);
				const off = kw * dw - pl;
				const range = validRange(off, sw, W, Wo);
				const lo = range & 0xffff, hi = range >>> 16;
				for (let oh = 0; oh < Ho; oh++) {
					const ih = oh * sh - pt + kh * dh;
					if (ih < 0 || ih >= H) continue;
					const src = row + (<usize>(oh * Wo) << 2);
					const dst = plane + (<usize>(ih * W + off) << 2);
					let ow = lo;
					if (sw == 1) {
						for (; ow + 4 <= hi; ow += 4) {
							const at = dst + (<usize>ow << 2);
							v128.store(at, f32x4.add(v128.load(at), v128.load(src + (<usize>ow << 2))));
						}
					}
					for (; ow < hi; ow++) {
						const at = dst + (<usize>(ow * sw) << 2);
						store<f32>(at, load<f32>(at) + load<f32>(src + (<usize>ow << 2)));
					}
				}
			}
		}
	}
}

/** A 1×1 kernel with stride 1 and no padding: col is the input itself. */
function isPointwise(meta: usize): bool {
	return m(meta, 6) == 1 && m(meta, 7) == 1 && m(meta, 11) == 1 && m(meta, 12) == 1 && m(meta, 13) == 0 && m(meta, 14) == 0 &&
		m(meta, 8) == m(meta, 2) && m(meta, 9) == m(meta, 3);
}

/** out [N, Cout, Ho, Wo] = conv2d(x [N, Cin, H, W], w [Cout, cinG, kH, kW]). */
export function conv2dForward(meta: usize, x: usize, w: usize, out: usize, col: usize, work: usize): void {
	const N = m(meta, 0), Cin = m(meta, 1), H = m(meta, 2), W = m(meta, 3), Cout = m(meta, 4), cinG = m(meta, 5);
	const G = m(meta, 10);
	const coutG = Cout / G, K = cinG * m(meta, 6) * m(meta, 7), P = m(meta, 8) * m(meta, 9);
	const direct = isPointwise(meta);
	for (let n = 0; n < N; n++) {
		for (let g = 0; g < G; g++) {
			const xg = x + (<usize>((n * Cin + g * cinG) * H * W) << 2);
			if (!direct) im2col(meta, xg, col);
			const b = direct ? xg : col;
			sgemm(coutG, P, K, w + (<usize>(g * coutG * K) << 2), K, 1, b, P, 1, out + (<usize>((n * Cout + g * coutG) * P) << 2), P, 0, work);
		}
	}
}

/** dx [N, Cin, H, W] from dy [N, Cout, Ho, Wo] and w. */
export function conv2dBackwardInput(meta: usize, dy: usize, w: usize, dx: usize, col: usize, work: usize): void {
	const N = m(meta, 0), Cin = m(meta, 1), H = m(meta, 2), W = m(meta, 3), Cout = m(meta, 4), cinG = m(meta, 5);
	const G = m(meta, 10);
	const coutG = Cout / G, K = cinG * m(meta, 6) * m(meta, 7), P = m(meta, 8) * m(meta, 9);
	const direct = isPointwise(meta);
	if (!direct) memory.fill(dx, 0, <usize>(N * Cin * H * W) << 2);
	for (let n = 0; n < N; n++) {
		for (let g = 0; g < G; g++) {
			const dxg = dx + (<usize>((n * Cin + g * cinG) * H * W) << 2);
			const wg = w + (<usize>(g * coutG * K) << 2);
			const dyg = dy + (<usize>((n * Cout + g * coutG) * P) << 2);
			// wᵀ read in place: element (k, co) of wᵀ is w[co, k], row stride 1, column stride K
			sgemm(K, P, coutG, wg, 1, K, dyg, P, 1, direct ? dxg : col, P, 0, work);
			if (!direct) col2im(meta, col, dxg);
		}
	}
}

/** dw [Cout, cinG, kH, kW] from x [N, Cin, H, W] and dy [N, Cout, Ho, Wo], summed over the batch. */
export function conv2dBackwardWeight(meta: usize, x: usize, dy: usize, dw: usize, col: usize, work: usize): void {
	const N = m(meta, 0), Cin = m(meta, 1), H = m(meta, 2), W = m(meta, 3), Cout = m(meta, 4), cinG = m(meta, 5);
	const G = m(meta, 10);
	const coutG = Cout / G, K = cinG * m(meta, 6) * m(meta, 7), P = m(meta, 8) * m(meta, 9);
	const direct = isPointwise(meta);
	memory.fill(dw, 0, <usize>(Cout * K) << 2);
	for (let n = 0; n < N; n++) {
		for (let g = 0; g < G; g++) {
			const xg = x + (<usize>((n * Cin + g * cinG) * H * W) << 2);
			if (!direct) im2col(meta, xg, col);
			const c = direct ? xg : col;
			// colᵀ read in place: element (j, k) of colᵀ is col[k, j], row stride 1, column stride P
			sgemm(coutG, K, P, dy + (<usize>((n * Cout + g * coutG) * P) << 2), P, 1, c, 1, P, dw + (<usize>(g * coutG * K) << 2), K, 1, work);
		}
	}
}
