// AssemblyScript (compiled by scripts/build-wasm.mjs): element-wise float32 kernels with v128 SIMD.
//
// Broadcasting is described by the JS side (engine/backends/wasm/elementwise.ts) after merging dims: `meta`
// holds the output shape (rank i32s) and then each operand's element strides (0 on broadcast dims). Operands
// are contiguous and broadcast only by repetition, so the innermost stride of an operand is 1 or 0; the inner
// loop runs over the last dim with SIMD, the outer dims are walked like an odometer.
//
// Each kernel gives bit-for-bit what the TypeScript reference kernel stores into a Float32Array: +, -, *, /,
// sqrt, min, max and the comparisons are correctly rounded (or exact) in float32, as float64-then-round is.

/** Binary op codes, in the order of engine/backends/wasm/elementwise.ts's BINARY_CODES. */
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5, GT = 6, GE = 7, LT = 8, LE = 9, EQ = 10, NE = 11;
/** Unary op codes, in the order of UNARY_CODES. */
const NEG = 0, ABS = 1, SQRT = 2, RELU = 3, FLOOR = 4, SIGN = 5;

/** The odometer's index, one i32 per outer dim. */
const INDEX: usize = memory.data(64 * 4, 16);

// @ts-ignore: decorator
@inline function ones(): v128 {
	return f32x4.splat(1);
}

// @ts-ignore: decorator
@inline function binV(op: i32, a: v128, b: v128): v128 {
	switch (op) {
		case ADD: return f32x4.add(a, b);
		case SUB: return f32x4.sub(a, b);
		case MUL: return f32x4.mul(a, b);
		case DIV: return f32x4.div(a, b);
		// f32x4.max/min propagate NaN, as the reference's explicit NaN test does
		case MAX: return f32x4.max(a, b);
		case MIN: return f32x4.min(a, b);
		case GT: return v128.and(f32x4.gt(a, b), ones());
		case GE: return v128.and(f32x4.ge(a, b), ones());
		case LT: return v128.and(f32x4.lt(a, b), ones());
		case LE: return v128.and(f32x4.le(a, b), ones());
		case EQ: return v128.and(f32x4.eq(a, b), ones());
		default: return v128.and(f32x4.ne(a, b), ones());
	}
}

// @ts-ignore: decorator
@inline function binS(op: i32, a: f32, b: f32): f32 {
	switch (op) {
		case ADD: return a + b;
		case SUB: return a - b;
		case MUL: return a * b;
		case DIV: return a / b;
		case MAX: return max<f32>(a, b);
		case MIN: return min<f32>(a, b);
		case GT: return a > b ? 1 : 0;
		case GE: return a >= b ? 1 : 0;
		case LT: return a < b ? 1 : 0;
		case LE: return a <= b ? 1 : 0;
		case EQ: return a == b ? 1 : 0;
		default: return a != b ? 1 : 0;
	}
}

/** n outputs of one inner run; sa, sb are 1 (contiguous) or 0 (one value repeated). */
// @ts-ignore: decorator
@inline function binRun(op: i32, n: i32, pa: usize, sa: i32, pb: usize, sb: i32, po: usize): void {
	let i = 0;
	if (sa == 1 && sb == 1) {
		for (; i + 4 <= n; i += 4) {
			v128.store(po, binV(op, v128.load(pa), v128.load(pb)));
			pa += 16; pb += 16; po += 16;
		}
		for (; i < n; i++) {
			store<f32>(po, binS(op, load<f32>(pa), load<f32>(pb)));
			pa += 4; pb += 4; po += 4;
		}
	} else if (sa == 1) {
		const y = load<f32>(pb);
		const vy = f32x4.splat(y);
		for (; i + 4 <= n; i += 4) {
			v128.store(po, binV(op, v128.load(pa), vy));
			pa += 16; po += 16;
		}
		for (; i < n; i++) {
			store<f32>(po, binS(op, load<f32>(pa), y));
			pa += 4; po += 4;
		}
	} else if (sb == 1) {
		const x = load<f32>(pa);
		const vx = f32x4.splat(x);
		for (; i + 4 <= n; i += 4) {
			v128.store(po, binV(op, vx, v128.load(pb)));
			pb += 16; po += 16;
		}
		for (; i < n; i++) {
			store<f32>(po, binS(op, x, load<f32>(pb)));
			pb += 4; po += 4;
		}
	} else {
		const v = binS(op, load<f32>(pa), load<f32>(pb));
		for (; i < n; i++) {
			store<f32>(po, v);
			po += 4;
		}
	}
}

