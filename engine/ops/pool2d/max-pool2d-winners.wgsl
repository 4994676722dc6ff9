// maxPool2dBackward, first pass: the winner of every window (max-pool2d-window.wgsl) into `win` (i32).
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let o = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (o >= u.total) { return; }
  win[o] = winner(o);
}
