// AssemblyScript (compiled by scripts/build-wasm.mjs, not by tsc): single-precision matrix product with v128 SIMD.
//
// C[m, n] (= or +=) A[m, k] · B[k, n], with A and B read through arbitrary row/column strides (so transposed
// operands cost nothing: the packing reads them in whatever layout they are). The structure is the classic
// BLIS one: B is packed into KC×NR panels that stay in L1, A into MR×KC panels of an MC×KC block that stays in
// L2, and a register-blocked MR×NR micro-kernel keeps the 4×8 block of C in eight v128 accumulators while it
// streams one packed column of A and one packed row of B per step of k.

/** Rows and columns of the micro-kernel's block of C. */
export const MR: i32 = 4;
export const NR: i32 = 8;
/** Cache blocking: an MC×KC block of A (64 KB) in L2, a KC×NR panel of B (8 KB) in L1. */
const MC: i32 = 64;
const KC: i32 = 256;
const NC: i32 = 2048;

/** Scratch for an edge block of C: the micro-kernel writes a full MR×NR block there, then the valid part is copied. */
const EDGE: usize = memory.data(MR * NR * 4, 16);

/** Bytes of scratch `sgemm` needs at `work`: a packed block of A and a packed block of B. */
export function gemmWorkBytes(n: i32): usize {
	const nc = min(n, NC);
	const ncRound = ((nc + NR - 1) / NR) * NR;
	return <usize>(MC * KC + KC * ncRound) * 4 + 64;
}

// FMA where the build enables relaxed SIMD (one instruction, rounding once), else a multiply and an add.
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
	if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
	return f32x4.add(c, f32x4.mul(a, b));
}

/** Packs rows [i0, i0 + mc) × cols [p0, p0 + kc) of A into MR-row panels, zero-padding the last one. */
function packA(mc: i32, kc: i32, a: usize, rsA: i32, csA: i32, i0: i32, p0: i32, dst: usize): void {
	for (let ir = 0; ir < mc; ir += MR) {
		const rows = min(MR, mc - ir);
		const panel = dst + <usize>(ir * kc) * 4;
		if (rows == MR) {
			const r0 = a + <usize>((i0 + ir) * rsA + p0 * csA) * 4;
			const r1 = r0 + <usize>rsA * 4;
			const r2 = r1 + <usize>rsA * 4;
			const r3 = r2 + <usize>rsA * 4;
			const step = <usize>csA * 4;
			let off: usize = 0;
			for (let p = 0; p < kc; p++) {
				const d = panel + <usize>p * 16;
				store<f32>(d, load<f32>(r0 + off));
				store<f32>(d, load<f32>(r1 + off), 4);
				store<f32>(d, load<f32>(r2 + off), 8);
				store<f32>(d, load<f32>(r3 + off), 12);
				off += step;
			}
		} else {
			for (let p = 0; p < kc; p++) {
				const d = panel + <usize>(p * MR) * 4;
				for (let r = 0; r < MR; r++) {
					const v: f32 = r < rows ? load<f32>(a + <usize>((i0 + ir + r) * rsA + (p0 + p) * csA) * 4) : 0;
					store<f32>(d + <usize>r * 4, v);
				}
			}
		}
	}
}

/** Packs rows [p0, p0 + kc) × cols [j0, j0 + nc) of B into NR-column panels, zero-padding the last one. */
function packB(kc: i32, nc: i32, b: usize, rsB: i32, csB: i32, p0: i32, j0: i32, dst: usize): void {
	for (let jr = 0; jr < nc; jr += NR) {
		const cols = min(NR, nc - jr);
		const panel = dst + <usize>(jr * kc) * 4;
		if (cols == NR && csB == 1) {
			let src = b + <usize>(p0 * rsB + j0 + jr) * 4;
			const step = <usize>rsB * 4;
			for (let p = 0; p < kc; p++) {
				const d = panel + <usize>p * 32;
				v128.store(d, v128.load(src));
				v128.store(d, v128.load(src, 16), 16);
				src += step;
			}
		} else {
			for (let p = 0; p < kc; p++) {
				const d = panel + <usize>(p * NR) * 4;
				const row = b + <usize>((p0 + p) * rsB) * 4;
				for (let c = 0; c < NR; c++) {
					const v: f32 = c < cols ? load<f32>(row + <usize>((j0 + jr + c) * csB) * 4) : 0;
					store<f32>(d + <usize>c * 4, v);
				}
			}
		}
	}
}