/** Walks the outer dims of a broadcast; returns false when done. Updates the operand offsets (in elements). */
// @ts-ignore: decorator
@inline function advance(rank: i32, shape: usize, strides: usize, count: i32, offsets: usize): bool {
	for (let d = rank - 2; d >= 0; d--) {
		const at = INDEX + (<usize>d << 2);
		const idx = load<i32>(at) + 1;
		const size = load<i32>(shape + (<usize>d << 2));
		for (let k = 0; k < count; k++) {
			const s = load<i32>(strides + (<usize>(k * rank + d) << 2));
			const o = offsets + (<usize>k << 2);
			store<i32>(o, load<i32>(o) + (idx < size ? s : s * (1 - size)));
		}
		if (idx < size) {
			store<i32>(at, idx);
			return true;
		}
		store<i32>(at, 0);
	}
	return false;
}

const OFFSETS: usize = memory.data(4 * 4, 16);

// @ts-ignore: decorator
@inline function binaryOp(op: i32, rank: i32, meta: usize, a: usize, b: usize, out: usize): void {
	const strides = meta + (<usize>rank << 2);
	const inner = load<i32>(meta + (<usize>(rank - 1) << 2));
	const sa = load<i32>(strides + (<usize>(rank - 1) << 2));
	const sb = load<i32>(strides + (<usize>(2 * rank - 1) << 2));
	memory.fill(INDEX, 0, <usize>rank << 2);
	memory.fill(OFFSETS, 0, 16);
	let po = out;
	do {
		const oa = load<i32>(OFFSETS);
		const ob = load<i32>(OFFSETS, 4);
		binRun(op, inner, a + (<usize>oa << 2), sa, b + (<usize>ob << 2), sb, po);
		po += <usize>inner << 2;
	} while (advance(rank, meta, strides, 2, OFFSETS));
}

/** out = a ∘ b with broadcasting (see the file comment for `meta`). */
export function binary(op: i32, rank: i32, meta: usize, a: usize, b: usize, out: usize): void {
	switch (op) {
		case ADD: binaryOp(ADD, rank, meta, a, b, out); break;
		case SUB: binaryOp(SUB, rank, meta, a, b, out); break;
		case MUL: binaryOp(MUL, rank, meta, a, b, out); break;
		case DIV: binaryOp(DIV, rank, meta, a, b, out); break;
		case MAX: binaryOp(MAX, rank, meta, a, b, out); break;
		case MIN: binaryOp(MIN, rank, meta, a, b, out); break;
		case GT: binaryOp(GT, rank, meta, a, b, out); break;
		case GE: binaryOp(GE, rank, meta, a, b, out); break;
		case LT: binaryOp(LT, rank, meta, a, b, out); break;
		case LE: binaryOp(LE, rank, meta, a, b, out); break;
		case EQ: binaryOp(EQ, rank, meta, a, b, out); break;
		default: binaryOp(NE, rank, meta, a, b, out);
	}
}

/** out = condition != 0 (or NaN) ? a : b, with broadcasting over three operands. */
export function where(rank: i32, meta: usize, c: usize, a: usize, b: usize, out: usize): void {
	const strides = meta + (<usize>rank << 2);
	const inner = load<i32>(meta + (<usize>(rank - 1) << 2));
	const sc = <usize>load<i32>(strides + (<usize>(rank - 1) << 2)) << 2;
	const sa = <usize>load<i32>(strides + (<usize>(2 * rank - 1) << 2)) << 2;
	const sb = <usize>load<i32>(strides + (<usize>(3 * rank - 1) << 2)) << 2;
	const zero = f32x4.splat(0);
	memory.fill(INDEX, 0, <usize>rank << 2);
	memory.fill(OFFSETS, 0, 16);
	let po = out;
	do {
		let pc = c + (<usize>load<i32>(OFFSETS) << 2);
		let pa = a + (<usize>load<i32>(OFFSETS, 4) << 2);
		let pb = b + (<usize>load<i32>(OFFSETS, 8) << 2);
		let i = 0;
		// a stride-0 operand is splatted once; a contiguous one is loaded four at a time
		const vc0 = v128.load32_splat(pc), va0 = v128.load32_splat(pa), vb0 = v128.load32_splat(pb);
		for (; i + 4 <= inner; i += 4) {
			const vc = sc ? v128.load(pc) : vc0;
			const va = sa ? v128.load(pa) : va0;
			const vb = sb ? v128.load(pb) : vb0;
			v128.store(po, v128.bitselect(va, vb, f32x4.ne(vc, zero)));
			pc += sc << 2; pa += sa << 2; pb += sb << 2; po += 16;
		}
		for (; i < inner; i++) {
			store<f32>(po, load<f32>(pc) != 0 ? load<f32>(pa) : load<f32>(pb));
			pc += sc; pa += sa; pb += sb; po += 4;
		}
	} while (advance(rank, meta, strides, 3, OFFSETS));
}

