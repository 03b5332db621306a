//! Losses with Keras's averaging, and their gradients with respect to the model's output.

use ndarray::{ArrayD, ArrayViewD, Zip};
use serde::{Deserialize, Serialize};

use super::dense::GradWrt;
use super::error::{check_shape, Result, TrainError};
use crate::rnn::Activation;

/// Clamp of probabilities inside the logarithm (Keras's `epsilon()`).
pub const PROBABILITY_EPSILON: f32 = 1e-7;

/// A loss, named as Keras names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// `mean((y - t)²)` over every element.
    MeanSquaredError,
    /// `-mean(t log y + (1 - t) log(1 - y))` over every element, `y` from a sigmoid.
    BinaryCrossentropy,
    /// `-mean over batch (and time) of Σ_units t log y`, `y` from a softmax.
    CategoricalCrossentropy,
}

impl Loss {
    /// The activation the output must come from for this loss's combined gradient
    /// (`None`: any).
    #[must_use]
    pub fn required_activation(self) -> Option<Activation> {
        match self {
            Self::MeanSquaredError => None,
            Self::BinaryCrossentropy => Some(Activation::Sigmoid),
            Self::CategoricalCrossentropy => Some(Activation::Softmax),
        }
    }
}

/// A loss value and its gradient.
#[derive(Clone, Debug, PartialEq)]
pub struct LossGrad {
    /// The loss, averaged as Keras averages it.
    pub value: f32,
    /// The gradient, shaped like the predictions.
    pub grad: ArrayD<f32>,
    /// What `grad` is taken with respect to: the predictions (MSE) or the pre-activation of
    /// the sigmoid/softmax that produced them (cross-entropies).
    pub wrt: GradWrt,
}

/// Loss value and gradient for `predictions` and `targets`, both `[batch, U]`
/// (sequence-level, many-to-one) or `[batch, T, U]` (per-step, many-to-many). `N` is the
/// number of elements, `R = N / U` the number of rows (batch, or batch × time):
///
/// - MSE: `L = Σ (y - t)² / N`, `dL/dy = 2 (y - t) / N`.
/// - Binary cross-entropy (`y = sigmoid(z)`): `L = -Σ [t log ŷ + (1 - t) log(1 - ŷ)] / N`
///   with `ŷ = clamp(y, ε, 1 - ε)`, `ε = 1e-7`; `dL/dz = (y - t) / N`.
/// - Categorical cross-entropy (`y = softmax(z)`): `L = -Σ t log ŷ / R`, `ŷ` clamped as
///   above; `dL/dz = (y - t) / R` (targets one-hot or rows summing to 1).
///
/// Keras's mean is over the last axis, then over batch (and time), which is what these
/// divisions give.
///
/// # Errors
/// [`super::TrainError::Shape`] when the shapes differ or are not rank 2 or 3.
pub fn loss_and_grad(
    loss: Loss,
    predictions: ArrayViewD<'_, f32>,
    targets: ArrayViewD<'_, f32>,
) -> Result<LossGrad> {
    check_shape("targets", predictions.shape(), targets.shape())?;
    if !(2..=3).contains(&predictions.ndim()) {
        return Err(TrainError::Shape {
            what: "predictions (rank 2 or 3)",
            expected: predictions.shape().iter().take(2).copied().collect(),
            actual: predictions.shape().to_vec(),
        });
    }
    let n = predictions.len().max(1) as f32;
    let units = predictions.shape().last().copied().unwrap_or(1).max(1) as f32;
    let rows = n / units;
    let clamp = |y: f32| y.clamp(PROBABILITY_EPSILON, 1.0 - PROBABILITY_EPSILON);
    let diff = &predictions - &targets;
    Ok(match loss {
        Loss::MeanSquaredError => LossGrad {
            value: diff.iter().map(|d| d * d).sum::<f32>() / n,
            grad: diff.mapv(|d| 2.0 * d / n),
            wrt: GradWrt::Output,
        },
        Loss::BinaryCrossentropy => {
            let mut total = 0.0;
            Zip::from(&predictions).and(&targets).for_each(|&y, &t| {
                let y = clamp(y);
                total -= t * y.ln() + (1.0 - t) * (1.0 - y).ln();
            });
            LossGrad {
                value: total / n,
                grad: diff.mapv(|d| d / n),
                wrt: GradWrt::PreActivation,
            }
        }
        Loss::CategoricalCrossentropy => {
            let mut total = 0.0;
            Zip::from(&predictions)
                .and(&targets)
                .for_each(|&y, &t| total -= t * clamp(y).ln());
            LossGrad {
                value: total / rows,
                grad: diff.mapv(|d| d / rows),
                wrt: GradWrt::PreActivation,
            }
        }
    })
}
