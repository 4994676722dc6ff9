/**
 * CPU kernels of conv2d and its two gradients, written as im2col + matrix-product loops over typed arrays.
 *
 * For one image n and one group g, `col` is the [K, P] matrix of input patches, with K = cinG * kH * kW rows
 * (one per weight element of an output channel) and P = Ho * Wo columns (one per output position):
 *   forward:         out[co, :]  = sum_k w[co, k] * col[k, :]            (a [coutG, K] @ [K, P] product)
 *   weight gradient: dw[co, k]  += sum_j dy[co, j] * col[k, j]           (dy @ colᵀ, summed over images)
 *   input gradient:  dcol[k, :]  = sum_co w[co, k] * dy[co, :], then col2im adds dcol back into the patches.
 * Every inner loop runs along a contiguous row of P numbers, with no closures or allocations inside; the
 * scratch buffers are Float64Array, allocated once per call, so float32 sums accumulate in double precision.
 */
import type { CpuArg } from '../../backends/backend';
import type { TypedArray } from '../../dtype';

/** Convolution hyper-parameters shared by the three kernels: padding is [top, bottom, left, right]. */
export interface ConvAttrs {
	stride: [number, number];
	padding: [number, number, number, number];
	dilation: [number, number];
	groups: number;
}

/** Sizes of one call: input [N, Cin, H, W], weight [Cout, cinG, kH, kW], output positions [Ho, Wo]. */
interface Geometry {
	N: number;
	Cin: number;
	H: number;
	W: number;
	Cout: number;
	cinG: number;
	coutG: number;
	kH: number;
	kW: number;
	Ho: number;
	Wo: number;
	G: number;
	K: number;
	P: number;
}

function geometry(input: readonly number[], weight: readonly number[], outHW: readonly number[], groups: number): Geometry {
	const [N, Cin, H, W] = input;
	const [Cout, cinG, kH, kW] = weight;
	const [Ho, Wo] = outHW;
	return { N, Cin, H, W, Cout, cinG, coutG: Cout / groups, kH, kW, Ho, Wo, G: groups, K: cinG * kH * kW, P: Ho * Wo };
}

/**
 * The output columns ow whose input column iw = ow * sw + off lies inside [0, W): [lo, hi). Outside that range
 * the patch reads zero padding.
 */
function validRange(off: number, stride: number, size: number, outSize: number): [number, number] {
	const lo = off >= 0 ? 0 : Math.ceil(-off / stride);
	const hi = size - 1 - off >= 0 ? Math.min(outSize, Math.floor((size - 1 - off) / stride) + 1) : 0;
	return [Math.min(lo, outSize), Math.max(Math.min(lo, outSize), hi)];
}

/** Fills col[K, P] with the patches of channels [c0, c0 + cinG) of the image starting at `xBase`. */
function im2col(x: TypedArray, xBase: number, g: Geometry, a: ConvAttrs, col: Float64Array): void {
	const { H, W, kH, kW, Ho, Wo, P, cinG } = g;
	const [sh, sw] = a.stride;
	const [dh, dw] = a.dilation;
	const pt = a.padding[0];
	const pl = a.padding[2];
	for (let c = 0; c < cinG; c++) {
		const plane = xBase + c * H * W;
		for (let kh = 0; kh < kH; kh++) {
			for (let kw = 0; kw < kW; kw++) {
				const row = ((c * kH + kh) * kW + kw) * P;
				const off = kw * dw - pl;
				const [lo, hi] = validRange(off, sw, W, Wo);
				for (let oh = 0; oh < Ho; oh++) {
					const ih = oh * sh - pt + kh * dh;
					const dst = row + oh * Wo;
					if (ih < 0 || ih >= H) {
						col.fill(0, dst, dst + Wo);
						continue;
					}
					const src = plane + ih * W + off;
					for (let ow = 0; ow < lo; ow++) col[dst + ow] = 0;
					for (let ow = lo; ow < hi; ow++) col[dst + ow] = x[src + ow * sw];
					for (let ow = hi; ow < Wo; ow++) col[dst + ow] = 0;
				}
			}
		}
	}
}

/** Adds dcol[K, P] back into the image gradient `dx` (channels of one group, starting at `dxBase`). */
function col2im(dcol: Float64Array, dx: Float64Array, dxBase: number, g: Geometry, a: ConvAttrs): void {
	const { H, W, kH, kW, Ho, Wo, P, cinG } = g;
	const [sh, sw] = a.stride;
	const [dh, dw] = a.dilation;
	const pt = a.padding[0];
	const pl = a.padding[2];
	for (let c = 0; c < cinG; c++) {
		const plane = dxBase + c * H * W;
		for (let kh = 0; kh < kH; kh++) {
			for (let kw = 0; kw < kW; kw++) {
				const row = ((c * kH + kh) * kW + kw) * P;
				const off = kw * dw - pl;
				const [lo, hi] = validRange(off, sw, W, Wo);
				for (let oh = 0; oh < Ho; oh++) {
					const ih = oh * sh - pt + kh * dh;
					if (ih < 0 || ih >= H) continue;
					const src = row + oh * Wo;
					const dst = plane + ih * W + off;
					for (let ow = lo; ow < hi; ow++) dx[dst + ow * sw] += dcol[src + ow];
				}
			}
		}
	}
}

