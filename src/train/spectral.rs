//! Eigenvalues of small non-symmetric matrices (balance, Hessenberg reduction, Francis
//! double-shift QR, all in f64) and the spectral radius of a recurrent kernel.
//!
//! Power iteration is unreliable here: a recurrent kernel is not symmetric, its dominant
//! eigenvalues often come in complex pairs of equal modulus, and then the iteration does
//! not converge. The QR algorithm finds every eigenvalue. Checked against
//! `numpy.linalg.eigvals` (`tests/fixtures/train/spectral_radius.json`).

use ndarray::ArrayView2;

/// Sweeps of the QR algorithm allowed per eigenvalue before giving up (LAPACK allows 30).
const MAX_SWEEPS_PER_EIGENVALUE: usize = 60;

/// Every eigenvalue `(re, im)` of a square matrix `a (n, n)`, in no particular order;
/// complex eigenvalues come in conjugate pairs.
///
/// Method (Numerical Recipes §11.6–11.7, EISPACK `balanc`/`elmhes`/`hqr`): balance
/// `A ← D⁻¹ A D` by powers of two, reduce to upper Hessenberg form by Gaussian
/// elimination with pivoting (a similarity transform), then Francis double-shift QR
/// sweeps until every 1×1 or 2×2 diagonal block has split off. Computed in f64.
///
/// Returns `None` for a non-square or non-finite matrix, or when QR does not converge
/// within 60 sweeps per eigenvalue (not seen on real matrices).
#[must_use]
pub fn eigenvalues(a: ArrayView2<'_, f32>) -> Option<Vec<(f64, f64)>> {
    let (n, cols) = a.dim();
    if n != cols || a.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut m: Vec<Vec<f64>> = a
        .rows()
        .into_iter()
        .map(|r| r.iter().map(|&v| f64::from(v)).collect())
        .collect();
    balance(&mut m);
    hessenberg(&mut m);
    hqr(&mut m)
}

/// The spectral radius `ρ(A) = max |λ_i|` of a square matrix `a (n, n)` (see
/// [`eigenvalues`]); 0 for an empty matrix, NaN when the eigenvalues cannot be computed
/// (non-square or non-finite input).
///
/// For a recurrent kernel `W_hh`, `ρ < 1` means the linearised state map contracts:
/// gradients through many steps tend to vanish; `ρ > 1` lets them grow.
#[must_use]
#[allow(
    clippy::cast_possible_truncation,
    reason = "computed in f64, reported in the weights' f32"
)]
pub fn spectral_radius(a: ArrayView2<'_, f32>) -> f32 {
    match eigenvalues(a) {
        Some(values) => values
            .iter()
            .map(|&(re, im)| re.hypot(im))
            .fold(0.0, f64::max) as f32,
        None => f32::NAN,
    }
}

/// Scales rows and columns by powers of two so their norms are comparable (a similarity
/// transform that does not change the eigenvalues but makes QR more accurate).
#[allow(
    clippy::many_single_char_names,
    reason = "the names of the textbook algorithm (row/column norms r, c, factor f)"
)]
fn balance(a: &mut [Vec<f64>]) {
    const RADIX: f64 = 2.0;
    let n = a.len();
    let mut done = false;
    while !done {
        done = true;
        for i in 0..n {
            let mut r = 0.0;
            let mut c = 0.0;
            for j in (0..n).filter(|&j| j != i) {
                c += a[j][i].abs();
                r += a[i][j].abs();
            }
            if c == 0.0 || r == 0.0 {
                continue;
            }
            let s = c + r;
            let mut f = 1.0;
            let mut g = r / RADIX;
            while c < g {
                f *= RADIX;
                c *= RADIX * RADIX;
            }
            g = r * RADIX;
            while c > g {
                f /= RADIX;
                c /= RADIX * RADIX;
            }
            if (c + r) / f < 0.95 * s {
                done = false;
                let g = 1.0 / f;
                for v in &mut a[i] {
                    *v *= g;
                }
                for row in a.iter_mut() {
                    row[i] *= f;
                }
            }
        }
    }
}

