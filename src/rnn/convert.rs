//! Weights in other people's layouts turned into Keras layout: the seed chapter's numpy
//! notation and `PyTorch` `nn.RNN`.

use ndarray::{ArrayView1, ArrayView2};

use super::error::{Result, RnnError, WeightName};
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
