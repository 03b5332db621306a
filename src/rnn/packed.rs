//! A recurrent kernel laid out for the batch-1 product `y += h · K` of the gated cells:
//! `K (inputs, outputs)` cut into tiles of 32 output columns, each tile stored row after
//! row (`[inputs][32]`, the last tile padded with zero columns), so one step reads the whole
//! matrix front to back in one sequential stream and keeps 32 outputs in registers — no
//! horizontal sums, and the hardware prefetcher sees a single stream. AVX2+FMA works on two
//! tiles at once (eight accumulator registers), picked at run time; elsewhere the portable
//! loop vectorises (simd128 in wasm).

/// Output columns per tile.
const TILE: usize = 32;

/// `K (inputs, outputs)` in tiles of [`TILE`] output columns (see the module docs).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PackedKernel {
    /// `tiles × inputs × TILE` numbers.
    data: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl PackedKernel {
    /// Packs `kernel (inputs, outputs)`.
    pub(crate) fn new(kernel: ndarray::ArrayView2<'_, f32>) -> Self {
        let (inputs, outputs) = kernel.dim();
        let tiles = outputs.div_ceil(TILE);
        let mut data = vec![0.0f32; tiles * inputs * TILE];
        for (tile, block) in data.chunks_exact_mut(inputs * TILE).enumerate() {
            for (i, row) in block.chunks_exact_mut(TILE).enumerate() {
                for (l, v) in row.iter_mut().enumerate() {
                    let j = tile * TILE + l;
                    if j < outputs {
                        *v = kernel[[i, j]];
                    }
                }
            }
        }
        Self {
            data,
            inputs,
            outputs,
        }
    }

    /// `y += h · K` for one batch row: `h [inputs]`, `y [outputs]` (shorter slices are
    /// taken as they are; callers pass matching sizes).
    pub(crate) fn add_to(&self, h: &[f32], y: &mut [f32]) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                // SAFETY: the CPU supports AVX2 and FMA, checked just above.
                unsafe { self.add_to_avx2(h, y) };
                return;
            }
        }
        self.add_to_portable(h, y);
    }

    /// The portable loop: one tile at a time, 32 accumulators the compiler keeps in
    /// vector registers.
    fn add_to_portable(&self, h: &[f32], y: &mut [f32]) {
        let inputs = self.inputs.min(h.len());
        if self.inputs == 0 {
            return;
        }
        for (tile, block) in self.data.chunks_exact(self.inputs * TILE).enumerate() {
            let mut acc = [0.0f32; TILE];
            for (row, &hi) in block.chunks_exact(TILE).zip(&h[..inputs]) {
                for l in 0..TILE {
                    acc[l] += hi * row[l];
                }
            }
            let start = tile * TILE;
            let end = (start + TILE).min(self.outputs).min(y.len());
            if start < end {
                for (yj, a) in y[start..end].iter_mut().zip(acc) {
                    *yj += a;
                }
            }
        }
    }

    /// AVX2+FMA: two tiles (64 outputs) at a time, eight 8-wide accumulators; a last odd
    /// tile alone.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn add_to_avx2(&self, h: &[f32], y: &mut [f32]) {
        use std::arch::x86_64::{
            __m256, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_set1_ps, _mm256_setzero_ps,
            _mm256_storeu_ps,
        };
        let inputs = self.inputs.min(h.len());
        if self.inputs == 0 {
            return;
        }
        let stride = self.inputs * TILE;
        let tiles = self.data.len() / stride;
        let flush = |acc: &[__m256], tile: usize, y: &mut [f32]| {
            for (k, a) in acc.iter().enumerate() {
                let mut lanes = [0.0f32; 8];
                // SAFETY: `lanes` holds exactly 8 floats.
                unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), *a) };
                let start = tile * TILE + k * 8;
                let end = (start + 8).min(self.outputs).min(y.len());
                if start < end {
                    for (yj, v) in y[start..end].iter_mut().zip(lanes) {
                        *yj += v;
                    }
                }
            }
        };
        let mut tile = 0;
        while tile + 2 <= tiles {
            let a = &self.data[tile * stride..(tile + 1) * stride];
            let b = &self.data[(tile + 1) * stride..(tile + 2) * stride];
            let mut acc = [_mm256_setzero_ps(); 8];
            for (i, &hi) in h[..inputs].iter().enumerate() {
                let hv = _mm256_set1_ps(hi);
                let (ra, rb) = (&a[i * TILE..(i + 1) * TILE], &b[i * TILE..(i + 1) * TILE]);
                for k in 0..4 {
                    // SAFETY: `ra`/`rb` hold TILE = 32 floats, so the 8-wide loads at
                    // 8·k (k < 4) stay inside them; `loadu` needs no alignment.
                    unsafe {
                        acc[k] =
                            _mm256_fmadd_ps(hv, _mm256_loadu_ps(ra.as_ptr().add(8 * k)), acc[k]);
                        acc[4 + k] = _mm256_fmadd_ps(
                            hv,
                            _mm256_loadu_ps(rb.as_ptr().add(8 * k)),
                            acc[4 + k],
                        );
                    }
                }
            }
            flush(&acc[..4], tile, y);
            flush(&acc[4..], tile + 1, y);
            tile += 2;
        }
        if tile < tiles {
            let a = &self.data[tile * stride..(tile + 1) * stride];
            let mut acc = [_mm256_setzero_ps(); 4];
            for (i, &hi) in h[..inputs].iter().enumerate() {
                let hv = _mm256_set1_ps(hi);
                let ra = &a[i * TILE..(i + 1) * TILE];
                for (k, acc) in acc.iter_mut().enumerate() {
                    // SAFETY: as above, inside the 32 floats of `ra`.
                    unsafe {
                        *acc = _mm256_fmadd_ps(hv, _mm256_loadu_ps(ra.as_ptr().add(8 * k)), *acc);
                    }
                }
            }
            flush(&acc, tile, y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_product_matches_the_naive_sum() {
        for (inputs, outputs) in [
            (1, 1),
            (3, 5),
            (8, 32),
            (7, 33),
            (16, 64),
            (5, 100),
            (31, 97),
        ] {
            let k = ndarray::Array2::from_shape_fn((inputs, outputs), |(i, j)| {
                ((i * 7 + j * 3) as f32 * 0.37).sin()
            });
            let h: Vec<f32> = (0..inputs).map(|i| (i as f32 * 0.11).cos()).collect();
            let packed = PackedKernel::new(k.view());
            let mut y = vec![1.0f32; outputs];
            packed.add_to(&h, &mut y);
            let mut y_portable = vec![1.0f32; outputs];
            packed.add_to_portable(&h, &mut y_portable);
            for j in 0..outputs {
                let naive: f32 = 1.0 + (0..inputs).map(|i| k[[i, j]] * h[i]).sum::<f32>();
                assert!((y[j] - naive).abs() < 1e-4, "{inputs}x{outputs} column {j}");
                assert!(
                    (y_portable[j] - naive).abs() < 1e-4,
                    "{inputs}x{outputs} column {j}"
                );
            }
        }
    }
}
