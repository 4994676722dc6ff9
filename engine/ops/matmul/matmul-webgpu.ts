import { broadcastStrides, sizeOf } from '../../shape';
import {
	checkRank,
	DIMS,
	UniformWriter,
	webgpuKernel,
	wgslType,
	type WebGpuKernel,
	type WebGpuPass,
} from '../../kernels/webgpu/kernel';
import { assemble } from '../../kernels/webgpu/source';
import blockedWgsl from './matmul-blocked.wgsl?raw';
import tiledWgsl from './matmul-tiled.wgsl?raw';

const MAX_Z = 65535;
/** Workgroup size (x, y) of the blocked kernel. */
const BLOCKED_WG = [8, 8] as const;

const STRUCT =
	'struct U { m: u32, n: u32, k: u32, batch0: u32, brank: u32, ' + `bshape: ${DIMS}, astr: ${DIMS}, bstr: ${DIMS} }`;

// Offsets of A's and B's matrices for one output batch (broadcast batch dims have stride 0).
const BATCH_BASES = `fn batch_bases(batch: u32) -> vec2<u32> {
  var rem = batch;
  var bases = vec2<u32>(0u, 0u);
  for (var r = 0u; r < u.brank; r++) {
    let d = u.brank - 1u - r;
    let size = u.bshape[d / 4u][d % 4u];
    let q = rem % size;
    rem = rem / size;
    bases += q * vec2<u32>(u.astr[d / 4u][d % 4u], u.bstr[d / 4u][d % 4u]);
  }
  return bases;
}`;

const A_AT = `fn a_at(base: u32, row: u32, k: u32) -> T {
  if (row < u.m && k < u.k) { return a[base + row * u.k + k]; }
  return T(0);
}`;
const B_AT = `fn b_at(base: u32, k: u32, col: u32) -> T {
  if (k < u.k && col < u.n) { return b[base + k * u.n + col]; }
  return T(0);
}`;

/** Load/store helpers of the blocked kernel: vec4 bindings where the row length is a multiple of 4. */
function blockedHelpers(vecA: boolean, vecB: boolean, vecOut: boolean): string {
	const loadA = vecA
		? // rows past the end read the last row instead (branch-free); store4 drops those results
			`fn load_a4(base: u32, row: u32, k: u32) -> vec4<T> {
  return a[(base + min(row, u.m - 1u) * u.k + k) / 4u];
}`
		: `fn load_a4(base: u32, row: u32, k: u32) -> vec4<T> {
  return vec4<T>(a_at(base, row, k), a_at(base, row, k + 1u), a_at(base, row, k + 2u), a_at(base, row, k + 3u));
}`;
	const loadB = vecB
		? // k + 3 < K always holds when K is a multiple of 4
			`fn load_b4(base: u32, k: u32, col: u32) -> vec4<T> {
  return b[(base + k * u.n + col) / 4u];
}`
		: `fn load_b4(base: u32, k: u32, col: u32) -> vec4<T> {
  return vec4<T>(b_at(base, k, col), b_at(base, k, col + 1u), b_at(base, k, col + 2u), b_at(base, k, col + 3u));
}`;
	return [
		vecA ? '' : A_AT,
		vecB ? '' : B_AT,
		loadA,
		loadB,
		vecOut ? VEC_STORE : SCALAR_STORE,
	].join('\n');
}

const VEC_STORE = `fn store4(base: u32, row: u32, col: u32, v: vec4<T>) {
  if (row < u.m) { out[(base + row * u.n + col) / 4u] = v; }
}`;

const SCALAR_STORE = `fn store4(base: u32, row: u32, col: u32, v: vec4<T>) {
  if (row >= u.m) { return; }
  for (var j = 0u; j < 4u; j++) {
    if (col + j < u.n) { out[base + row * u.n + col + j] = v[j]; }
  }
}`;

/**
 * Batched matmul `[..., m, k] @ [..., k, n]` with broadcast batch dims; the variant comes from the backend's
 * options ('blocked' on software adapters, 'tiled' on GPUs). Sizes live in uniforms, so one pipeline per
 * variant, dtype and alignment class serves every shape.
 */
export const matmulKernel: WebGpuKernel<Record<string, never>> = webgpuKernel(({ inputs: [a, b], out, options }) => {
	checkRank('matmul', out.shape);
	const T = wgslType(out.dtype, 'matmul');
	const rank = out.shape.length;
	const [m, n] = [out.shape[rank - 2], out.shape[rank - 1]];
	const k = a.shape[a.shape.length - 1];
	const batchShape = out.shape.slice(0, -2);
	const batches = sizeOf(batchShape);
	const astr = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * m * k);
	const bstr = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * k * n);
	const tiled = options.matmul === 'tiled';
	// vec4 bindings need whole vec4s (an empty operand, k = 0, is bound as 4 bytes: scalar there)
	const vecA = !tiled && k % 4 === 0 && k > 0;
	const vecB = !tiled && n % 4 === 0 && k > 0;
	const vecOut = !tiled && n % 4 === 0;
	const vec = (v: boolean) => (v ? `vec4<${T}>` : T);
	const source = () =>
		assemble({
			T,
			struct: STRUCT,
			buffers: [
				{ name: 'a', access: 'read', elem: vec(vecA) },
				{ name: 'b', access: 'read', elem: vec(vecB) },
				{ name: 'out', access: 'write', elem: vec(vecOut) },
			],
			body: [BATCH_BASES, tiled ? [A_AT, B_AT, SCALAR_STORE].join('\n') : blockedHelpers(vecA, vecB, vecOut), tiled ? tiledWgsl : `const WG_X: u32 = ${BLOCKED_WG[0]}u;\nconst WG_Y: u32 = ${BLOCKED_WG[1]}u;\n${blockedWgsl}`].join('\n'),
		});
	const key = tiled ? `matmul|tiled|${T}` : `matmul|blocked|${T}|${+vecA}${+vecB}${+vecOut}`;
	// blocked: each invocation makes a 4×4 block, so a workgroup covers (4 WG_X) columns × (4 WG_Y) rows
	const [tileCols, tileRows] = tiled ? [64, 64] : [4 * BLOCKED_WG[0], 4 * BLOCKED_WG[1]];
	const passes: WebGpuPass[] = [];
	for (let batch0 = 0; batch0 < batches; batch0 += MAX_Z) {
		const uniforms = new UniformWriter().u32(m, n, k, batch0, batchShape.length).dims(batchShape).dims(astr).dims(bstr);
		passes.push({
			key,
			source,
			bindings: [0, 1, 'out'],
			uniforms: uniforms.build(),
			workgroups: [Math.ceil(n / tileCols), Math.ceil(m / tileRows), Math.min(MAX_Z, batches - batch0)],
		});
	}
	return { passes };
});