/// Reduces `a` to upper Hessenberg form by elimination with partial pivoting (similarity
/// transforms only), then zeroes everything below the subdiagonal.
#[allow(
    clippy::needless_range_loop,
    reason = "row `i` is updated from row `m` of the same matrix"
)]
fn hessenberg(a: &mut [Vec<f64>]) {
    let n = a.len();
    for m in 1..n.saturating_sub(1) {
        let mut x = 0.0_f64;
        let mut pivot = m;
        for (j, row) in a.iter().enumerate().skip(m) {
            if row[m - 1].abs() > x.abs() {
                x = row[m - 1];
                pivot = j;
            }
        }
        if pivot != m {
            a.swap(pivot, m);
            for row in a.iter_mut() {
                row.swap(pivot, m);
            }
        }
        if x != 0.0 {
            for i in (m + 1)..n {
                let y = a[i][m - 1];
                if y != 0.0 {
                    let y = y / x;
                    a[i][m - 1] = y;
                    for j in m..n {
                        a[i][j] -= y * a[m][j];
                    }
                    for row in a.iter_mut() {
                        row[m] += y * row[i];
                    }
                }
            }
        }
    }
    for (i, row) in a.iter_mut().enumerate() {
        for v in row.iter_mut().take(i.saturating_sub(1)) {
            *v = 0.0;
        }
    }
}

/// `|a|` with the sign of `b` (Fortran `SIGN`).
fn sign(a: f64, b: f64) -> f64 {
    if b >= 0.0 {
        a.abs()
    } else {
        -a.abs()
    }
}

