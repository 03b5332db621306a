//! The hot inner loop of a batch-1 recurrent step, `y += Rᵀ h`, written so the compiler
//! vectorises it, with an AVX2+FMA kernel picked at run time on x86-64.

/// Lanes summed in parallel by the portable kernel: 16 f32 (four SSE/wasm registers).
const LANES: usize = 16;

/// `Σ_i a_i · b_i` over equal-length slices with `LANES` partial sums (portable; the
/// compiler vectorises the fixed-width inner loop).
#[allow(
    clippy::inline_always,
    reason = "a tiny helper of the per-step hot loop, kept inlined into its callers' row loops"
)]
#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let (a_chunks, a_tail) = a.as_chunks::<LANES>();
    let (b_chunks, b_tail) = b.as_chunks::<LANES>();
    let mut acc = [0.0f32; LANES];
    for (x, y) in a_chunks.iter().zip(b_chunks) {
        for l in 0..LANES {
            acc[l] += x[l] * y[l];
        }
    }
    let mut sum = 0.0;
    for (x, y) in a_tail.iter().zip(b_tail) {
        sum += x * y;
    }
    acc.iter().sum::<f32>() + sum
}

/// Portable `y_j += Σ_i rt[j, i] · h_i`.
fn matvec_add_portable(rt: &[f32], h: &[f32], y: &mut [f32]) {
    if h.is_empty() {
        return;
    }
    for (yj, row) in y.iter_mut().zip(rt.chunks_exact(h.len())) {
        *yj += dot(row, h);
    }
}

/// Output rows handled together by the AVX2 kernel.
#[cfg(target_arch = "x86_64")]
const BLOCK: usize = 8;

/// AVX2+FMA `y_j += Σ_i rt[j, i] · h_i`: eight output rows at a time share each 8-wide load
/// of `h`, one fused multiply-add chain per row.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
#[allow(
    clippy::many_single_char_names,
    reason = "the names of the formula above: rt, h, y and the register lanes"
)]
fn matvec_add_avx2_fma(rt: &[f32], h: &[f32], y: &mut [f32]) {
    use std::arch::x86_64::{
        __m256, _mm256_castps256_ps128, _mm256_extractf128_ps, _mm256_fmadd_ps, _mm256_loadu_ps,
        _mm256_setzero_ps, _mm_add_ps, _mm_cvtss_f32, _mm_hadd_ps,
    };
    let n = h.len();
    if n == 0 {
        return;
    }
    let rows = y.len().min(rt.len() / n);
    let (h_chunks, h_tail) = h.as_chunks::<8>();
    let tail_start = n - h_tail.len();
    let hsum = |v: __m256| -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps::<1>(v));
        let s = _mm_hadd_ps(s, s);
        _mm_cvtss_f32(_mm_hadd_ps(s, s))
    };
    let scalar_tail = |row: &[f32]| -> f32 {
        row[tail_start..]
            .iter()
            .zip(h_tail)
            .map(|(a, b)| a * b)
            .sum()
    };
    // Eight rows at a time: eight independent FMA chains cover the FMA latency.
    let mut j = 0;
    while j + BLOCK <= rows {
        let block = &rt[j * n..(j + BLOCK) * n];
        let mut a = [_mm256_setzero_ps(); BLOCK];
        for (k, hk) in h_chunks.iter().enumerate() {
            // SAFETY: `k * 8 + 8 <= n` (whole chunks of `h`) and row `r < BLOCK` of the
            // block starts at `r * n`, so every 8-wide load stays inside `block`; `loadu`
            // has no alignment requirement.
            unsafe {
                let hv = _mm256_loadu_ps(hk.as_ptr());
                let base = block.as_ptr().add(k * 8);
                for (r, acc) in a.iter_mut().enumerate() {
                    *acc = _mm256_fmadd_ps(_mm256_loadu_ps(base.add(r * n)), hv, *acc);
                }
            }
        }
        for (r, acc) in a.iter().enumerate() {
            y[j + r] += hsum(*acc) + scalar_tail(&block[r * n..(r + 1) * n]);
        }
        j += BLOCK;
    }
    for jj in j..rows {
        let row = &rt[jj * n..(jj + 1) * n];
        let (c, _) = row.as_chunks::<8>();
        let mut acc = _mm256_setzero_ps();
        for (k, hk) in h_chunks.iter().enumerate() {
            // SAFETY: as above, in-bounds `[f32; 8]` chunks, unaligned loads.
            unsafe {
                acc = _mm256_fmadd_ps(
                    _mm256_loadu_ps(c[k].as_ptr()),
                    _mm256_loadu_ps(hk.as_ptr()),
                    acc,
                );
            }
        }
        y[jj] += hsum(acc) + scalar_tail(row);
    }
}

/// `y += Rᵀ h` with `rt = Rᵀ` row-major `[H_out, H_in]`, `h [H_in]`, `y [H_out]`: the
/// batch-1 recurrent product `y += h · recurrent_kernel`. Rows beyond `y.len()` or a short
/// `rt` are ignored (callers pass matching sizes).
pub(crate) fn matvec_add(rt: &[f32], h: &[f32], y: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports AVX2 and FMA, checked just above.
            unsafe { matvec_add_avx2_fma(rt, h, y) };
            return;
        }
    }
    matvec_add_portable(rt, h, y);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matvec_matches_naive_sum() {
        for n in [1, 5, 8, 31, 32, 33, 100] {
            let rt: Vec<f32> = (0..n * 7).map(|i| (i as f32 * 0.37).sin()).collect();
            let h: Vec<f32> = (0..n).map(|i| (i as f32 * 0.11).cos()).collect();
            let mut y = vec![1.0f32; 7];
            matvec_add(&rt, &h, &mut y);
            let mut y_portable = vec![1.0f32; 7];
            matvec_add_portable(&rt, &h, &mut y_portable);
            for j in 0..7 {
                let naive: f32 = 1.0 + (0..n).map(|i| rt[j * n + i] * h[i]).sum::<f32>();
                assert!((y[j] - naive).abs() < 1e-4, "n {n} row {j}");
                assert!((y_portable[j] - naive).abs() < 1e-4, "n {n} row {j}");
            }
        }
    }
}
