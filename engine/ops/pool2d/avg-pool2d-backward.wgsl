// avgPool2dBackward and adaptiveAvgPool2dBackward without atomics: each input element of dx [planes, H, W]
// adds dy[o] / divisor(o) over the windows o that contain it (avg-pool2d-window.wgsl), in row-major order
// as the CPU kernel does. Declared by the op: `dy`, `out`, `u` (u.total = number of input elements).

// Windows along one axis that may contain r, [first, end); membership is then checked exactly.
fn candidates(r: u32, size: u32, count: u32, k: u32, s: u32, p: u32) -> vec2<u32> {
  if (u.adaptive != 0u) {
    let first = (r * count) / size;
    let end = min(count, ((r + 1u) * count + size - 1u) / size);
    return vec2<u32>(first, max(first, end));
  }
  let t = i32(r + p) - i32(k) + 1;
  let first = select(0u, (u32(max(t, 0)) + s - 1u) / s, t > 0);
  let end = min(count, (r + p) / s + 1u);
  return vec2<u32>(first, max(first, end));
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.total) { return; }
  let iw = i % u.W;
  let ih = (i / u.W) % u.H;
  let plane = i / (u.W * u.H);
  let ohs = candidates(ih, u.H, u.Ho, u.kH, u.sh, u.ph);
  let ows = candidates(iw, u.W, u.Wo, u.kW, u.sw, u.pw);
  var acc = 0.0;
  for (var oh = ohs.x; oh < ohs.y; oh++) {
    let rows = avg_axis(oh, u.H, u.Ho, u.kH, u.sh, u.ph);
    if (i32(ih) < rows.x || i32(ih) >= rows.y) { continue; }
    for (var ow = ows.x; ow < ows.y; ow++) {
      let cols = avg_axis(ow, u.W, u.Wo, u.kW, u.sw, u.pw);
      if (i32(iw) < cols.x || i32(iw) >= cols.y) { continue; }
      acc += dy[(plane * u.Ho + oh) * u.Wo + ow] / divisor(rows, cols);
    }
  }
  out[i] = acc;
}
