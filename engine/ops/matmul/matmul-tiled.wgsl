// Batched matmul for GPUs: a 16×16 workgroup computes a 64×64 tile of C, staging 64×16 tiles of A and 16×64
// tiles of B in workgroup memory; each invocation accumulates a 4×4 block in registers.
// The op declares T, `a`, `b`, `out`, `u`, `batch_bases` and the guarded scalar helpers `a_at(base, row, k)`,
// `b_at(base, k, col)` and `store4(base, row, col, v)`.
var<workgroup> tile_a: array<array<T, 16>, 64>;
var<workgroup> tile_b: array<array<T, 64>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let tile_row = wid.y * 64u;
  let tile_col = wid.x * 64u;
  let batch = wid.z + u.batch0;
  let bases = batch_bases(batch);
  let tid = lid.y * 16u + lid.x;
  var acc = array<vec4<T>, 4>(vec4<T>(T(0)), vec4<T>(T(0)), vec4<T>(T(0)), vec4<T>(T(0)));
  for (var k0 = 0u; k0 < u.k; k0 += 16u) {
    for (var l = 0u; l < 4u; l++) {
      let e = tid + l * 256u;
      tile_a[e / 16u][e % 16u] = a_at(bases.x, tile_row + e / 16u, k0 + e % 16u);
      tile_b[e / 64u][e % 64u] = b_at(bases.y, k0 + e / 64u, tile_col + e % 64u);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let c = lid.x * 4u;
      let bv = vec4<T>(tile_b[kk][c], tile_b[kk][c + 1u], tile_b[kk][c + 2u], tile_b[kk][c + 3u]);
      for (var i = 0u; i < 4u; i++) {
        acc[i] += tile_a[lid.y * 4u + i][kk] * bv;
      }
    }
    workgroupBarrier();
  }
  let base = batch * u.m * u.n;
  for (var i = 0u; i < 4u; i++) {
    store4(base, tile_row + lid.y * 4u + i, tile_col + lid.x * 4u, acc[i]);
  }
}
