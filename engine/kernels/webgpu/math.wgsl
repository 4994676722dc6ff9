// Scalar helpers for element-wise kernels: the parts of JavaScript's Math that WGSL lacks or leaves
// implementation-defined (NaN, infinities, negative bases). The element-wise template includes this file
// when an expression calls one of them.
// NOTE: NaN and infinity are tested on the bits, so a compiler that assumes finite floats cannot fold them.

fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
// WGSL rejects NaN and infinity in constant expressions, so they are made at run time from private variables.
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;
fn nan_f() -> f32 { return bitcast<f32>(NAN_BITS); }
fn inf_f() -> f32 { return bitcast<f32>(INF_BITS); }
fn any_nan(a: f32, b: f32) -> bool { return is_nan(a) || is_nan(b); }

// Math.max / Math.min: NaN if either is NaN.
fn max_nan(a: f32, b: f32) -> f32 { return select(max(a, b), nan_f(), is_nan(a) || is_nan(b)); }
fn min_nan(a: f32, b: f32) -> f32 { return select(min(a, b), nan_f(), is_nan(a) || is_nan(b)); }

// x > 0 ? 1 : x < 0 ? -1 : 0 (NaN gives 0, as the CPU kernel and PyTorch).
fn sign_f(x: f32) -> f32 { return select(select(select(0.0, -1.0, x < 0.0), 1.0, x > 0.0), 0.0, is_nan(x)); }

// log(1 + x) for |x| < 0.4 as 2 atanh(s), s = x / (2 + x), an odd series in s (|s| < 0.17, error below 1e-12).
fn log1p_series(x: f32) -> f32 {
  let s = x / (2.0 + x);
  let s2 = s * s;
  var sum = 0.0;
  for (var k = 15.0; k >= 3.0; k -= 2.0) { sum = (sum + 1.0 / k) * s2; }
  return 2.0 * s * (1.0 + sum);
}

// log and sqrt with IEEE results outside their domain (WGSL leaves them indeterminate). Drivers' log may be
// accurate only to an absolute 2^-21 near 1, so there log goes through the series (x - 1 is exact there).
fn log_f(x: f32) -> f32 {
  if (x == 0.0) { return -inf_f(); }
  if (x < 0.0 || is_nan(x)) { return nan_f(); }
  if (is_inf(x)) { return x; }
  if (x > 0.65 && x < 1.4) { return log1p_series(x - 1.0); }
  return log(x);
}
fn sqrt_f(x: f32) -> f32 {
  if (x < 0.0 || is_nan(x)) { return nan_f(); }
  if (is_inf(x)) { return x; }
  return sqrt(x);
}

// exp with NaN kept (some drivers return inf for exp(NaN)).
fn exp_f(x: f32) -> f32 { return select(exp(x), x, is_nan(x)); }

// NOTE: the textbook tricks for expm1 and log1p ((u - 1) / log(u) with u = exp(x), and log(u) * x / (u - 1)
// with u = 1 + x) rely on exact rounding of u - 1, which a driver's optimiser may "simplify" away (SwiftShader
// does). Near 0 we use series instead, which need no such care.

// exp(x) - 1, accurate near 0: Taylor series to x^10 / 10! for |x| < 0.5 (error below 1e-11).
fn expm1_f(x: f32) -> f32 {
  if (abs(x) >= 0.5 || is_nan(x)) { return exp_f(x) - 1.0; }
  var term = x;
  var sum = x;
  for (var k = 2.0; k <= 10.0; k += 1.0) {
    term = term * x / k;
    sum = sum + term;
  }
  return sum;
}

// log(1 + x), accurate near 0.
fn log1p_f(x: f32) -> f32 {
  if (abs(x) >= 0.4 || is_nan(x)) { return log_f(1.0 + x); }
  return log1p_series(x);
}

// sin and cos to float32 precision (drivers may give only ~11 bits): Cody-Waite reduction by pi/4 in three
// parts and Cephes' sinf/cosf polynomials; beyond |x| = 8192 the reduction loses bits, so the builtins take over.
fn sincos_f(x: f32, want_cos: bool) -> f32 {
  if (is_nan(x) || is_inf(x)) { return nan_f(); }
  let ax = abs(x);
  if (ax > 8192.0) { return select(sin(x), cos(x), want_cos); }
  var j = u32(ax * 1.27323954473516);
  j = j + (j & 1u);
  let y = f32(j);
  j = j & 7u;
  var negative = !want_cos && x < 0.0;
  if (j > 3u) { negative = !negative; j = j - 4u; }
  if (want_cos && j > 1u) { negative = !negative; }
  let r = ((ax - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
  let z = r * r;
  let s = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let c = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
  let use_cos = (j == 1u || j == 2u) != want_cos;
  let v = select(s, c, use_cos);
  return select(v, -v, negative);
}
fn sin_f(x: f32) -> f32 { return sincos_f(x, false); }
fn cos_f(x: f32) -> f32 { return sincos_f(x, true); }

// tanh through expm1, accurate near 0 and exactly ±1 for large |x| (a plain ratio of exps overflows to NaN).
fn tanh_f(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let ax = abs(x);
  if (ax > 9.1) { return sign(x); }
  let e = expm1_f(-2.0 * ax);
  return -sign(x) * e / (2.0 + e);
}

// pow as C and PyTorch define it: negative bases with integer exponents keep their sign; pow(x, 0) = 1 and
// pow(1, y) = 1 even for NaN; pow(-1, ±inf) = 1.
fn pow_signed(a: f32, b: f32) -> f32 {
  if (b == 0.0 || a == 1.0) { return 1.0; }
  if (is_nan(a) || is_nan(b)) { return nan_f(); }
  let ab = abs(a);
  if (is_inf(b)) {
    if (ab == 1.0) { return 1.0; }
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
  } else if (b == 0.5) {
    r = sqrt(ab);
  } else {
    // through log_f, which is accurate near 1 where the builtin log2 may not be
    r = exp(b * log_f(ab));
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
