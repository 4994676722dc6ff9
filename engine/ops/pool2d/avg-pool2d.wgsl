// avgPool2d and adaptiveAvgPool2d: one invocation per output element sums its window row by row and divides
// (avg-pool2d-window.wgsl); a window with no element gives 0. Declared by the op: `x`, `out`, `u`.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let o = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (o >= u.total) { return; }
  let ow = o % u.Wo;
  let oh = (o / u.Wo) % u.Ho;
  let plane = o / (u.Wo * u.Ho);
  let rows = avg_axis(oh, u.H, u.Ho, u.kH, u.sh, u.ph);
  let cols = avg_axis(ow, u.W, u.Wo, u.kW, u.sw, u.pw);
  if (rows.x >= rows.y || cols.x >= cols.y) {
    out[o] = 0.0;
    return;
  }
  let base = i32(plane * u.H * u.W);
  var acc = 0.0;
  for (var r = rows.x; r < rows.y; r++) {
    let row = base + r * i32(u.W);
    var s = 0.0;
    for (var c = cols.x; c < cols.y; c++) { s += x[row + c]; }
    acc += s;
  }
  out[o] = acc / divisor(rows, cols);
}
