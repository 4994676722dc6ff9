// conv2dBackwardWeight for software adapters: no workgroup memory, no barriers, no atomics.
//   dw[co, k] = sum over n, oh, ow of dy[n, co, oh, ow] * x[n, g cinG + c, oh sh - pt + kh dh, ow sw - pl + kw dw]
// with k = (c, kh, kw) flattened (K = cinG kH kW) and padding read as 0. Each invocation computes 4 output
// channels x 4 consecutive k over one slice of the (n, oh) rows; with u.splits > 1 the slices' partial sums
// go to `out` as [splits, Cout, K] and conv2d-sum-partials.wgsl adds them in order.
// Each row's products are summed apart and then added to the total, which keeps float32 rounding small.
// Declared by the op: `x`, `dy`, `out`, `u`; u.Ho and u.Wo are dy's sizes, u.blocks = ceil(coutG / 4),
// u.cols = ceil(K / 4), u.rows = rows per slice.
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  if (t >= u.total) { return; }
  // t = ((split * G + g) * blocks + cb) * cols + kb
  let kb = t % u.cols;
  var rest = t / u.cols;
  let cb = rest % u.blocks;
  rest = rest / u.blocks;
  let g = rest % u.G;
  let split = rest / u.G;
  let taps = u.kH * u.kW;
  let K = u.cinG * taps;
  // the 4 taps k0 + j: channel offset in an image, and row and column offsets from (oh sh, ow sw)
  var xoff = vec4<u32>(0u);
  var ioff = vec4<i32>(0);
  var joff = vec4<i32>(0);
  var kok = vec4<bool>(false);
  for (var j = 0u; j < 4u; j++) {
    let k = min(kb * 4u + j, K - 1u);
    kok[j] = kb * 4u + j < K;
    xoff[j] = (g * u.cinG + k / taps) * u.H * u.W;
    ioff[j] = i32(((k % taps) / u.kW) * u.dh) - i32(u.pt);
    joff[j] = i32((k % u.kW) * u.dw) - i32(u.pl);
  }
  let P = u.Ho * u.Wo;
  let last = u.coutG - 1u;
  // dy offsets of the 4 channels inside one image (a channel past the group's end re-reads the last one)
  let chan = (vec4<u32>(g * u.coutG) + min(vec4<u32>(cb * 4u) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(last))) * P;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let first = split * u.rows;
  let end = min(first + u.rows, u.N * u.Ho);
  let Hi = i32(u.H);
  let Wi = i32(u.W);
  for (var r = first; r < end; r++) {
    let n = r / u.Ho;
    let oh = r % u.Ho;
    let xn = n * u.Cin * u.H * u.W;
    let dyrow = n * u.Cout * P + oh * u.Wo;
    let ih = vec4<i32>(i32(oh * u.sh)) + ioff;
    let rok = (ih >= vec4<i32>(0)) & (ih < vec4<i32>(Hi)) & kok;
    let xrow = vec4<u32>(xn) + xoff + vec4<u32>(clamp(ih, vec4<i32>(0), vec4<i32>(Hi - 1))) * u.W;
    var s0 = vec4<f32>(0.0);
    var s1 = vec4<f32>(0.0);
    var s2 = vec4<f32>(0.0);
    var s3 = vec4<f32>(0.0);
    for (var ow = 0u; ow < u.Wo; ow++) {
      let at = dyrow + ow;
      let d = vec4<f32>(dy[at + chan.x], dy[at + chan.y], dy[at + chan.z], dy[at + chan.w]);
      let iw = vec4<i32>(i32(ow * u.sw)) + joff;
      let ok = rok & (iw >= vec4<i32>(0)) & (iw < vec4<i32>(Wi));
      let col = vec4<u32>(clamp(iw, vec4<i32>(0), vec4<i32>(Wi - 1)));
      s0 += select(0.0, x[xrow.x + col.x], ok.x) * d;
      s1 += select(0.0, x[xrow.y + col.y], ok.y) * d;
      s2 += select(0.0, x[xrow.z + col.z], ok.z) * d;
      s3 += select(0.0, x[xrow.w + col.w], ok.w) * d;
    }
    acc0 += s0;
    acc1 += s1;
    acc2 += s2;
    acc3 += s3;
  }
  // acc_j holds the 4 channels of tap k0 + j
  let base = split * u.Cout * K + (g * u.coutG + cb * 4u) * K + kb * 4u;
  for (var c = 0u; c < 4u; c++) {
    if (cb * 4u + c >= u.coutG) { break; }
    let o = base + c * K;
    if (kok.x) { out[o] = acc0[c]; }
    if (kok.y) { out[o + 1u] = acc1[c]; }
    if (kok.z) { out[o + 2u] = acc2[c]; }
    if (kok.w) { out[o + 3u] = acc3[c]; }
  }
}
