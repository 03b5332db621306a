//! Backpropagation through time for one-direction `LSTM` and `GRU` layers, full or
//! truncated, as [`super::bptt`] does it for `SimpleRNN`.
//!
//! The forward pass keeps only `h_t` (and the LSTM's `c_t`); the backward pass recomputes
//! every step's gates at once from them (`z = X·kernel + b + H_prev·recurrent_kernel` is two
//! matrix products over all steps, since every `h_{t-1}` is known), then walks back
//! through time. Gate blocks and formulas are those of [`crate::rnn::lstm`] and
//! [`crate::rnn::gru`]; `σ'` and `act'` are taken from the gate values (see
//! [`super::activation_backward`]).

use ndarray::linalg::general_mat_mul;
use ndarray::{s, Array1, Array2, Array3, ArrayView2, ArrayView3, ArrayViewMut2, Axis, Zip};

use super::activation::activation_backward_inplace;
use super::bptt::OutputGrad;
use super::error::{check_shape, Result, TrainError};
use crate::rnn::gates;
use crate::rnn::{Activation, Gru, Lstm};

/// Gradients of an `LSTM`'s weights, in the weights' Keras layout (gates `i, f, c, o`).
#[derive(Clone, Debug, PartialEq)]
pub struct LstmGrads {
    /// `dL/dkernel`, `(D, 4u)`.
    pub kernel: Array2<f32>,
    /// `dL/drecurrent_kernel`, `(u, 4u)`.
    pub recurrent_kernel: Array2<f32>,
    /// `dL/dbias`, `(4u,)`; `None` when the layer has no bias.
    pub bias: Option<Array1<f32>>,
}

/// Gradients of a `GRU`'s weights, in the weights' layout (gates `z, r, h`).
#[derive(Clone, Debug, PartialEq)]
pub struct GruGrads {
    /// `dL/dkernel`, `(D, 3u)`.
    pub kernel: Array2<f32>,
    /// `dL/drecurrent_kernel`, `(u, 3u)`.
    pub recurrent_kernel: Array2<f32>,
    /// `dL/dbias`, `(2, 3u)` with `reset_after` (input bias, recurrent bias), `(1, 3u)`
    /// without; `None` when the layer has no bias.
    pub bias: Option<Array2<f32>>,
}

/// What one backward pass through a gated layer produces.
#[derive(Clone, Debug, PartialEq)]
pub struct GatedBackward<G> {
    /// Weight gradients.
    pub grads: G,
    /// `dL/d(input)`, `[batch, T, D]`.
    pub input_grad: Array3<f32>,
    /// `‖∂L/∂h_t‖` for `t = 0..T` (Frobenius norm over batch and units of the total
    /// gradient reaching `h_t`), `(T,)`, as [`super::SimpleRnnBackward::state_grad_norms`].
    pub state_grad_norms: Array1<f32>,
}

/// The output gradient as a sequence `[batch, T, u]` (a last-step gradient sits at `T-1`).
fn sequence_grad(
    grad: OutputGrad<'_>,
    batch: usize,
    timesteps: usize,
    u: usize,
) -> Result<Array3<f32>> {
    let mut out = Array3::<f32>::zeros((batch, timesteps, u));
    match grad {
        OutputGrad::Sequence(g) => {
            check_shape("output gradient", &[batch, timesteps, u], g.shape())?;
            out.assign(&g);
        }
        OutputGrad::Last(g) => {
            check_shape("output gradient", &[batch, u], g.shape())?;
            if timesteps > 0 {
                out.index_axis_mut(Axis(1), timesteps - 1).assign(&g);
            }
        }
    }
    Ok(out)
}

