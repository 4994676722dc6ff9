// gather: out[i] = x at the position of index element i with `dim` replaced by the index value.
// Declared by the op: T, `x`, `index` (i32), `out`, `u` (n, rank, dim, size = x's size along dim, the index
// shape, x's strides) and `report`. One thread per output element; an index out of range reports and writes 0.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  var rem = i;
  var offset = 0u;
  for (var r = 0u; r < u.rank; r++) {
    let d = u.rank - 1u - r;
    let size = u.ishape[d / 4u][d % 4u];
    let q = rem % size;
    rem = rem / size;
    if (d != u.dim) { offset += q * u.xstrides[d / 4u][d % 4u]; }
  }
  let k = index[i];
  if (k < 0 || u32(k) >= u.size) {
    report(i, bitcast<u32>(k));
    out[i] = T(0);
    return;
  }
  out[i] = x[offset + u32(k) * u.xstrides[u.dim / 4u][u.dim % 4u]];
}
