// conv2d forward for software adapters (SwiftShader): direct convolution with no workgroup memory and no
// barriers. Each invocation computes 4 output channels x 4 adjacent output columns of one output row, from
// scalar loads of x and vec4 loads of the regrouped weight `wt` (conv2d-weights.wgsl).
// Declared by the op: `x`, `wt` (vec4), `out`, `u`; u.blocks = ceil(coutG / 4), u.cols = ceil(Wo / 4).
// Padding reads as 0 and is multiplied like any value (0 * inf is NaN, as in the CPU's im2col kernel).

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let t = (wid.y * nwg.x + wid.x) * 64u + lid.x;
  if (t >= u.total) { return; }
  // t = ((n * G * blocks + g * blocks + cb) * Ho + oh) * cols + ob: neighbours share rows of x
  let ob = t % u.cols;
  var rest = t / u.cols;
  let oh = rest % u.Ho;
  rest = rest / u.Ho;
  let cb = rest % u.blocks;
  rest = rest / u.blocks;
  let g = rest % u.G;
  let n = rest / u.G;
  let ow0 = ob * 4u;
  let ih0 = i32(oh * u.sh) - i32(u.pt);
  let iw0 = i32(ow0 * u.sw) - i32(u.pl);
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  let K = u.cinG * u.kH * u.kW;
  let Wi = i32(u.W);
  let Hi = i32(u.H);
  // kernel columns outermost: the 4 input columns and their bounds are worked out once per kernel column
  for (var j = 0u; j < u.kW; j++) {
    let iw = vec4<i32>(iw0 + i32(j * u.dw)) + vec4<i32>(0, 1, 2, 3) * i32(u.sw);
    let cok = (iw >= vec4<i32>(0)) & (iw < vec4<i32>(Wi));
    let col = vec4<u32>(clamp(iw, vec4<i32>(0), vec4<i32>(Wi - 1)));
    for (var c = 0u; c < u.cinG; c++) {
      let plane = (n * u.Cin + g * u.cinG + c) * u.H;
      var wi = ((g * K + c * u.kH * u.kW) + j) * u.blocks + cb;
      for (var i = 0u; i < u.kH; i++) {
        let ih = ih0 + i32(i * u.dh);
        let ok = cok & vec4<bool>(ih >= 0 && ih < Hi);
        let row = (plane + u32(clamp(ih, 0, Hi - 1))) * u.W;
        let xv = select(vec4<f32>(0.0), vec4<f32>(x[row + col.x], x[row + col.y], x[row + col.z], x[row + col.w]), ok);
        let wv = wt[wi];
        wi += u.kW * u.blocks;
        acc0 += xv.x * wv;
        acc1 += xv.y * wv;
        acc2 += xv.z * wv;
        acc3 += xv.w * wv;
      }
    }
  }
  // acc_j holds the 4 channels of column ow0 + j
  let P = u.Ho * u.Wo;
  let co0 = cb * 4u;
  let base = (n * u.Cout + g * u.coutG + co0) * P + oh * u.Wo + ow0;
  for (var r = 0u; r < 4u; r++) {
    if (co0 + r >= u.coutG) { break; }
    let o = base + r * P;
    out[o] = acc0[r];
    if (ow0 + 1u < u.Wo) { out[o + 1u] = acc1[r]; }
    if (ow0 + 2u < u.Wo) { out[o + 2u] = acc2[r]; }
    if (ow0 + 3u < u.Wo) { out[o + 3u] = acc3[r]; }
  }
}
