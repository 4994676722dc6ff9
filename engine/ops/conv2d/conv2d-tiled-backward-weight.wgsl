// conv2dBackwardWeight as an implicit product for conv2d-gemm-tiled.wgsl, over one slice of the positions:
//   C[row = co, col = k = (c, kh, kw)] = sum over r = (n, oh, ow) in the slice of dy[n, g coutG + co, oh, ow] * im2col(x)[r, k]
// wid.z = split * G + g; slice `split` covers positions [split u.rows, (split + 1) u.rows). With u.splits > 1
// `out` is the [splits, Cout, K] buffer of partial sums that conv2d-sum-partials.wgsl adds up.
// Declared by the op: `x`, `dy`, `out`, `u` (u.m = coutG, u.n = K; u.Ho, u.Wo are dy's sizes).
fn k_range(z: u32) -> vec2<u32> {
  let first = (z / u.G) * u.rows;
  return vec2<u32>(first, min(first + u.rows, u.N * u.Ho * u.Wo));
}

fn a_at(z: u32, row: u32, r: u32) -> f32 {
  let P = u.Ho * u.Wo;
  return dy[((r / P) * u.Cout + (z % u.G) * u.coutG + row) * P + r % P];
}

fn b_at(z: u32, r: u32, col: u32) -> f32 {
  let P = u.Ho * u.Wo;
  let p = r % P;
  let taps = u.kH * u.kW;
  let q = col % taps;
  let ih = i32((p / u.Wo) * u.sh + (q / u.kW) * u.dh) - i32(u.pt);
  let iw = i32((p % u.Wo) * u.sw + (q % u.kW) * u.dw) - i32(u.pl);
  if (ih < 0 || ih >= i32(u.H) || iw < 0 || iw >= i32(u.W)) { return 0.0; }
  return x[(((r / P) * u.Cin + (z % u.G) * u.cinG + col / taps) * u.H + u32(ih)) * u.W + u32(iw)];
}

fn store(z: u32, row: u32, col: u32, v: f32) {
  let K = u.cinG * u.kH * u.kW;
  out[(z / u.G) * u.Cout * K + ((z % u.G) * u.coutG + row) * K + col] = v;
}
