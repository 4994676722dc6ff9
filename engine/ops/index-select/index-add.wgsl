// indexAdd without atomics: out viewed as [outer, rows, inner]; each element sums, in index order, the slices
// of src ([outer, count, inner]) whose index names its row. Same order as the CPU, so float32 sums agree.
// Declared by the op: T, `src`, `index` (i32), `out`, `u` (n, inner, count, rows) and `report`.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  let j = i % u.inner;
  let t = i / u.inner;
  let row = t % u.rows;
  let o = t / u.rows;
  var acc = T(0);
  for (var s = 0u; s < u.count; s++) {
    let k = index[s];
    if (k < 0 || u32(k) >= u.rows) {
      if (i == 0u) { report(s, bitcast<u32>(k)); }
      continue;
    }
    if (u32(k) == row) { acc += src[(o * u.count + s) * u.inner + j]; }
  }
  out[i] = acc;
}
