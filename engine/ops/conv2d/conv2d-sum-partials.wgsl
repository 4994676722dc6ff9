// Adds the slices' partial sums of conv2dBackwardWeight: out[e] = sum over s < u.splits of part[s * u.total + e],
// in slice order. Declared by the op: `part`, `out`, `u` (u.total = Cout * K, the size of dw).
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let e = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (e >= u.total) { return; }
  var acc = 0.0;
  for (var s = 0u; s < u.splits; s++) { acc += part[s * u.total + e]; }
  out[e] = acc;
}
