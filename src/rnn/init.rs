//! Seeded, platform-independent weight initialisers: a xoshiro256** generator seeded by
//! `SplitMix64`, Marsaglia-polar normals, and the Keras, `PyTorch` and "uniform01" schemes.
//!
//! # What a seed means
//! Every weight tensor gets its own generator, seeded by
//! [`tensor_seed`]`(seed, layer, direction, tensor)`, so changing one layer never changes
//! the weights of another. Within a tensor the values are drawn in row-major order of the
//! shape listed in [`InitScheme`]. Only IEEE-754 `+ - * / sqrt` are used (the logarithm
//! is computed here, not by the platform's libm), so a seed gives bit-identical weights
//! natively and in wasm32.

use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// How fresh weights are drawn. Per tensor, in draw order (`#n` is the tensor id given to
/// [`tensor_seed`]):
///
/// | scheme     | `SimpleRNN`                                                   | Embedding          | Dense                  |
/// |------------|-------------------------------------------------------------|--------------------|------------------------|
/// | `Keras`    | kernel `(D,H)` `glorot_uniform` #0; `recurrent_kernel` `(H,H)` orthogonal #1; bias zeros (no draw) | embeddings `(V,E)` U(-0.05, 0.05) #0 | kernel `(D,U)` `glorot_uniform` #0; bias zeros |
/// | `PyTorch`  | `weight_ih` `(H,D)` #0, `weight_hh` `(H,H)` #1, `bias_ih` `(H,)` #2, `bias_hh` `(H,)` #3, all U(-1/√H, 1/√H), then converted like [`crate::rnn::convert::from_pytorch`] (transpose, bias = `bias_ih` + `bias_hh`) | embeddings N(0, 1) #0 | weight `(U,D)` #0, bias `(U,)` #1, U(-1/√D, 1/√D), kernel = weight^T |
/// | `Uniform01`| kernel #0, `recurrent_kernel` #1, bias #2, all U[0, 1) (the seed chapter's `np.random.random`) | embeddings U[0, 1) #0 | kernel #0, bias #1, U[0, 1) |
///
/// With `use_bias` off no bias is drawn.
///
/// Written in documents and links as `"keras"`, `"pytorch"` and `"uniform01"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitScheme {
    /// Keras 3 defaults: Glorot-uniform kernels, orthogonal recurrent kernels, zero biases,
    /// uniform(-0.05, 0.05) embeddings.
    #[default]
    Keras,
    /// `torch.nn.RNN` / `nn.Linear` / `nn.Embedding` defaults: uniform(-1/sqrt(units),
    /// 1/sqrt(units)) for every tensor.
    PyTorch,
    /// Uniform `[0, 1)` for every tensor, like the seed chapter's numpy example.
    Uniform01,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// `SplitMix64` finaliser: a bijective 64-bit mix.
#[must_use]
pub fn splitmix64_mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of one tensor's generator:
/// `mix(seed ^ mix(GOLDEN * (1 + layer*1024 + direction*16 + tensor)))` with
/// `mix` = [`splitmix64_mix`], `direction` 0 forward / 1 backward, `tensor` the id in the
/// [`InitScheme`] table.
#[must_use]
pub fn tensor_seed(seed: u64, layer: usize, direction: usize, tensor: usize) -> u64 {
    let id = 1 + (layer as u64) * 1024 + (direction as u64) * 16 + tensor as u64;
    splitmix64_mix(seed ^ splitmix64_mix(GOLDEN.wrapping_mul(id)))
}

/// xoshiro256** pseudo-random generator (Blackman & Vigna), seeded through `SplitMix64`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prng {
    s: [u64; 4],
    /// Second normal of the last polar pair, returned by the next `normal` call.
    spare_normal: Option<u64>,
}

impl Prng {
    /// A generator whose state is four successive `SplitMix64` outputs from `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(GOLDEN);
            splitmix64_mix(x)
        };
        Self {
            s: [next(), next(), next(), next()],
            spare_normal: None,
        }
    }

    /// Next raw 64-bit output.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)` with 53 random bits: `(u64 >> 11) * 2^-53`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `[low, high)`: `low + (high - low) * u`, computed in f64, rounded to f32.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "weights are f32: rounding is the point"
    )]
    pub fn uniform(&mut self, low: f64, high: f64) -> f32 {
        let u = self.next_f64();
        let v = (low + (high - low) * u) as f32;
        // Rounding to f32 can land exactly on `high`; keep the interval half-open.
        if f64::from(v) >= high && high > low {
            low as f32
        } else {
            v
        }
    }

    /// Standard normal N(0, 1) by Marsaglia's polar form of Box-Muller: draw `u, v` in
    /// `(-1, 1)` until `0 < s = u² + v² < 1`, then `u·√(-2 ln s / s)` (and `v·…` next call).
    pub fn normal(&mut self) -> f64 {
        if let Some(bits) = self.spare_normal.take() {
            return f64::from_bits(bits);
        }
        loop {
            let u = 2.0 * self.next_f64() - 1.0;
            let v = 2.0 * self.next_f64() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let factor = (-2.0 * ln(s) / s).sqrt();
                self.spare_normal = Some((v * factor).to_bits());
                return u * factor;
            }
        }
    }
}

