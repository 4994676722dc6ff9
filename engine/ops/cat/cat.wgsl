// cat, one pass per input: copies input `x` (viewed as [outer, row]) into its column range of `out` (viewed
// as [outer, rowOut]) starting at `offset`. Declared by the op: T, `x`, `out`, `u`. One thread per input element.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  let o = i / u.row;
  let j = i - o * u.row;
  out[o * u.row_out + u.offset + j] = x[i];
}
