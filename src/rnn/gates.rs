//! The element-wise half of the gated cells (LSTM, GRU): activations on contiguous gate
//! blocks, written without calls into the platform's maths library so the compiler
//! vectorises them (SSE2 or AVX2+FMA natively, picked at run time; simd128 in wasm), and
//! the recurrent product `z += h_{t-1} · recurrent_kernel` shared by both cells.
//!
//! `exp` is Cephes' `expf` (range reduction by `ln 2`, a degree-6 polynomial; about 1 ulp),
//! `tanh` Cephes' `tanhf` (an odd polynomial below 0.625, `1 - 2 / (e^{2|x|} + 1)` above),
//! `sigmoid(x) = 1 / (1 + e^{-x})`, `hard_sigmoid(x) = relu6(x + 3) / 6` (Keras 3's; Keras 2
//! used `clip(0.2·x + 0.5, 0, 1)`). Only `+ - * /`, comparisons and bit operations are used,
//! and never a fused multiply-add, so every platform computes the same bits. NaN stays NaN.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut1, ArrayViewMut2};

use super::activation::Activation;
use super::packed::PackedKernel;

/// Up to this many batch items the recurrent product runs as one matrix-vector product per
/// item; above it, as one matrix product for the whole batch (as in `SimpleRnn`).
const MATVEC_MAX_BATCH: usize = 8;

/// `e^x` for f32 (Cephes `expf`), `x` clamped to `[-87, 88]` so that `2^k` stays a normal
/// float; about 1 ulp in that range.
#[inline]
fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    // ln 2 split so that `k · LN2_HI` is exact.
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Adding and subtracting 1.5·2^23 rounds to the nearest integer (|x·log2 e| < 2^22).
    const ROUND: f32 = 12_582_912.0;
    let x = x.clamp(-87.0, 88.0);
    let k = (x * LOG2E + ROUND) - ROUND;
    let r = x - k * LN2_HI - k * LN2_LO;
    let mut p = 1.987_569_1e-4_f32;
    p = p * r + 1.398_2e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5;
    let p = p * r * r + r + 1.0;
    // `k` is a whole number in -126..=127, so `k + 127 + 2^23` is exact and its mantissa
    // bits are `k + 127`: shifted into the exponent they make `2^k` (all in vector lanes;
    // a NaN `k` makes garbage here, but the NaN stays in `p`).
    let biased = (k + (127.0 + 8_388_608.0))
        .to_bits()
        .wrapping_sub(0x4B00_0000);
    let scale = f32::from_bits(biased << 23);
    p * scale
}

/// `1 / (1 + e^{-x})`.
#[inline]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

/// `tanh x` (Cephes `tanhf`).
#[inline]
fn tanh(x: f32) -> f32 {
    let a = x.abs();
    let z = x * x;
    let small = ((((-5.704_988_7e-3_f32 * z + 2.063_908_8e-2) * z - 5.373_971_5e-2) * z
        + 1.333_144_2e-1)
        * z
        - 3.333_328e-1)
        * z
        * x
        + x;
    let large = (1.0 - 2.0 / (exp(a + a) + 1.0)).copysign(x);
    if a < 0.625 {
        small
    } else {
        large
    }
}

/// Keras 3's `hard_sigmoid`: `relu6(x + 3) / 6`, i.e. `clip(x / 6 + 1/2, 0, 1)`.
#[inline]
fn hard_sigmoid(x: f32) -> f32 {
    (x + 3.0).clamp(0.0, 6.0) / 6.0
}

/// `max(x, 0)`, NaN passing through.
#[inline]
fn relu(x: f32) -> f32 {
    if x < 0.0 {
        0.0
    } else {
        x
    }
}