/// Full BPTT (`run_back(g, T, T)`) or, with `truncation = Some(k)`, one run per output
/// step `s` that receives a gradient, back through at most `k` steps.
fn drive(
    out_grad: ArrayView3<'_, f32>,
    truncation: Option<usize>,
    mut run_back: impl FnMut(ArrayView3<'_, f32>, usize, usize),
) -> Result<()> {
    let timesteps = out_grad.len_of(Axis(1));
    match truncation {
        Some(0) => return Err(TrainError::ZeroTruncation),
        None => run_back(out_grad, timesteps, timesteps),
        Some(k) => {
            for source in (0..timesteps).rev() {
                let g = out_grad.slice(s![.., source..=source, ..]);
                if g.iter().any(|&v| v != 0.0) {
                    run_back(g, source + 1, k.min(source + 1));
                }
            }
        }
    }
    Ok(())
}

/// `h_{t-1}` of every step, `[batch, T, u]` (zeros at `t = 0`), in standard layout.
fn previous(hidden: ArrayView3<'_, f32>) -> Array3<f32> {
    let (batch, timesteps, u) = hidden.dim();
    let mut prev = Array3::zeros((batch, timesteps, u));
    if timesteps > 1 {
        prev.slice_mut(s![.., 1.., ..])
            .assign(&hidden.slice(s![.., ..timesteps - 1, ..]));
    }
    prev
}

/// `a [batch, T, n]` as `[batch·T, n]` (copied to standard layout if needed).
fn rows(a: ArrayView3<'_, f32>) -> Result<Array2<f32>> {
    let (batch, timesteps, n) = a.dim();
    Ok(a.as_standard_layout()
        .into_owned()
        .into_shape_with_order((batch * timesteps, n))?)
}

/// Applies `activation` to columns `range` of every row of `z`, as the forward pass does.
fn activate_block(activation: Activation, z: &mut Array2<f32>, from: usize, to: usize) {
    for mut row in z.rows_mut() {
        let mut block = row.slice_mut(s![from..to]);
        match block.as_slice_mut() {
            Some(values) => gates::activate(activation, values),
            None => activation.apply_inplace(block),
        }
    }
}

/// `Σ_t ‖state_grad[:, t]‖` norms, `(T,)`.
fn norms(state_grad: &Array3<f32>) -> Array1<f32> {
    state_grad
        .axis_iter(Axis(1))
        .map(|g| g.iter().map(|v| v * v).sum::<f32>().sqrt())
        .collect()
}

/// Checks the arrays handed to a gated backward pass; returns `(batch, T)`.
fn check_arrays(
    inputs: ArrayView3<'_, f32>,
    input_dim: usize,
    hidden: ArrayView3<'_, f32>,
    u: usize,
) -> Result<(usize, usize)> {
    let (batch, timesteps, features) = inputs.dim();
    check_shape(
        "inputs",
        &[batch, timesteps, input_dim],
        &[batch, timesteps, features],
    )?;
    check_shape("hidden states", &[batch, timesteps, u], hidden.shape())?;
    Ok((batch, timesteps))
}

/// Backpropagation through time for `layer` run forward from the zero state over
/// `inputs [batch, T, D]`, producing `hidden` and `cell` (`[batch, T, u]` each, as
/// [`Lstm::hidden_states`] with `Direction::Forward`), given `grad = dL/d(output)`.
///
/// With `a_t = act(c_t)`, `dh_t = g_t + dz_{t+1}·Uᵀ` and `dc_{T} = 0`, back from `t = T-1`:
///
/// ```text
/// do = dh ⊙ a_t                      dc_t = dc_{t+1}·f_{t+1} + act'(dh ⊙ o)   (carried)
/// di = dc ⊙ c̃    df = dc ⊙ c_{t-1}   dc̃ = dc ⊙ i
/// dz = [σ'(di), σ'(df), act'(dc̃), σ'(do)]
/// dkernel += x_tᵀ·dz   drecurrent_kernel += h_{t-1}ᵀ·dz   dbias += Σ dz   dx_t = dz·kernelᵀ
/// ```
///
/// `truncation = Some(k)` cuts each output step's gradient (through `h` and `c`) after `k`
/// steps, as [`super::simple_rnn_backward`] does.
///
/// # Errors
/// [`TrainError::Shape`] when the arrays do not fit the layer or each other,
/// [`TrainError::ZeroTruncation`] for `Some(0)`.
#[allow(
    clippy::many_single_char_names,
    reason = "i, f, o, a, z are the formula's names"
)]
pub fn lstm_backward(
    layer: &Lstm,
    inputs: ArrayView3<'_, f32>,
    hidden: ArrayView3<'_, f32>,
    cell: ArrayView3<'_, f32>,
    grad: OutputGrad<'_>,
    truncation: Option<usize>,
) -> Result<GatedBackward<LstmGrads>> {
    let u = layer.units();
    let (batch, timesteps) = check_arrays(inputs, layer.input_dim(), hidden, u)?;
    check_shape("cell states", &[batch, timesteps, u], cell.shape())?;
    let out_grad = sequence_grad(grad, batch, timesteps, u)?;
    let weights = layer.weights();
    let config = layer.config();
    let d = layer.input_dim();
    // Every step's gates at once.
    let h_prev = previous(hidden);
    let mut z = rows(inputs)?.dot(&weights.kernel);
    general_mat_mul(
        1.0,
        &rows(h_prev.view())?,
        &weights.recurrent_kernel,
        1.0,
        &mut z,
    );
    if let Some(b) = &weights.bias {
        z += b;
    }
    activate_block(config.recurrent_activation, &mut z, 0, 2 * u);
    activate_block(config.activation, &mut z, 2 * u, 3 * u);
    activate_block(config.recurrent_activation, &mut z, 3 * u, 4 * u);
    let gates_all = z.into_shape_with_order((batch, timesteps, 4 * u))?;
    let mut act_c = rows(cell)?;
    activate_block(config.activation, &mut act_c, 0, u);
    let act_c = act_c.into_shape_with_order((batch, timesteps, u))?;
    let c_prev_all = previous(cell);

    let mut kernel = Array2::<f32>::zeros((d, 4 * u));
    let mut recurrent = Array2::<f32>::zeros((u, 4 * u));
    let mut bias = Array1::<f32>::zeros(4 * u);
    let mut input_grad = Array3::<f32>::zeros((batch, timesteps, d));
    let mut state_grad = Array3::<f32>::zeros((batch, timesteps, u));
    let mut carried_h = Array2::<f32>::zeros((batch, u));
    let mut carried_c = Array2::<f32>::zeros((batch, u));
    let mut dh = Array2::<f32>::zeros((batch, u));
    let mut dc = Array2::<f32>::zeros((batch, u));
    let mut dz = Array2::<f32>::zeros((batch, 4 * u));
    drive(out_grad.view(), truncation, |g, end, steps| {
        let first_injected = end - g.len_of(Axis(1));
        carried_h.fill(0.0);
        carried_c.fill(0.0);
        for t in (end - steps..end).rev() {
            dh.assign(&carried_h);
            if t >= first_injected {
                dh += &g.index_axis(Axis(1), t - first_injected);
            }
            state_grad
                .index_axis_mut(Axis(1), t)
                .zip_mut_with(&dh, |a, &b| *a += b);
            let gt = gates_all.index_axis(Axis(1), t);
            let (i, f) = (gt.slice(s![.., ..u]), gt.slice(s![.., u..2 * u]));
            let (cand, o) = (gt.slice(s![.., 2 * u..3 * u]), gt.slice(s![.., 3 * u..]));
            let a = act_c.index_axis(Axis(1), t);
            // dc = carried + act'(dh ⊙ o).
            Zip::from(&mut dc)
                .and(&dh)
                .and(&o)
                .for_each(|dc, &dh, &o| *dc = dh * o);
            activation_backward_inplace(config.activation, a, dc.view_mut());
            dc += &carried_c;
            {
                let (mut dz_if, mut dz_co) = dz.view_mut().split_at(Axis(1), 2 * u);
                let (mut dz_i, mut dz_f) = dz_if.view_mut().split_at(Axis(1), u);
                let (mut dz_c, mut dz_o) = dz_co.view_mut().split_at(Axis(1), u);
                Zip::from(&mut dz_o)
                    .and(&dh)
                    .and(&a)
                    .for_each(|d, &dh, &a| *d = dh * a);
                Zip::from(&mut dz_i)
                    .and(&dc)
                    .and(&cand)
                    .for_each(|d, &dc, &g| *d = dc * g);
                Zip::from(&mut dz_f)
                    .and(&dc)
                    .and(c_prev_all.index_axis(Axis(1), t))
                    .for_each(|d, &dc, &cp| *d = dc * cp);
                Zip::from(&mut dz_c)
                    .and(&dc)
                    .and(&i)
                    .for_each(|d, &dc, &i| *d = dc * i);
                activation_backward_inplace(config.recurrent_activation, i, dz_i);
                activation_backward_inplace(config.recurrent_activation, f, dz_f);
                activation_backward_inplace(config.activation, cand, dz_c);
                activation_backward_inplace(config.recurrent_activation, o, dz_o);
            }
            Zip::from(&mut carried_c)
                .and(&dc)
                .and(&f)
                .for_each(|c, &dc, &f| *c = dc * f);
            accumulate_input(
                inputs.index_axis(Axis(1), t),
                dz.view(),
                weights.kernel.view(),
                &mut kernel,
                input_grad.index_axis_mut(Axis(1), t),
            );
            for row in dz.rows() {
                bias += &row;
            }
            if t > 0 {
                let hp = hidden.index_axis(Axis(1), t - 1);
                general_mat_mul(1.0, &hp.t(), &dz, 1.0, &mut recurrent);
                general_mat_mul(1.0, &dz, &weights.recurrent_kernel.t(), 0.0, &mut carried_h);
            }
        }
    })?;
    Ok(GatedBackward {
        grads: LstmGrads {
            kernel,
            recurrent_kernel: recurrent,
            bias: config.use_bias.then_some(bias),
        },
        state_grad_norms: norms(&state_grad),
        input_grad,
    })
}

