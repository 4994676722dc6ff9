// Scalar helpers for element-wise kernels: the parts of JavaScript's Math that WGSL lacks or leaves
// implementation-defined (NaN, infinities, negative bases). The element-wise template includes this file
// when an expression calls one of them.
// NOTE: NaN and infinity are tested on the bits, so a compiler that assumes finite floats cannot fold them.

fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn nan_f() -> f32 { return bitcast<f32>(0x7fc00000u); }
fn inf_f() -> f32 { return bitcast<f32>(0x7f800000u); }

// Math.max / Math.min: NaN if either is NaN.
fn max_nan(a: f32, b: f32) -> f32 { return select(max(a, b), nan_f(), is_nan(a) || is_nan(b)); }
fn min_nan(a: f32, b: f32) -> f32 { return select(min(a, b), nan_f(), is_nan(a) || is_nan(b)); }

// x > 0 ? 1 : x < 0 ? -1 : x (keeps NaN and -0, as the CPU kernel).
fn sign_f(x: f32) -> f32 { return select(select(x, -1.0, x < 0.0), 1.0, x > 0.0); }

// log and sqrt with IEEE results outside their domain (WGSL leaves them indeterminate).
fn log_f(x: f32) -> f32 {
  if (x == 0.0) { return -inf_f(); }
  if (x < 0.0 || is_nan(x)) { return nan_f(); }
  if (is_inf(x)) { return x; }
  return log(x);
}
fn sqrt_f(x: f32) -> f32 {
  if (x < 0.0 || is_nan(x)) { return nan_f(); }
  if (is_inf(x)) { return x; }
  return sqrt(x);
}

// exp(x) - 1 without cancellation near 0 (Kahan's trick: the rounding error of exp(x) cancels in (u - 1) / log(u)).
fn expm1_f(x: f32) -> f32 {
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  if (x > 88.7) { return inf_f(); }
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  return um1 * x / log(u);
}

// log(1 + x) without cancellation near 0 (Goldberg's trick: log(u) * x / (u - 1) with u = 1 + x rounded).
fn log1p_f(x: f32) -> f32 {
  if (x == -1.0) { return -inf_f(); }
  if (x < -1.0 || is_nan(x)) { return nan_f(); }
  if (is_inf(x)) { return x; }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}

// tanh through expm1, accurate near 0 and exactly ±1 for large |x| (a plain ratio of exps overflows to NaN).
fn tanh_f(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let ax = abs(x);
  if (ax > 9.1) { return sign(x); }
  let e = expm1_f(-2.0 * ax);
  return -sign(x) * e / (2.0 + e);
}

// Math.pow: negative bases with integer exponents keep their sign; pow(x, 0) = 1; pow(±1, ±inf) = NaN.
fn pow_signed(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (is_nan(a) || is_nan(b)) { return nan_f(); }
  let ab = abs(a);
  if (is_inf(b)) {
    if (ab == 1.0) { return nan_f(); }
    return select(0.0, inf_f(), (ab > 1.0) == (b > 0.0));
  }
  let is_int = floor(b) == b;
  if (a < 0.0 && !is_int) { return nan_f(); }
  // an odd integer exponent keeps the base's sign (including -0 and -inf)
  let odd = is_int && abs(b) < 16777216.0 && (i32(abs(b)) & 1) == 1;
  let negative = odd && (bitcast<u32>(a) >> 31u) == 1u;
  var r: f32;
  if (ab == 0.0) {
    r = select(0.0, inf_f(), b < 0.0);
  } else if (is_inf(ab)) {
    r = select(0.0, inf_f(), b > 0.0);
  } else if (is_int && abs(b) <= 32.0) {
    // small integer exponents by repeated squaring: exact where the CPU's Math.pow is (x^2, x^3, ...)
    var e = u32(abs(b));
    var base = ab;
    r = 1.0;
    loop {
      if ((e & 1u) == 1u) { r = r * base; }
      e = e >> 1u;
      if (e == 0u) { break; }
      base = base * base;
    }
    if (b < 0.0) { r = 1.0 / r; }
  } else {
    r = exp2(b * log2(ab));
  }
  return select(r, -r, negative);
}

// Float to int32 as the CPU does (Int32Array stores ToInt32): truncate, NaN and ±inf give 0, wrap modulo 2^32.
fn f32_to_i32(x: f32) -> i32 {
  if (is_nan(x) || is_inf(x)) { return 0; }
  let t = trunc(x);
  if (abs(t) < 2147483648.0) { return i32(t); }
  // |t| >= 2^31 is a multiple of 256 in float32, so this arithmetic is exact
  let m = t - 4294967296.0 * floor(t / 4294967296.0);
  return bitcast<i32>(u32(m));
}

// The error function to float32 precision (under 2 ulp). For |x| < 1, erf(x) = x g(x^2); above,
// erf(x) = 1 - exp(-x^2 + q(x)). g and q are Chebyshev series fitted to the float64 erf and summed with
// Clenshaw's recurrence, which is stable in float32; float32 erf rounds to 1 beyond |x| = 4.
fn erf_f(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let ax = abs(x);
  if (ax >= 4.0) { return sign(x); }
  if (ax < 1.0) {
    let t = 2.0 * x * x - 1.0;
    var b1 = 0.0;
    var b2 = 0.0;
    var b0 = 0.0;
    var c = array<f32, 7>(0.975476939, -0.142261205, 0.0100355822, -0.00057687647, 0.0000274199312,
      -0.00000110431675, 3.84564211e-8);
    for (var j = 6; j >= 1; j--) { b0 = 2.0 * t * b1 - b2 + c[j]; b2 = b1; b1 = b0; }
    return x * (t * b1 - b2 + c[0]);
  }
  let t = (2.0 / 3.0) * ax - (5.0 / 3.0);
  var c = array<f32, 12>(-1.4892984, -0.55862505, 0.069031551, -0.0102335132, 0.001544484, -0.000224276799,
    0.0000301345045, -0.00000355317819, 3.23176854e-7, -9.88594277e-9, -4.61751136e-9, 1.45384642e-9);
  var b1 = 0.0;
  var b2 = 0.0;
  var b0 = 0.0;
  for (var j = 11; j >= 1; j--) { b0 = 2.0 * t * b1 - b2 + c[j]; b2 = b1; b1 = b0; }
  let q = t * b1 - b2 + c[0];
  return sign(x) * (1.0 - exp(q - ax * ax));
}
