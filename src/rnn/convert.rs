//! Weights in other people's layouts turned into Keras layout: the seed chapter's numpy
//! notation and `PyTorch` `nn.RNN`, `nn.LSTM` and `nn.GRU`.

use ndarray::{ArrayView1, ArrayView2};

use super::error::{Result, RnnError, WeightName};
use super::gru::{swap_reset_update, swap_reset_update_columns, GruWeights};
use super::lstm::LstmWeights;
use super::simple_rnn::{check_shape, SimpleRnnWeights};

/// The seed chapter's column-vector notation `h_t = tanh(Wx x_t + Wh h_{t-1} + b)` with
/// `wx (H, D)`, `wh (H, H)`, `b (H,)` → Keras layout `kernel = Wxᵀ (D, H)`,
/// `recurrent_kernel = Whᵀ (H, H)`, `bias = b (H,)` (same function, row vectors).
///
/// # Errors
/// [`RnnError::WeightShape`] (named by the Keras tensor it becomes) when `wh` is not
/// `(H, H)` or `b` is not `(H,)` with `H = wx.nrows()`; [`RnnError::ZeroSize`] if empty.
pub fn from_seed_notation(
    wx: ArrayView2<'_, f32>,
    wh: ArrayView2<'_, f32>,
    b: ArrayView1<'_, f32>,
) -> Result<SimpleRnnWeights> {
    let h = wx.nrows();
    check_nonzero(h, wx.ncols())?;
    check_shape(WeightName::RecurrentKernel, &[h, h], wh.shape())?;
    check_shape(WeightName::Bias, &[h], b.shape())?;
    Ok(SimpleRnnWeights {
        kernel: wx.t().as_standard_layout().into_owned(),
        recurrent_kernel: wh.t().as_standard_layout().into_owned(),
        bias: Some(b.to_owned()),
    })
}

/// PyTorch `nn.RNN` (one layer, one direction),
/// `h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh)`, with `weight_ih (H, D)`,
/// `weight_hh (H, H)`, `bias_ih (H,)`, `bias_hh (H,)` → Keras layout
/// `kernel = W_ihᵀ (D, H)`, `recurrent_kernel = W_hhᵀ (H, H)`, `bias = b_ih + b_hh (H,)`. Pass `None` for both biases when the torch layer has
/// `bias=False` (a single given bias is used alone).
///
/// # Errors
/// [`RnnError::WeightShape`] (named by the Keras tensor it becomes) for wrong shapes;
/// [`RnnError::ZeroSize`] if empty.
pub fn from_pytorch(
    weight_ih: ArrayView2<'_, f32>,
    weight_hh: ArrayView2<'_, f32>,
    bias_ih: Option<ArrayView1<'_, f32>>,
    bias_hh: Option<ArrayView1<'_, f32>>,
) -> Result<SimpleRnnWeights> {
    let h = weight_ih.nrows();
    check_nonzero(h, weight_ih.ncols())?;
    check_shape(WeightName::RecurrentKernel, &[h, h], weight_hh.shape())?;
    if let Some(b) = &bias_ih {
        check_shape(WeightName::Bias, &[h], b.shape())?;
    }
    if let Some(b) = &bias_hh {
        check_shape(WeightName::Bias, &[h], b.shape())?;
    }
    let bias = match (bias_ih, bias_hh) {
        (Some(a), Some(b)) => Some(&a + &b),
        (Some(a), None) => Some(a.to_owned()),
        (None, Some(b)) => Some(b.to_owned()),
        (None, None) => None,
    };
    Ok(SimpleRnnWeights {
        kernel: weight_ih.t().as_standard_layout().into_owned(),
        recurrent_kernel: weight_hh.t().as_standard_layout().into_owned(),
        bias,
    })
}

fn check_nonzero(units: usize, input_dim: usize) -> Result<()> {
    if units == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "units",
        });
    }
    if input_dim == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "input features",
        });
    }
    Ok(())
}

