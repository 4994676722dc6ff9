// conv2dBackwardInput as an implicit product for conv2d-gemm-tiled.wgsl, one group g = z per wid.z:
//   C[row = (n, ih, iw), col = ci] = sum over k = (co, kh, kw) of dy[n, g coutG + co, oh, ow] * w[g coutG + co, ci, kh, kw]
// where oh sh = ih + pt - kh dh and ow sw = iw + pl - kw dw; taps with no such (oh, ow) in dy read 0.
// Declared by the op: `dy`, `w`, `out`, `u` (u.m = N H W, u.n = cinG; u.Ho, u.Wo are dy's sizes).
fn k_range(z: u32) -> vec2<u32> { return vec2<u32>(0u, u.coutG * u.kH * u.kW); }

fn a_at(g: u32, row: u32, k: u32) -> f32 {
  let HW = u.H * u.W;
  let pix = row % HW;
  let taps = u.kH * u.kW;
  let q = k % taps;
  let s = i32(pix / u.W + u.pt) - i32((q / u.kW) * u.dh);
  let d = i32(pix % u.W + u.pl) - i32((q % u.kW) * u.dw);
  if (s < 0 || d < 0 || s % i32(u.sh) != 0 || d % i32(u.sw) != 0) { return 0.0; }
  let oh = u32(s) / u.sh;
  let ow = u32(d) / u.sw;
  if (oh >= u.Ho || ow >= u.Wo) { return 0.0; }
  return dy[(((row / HW) * u.Cout + g * u.coutG + k / taps) * u.Ho + oh) * u.Wo + ow];
}

fn b_at(g: u32, k: u32, col: u32) -> f32 {
  let taps = u.kH * u.kW;
  return w[((g * u.coutG + k / taps) * u.cinG + col) * taps + k % taps];
}

fn store(g: u32, row: u32, col: u32, v: f32) {
  let HW = u.H * u.W;
  out[((row / HW) * u.Cin + g * u.cinG + col) * HW + row % HW] = v;
}
