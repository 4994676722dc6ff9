// Which element of x wins each max-pooling window, as max-pool2d.ts's windowArgmax: per axis, window o covers
// o * stride - padding + j * dilation (j < kernel), keeping the indices inside the input (padding is -inf);
// rows then columns are scanned and an element wins when it is NaN or greater than the best so far, which
// starts at -inf on the window's first element. So ties go to the first maximum, a window of -inf picks its
// first element, and the last NaN wins. Declared by the op: `x`, `u` (pooling geometry; math.wgsl included).

// [start, end) of window o along one axis; start moved up by whole dilation steps out of the padding.
fn max_axis(o: u32, k: u32, s: u32, p: u32, d: u32, size: u32) -> vec2<i32> {
  var start = i32(o * s) - i32(p);
  let end = min(start + i32((k - 1u) * d) + 1, i32(size));
  if (start < 0) { start += ((-start + i32(d) - 1) / i32(d)) * i32(d); }
  return vec2<i32>(start, end);
}

// Flat index in x of the winner of output element o ([planes, Ho, Wo]), or -1 when the window is empty.
fn winner(o: u32) -> i32 {
  let ow = o % u.Wo;
  let oh = (o / u.Wo) % u.Ho;
  let plane = o / (u.Wo * u.Ho);
  let rows = max_axis(oh, u.kH, u.sh, u.ph, u.dh, u.H);
  let cols = max_axis(ow, u.kW, u.sw, u.pw, u.dw, u.W);
  if (rows.x >= rows.y || cols.x >= cols.y) { return -1; }
  let base = i32(plane * u.H * u.W);
  var best = base + rows.x * i32(u.W) + cols.x;
  var best_v = -inf_f();
  for (var r = rows.x; r < rows.y; r += i32(u.dh)) {
    let row = base + r * i32(u.W);
    for (var c = cols.x; c < cols.y; c += i32(u.dw)) {
      let v = x[row + c];
      // NaN is tested on the bits, and nothing beats a NaN best except a later NaN (as v > NaN is false)
      if (is_nan(v) || (!is_nan(best_v) && v > best_v)) {
        best_v = v;
        best = row + c;
      }
    }
  }
  return best;
}
