// Batched matmul for software adapters (SwiftShader): no workgroup memory and no barriers, which a CPU
// emulates slowly; each invocation computes a 4×4 block of C from vec4 loads of A's rows and B's rows.
// The op declares T, `a`, `b`, `out`, `u`, `batch_bases` and the load/store helpers `load_a4(base, row, k)`
// (A[row, k..k+3], zeros outside), `load_b4(base, k, col)` and `store4(base, row, col, v)`.
@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let row = gid.y * 4u;
  let col = gid.x * 4u;
  if (row >= u.m || col >= u.n) { return; }
  let batch = gid.z + u.batch0;
  let bases = batch_bases(batch);
  var acc0 = vec4<T>(T(0));
  var acc1 = vec4<T>(T(0));
  var acc2 = vec4<T>(T(0));
  var acc3 = vec4<T>(T(0));
  for (var k = 0u; k < u.k; k += 4u) {
    let b0 = load_b4(bases.y, k, col);
    let b1 = load_b4(bases.y, k + 1u, col);
    let b2 = load_b4(bases.y, k + 2u, col);
    let b3 = load_b4(bases.y, k + 3u, col);
    let a0 = load_a4(bases.x, row, k);
    let a1 = load_a4(bases.x, row + 1u, k);
    let a2 = load_a4(bases.x, row + 2u, k);
    let a3 = load_a4(bases.x, row + 3u, k);
    acc0 += a0.x * b0 + a0.y * b1 + a0.z * b2 + a0.w * b3;
    acc1 += a1.x * b0 + a1.y * b1 + a1.z * b2 + a1.w * b3;
    acc2 += a2.x * b0 + a2.y * b1 + a2.z * b2 + a2.w * b3;
    acc3 += a3.x * b0 + a3.y * b1 + a3.z * b2 + a3.w * b3;
  }
  let c = batch * u.m * u.n;
  store4(c, row, col, acc0);
  store4(c, row + 1u, col, acc1);
  store4(c, row + 2u, col, acc2);
  store4(c, row + 3u, col, acc3);
}
