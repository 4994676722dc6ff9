// Average-pooling windows along one axis, as pool-windows.ts: [start, end) and the divisor factor.
//   fixed (avgPool2d): window o is [o s - p, + k) clipped to the padded input, then to the input; its factor is
//     the clipped-to-padded length (countIncludePad) or the length inside the input
//   adaptive (adaptiveAvgPool2d): window o is [floor(o in / out), ceil((o + 1) in / out)), factor its length
// Declared by the op: `u` (pooling geometry, with u.adaptive, u.cip, u.has_div and u.divisor).
fn avg_axis(o: u32, size: u32, count: u32, k: u32, s: u32, p: u32) -> vec3<i32> {
  if (u.adaptive != 0u) {
    let first = (o * size) / count;
    let end = ((o + 1u) * size + count - 1u) / count;
    return vec3<i32>(i32(first), i32(end), i32(end - first));
  }
  let st = i32(o * s) - i32(p);
  let e = min(st + i32(k), i32(size + p));
  let a = max(st, 0);
  let b = min(e, i32(size));
  return vec3<i32>(a, b, select(b - a, e - st, u.cip != 0u));
}

// divisorOverride, or the product of the two factors (PyTorch's pool size or count of real elements).
fn divisor(rows: vec3<i32>, cols: vec3<i32>) -> f32 {
  if (u.has_div != 0u) { return u.divisor; }
  return f32(rows.z * cols.z);
}
