// AssemblyScript (compiled by scripts/build-wasm.mjs): float32 max pooling, the same window scan as the
// TypeScript reference (engine/ops/pool2d/max-pool2d.ts): rows then columns, an element wins when it is greater
// than the best so far or is NaN, from best = -inf at the window's first element; a window with no element gets
// index -1. The per-axis windows (start, end as i32 arrays, step) come from engine/ops/pool2d/pool-windows.ts.

/** index[o] = flat index in x (plane p·H·W + row·W + col) of each window's winner, for NC planes. */
export function maxPoolArgmax(
	planes: i32, H: i32, W: i32, Ho: i32, Wo: i32,
	rowStart: usize, rowEnd: usize, dh: i32, colStart: usize, colEnd: usize, dw: i32,
	x: usize, index: usize,
): void {
	let o = index;
	for (let p = 0; p < planes; p++) {
		const base = p * H * W;
		for (let oh = 0; oh < Ho; oh++) {
			const r0 = load<i32>(rowStart + (<usize>oh << 2));
			const r1 = load<i32>(rowEnd + (<usize>oh << 2));
			for (let ow = 0; ow < Wo; ow++) {
				const c0 = load<i32>(colStart + (<usize>ow << 2));
				const c1 = load<i32>(colEnd + (<usize>ow << 2));
				if (r0 >= r1 || c0 >= c1) {
					store<i32>(o, -1);
					o += 4;
					continue;
				}
				let best = base + r0 * W + c0;
				let bestVal = -Infinity as f32;
				for (let r = r0; r < r1; r += dh) {
					const rowBase = base + r * W;
					for (let c = c0; c < c1; c += dw) {
						const v = load<f32>(x + (<usize>(rowBase + c) << 2));
						if (v > bestVal || v != v) {
							bestVal = v;
							best = rowBase + c;
						}
					}
				}
				store<i32>(o, best);
				o += 4;
			}
		}
	}
}

/** out[i] = src[index[i]], or `empty` where index[i] is -1. */
export function gatherIndex(n: i32, index: usize, src: usize, out: usize, empty: f32): void {
	for (let i = 0; i < n; i++) {
		const j = load<i32>(index + (<usize>i << 2));
		store<f32>(out + (<usize>i << 2), j >= 0 ? load<f32>(src + (<usize>j << 2)) : empty);
	}
}

/** dx (size elements) = 0, then dx[index[i]] += dy[i] where index[i] >= 0. */
export function scatterIndexAdd(n: i32, index: usize, dy: usize, dx: usize, size: i32): void {
	memory.fill(dx, 0, <usize>size << 2);
	for (let i = 0; i < n; i++) {
		const j = load<i32>(index + (<usize>i << 2));
		if (j >= 0) {
			const at = dx + (<usize>j << 2);
			store<f32>(at, load<f32>(at) + load<f32>(dy + (<usize>i << 2)));
		}
	}
}