// @ts-ignore: decorator
@inline function unV(op: i32, x: v128): v128 {
	switch (op) {
		case NEG: return f32x4.neg(x);
		case ABS: return f32x4.abs(x);
		case SQRT: return f32x4.sqrt(x);
		// relu keeps NaN (x != x) and maps everything else that is not > 0 to +0
		case RELU: return v128.and(x, v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
		case FLOOR: return f32x4.floor(x);
		default: return v128.or(v128.and(f32x4.gt(x, f32x4.splat(0)), ones()), v128.and(f32x4.lt(x, f32x4.splat(0)), f32x4.splat(-1)));
	}
}

// @ts-ignore: decorator
@inline function unS(op: i32, x: f32): f32 {
	switch (op) {
		case NEG: return -x;
		case ABS: return abs<f32>(x);
		case SQRT: return sqrt<f32>(x);
		case RELU: return x > 0 || x != x ? x : 0;
		case FLOOR: return floor<f32>(x);
		default: return x > 0 ? 1 : x < 0 ? -1 : 0;
	}
}

// @ts-ignore: decorator
@inline function unaryRun(op: i32, n: i32, x: usize, out: usize): void {
	let i = 0;
	for (; i + 4 <= n; i += 4) {
		v128.store(out, unV(op, v128.load(x)));
		x += 16; out += 16;
	}
	for (; i < n; i++) {
		store<f32>(out, unS(op, load<f32>(x)));
		x += 4; out += 4;
	}
}

/** out[i] = f(x[i]) for the op codes above (x and out may be the same). */
export function unary(op: i32, n: i32, x: usize, out: usize): void {
	switch (op) {
		case NEG: unaryRun(NEG, n, x, out); break;
		case ABS: unaryRun(ABS, n, x, out); break;
		case SQRT: unaryRun(SQRT, n, x, out); break;
		case RELU: unaryRun(RELU, n, x, out); break;
		case FLOOR: unaryRun(FLOOR, n, x, out); break;
		default: unaryRun(SIGN, n, x, out);
	}
}

/**
 * out (contiguous, `rank` dims of `meta`'s shape) = x read with the input strides that follow the shape in
 * `meta` (a permutation of x's dims). A 2-D transpose (strides [1, rows]) goes by 8×8 tiles, so both sides
 * stay in cache; otherwise the innermost dim is a strided gather (or a copy when its stride is 1).
 */
export function permute(rank: i32, meta: usize, x: usize, out: usize): void {
	const strides = meta + (<usize>rank << 2);
	if (rank == 2 && load<i32>(strides, 4) != 1) {
		const R = load<i32>(meta), C = load<i32>(meta, 4);
		const sR = load<i32>(strides), sC = load<i32>(strides, 4);
		for (let i0 = 0; i0 < R; i0 += 8) {
			const i1 = min(i0 + 8, R);
			for (let j0 = 0; j0 < C; j0 += 8) {
				const j1 = min(j0 + 8, C);
				for (let i = i0; i < i1; i++) {
					const dst = out + (<usize>(i * C) << 2);
					const src = x + (<usize>(i * sR) << 2);
					for (let j = j0; j < j1; j++) store<f32>(dst + (<usize>j << 2), load<f32>(src + (<usize>(j * sC) << 2)));
				}
			}
		}
		return;
	}
	const inner = load<i32>(meta + (<usize>(rank - 1) << 2));
	const s = load<i32>(strides + (<usize>(rank - 1) << 2));
	memory.fill(INDEX, 0, <usize>rank << 2);
	memory.fill(OFFSETS, 0, 16);
	let po = out;
	do {
		const px = x + (<usize>load<i32>(OFFSETS) << 2);
		if (s == 1) memory.copy(po, px, <usize>inner << 2);
		else for (let j = 0; j < inner; j++) store<f32>(po + (<usize>j << 2), load<f32>(px + (<usize>(j * s) << 2)));
		po += <usize>inner << 2;
	} while (advance(rank, meta, strides, 1, OFFSETS));
}
