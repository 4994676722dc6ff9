// AssemblyScript (compiled by scripts/build-wasm.mjs): float32 sum over dims, accumulated in float64.
//
// The JS side merges adjacent dims that are both reduced or both kept, so the input is [d0, d1, ...] with
// alternating kinds; `meta` holds the shape (rank i32s), then the output stride of each dim (0 where reduced).
// NOTE: the accumulators are float64 (f64x2 lanes), so the float32 result is the correctly rounded sum up to
// float64 rounding, whatever the order; the TypeScript reference adds in float32 and can be less accurate.

const INDEX: usize = memory.data(64 * 4, 16);

/** acc[0..outSize) (f64) += the input walked with output strides; then out (f32) = acc. */
export function sumDims(rank: i32, meta: usize, x: usize, out: usize, outSize: i32, acc: usize): void {
	memory.fill(acc, 0, <usize>outSize << 3);
	const strides = meta + (<usize>rank << 2);
	const inner = load<i32>(meta + (<usize>(rank - 1) << 2));
	const innerReduced = load<i32>(strides + (<usize>(rank - 1) << 2)) == 0;
	memory.fill(INDEX, 0, <usize>rank << 2);
	let px = x;
	let o = 0;
	while (true) {
		const pa = acc + (<usize>o << 3);
		if (innerReduced) {
			// one output: four float64 lanes, summed at the end
			let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
			let i = 0;
			for (; i + 4 <= inner; i += 4) {
				const v = v128.load(px);
				s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
				s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)));
				px += 16;
			}
			const s = f64x2.add(s0, s1);
			let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
			for (; i < inner; i++) {
				t += <f64>load<f32>(px);
				px += 4;
			}
			store<f64>(pa, load<f64>(pa) + t);
		} else {
			// a row of outputs: acc[o + j] += x[j]
			let i = 0;
			let q = pa;
			for (; i + 4 <= inner; i += 4) {
				const v = v128.load(px);
				v128.store(q, f64x2.add(v128.load(q), f64x2.promote_low_f32x4(v)));
				v128.store(q, f64x2.add(v128.load(q, 16), f64x2.promote_low_f32x4(i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7))), 16);
				px += 16;
				q += 32;
			}
			for (; i < inner; i++) {
				store<f64>(q, load<f64>(q) + <f64>load<f32>(px));
				px += 4;
				q += 8;
			}
		}
		// advance the outer dims, moving the output offset with them
		let d = rank - 2;
		for (; d >= 0; d--) {
			const at = INDEX + (<usize>d << 2);
			const idx = load<i32>(at) + 1;
			const size = load<i32>(meta + (<usize>d << 2));
			const s = load<i32>(strides + (<usize>d << 2));
			if (idx < size) {
				store<i32>(at, idx);
				o += s;
				break;
			}
			store<i32>(at, 0);
			o -= s * (size - 1);
		}
		if (d < 0) break;
	}
	for (let j = 0; j < outSize; j++) store<f32>(out + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
}