/** The MR×NR block at `c` (row stride ldc floats) = (or +=) Σ_p ap[p, :] ⊗ bp[p, :]. */
// @ts-ignore: decorator
@inline function micro(kc: i32, ap: usize, bp: usize, c: usize, ldc: i32, accumulate: bool): void {
	let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
	let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
	let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
	let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
	for (let p = 0; p < kc; p++) {
		const b0 = v128.load(bp);
		const b1 = v128.load(bp, 16);
		let a = v128.load32_splat(ap);
		c00 = madd(a, b0, c00);
		c01 = madd(a, b1, c01);
		a = v128.load32_splat(ap, 4);
		c10 = madd(a, b0, c10);
		c11 = madd(a, b1, c11);
		a = v128.load32_splat(ap, 8);
		c20 = madd(a, b0, c20);
		c21 = madd(a, b1, c21);
		a = v128.load32_splat(ap, 12);
		c30 = madd(a, b0, c30);
		c31 = madd(a, b1, c31);
		ap += 16;
		bp += 32;
	}
	const row = <usize>ldc * 4;
	let r = c;
	if (accumulate) {
		c00 = f32x4.add(c00, v128.load(r)); c01 = f32x4.add(c01, v128.load(r, 16)); r += row;
		c10 = f32x4.add(c10, v128.load(r)); c11 = f32x4.add(c11, v128.load(r, 16)); r += row;
		c20 = f32x4.add(c20, v128.load(r)); c21 = f32x4.add(c21, v128.load(r, 16)); r += row;
		c30 = f32x4.add(c30, v128.load(r)); c31 = f32x4.add(c31, v128.load(r, 16));
		r = c;
	}
	v128.store(r, c00); v128.store(r, c01, 16); r += row;
	v128.store(r, c10); v128.store(r, c11, 16); r += row;
	v128.store(r, c20); v128.store(r, c21, 16); r += row;
	v128.store(r, c30); v128.store(r, c31, 16);
}

/**
 * C = A·B (accumulate = 0) or C += A·B (accumulate = 1). A[i, p] is at a + 4 (i·rsA + p·csA), B[p, j] at
 * b + 4 (p·rsB + j·csB), C[i, j] at c + 4 (i·ldc + j). `work` holds gemmWorkBytes(n) bytes, 16-aligned.
 */
export function sgemm(
	m: i32, n: i32, k: i32,
	a: usize, rsA: i32, csA: i32,
	b: usize, rsB: i32, csB: i32,
	c: usize, ldc: i32, accumulate: i32, work: usize,
): void {
	if (m <= 0 || n <= 0) return;
	if (k <= 0) {
		if (accumulate == 0) for (let i = 0; i < m; i++) memory.fill(c + <usize>(i * ldc) * 4, 0, <usize>n * 4);
		return;
	}
	const packedA = (work + 15) & ~15;
	const packedB = packedA + <usize>(MC * KC) * 4;
	for (let jc = 0; jc < n; jc += NC) {
		const nc = min(NC, n - jc);
		for (let pc = 0; pc < k; pc += KC) {
			const kc = min(KC, k - pc);
			const acc = accumulate != 0 || pc > 0;
			packB(kc, nc, b, rsB, csB, pc, jc, packedB);
			for (let ic = 0; ic < m; ic += MC) {
				const mc = min(MC, m - ic);
				packA(mc, kc, a, rsA, csA, ic, pc, packedA);
				for (let jr = 0; jr < nc; jr += NR) {
					const cols = min(NR, nc - jr);
					const bp = packedB + <usize>(jr * kc) * 4;
					for (let ir = 0; ir < mc; ir += MR) {
						const rows = min(MR, mc - ir);
						const ap = packedA + <usize>(ir * kc) * 4;
						const cBlock = c + <usize>((ic + ir) * ldc + jc + jr) * 4;
						if (rows == MR && cols == NR) {
							micro(kc, ap, bp, cBlock, ldc, acc);
						} else {
							micro(kc, ap, bp, EDGE, NR, false);
							for (let r = 0; r < rows; r++) {
								const dst = cBlock + <usize>(r * ldc) * 4;
								const src = EDGE + <usize>(r * NR) * 4;
								for (let j = 0; j < cols; j++) {
									const v = load<f32>(src + <usize>j * 4);
									const at = dst + <usize>j * 4;
									store<f32>(at, acc ? load<f32>(at) + v : v);
								}
							}
						}
					}
				}
			}
		}
	}
}