/// The portable body of [`activate`]; `#[inline(always)]` so that the AVX2 copy below is
/// compiled with AVX2 enabled.
#[allow(
    clippy::inline_always,
    reason = "the AVX2 copy below gets its own code only if this body is inlined into it"
)]
#[inline(always)]
fn activate_portable(activation: Activation, values: &mut [f32]) {
    match activation {
        Activation::Linear => {}
        Activation::Relu => values.iter_mut().for_each(|v| *v = relu(*v)),
        Activation::Sigmoid => values.iter_mut().for_each(|v| *v = sigmoid(*v)),
        Activation::HardSigmoid => values.iter_mut().for_each(|v| *v = hard_sigmoid(*v)),
        Activation::Tanh => values.iter_mut().for_each(|v| *v = tanh(*v)),
        Activation::Softmax => {
            Activation::Softmax.apply_inplace(ArrayViewMut1::from(values));
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn activate_avx2(activation: Activation, values: &mut [f32]) {
    activate_portable(activation, values);
}

/// Applies `activation` to one gate block in place: element-wise, except `Softmax`, which
/// normalises the whole block (Keras applies a cell's activation to `[batch, units]`).
pub(crate) fn activate(activation: Activation, values: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports AVX2 and FMA, checked just above.
            unsafe { activate_avx2(activation, values) };
            return;
        }
    }
    activate_portable(activation, values);
}

/// `z += h_prev · kernel` for `h_prev [batch, u]`, `kernel [u, n]`, `z [batch, n]`, with
/// `packed` the same kernel as [`PackedKernel`]: one sequential product per batch item up
/// to 8 items (rows that are not contiguous go through a copy), one matrix product for
/// larger batches. Shapes are checked by the callers.
pub(crate) fn add_recurrent(
    h_prev: ArrayView2<'_, f32>,
    kernel: ArrayView2<'_, f32>,
    packed: &PackedKernel,
    mut z: ArrayViewMut2<'_, f32>,
) {
    if z.nrows() > MATVEC_MAX_BATCH {
        general_mat_mul(1.0, &h_prev, &kernel, 1.0, &mut z);
        return;
    }
    for (h_row, mut z_row) in h_prev.outer_iter().zip(z.outer_iter_mut()) {
        if let (Some(h), Some(y)) = (h_row.to_slice(), z_row.as_slice_mut()) {
            packed.add_to(h, y);
            continue;
        }
        let mut y = z_row.to_vec();
        packed.add_to(&h_row.to_vec(), &mut y);
        z_row.assign(&ndarray::ArrayView1::from(&y));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_functions_match_the_reference_within_a_few_ulp() {
        let mut worst = [0.0f64; 3];
        for i in -20_000..=20_000 {
            let x = i as f32 * 1e-3;
            let pairs = [
                (exp(x), f64::from(x).exp()),
                (sigmoid(x), 1.0 / (1.0 + (-f64::from(x)).exp())),
                (tanh(x), f64::from(x).tanh()),
            ];
            for (k, (fast, exact)) in pairs.into_iter().enumerate() {
                let rel = (f64::from(fast) - exact).abs() / exact.abs().max(1e-30);
                worst[k] = worst[k].max(rel);
            }
        }
        assert!(worst.iter().all(|&w| w < 1e-6), "{worst:?}");
        assert!(tanh(0.0).abs() < f32::MIN_POSITIVE);
        assert!((tanh(100.0) - 1.0).abs() < f32::EPSILON);
        assert!((tanh(-100.0) + 1.0).abs() < f32::EPSILON);
        assert!((0.0..1e-37).contains(&sigmoid(-200.0)));
        assert!((sigmoid(200.0) - 1.0).abs() < f32::EPSILON);
        assert!(tanh(f32::NAN).is_nan() && sigmoid(f32::NAN).is_nan());
        assert!(hard_sigmoid(f32::NAN).is_nan() && relu(f32::NAN).is_nan());
    }

    #[test]
    fn hard_sigmoid_is_keras_3s() {
        for (x, y) in [
            (-4.0, 0.0),
            (-3.0, 0.0),
            (0.0, 0.5),
            (1.5, 0.75),
            (3.0, 1.0),
            (9.0, 1.0),
        ] {
            assert!((hard_sigmoid(x) - y).abs() < 1e-7, "{x}");
        }
    }
}
