// conv2dBackwardInput for software adapters: dx gathered with no atomics, workgroup memory or barriers.
// Each invocation computes 4 input channels x 4 input columns iw0 + j * sw (j < 4) of one input row. Columns
// sw apart share their stride phase, so one test per kernel tap tells whether the tap reaches dy, and their
// dy columns are adjacent: ow0 + j.
//   dx[n, ci, ih, iw] = sum over co of the group, kh, kw with ih + pt - kh dh = oh sh, iw + pl - kw dw = ow sw
//                       (0 <= oh < Ho, 0 <= ow < Wo of dy) of dy[n, co, oh, ow] * w[co, ci, kh, kw]
// Only those terms are added (as the CPU's col2im does), so a weight of inf reaches only the positions it
// touches. Declared by the op: `dy`, `wt` (vec4: 4 input channels per weight tap, conv2d-weights.wgsl),
// `out`, `u`; u.Ho and u.Wo are dy's sizes, u.blocks = ceil(cinG / 4), u.cols = sw * ceil(W / (4 sw)).
@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  if (t >= u.total) { return; }
  // t = ((n * G * blocks + g * blocks + cb) * H + ih) * cols + q, q = block * sw + phase
  let q = t % u.cols;
  var rest = t / u.cols;
  let ih = rest % u.H;
  rest = rest / u.H;
  let cb = rest % u.blocks;
  rest = rest / u.blocks;
  let g = rest % u.G;
  let n = rest / u.G;
  let iw0 = (q / u.sw) * 4u * u.sw + q % u.sw;
  if (iw0 >= u.W) { return; }
  let sh = i32(u.sh);
  let sw = i32(u.sw);
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let taps = u.kH * u.kW;
  for (var i = 0u; i < u.kH; i++) {
    let s = i32(ih + u.pt) - i32(i * u.dh);
    if (s < 0 || s % sh != 0 || s / sh >= i32(u.Ho)) { continue; }
    let oh = u32(s / sh);
    for (var j = 0u; j < u.kW; j++) {
      let d = i32(iw0 + u.pl) - i32(j * u.dw);
      if (d % sw != 0) { continue; }
      let ow0 = d / sw; // exact, also when negative
      let v0 = ow0 >= 0 && ow0 < i32(u.Wo);
      let v1 = ow0 + 1 >= 0 && ow0 + 1 < i32(u.Wo);
      let v2 = ow0 + 2 >= 0 && ow0 + 2 < i32(u.Wo);
      let v3 = ow0 + 3 >= 0 && ow0 + 3 < i32(u.Wo);
      if (!(v0 || v1 || v2 || v3)) { continue; }
      let last = i32(u.Wo) - 1;
      let o0 = u32(clamp(ow0, 0, last));
      let o1 = u32(clamp(ow0 + 1, 0, last));
      let o2 = u32(clamp(ow0 + 2, 0, last));
      let o3 = u32(clamp(ow0 + 3, 0, last));
      var wi = ((g * u.coutG) * taps + i * u.kW + j) * u.blocks + cb;
      var row = ((n * u.Cout + g * u.coutG) * u.Ho + oh) * u.Wo;
      if (v0 && v1 && v2 && v3) {
        // the usual case away from the edges: no tests in the loop
        for (var co = 0u; co < u.coutG; co++) {
          let wv = wt[wi];
          acc0 += dy[row + o0] * wv;
          acc1 += dy[row + o1] * wv;
          acc2 += dy[row + o2] * wv;
          acc3 += dy[row + o3] * wv;
          wi += taps * u.blocks;
          row += u.Ho * u.Wo;
        }
        continue;
      }
      for (var co = 0u; co < u.coutG; co++) {
        let wv = wt[wi];
        if (v0) { acc0 += dy[row + o0] * wv; }
        if (v1) { acc1 += dy[row + o1] * wv; }
        if (v2) { acc2 += dy[row + o2] * wv; }
        if (v3) { acc3 += dy[row + o3] * wv; }
        wi += taps * u.blocks;
        row += u.Ho * u.Wo;
      }
    }
  }
  let HW = u.H * u.W;
  let ci0 = cb * 4u;
  let base = (n * u.Cin + g * u.cinG + ci0) * HW + ih * u.W + iw0;
  for (var r = 0u; r < 4u; r++) {
    if (ci0 + r >= u.cinG) { break; }
    let o = base + r * HW;
    out[o] = acc0[r];
    if (iw0 + u.sw < u.W) { out[o + u.sw] = acc1[r]; }
    if (iw0 + 2u * u.sw < u.W) { out[o + 2u * u.sw] = acc2[r]; }
    if (iw0 + 3u * u.sw < u.W) { out[o + 3u * u.sw] = acc3[r]; }
  }
}
