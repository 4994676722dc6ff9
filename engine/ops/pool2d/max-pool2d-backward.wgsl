// maxPool2dBackward, second pass, without atomics: each input element i of x [planes, H, W] adds dy over the
// windows that contain it and whose winner (`win`, from the first pass) is i. It visits them in row-major
// order, the order in which the CPU kernel adds them, so float32 sums agree exactly.
// Declared by the op: `win` (i32), `dy`, `out`, `u` (u.total = number of input elements).

// The windows o (along one axis) whose span o s - p + j d (j < k) can contain r: [first, end).
fn covering(r: u32, k: u32, s: u32, p: u32, d: u32, count: u32) -> vec2<u32> {
  let t = i32(r + p) - i32((k - 1u) * d);
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
  let rows = covering(ih, u.kH, u.sh, u.ph, u.dh, u.Ho);
  let cols = covering(iw, u.kW, u.sw, u.pw, u.dw, u.Wo);
  var acc = 0.0;
  for (var oh = rows.x; oh < rows.y; oh++) {
    let row = (plane * u.Ho + oh) * u.Wo;
    for (var ow = cols.x; ow < cols.y; ow++) {
      if (win[row + ow] == i32(i)) { acc += dy[row + ow]; }
    }
  }
  out[i] = acc;
}