/// Checks a `PyTorch` gated layer's tensors (`gates` row blocks of `units`) and returns
/// `(units, input_dim)`.
fn check_pytorch_gated(
    gates: usize,
    weight_ih: ArrayView2<'_, f32>,
    weight_hh: ArrayView2<'_, f32>,
    bias_ih: Option<ArrayView1<'_, f32>>,
    bias_hh: Option<ArrayView1<'_, f32>>,
) -> Result<(usize, usize)> {
    let units = weight_hh.ncols();
    let input_dim = weight_ih.ncols();
    check_nonzero(units, input_dim)?;
    let n = gates * units;
    check_shape(WeightName::Kernel, &[n, input_dim], weight_ih.shape())?;
    check_shape(WeightName::RecurrentKernel, &[n, units], weight_hh.shape())?;
    if let Some(b) = bias_ih {
        check_shape(WeightName::Bias, &[n], b.shape())?;
    }
    if let Some(b) = bias_hh {
        check_shape(WeightName::Bias, &[n], b.shape())?;
    }
    Ok((units, input_dim))
}

/// `PyTorch` `nn.LSTM` (one layer, one direction; for `_reverse` tensors call it again)
/// with `weight_ih (4H, D)`, `weight_hh (4H, H)`, `bias_ih (4H,)`, `bias_hh (4H,)`, gate rows
/// `i, f, g, o` → Keras layout: `kernel = W_ihᵀ (D, 4H)`, `recurrent_kernel = W_hhᵀ (H, 4H)`
/// (nn.LSTM's `i, f, g, o` are Keras's `i, f, c, o`, so no block moves), `bias = b_ih + b_hh`.
/// `None` for both biases when the torch layer has `bias=False`.
///
/// # Errors
/// [`RnnError::WeightShape`] (named by the Keras tensor it becomes) for wrong shapes;
/// [`RnnError::ZeroSize`] if empty.
pub fn lstm_from_pytorch(
    weight_ih: ArrayView2<'_, f32>,
    weight_hh: ArrayView2<'_, f32>,
    bias_ih: Option<ArrayView1<'_, f32>>,
    bias_hh: Option<ArrayView1<'_, f32>>,
) -> Result<LstmWeights> {
    check_pytorch_gated(4, weight_ih, weight_hh, bias_ih, bias_hh)?;
    let bias = match (bias_ih, bias_hh) {
        (Some(a), Some(b)) => Some(&a + &b),
        (Some(a), None) => Some(a.to_owned()),
        (None, Some(b)) => Some(b.to_owned()),
        (None, None) => None,
    };
    Ok(LstmWeights {
        kernel: weight_ih.t().as_standard_layout().into_owned(),
        recurrent_kernel: weight_hh.t().as_standard_layout().into_owned(),
        bias,
    })
}

/// `PyTorch` `nn.GRU` (one layer, one direction) with `weight_ih (3H, D)`, `weight_hh (3H, H)`,
/// `bias_ih (3H,)`, `bias_hh (3H,)`, gate rows `r, z, n` → Keras layout with
/// `reset_after=True` (nn.GRU keeps `b_hn` inside the reset product, `n = tanh(W_in x + b_in +
/// r ⊙ (W_hn h + b_hn))`, which is Keras's `reset_after`): `kernel = swap(W_ih)ᵀ (D, 3H)`,
/// `recurrent_kernel = swap(W_hh)ᵀ (H, 3H)`, `bias` row 0 `swap(b_ih)`, row 1 `swap(b_hh)`,
/// where `swap` exchanges the first two blocks (`r, z, n` → `z, r, h`). A single given bias
/// is row 0 with a zero row 1; no bias gives none.
///
/// # Errors
/// [`RnnError::WeightShape`] (named by the Keras tensor it becomes) for wrong shapes;
/// [`RnnError::ZeroSize`] if empty.
pub fn gru_from_pytorch(
    weight_ih: ArrayView2<'_, f32>,
    weight_hh: ArrayView2<'_, f32>,
    bias_ih: Option<ArrayView1<'_, f32>>,
    bias_hh: Option<ArrayView1<'_, f32>>,
) -> Result<GruWeights> {
    let (units, _) = check_pytorch_gated(3, weight_ih, weight_hh, bias_ih, bias_hh)?;
    let zeros = || ndarray::Array1::<f32>::zeros(3 * units);
    let bias = match (bias_ih, bias_hh) {
        (None, None) => None,
        (b_ih, b_hh) => {
            let mut b = ndarray::Array2::<f32>::zeros((2, 3 * units));
            b.row_mut(0)
                .assign(&b_ih.map_or_else(zeros, swap_reset_update));
            b.row_mut(1)
                .assign(&b_hh.map_or_else(zeros, swap_reset_update));
            Some(b)
        }
    };
    Ok(GruWeights {
        kernel: swap_reset_update_columns(weight_ih.t()),
        recurrent_kernel: swap_reset_update_columns(weight_hh.t()),
        bias,
    })
}