/** out [N, Cout, Ho, Wo] = conv2d(x [N, Cin, H, W], w [Cout, cinG, kH, kW]). */
export function conv2dCpu(x: CpuArg, w: CpuArg, out: CpuArg, a: ConvAttrs): void {
	const g = geometry(x.shape, w.shape, out.shape.slice(2), a.groups);
	const { N, Cin, H, W, Cout, cinG, coutG, G, K, P } = g;
	const col = new Float64Array(K * P);
	const acc = new Float64Array(coutG * P);
	const wd = w.data;
	for (let n = 0; n < N; n++) {
		for (let gi = 0; gi < G; gi++) {
			im2col(x.data, (n * Cin + gi * cinG) * H * W, g, a, col);
			acc.fill(0);
			for (let co = 0; co < coutG; co++) {
				const wBase = (gi * coutG + co) * K;
				const aBase = co * P;
				let k = 0;
				// four rows of col per pass: a quarter of the loads and stores of acc
				for (; k + 3 < K; k += 4) {
					const w0 = wd[wBase + k];
					const w1 = wd[wBase + k + 1];
					const w2 = wd[wBase + k + 2];
					const w3 = wd[wBase + k + 3];
					const c0 = k * P;
					for (let j = 0; j < P; j++) {
						acc[aBase + j] += w0 * col[c0 + j] + w1 * col[c0 + P + j] + w2 * col[c0 + 2 * P + j] + w3 * col[c0 + 3 * P + j];
					}
				}
				for (; k < K; k++) {
					const wv = wd[wBase + k];
					const c0 = k * P;
					for (let j = 0; j < P; j++) acc[aBase + j] += wv * col[c0 + j];
				}
			}
			out.data.set(acc, (n * Cout + gi * coutG) * P);
		}
	}
}

/**
 * dx [N, Cin, H, W] from dy [N, Cout, Ho, Wo] and w: the adjoint of conv2d in x (also convTranspose2d's
 * forward). Input positions no window covers get 0.
 */
export function conv2dBackwardInputCpu(dy: CpuArg, w: CpuArg, out: CpuArg, a: ConvAttrs): void {
	const g = geometry(out.shape, w.shape, dy.shape.slice(2), a.groups);
	const { N, Cin, H, W, Cout, cinG, coutG, G, K, P } = g;
	const dcol = new Float64Array(K * P);
	const dx = new Float64Array(Cin * H * W);
	const wd = w.data;
	const dyd = dy.data;
	for (let n = 0; n < N; n++) {
		dx.fill(0);
		for (let gi = 0; gi < G; gi++) {
			dcol.fill(0);
			let co = 0;
			// four output channels per pass: a quarter of the loads and stores of dcol
			for (; co + 3 < coutG; co += 4) {
				const wBase = (gi * coutG + co) * K;
				const d0 = (n * Cout + gi * coutG + co) * P;
				for (let k = 0; k < K; k++) {
					const w0 = wd[wBase + k];
					const w1 = wd[wBase + K + k];
					const w2 = wd[wBase + 2 * K + k];
					const w3 = wd[wBase + 3 * K + k];
					const row = k * P;
					for (let j = 0; j < P; j++) {
						dcol[row + j] += w0 * dyd[d0 + j] + w1 * dyd[d0 + P + j] + w2 * dyd[d0 + 2 * P + j] + w3 * dyd[d0 + 3 * P + j];
					}
				}
			}
			for (; co < coutG; co++) {
				const wBase = (gi * coutG + co) * K;
				const dyBase = (n * Cout + gi * coutG + co) * P;
				for (let k = 0; k < K; k++) {
					const wv = wd[wBase + k];
					const row = k * P;
					for (let j = 0; j < P; j++) dcol[row + j] += wv * dyd[dyBase + j];
				}
			}
			col2im(dcol, dx, gi * cinG * H * W, g, a);
		}
		out.data.set(dx, n * Cin * H * W);
	}
}

/** dw [Cout, cinG, kH, kW] from x [N, Cin, H, W] and dy [N, Cout, Ho, Wo], summed over the batch. */
export function conv2dBackwardWeightCpu(x: CpuArg, dy: CpuArg, out: CpuArg, a: ConvAttrs): void {
	const g = geometry(x.shape, out.shape, dy.shape.slice(2), a.groups);
	const { N, Cin, H, W, Cout, cinG, coutG, G, K, P } = g;
	const col = new Float64Array(K * P);
	const dw = new Float64Array(Cout * K);
	const dyd = dy.data;
	for (let n = 0; n < N; n++) {
		for (let gi = 0; gi < G; gi++) {
			im2col(x.data, (n * Cin + gi * cinG) * H * W, g, a, col);
			for (let co = 0; co < coutG; co++) {
				const dyBase = (n * Cout + gi * coutG + co) * P;
				const dwBase = (gi * coutG + co) * K;
				let k = 0;
				// four rows of col per pass: each dy value is loaded once for four independent sums
				for (; k + 3 < K; k += 4) {
					const r0 = k * P;
					let s0 = 0;
					let s1 = 0;
					let s2 = 0;
					let s3 = 0;
					for (let j = 0; j < P; j++) {
						const d = dyd[dyBase + j];
						s0 += d * col[r0 + j];
						s1 += d * col[r0 + P + j];
						s2 += d * col[r0 + 2 * P + j];
						s3 += d * col[r0 + 3 * P + j];
					}
					dw[dwBase + k] += s0;
					dw[dwBase + k + 1] += s1;
					dw[dwBase + k + 2] += s2;
					dw[dwBase + k + 3] += s3;
				}
				for (; k < K; k++) {
					const row = k * P;
					let s = 0;
					for (let j = 0; j < P; j++) s += dyd[dyBase + j] * col[row + j];
					dw[dwBase + k] += s;
				}
			}
		}
	}
	out.data.set(dw);
}
