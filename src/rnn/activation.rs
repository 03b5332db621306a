//! Activation functions of `SimpleRNN` and Dense layers, applied in place on the last axis.

use ndarray::{ArrayViewMut, Axis, Dimension};
use serde::{Deserialize, Serialize};

/// An activation, named as Keras names it (`"tanh"`, `"relu"`, ...).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// `f(z) = z`.
    Linear,
    /// `f(z) = max(z, 0)`.
    Relu,
    /// `f(z) = 1 / (1 + e^-z)`.
    Sigmoid,
    /// `f(z) = tanh(z)` (`SimpleRNN`'s default).
    #[default]
    Tanh,
    /// `f(z)_i = e^(z_i - max z) / sum_j e^(z_j - max z)` over the last axis.
    Softmax,
}

/// `f(z) = 1 / (1 + e^-z)`, written so that neither branch overflows.
#[inline]
fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl Activation {
    /// Applies the activation in place. Shape: any, `[..., units]`; element-wise except
    /// `Softmax`, which normalises every 1-D lane along the last axis.
    pub fn apply_inplace<D: Dimension>(self, mut z: ArrayViewMut<'_, f32, D>) {
        match self {
            Self::Linear => {}
            Self::Relu => z.mapv_inplace(|v| if v < 0.0 { 0.0 } else { v }), // NaN passes through,
            Self::Sigmoid => z.mapv_inplace(sigmoid),
            Self::Tanh => z.mapv_inplace(f32::tanh),
            Self::Softmax => {
                let Some(last) = z.ndim().checked_sub(1) else {
                    return;
                };
                for mut lane in z.lanes_mut(Axis(last)) {
                    let max = lane.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                    lane.mapv_inplace(|v| (v - max).exp());
                    let sum = lane.sum();
                    lane.mapv_inplace(|v| v / sum);
                }
            }
        }
    }

    /// Whether the activation's output is bounded (tanh, sigmoid, softmax), so that an
    /// absolute tolerance is the right way to compare it.
    #[must_use]
    pub fn is_bounded(self) -> bool {
        matches!(self, Self::Sigmoid | Self::Tanh | Self::Softmax)
    }
}
