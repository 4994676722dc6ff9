// The three conv ops on GPUs, as implicit matrix products: C[row, col] = sum over k of A(z, row, k) B(z, k, col),
// A and B read straight from the tensors (no im2col buffer). A 16x16 workgroup computes a 64x64 tile of C,
// staging 64x16 tiles of A and 16x64 tiles of B in workgroup memory; each invocation accumulates 4x4 in registers.
// wid.z picks the group (and the slice of k for conv2dBackwardWeight). The op's loader file declares
// `a_at(z, row, k)`, `b_at(z, k, col)` (called only inside the bounds), `k_range(z)` and `store(z, row, col, v)`;
// u.m, u.n are C's size.
var<workgroup> tile_a: array<array<f32, 16>, 64>;
var<workgroup> tile_b: array<array<f32, 64>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let tile_row = wid.y * 64u;
  let tile_col = wid.x * 64u;
  let z = wid.z;
  let ks = k_range(z);
  let tid = lid.y * 16u + lid.x;
  var acc = array<vec4<f32>, 4>(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
  for (var k0 = ks.x; k0 < ks.y; k0 += 16u) {
    for (var l = 0u; l < 4u; l++) {
      let e = tid + l * 256u;
      let ar = tile_row + e / 16u;
      let ak = k0 + e % 16u;
      var av = 0.0;
      if (ar < u.m && ak < ks.y) { av = a_at(z, ar, ak); }
      tile_a[e / 16u][e % 16u] = av;
      let bk = k0 + e / 64u;
      let bc = tile_col + e % 64u;
      var bv = 0.0;
      if (bk < ks.y && bc < u.n) { bv = b_at(z, bk, bc); }
      tile_b[e / 64u][e % 64u] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let c = lid.x * 4u;
      let b = vec4<f32>(tile_b[kk][c], tile_b[kk][c + 1u], tile_b[kk][c + 2u], tile_b[kk][c + 3u]);
      for (var i = 0u; i < 4u; i++) {
        acc[i] += tile_a[lid.y * 4u + i][kk] * b;
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let row = tile_row + lid.y * 4u + i;
    if (row >= u.m) { break; }
    for (var j = 0u; j < 4u; j++) {
      let col = tile_col + lid.x * 4u + j;
      if (col < u.n) { store(z, row, col, acc[i][j]); }
    }
  }
}
