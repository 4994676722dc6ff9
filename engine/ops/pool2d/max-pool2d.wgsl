// maxPool2d and maxPool2dSelect: one invocation per output element reads `src_at` at its window's winner in x
// (max-pool2d-window.wgsl), or `empty_value()` for a window with no element. The op declares both:
// maxPool2d reads x itself and gives -inf; maxPool2dSelect reads v and gives 0.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let o = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (o >= u.total) { return; }
  let i = winner(o);
  out[o] = select(empty_value(), src_at(u32(max(i, 0))), i >= 0);
}
