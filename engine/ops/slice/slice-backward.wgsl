// sliceBackward: out has the input's shape; each element takes dy at its place in the window, or 0 outside it.
// Declared by the op: T, `dy`, `out`, and `u` (n elements, rank, the input shape, the window's starts, steps
// and shape). One thread per output element, so there is no zero-fill pass and no write conflict.
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = (wid.y * nwg.x + wid.x) * 256u + lid.x;
  if (i >= u.n) { return; }
  var rem = i;
  var offset = 0u; // in the window (dy is contiguous in the window's shape)
  var stride = 1u;
  var inside = true;
  for (var r = 0u; r < u.rank; r++) {
    let d = u.rank - 1u - r;
    let size = u.shape[d / 4u][d % 4u];
    let q = i32(rem % size);
    rem = rem / size;
    let step = i32(u.steps[d / 4u][d % 4u]);
    let count = i32(u.win[d / 4u][d % 4u]);
    let rel = q - i32(u.starts[d / 4u][d % 4u]);
    if (rel < 0 || rel % step != 0 || rel / step >= count) {
      inside = false;
    } else {
      offset += u32(rel / step) * stride;
    }
    stride *= u32(count);
  }
  out[i] = select(T(0), dy[offset], inside);
}