/// `dkernel += x_tᵀ·dz` and `dx_t += dz·kernelᵀ`.
fn accumulate_input(
    x_t: ArrayView2<'_, f32>,
    dz: ArrayView2<'_, f32>,
    kernel: ArrayView2<'_, f32>,
    kernel_grad: &mut Array2<f32>,
    mut dx: ArrayViewMut2<'_, f32>,
) {
    general_mat_mul(1.0, &x_t.t(), &dz, 1.0, kernel_grad);
    general_mat_mul(1.0, &dz, &kernel.t(), 1.0, &mut dx);
}

/// Backpropagation through time for `layer` run forward from the zero state over
/// `inputs [batch, T, D]`, producing `hidden [batch, T, u]` (as [`Gru::hidden_states`]
/// with `Direction::Forward`), given `grad = dL/d(output)`.
///
/// With `dh_t` the total gradient reaching `h_t` and `h̃` the candidate:
///
/// ```text
/// dz_z = σ'(dh ⊙ (h_{t-1} − h̃))       dn = act'(dh ⊙ (1 − z))
/// reset_after:  dr = σ'(dn ⊙ (h_{t-1}·U_h + b'_h))
///               dx-part = [dz_z, dr, dn]      dh-part = [dz_z, dr, dn ⊙ r]
///               dh_{t-1} = dh ⊙ z + dh-part·Uᵀ            db' += Σ dh-part
/// reset before: d(r⊙h) = dn·U_hᵀ        dr = σ'(d(r⊙h) ⊙ h_{t-1})
///               dU_zr += h_{t-1}ᵀ·[dz_z, dr]   dU_h += (r ⊙ h_{t-1})ᵀ·dn
///               dh_{t-1} = dh ⊙ z + d(r⊙h) ⊙ r + [dz_z, dr]·U_zrᵀ
/// dkernel += x_tᵀ·[dz_z, dr, dn]   db += Σ [dz_z, dr, dn]   dx_t = [dz_z, dr, dn]·kernelᵀ
/// ```
///
/// `truncation` as for [`lstm_backward`].
///
/// # Errors
/// [`TrainError::Shape`] when the arrays do not fit the layer or each other,
/// [`TrainError::ZeroTruncation`] for `Some(0)`.
#[allow(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    reason = "one pass with both reset variants side by side, named as in the formulas"
)]
pub fn gru_backward(
    layer: &Gru,
    inputs: ArrayView3<'_, f32>,
    hidden: ArrayView3<'_, f32>,
    grad: OutputGrad<'_>,
    truncation: Option<usize>,
) -> Result<GatedBackward<GruGrads>> {
    let u = layer.units();
    let (batch, timesteps) = check_arrays(inputs, layer.input_dim(), hidden, u)?;
    let out_grad = sequence_grad(grad, batch, timesteps, u)?;
    let weights = layer.weights();
    let config = layer.config();
    let reset_after = config.reset_after;
    let d = layer.input_dim();
    let rk = weights.recurrent_kernel.view();
    // Every step's gates at once: `xz` = x·W + b, `hz` = the recurrent parts.
    let h_prev_all = previous(hidden);
    let h_prev_rows = rows(h_prev_all.view())?;
    let mut xz = rows(inputs)?.dot(&weights.kernel);
    if let Some(b) = weights.input_bias() {
        xz += &b;
    }
    let mut hz = Array2::<f32>::zeros((batch * timesteps, 3 * u));
    if reset_after {
        general_mat_mul(1.0, &h_prev_rows, &rk, 0.0, &mut hz);
        if let Some(b) = weights.recurrent_bias() {
            hz += &b;
        }
    } else {
        let mut zr = hz.slice_mut(s![.., ..2 * u]);
        general_mat_mul(1.0, &h_prev_rows, &rk.slice(s![.., ..2 * u]), 0.0, &mut zr);
    }
    let mut gate = &xz + &hz; // z, r pre-activations in the first 2u columns.
    activate_block(config.recurrent_activation, &mut gate, 0, u);
    activate_block(config.recurrent_activation, &mut gate, u, 2 * u);
    // The reset product: r ⊙ (h·U_h + b'_h), or r ⊙ h_{t-1} (reset before).
    let reset_product = if reset_after {
        &gate.slice(s![.., u..2 * u]) * &hz.slice(s![.., 2 * u..])
    } else {
        &gate.slice(s![.., u..2 * u]) * &h_prev_rows
    };
    {
        let mut cand = gate.slice_mut(s![.., 2 * u..]);
        cand.assign(&xz.slice(s![.., 2 * u..]));
        if reset_after {
            cand += &reset_product;
        } else {
            general_mat_mul(
                1.0,
                &reset_product,
                &rk.slice(s![.., 2 * u..]),
                1.0,
                &mut cand,
            );
        }
    }
    activate_block(config.activation, &mut gate, 2 * u, 3 * u);
    let gates_all = gate.into_shape_with_order((batch, timesteps, 3 * u))?;
    let hz_h = hz
        .slice(s![.., 2 * u..])
        .to_owned()
        .into_shape_with_order((batch, timesteps, u))?;
    let reset_product = reset_product.into_shape_with_order((batch, timesteps, u))?;

    let mut kernel = Array2::<f32>::zeros((d, 3 * u));
    let mut recurrent = Array2::<f32>::zeros((u, 3 * u));
    let mut bias = Array2::<f32>::zeros((if reset_after { 2 } else { 1 }, 3 * u));
    let mut input_grad = Array3::<f32>::zeros((batch, timesteps, d));
    let mut state_grad = Array3::<f32>::zeros((batch, timesteps, u));
    let mut carried = Array2::<f32>::zeros((batch, u));
    let mut dh = Array2::<f32>::zeros((batch, u));
    let mut dx_part = Array2::<f32>::zeros((batch, 3 * u));
    let mut dh_part = Array2::<f32>::zeros((batch, 3 * u));
    let mut d_reset_state = Array2::<f32>::zeros((batch, u));
    drive(out_grad.view(), truncation, |g, end, steps| {
        let first_injected = end - g.len_of(Axis(1));
        carried.fill(0.0);
        for t in (end - steps..end).rev() {
            dh.assign(&carried);
            if t >= first_injected {
                dh += &g.index_axis(Axis(1), t - first_injected);
            }
            state_grad
                .index_axis_mut(Axis(1), t)
                .zip_mut_with(&dh, |a, &b| *a += b);
            let gt = gates_all.index_axis(Axis(1), t);
            let (zg, rg, ng) = (
                gt.slice(s![.., ..u]),
                gt.slice(s![.., u..2 * u]),
                gt.slice(s![.., 2 * u..]),
            );
            let hp = h_prev_all.index_axis(Axis(1), t);
            {
                let (mut dz_z, mut rest) = dx_part.view_mut().split_at(Axis(1), u);
                let (mut dz_r, mut dn) = rest.view_mut().split_at(Axis(1), u);
                Zip::from(&mut dz_z)
                    .and(&dh)
                    .and(&hp)
                    .and(&ng)
                    .for_each(|d, &dh, &hp, &n| *d = dh * (hp - n));
                activation_backward_inplace(config.recurrent_activation, zg, dz_z.view_mut());
                Zip::from(&mut dn)
                    .and(&dh)
                    .and(&zg)
                    .for_each(|d, &dh, &z| *d = dh * (1.0 - z));
                activation_backward_inplace(config.activation, ng, dn.view_mut());
                if reset_after {
                    Zip::from(&mut dz_r)
                        .and(&dn)
                        .and(hz_h.index_axis(Axis(1), t))
                        .for_each(|d, &dn, &hh| *d = dn * hh);
                } else {
                    general_mat_mul(
                        1.0,
                        &dn,
                        &rk.slice(s![.., 2 * u..]).t(),
                        0.0,
                        &mut d_reset_state,
                    );
                    Zip::from(&mut dz_r)
                        .and(&d_reset_state)
                        .and(&hp)
                        .for_each(|d, &drh, &hp| *d = drh * hp);
                }
                activation_backward_inplace(config.recurrent_activation, rg, dz_r);
            }
            accumulate_input(
                inputs.index_axis(Axis(1), t),
                dx_part.view(),
                weights.kernel.view(),
                &mut kernel,
                input_grad.index_axis_mut(Axis(1), t),
            );
            let mut b_in = bias.row_mut(0);
            for row in dx_part.rows() {
                b_in += &row;
            }
            // dh_{t-1} = dh ⊙ z + …
            Zip::from(&mut carried)
                .and(&dh)
                .and(&zg)
                .for_each(|c, &dh, &z| *c = dh * z);
            if reset_after {
                dh_part
                    .slice_mut(s![.., ..2 * u])
                    .assign(&dx_part.slice(s![.., ..2 * u]));
                Zip::from(dh_part.slice_mut(s![.., 2 * u..]))
                    .and(dx_part.slice(s![.., 2 * u..]))
                    .and(&rg)
                    .for_each(|d, &dn, &r| *d = dn * r);
                if bias.nrows() > 1 {
                    let mut b_rec = bias.row_mut(1);
                    for row in dh_part.rows() {
                        b_rec += &row;
                    }
                }
                if t > 0 {
                    general_mat_mul(1.0, &hp.t(), &dh_part, 1.0, &mut recurrent);
                    general_mat_mul(1.0, &dh_part, &rk.t(), 1.0, &mut carried);
                }
            } else if t > 0 {
                let dzr = dx_part.slice(s![.., ..2 * u]);
                let mut rec_zr = recurrent.slice_mut(s![.., ..2 * u]);
                general_mat_mul(1.0, &hp.t(), &dzr, 1.0, &mut rec_zr);
                let mut rec_h = recurrent.slice_mut(s![.., 2 * u..]);
                general_mat_mul(
                    1.0,
                    &reset_product.index_axis(Axis(1), t).t(),
                    &dx_part.slice(s![.., 2 * u..]),
                    1.0,
                    &mut rec_h,
                );
                Zip::from(&mut carried)
                    .and(&d_reset_state)
                    .and(&rg)
                    .for_each(|c, &drh, &r| *c += drh * r);
                general_mat_mul(1.0, &dzr, &rk.slice(s![.., ..2 * u]).t(), 1.0, &mut carried);
            }
        }
    })?;
    Ok(GatedBackward {
        grads: GruGrads {
            kernel,
            recurrent_kernel: recurrent,
            bias: config.use_bias.then_some(bias),
        },
        state_grad_norms: norms(&state_grad),
        input_grad,
    })
}
