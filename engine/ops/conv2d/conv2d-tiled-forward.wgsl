// conv2d as an implicit product for conv2d-gemm-tiled.wgsl, one group g = z per wid.z:
//   C[row = (n, oh, ow), col = co] = sum over k = (c, kh, kw) of im2col(x)[row, k] * w[g coutG + co, k]
// Declared by the op: `x`, `w`, `out`, `u` (u.m = N Ho Wo, u.n = coutG).
fn k_range(z: u32) -> vec2<u32> { return vec2<u32>(0u, u.cinG * u.kH * u.kW); }

fn a_at(g: u32, row: u32, k: u32) -> f32 {
  let P = u.Ho * u.Wo;
  let p = row % P;
  let taps = u.kH * u.kW;
  let q = k % taps;
  let ih = i32((p / u.Wo) * u.sh + (q / u.kW) * u.dh) - i32(u.pt);
  let iw = i32((p % u.Wo) * u.sw + (q % u.kW) * u.dw) - i32(u.pl);
  if (ih < 0 || ih >= i32(u.H) || iw < 0 || iw >= i32(u.W)) { return 0.0; }
  return x[(((row / P) * u.Cin + g * u.cinG + k / taps) * u.H + u32(ih)) * u.W + u32(iw)];
}

fn b_at(g: u32, k: u32, col: u32) -> f32 { return w[(g * u.coutG + col) * u.cinG * u.kH * u.kW + k]; }

fn store(g: u32, row: u32, col: u32, v: f32) {
  let P = u.Ho * u.Wo;
  out[((row / P) * u.Cout + g * u.coutG + col) * P + row % P] = v;
}
