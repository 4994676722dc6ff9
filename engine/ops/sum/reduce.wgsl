// Reduction over any set of dims (sum, amax). The op declares T, `x`, `out`, `u` (n_out outputs, count reduced
// elements per output, kept dims' shape and input strides, reduced dims' shape and input strides), `combine`,
// `identity()`, WG (threads per workgroup) and PER_THREAD.
// PER_THREAD (short reductions): one thread per output. Otherwise one workgroup per output: each thread
// folds a strided share of the reduced elements in chunks of 32, then the workgroup folds its partials as a
// tree. NOTE: chunking and the tree keep float32 rounding error near log2(count) ulps of the L1 mass instead of
// growing with count as one long serial loop does.

var<workgroup> partial: array<T, WG>;

fn kept_offset(o: u32) -> u32 {
  var rem = o;
  var offset = 0u;
  for (var r = 0u; r < u.kept_rank; r++) {
    let d = u.kept_rank - 1u - r;
    let size = u.kshape[d / 4u][d % 4u];
    offset += (rem % size) * u.kstrides[d / 4u][d % 4u];
    rem = rem / size;
  }
  return offset;
}

fn reduced_offset(k: u32) -> u32 {
  if (u.red_rank == 1u) { return k * u.rstrides[0][0]; }
  var rem = k;
  var offset = 0u;
  for (var r = 0u; r < u.red_rank; r++) {
    let d = u.red_rank - 1u - r;
    let size = u.rshape[d / 4u][d % 4u];
    offset += (rem % size) * u.rstrides[d / 4u][d % 4u];
    rem = rem / size;
  }
  return offset;
}

// Folds reduced elements start, start + step, ... of the output whose kept offset is `base`.
fn fold(base: u32, start: u32, step: u32) -> T {
  var acc = identity();
  var k = start;
  loop {
    if (k >= u.count) { break; }
    var chunk = identity();
    for (var c = 0u; c < 32u && k < u.count; c++) {
      chunk = combine(chunk, x[base + reduced_offset(k)]);
      k += step;
    }
    acc = combine(acc, chunk);
  }
  return acc;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let group = wid.y * nwg.x + wid.x;
  if (PER_THREAD) {
    let o = group * WG + lid.x;
    if (o < u.n_out) { out[o] = fold(kept_offset(o), 0u, 1u); }
    return;
  }
  if (group >= u.n_out) { return; } // the same for the whole workgroup, so the barriers below stay uniform
  partial[lid.x] = fold(kept_offset(group), lid.x, WG);
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (lid.x < s) { partial[lid.x] = combine(partial[lid.x], partial[lid.x + s]); }
    workgroupBarrier();
  }
  if (lid.x == 0u) { out[group] = partial[0]; }
}
