// argmax along one dim: the index of the first largest value; the first NaN wins, as on the CPU.
// x is viewed as [outer, size, inner]; output o = (outer, inner). The op declares T, `x`, `out` (i32), `u`
// (n_out, size, inner), `is_nan_t`, WG and PER_THREAD. Short rows: one thread per output; long rows: one
// workgroup per output folding (value, index) pairs as a tree, with ties going to the lower index.

const NONE: u32 = 0xffffffffu;

var<workgroup> best_value: array<T, WG>;
var<workgroup> best_index: array<u32, WG>;

// Does (b, ib) beat (a, ia)? NONE marks an empty slot.
fn beats(a: T, ia: u32, b: T, ib: u32) -> bool {
  if (ib == NONE) { return false; }
  if (ia == NONE) { return true; }
  let na = is_nan_t(a);
  let nb = is_nan_t(b);
  if (na || nb) {
    if (na && nb) { return ib < ia; }
    return nb;
  }
  if (b > a) { return true; }
  return b == a && ib < ia;
}

struct Best { value: T, index: u32 }

fn scan(o: u32, start: u32, step: u32) -> Best {
  let base = (o / u.inner) * u.size * u.inner + o % u.inner;
  var best = Best(T(0), NONE);
  for (var k = start; k < u.size; k += step) {
    let v = x[base + k * u.inner];
    if (beats(best.value, best.index, v, k)) { best = Best(v, k); }
  }
  return best;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_id) lid: vec3<u32>) {
  let group = wid.y * nwg.x + wid.x;
  if (PER_THREAD) {
    let o = group * WG + lid.x;
    if (o < u.n_out) { out[o] = i32(scan(o, 0u, 1u).index); }
    return;
  }
  if (group >= u.n_out) { return; } // the same for the whole workgroup, so the barriers below stay uniform
  let mine = scan(group, lid.x, WG);
  best_value[lid.x] = mine.value;
  best_index[lid.x] = mine.index;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (lid.x < s) {
      let other = lid.x + s;
      if (beats(best_value[lid.x], best_index[lid.x], best_value[other], best_index[other])) {
        best_value[lid.x] = best_value[other];
        best_index[lid.x] = best_index[other];
      }
    }
    workgroupBarrier();
  }
  if (lid.x == 0u) { out[group] = i32(best_index[0]); }
}