/// Eigenvalues of an upper Hessenberg matrix by Francis double-shift QR (destroys `a`).
#[allow(
    clippy::many_single_char_names,
    clippy::similar_names,
    clippy::too_many_lines,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_range_loop,
    reason = "a transcription of the textbook algorithm: its names and signed index \
              arithmetic (indices stay within 0..n) keep it checkable against the source"
)]
fn hqr(a: &mut [Vec<f64>]) -> Option<Vec<(f64, f64)>> {
    let n = a.len();
    let mut out = vec![(0.0, 0.0); n];
    if n == 0 {
        return Some(out);
    }
    let eps = f64::EPSILON;
    let mut anorm = 0.0;
    for (i, row) in a.iter().enumerate() {
        for v in row.iter().skip(i.saturating_sub(1)) {
            anorm += v.abs();
        }
    }
    let u = |i: isize| i as usize;
    let mut nn: isize = n as isize - 1;
    let mut t = 0.0;
    let max_sweeps = MAX_SWEEPS_PER_EIGENVALUE;
    while nn >= 0 {
        let mut its = 0;
        loop {
            // Look for a single small subdiagonal element to split the matrix.
            let mut l = nn;
            while l > 0 {
                let mut s = a[u(l - 1)][u(l - 1)].abs() + a[u(l)][u(l)].abs();
                if s == 0.0 {
                    s = anorm;
                }
                if a[u(l)][u(l - 1)].abs() <= eps * s {
                    a[u(l)][u(l - 1)] = 0.0;
                    break;
                }
                l -= 1;
            }
            let mut x = a[u(nn)][u(nn)];
            if l == nn {
                // One root found.
                out[u(nn)] = (x + t, 0.0);
                nn -= 1;
            } else {
                let mut y = a[u(nn - 1)][u(nn - 1)];
                let mut w = a[u(nn)][u(nn - 1)] * a[u(nn - 1)][u(nn)];
                if l == nn - 1 {
                    // Two roots found.
                    let p = 0.5 * (y - x);
                    let q = p * p + w;
                    let z = q.abs().sqrt();
                    x += t;
                    if q >= 0.0 {
                        let z = p + sign(z, p);
                        let second = if z == 0.0 { x + z } else { x - w / z };
                        out[u(nn - 1)] = (x + z, 0.0);
                        out[u(nn)] = (second, 0.0);
                    } else {
                        out[u(nn - 1)] = (x + p, z);
                        out[u(nn)] = (x + p, -z);
                    }
                    nn -= 2;
                } else {
                    if its == max_sweeps {
                        return None;
                    }
                    if its == 10 || its == 20 || its == 40 {
                        // Exceptional shift.
                        t += x;
                        for i in 0..=u(nn) {
                            a[i][i] -= x;
                        }
                        let s = a[u(nn)][u(nn - 1)].abs() + a[u(nn - 1)][u(nn - 2)].abs();
                        x = 0.75 * s;
                        y = x;
                        w = -0.4375 * s * s;
                    }
                    its += 1;
                    // Look for two consecutive small subdiagonal elements.
                    let mut m = nn - 2;
                    let (mut p, mut q, mut r);
                    loop {
                        let z = a[u(m)][u(m)];
                        r = x - z;
                        let s = y - z;
                        p = (r * s - w) / a[u(m + 1)][u(m)] + a[u(m)][u(m + 1)];
                        q = a[u(m + 1)][u(m + 1)] - z - r - s;
                        r = a[u(m + 2)][u(m + 1)];
                        let s = p.abs() + q.abs() + r.abs();
                        p /= s;
                        q /= s;
                        r /= s;
                        if m == l {
                            break;
                        }
                        let uu = a[u(m)][u(m - 1)].abs() * (q.abs() + r.abs());
                        let vv = p.abs()
                            * (a[u(m - 1)][u(m - 1)].abs() + z.abs() + a[u(m + 1)][u(m + 1)].abs());
                        if uu <= eps * vv {
                            break;
                        }
                        m -= 1;
                    }
                    for i in m..(nn - 1) {
                        a[u(i + 2)][u(i)] = 0.0;
                        if i != m {
                            a[u(i + 2)][u(i - 1)] = 0.0;
                        }
                    }
                    // Double QR step on rows l..=nn and columns m..=nn.
                    let mut k = m;
                    while k < nn {
                        if k != m {
                            p = a[u(k)][u(k - 1)];
                            q = a[u(k + 1)][u(k - 1)];
                            r = 0.0;
                            if k + 1 != nn {
                                r = a[u(k + 2)][u(k - 1)];
                            }
                            x = p.abs() + q.abs() + r.abs();
                            if x != 0.0 {
                                p /= x;
                                q /= x;
                                r /= x;
                            }
                        }
                        let s = sign((p * p + q * q + r * r).sqrt(), p);
                        if s != 0.0 {
                            if k == m {
                                if l != m {
                                    a[u(k)][u(k - 1)] = -a[u(k)][u(k - 1)];
                                }
                            } else {
                                a[u(k)][u(k - 1)] = -s * x;
                            }
                            p += s;
                            x = p / s;
                            y = q / s;
                            let z = r / s;
                            q /= p;
                            r /= p;
                            for j in u(k)..=u(nn) {
                                let mut pp = a[u(k)][j] + q * a[u(k + 1)][j];
                                if k + 1 != nn {
                                    pp += r * a[u(k + 2)][j];
                                    a[u(k + 2)][j] -= pp * z;
                                }
                                a[u(k + 1)][j] -= pp * y;
                                a[u(k)][j] -= pp * x;
                            }
                            let mmin = if nn < k + 3 { nn } else { k + 3 };
                            for i in u(l)..=u(mmin) {
                                let mut pp = x * a[i][u(k)] + y * a[i][u(k + 1)];
                                if k + 1 != nn {
                                    pp += z * a[i][u(k + 2)];
                                    a[i][u(k + 2)] -= pp * r;
                                }
                                a[i][u(k + 1)] -= pp * q;
                                a[i][u(k)] -= pp;
                            }
                        }
                        k += 1;
                    }
                }
            }
            if l + 1 >= nn {
                break;
            }
        }
    }
    Some(out)
}
