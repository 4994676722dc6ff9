// Regroups the weight w [Cout, cinG, kH, kW] so the direct kernels read 4 channels with one vec4 load.
// Declared by the op: `w`, `wt` (f32, written), `u` (conv geometry) and `WT_FORWARD` (bool).
//   forward (WT_FORWARD):  wt[((g * K + k) * blocks + cb) * 4 + r]  = w[g * coutG + cb * 4 + r, k]
//                          (4 output channels of group g; k = (c, kh, kw) flattened, K = cinG * kH * kW)
//   backward input:        wt[((co * kH * kW + q) * blocks + cb) * 4 + r] = w[co, cb * 4 + r, q]
//                          (4 input channels; q = (kh, kw) flattened)
// Channels past the group's end (padding the last block to 4) are 0.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let e = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  let K = u.cinG * u.kH * u.kW;
  let r = e % 4u;
  let cb = (e / 4u) % u.blocks;
  let outer = e / (4u * u.blocks);
  if (WT_FORWARD) {
    if (outer >= u.G * K) { return; }
    let g = outer / K;
    let k = outer % K;
    let co = cb * 4u + r;
    wt[e] = select(0.0, w[(g * u.coutG + min(co, u.coutG - 1u)) * K + k], co < u.coutG);
  } else {
    let taps = u.kH * u.kW;
    if (outer >= u.Cout * taps) { return; }
    let co = outer / taps;
    let q = outer % taps;
    let ci = cb * 4u + r;
    wt[e] = select(0.0, w[(co * u.cinG + min(ci, u.cinG - 1u)) * taps + q], ci < u.cinG);
  }
}
