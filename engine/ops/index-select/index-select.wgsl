// indexSelect: out viewed as [outer, count, inner] takes slice index[s] of x viewed as [outer, rows, inner].
// Declared by the op: T, `x`, `index` (i32), `out`, `u` (n, inner, count, rows) and `report`.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  let j = i % u.inner;
  let t = i / u.inner;
  let s = t % u.count;
  let o = t / u.count;
  let k = index[s];
  if (k < 0 || u32(k) >= u.rows) {
    report(s, bitcast<u32>(k));
    out[i] = T(0);
    return;
  }
  out[i] = x[(o * u.rows + u32(k)) * u.inner + j];
}
