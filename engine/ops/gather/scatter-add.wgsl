// scatterAdd without atomics: each output element sums, in index order, the src values whose index entry
// (in its column along `dim`) names it. The CPU adds in the same order, so float32 sums agree exactly.
// Declared by the op: T, `src`, `index` (i32), `out`, `u` (n, rank, dim, size = out's size along dim,
// count = index's size along dim, out shape, index shape, index strides) and `report`.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  var rem = i;
  var base = 0u;
  var p = 0u;
  var fits = true;
  for (var r = 0u; r < u.rank; r++) {
    let d = u.rank - 1u - r;
    let size = u.oshape[d / 4u][d % 4u];
    let q = rem % size;
    rem = rem / size;
    if (d == u.dim) {
      p = q;
    } else {
      if (q >= u.ishape[d / 4u][d % 4u]) { fits = false; }
      base += q * u.istrides[d / 4u][d % 4u];
    }
  }
  var acc = T(0);
  if (fits) {
    let step = u.istrides[u.dim / 4u][u.dim % 4u];
    for (var j = 0u; j < u.count; j++) {
      let at = base + j * step;
      let k = index[at];
      if (k < 0 || u32(k) >= u.size) {
        if (p == 0u) { report(at, bitcast<u32>(k)); } // each index entry is checked by one thread
        continue;
      }
      if (u32(k) == p) { acc += src[at]; }
    }
  }
  out[i] = acc;
}