/// Natural logarithm of a positive, finite f64 using only `+ - * /` (so the result is the
/// same on every platform): `x = m · 2^e` with `m` in `[√½, √2)`, then
/// `ln x = e·ln 2 + 2·atanh((m-1)/(m+1))` by its odd power series.
#[must_use]
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return f64::INFINITY;
    }
    let mut bits = x.to_bits();
    let mut exponent = ((bits >> 52) & 0x7ff).cast_signed();
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        bits = (x * (1u64 << 54) as f64).to_bits();
        exponent = ((bits >> 52) & 0x7ff).cast_signed() - 54;
    }
    exponent -= 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        exponent += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    // |s| <= 0.1716, s² <= 0.0295: 14 terms reach far below f64 precision.
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 1.0;
    for _ in 0..14 {
        sum += term / k;
        term *= s2;
        k += 2.0;
    }
    exponent as f64 * std::f64::consts::LN_2 + 2.0 * sum
}

/// `shape` filled with U(low, high) values in row-major order.
#[must_use]
pub fn uniform(rng: &mut Prng, shape: (usize, usize), low: f64, high: f64) -> Array2<f32> {
    Array2::from_shape_simple_fn(shape, || rng.uniform(low, high))
}

/// `len` values of U(low, high).
#[must_use]
pub fn uniform_vec(rng: &mut Prng, len: usize, low: f64, high: f64) -> Array1<f32> {
    Array1::from_shape_simple_fn(len, || rng.uniform(low, high))
}

/// `shape` filled with N(0, 1) values in row-major order.
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "weights are f32: rounding is the point"
)]
pub fn normal(rng: &mut Prng, shape: (usize, usize)) -> Array2<f32> {
    Array2::from_shape_simple_fn(shape, || rng.normal() as f32)
}

/// Keras `glorot_uniform` for a `(fan_in, fan_out)` kernel:
/// U(-limit, limit) with `limit = √(6 / (fan_in + fan_out))`.
#[must_use]
pub fn glorot_uniform(rng: &mut Prng, shape: (usize, usize)) -> Array2<f32> {
    let limit = glorot_limit(shape);
    uniform(rng, shape, -limit, limit)
}

/// `√(6 / (fan_in + fan_out))` for a `(fan_in, fan_out)` kernel (0 for an empty shape).
#[must_use]
pub fn glorot_limit(shape: (usize, usize)) -> f64 {
    let fans = (shape.0 + shape.1) as f64;
    if fans == 0.0 {
        0.0
    } else {
        (6.0 / fans).sqrt()
    }
}

/// Keras `Orthogonal(gain=1)` for a `(rows, cols)` matrix, as Keras/TF compute it: draw a
/// normal matrix `A` of shape `(max(r,c), min(r,c))`, factor `A = Q R`, multiply each column
/// of `Q` by `sign(R_ii)` (so the diagonal of `R` is positive), transpose when `r < c`.
///
/// The QR is done in f64 by modified Gram-Schmidt, applied twice for stability; Gram-Schmidt
/// yields the positive-diagonal `Q` directly, i.e. exactly the sign-corrected factor. The
/// result satisfies `QᵀQ ≈ I` (or `QQᵀ ≈ I` when `r < c`).
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "computed in f64, stored as f32 weights"
)]
pub fn orthogonal(rng: &mut Prng, shape: (usize, usize)) -> Array2<f32> {
    let (rows, cols) = shape;
    let (n, k) = (rows.max(cols), rows.min(cols));
    // Column-major work matrix: column j is `a[j*n .. (j+1)*n]`.
    let mut a = vec![0.0f64; n * k];
    // Draw in row-major order of the (n, k) normal matrix.
    for i in 0..n {
        for j in 0..k {
            a[j * n + i] = rng.normal();
        }
    }
    for j in 0..k {
        let (done, rest) = a.split_at_mut(j * n);
        let col = &mut rest[..n];
        for _pass in 0..2 {
            for prev in done.chunks_exact(n) {
                let proj: f64 = prev.iter().zip(col.iter()).map(|(p, c)| p * c).sum();
                for (c, p) in col.iter_mut().zip(prev) {
                    *c -= proj * p;
                }
            }
        }
        let norm = col.iter().map(|c| c * c).sum::<f64>().sqrt();
        if norm > 0.0 {
            for c in col.iter_mut() {
                *c /= norm;
            }
        }
    }
    if rows >= cols {
        Array2::from_shape_fn((rows, cols), |(i, j)| a[j * n + i] as f32)
    } else {
        Array2::from_shape_fn((rows, cols), |(i, j)| a[i * n + j] as f32)
    }
}
