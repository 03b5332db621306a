//! Keras optimizers (SGD with optional momentum, `RMSprop`, Adam) and clipping by global norm.

use ndarray::{ArrayD, ArrayViewD, ArrayViewMutD, Zip};
use serde::{Deserialize, Serialize};

use super::error::{check_shape, Result, TrainError};

/// An optimizer's settings (Keras 3 argument names and defaults, see [`Default`]s below).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerConfig {
    /// `v = momentum · v - lr · g; p += v` (plain `p -= lr · g` when `momentum = 0`).
    Sgd {
        /// Learning rate (Keras default 0.01).
        learning_rate: f32,
        /// Momentum (Keras default 0).
        momentum: f32,
    },
    /// `v = rho · v + (1 - rho) · g²; p -= lr · g / sqrt(v + eps)`.
    RmsProp {
        /// Learning rate (Keras default 0.001).
        learning_rate: f32,
        /// Discount of the running mean of `g²` (Keras default 0.9).
        rho: f32,
        /// Added under the square root (Keras default 1e-7).
        epsilon: f32,
    },
    /// Step `n = 1, 2, …`: `m += (g - m)(1 - beta_1); v += (g² - v)(1 - beta_2);
    /// α = lr · sqrt(1 - beta_2ⁿ) / (1 - beta_1ⁿ); p -= α · m / (sqrt(v) + eps)`.
    Adam {
        /// Learning rate (Keras default 0.001).
        learning_rate: f32,
        /// First-moment decay (Keras default 0.9).
        beta_1: f32,
        /// Second-moment decay (Keras default 0.999).
        beta_2: f32,
        /// Added to `sqrt(v)` (Keras default 1e-7).
        epsilon: f32,
    },
}

impl OptimizerConfig {
    /// The same optimizer with another learning rate.
    #[must_use]
    pub fn with_learning_rate(mut self, learning_rate: f32) -> Self {
        match &mut self {
            Self::Sgd {
                learning_rate: lr, ..
            }
            | Self::RmsProp {
                learning_rate: lr, ..
            }
            | Self::Adam {
                learning_rate: lr, ..
            } => *lr = learning_rate,
        }
        self
    }

    /// Keras `SGD()`: learning rate 0.01, no momentum.
    #[must_use]
    pub fn sgd() -> Self {
        Self::Sgd {
            learning_rate: 0.01,
            momentum: 0.0,
        }
    }

    /// Keras `RMSprop()`: learning rate 0.001, rho 0.9, epsilon 1e-7.
    #[must_use]
    pub fn rms_prop() -> Self {
        Self::RmsProp {
            learning_rate: 0.001,
            rho: 0.9,
            epsilon: 1e-7,
        }
    }

    /// Keras `Adam()`: learning rate 0.001, `beta_1` 0.9, `beta_2` 0.999, epsilon 1e-7.
    #[must_use]
    pub fn adam() -> Self {
        Self::Adam {
            learning_rate: 0.001,
            beta_1: 0.9,
            beta_2: 0.999,
            epsilon: 1e-7,
        }
    }
}

/// An optimizer with its per-parameter state (Keras's slots: velocity, moments).
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    config: OptimizerConfig,
    /// Optional clipping of the gradients' global norm before each step.
    clip_global_norm: Option<f32>,
    /// Steps taken so far.
    iterations: u32,
    /// First slot per parameter (SGD velocity, `RMSprop` mean square, Adam `m`).
    first: Vec<ArrayD<f32>>,
    /// Second slot per parameter (Adam `v`).
    second: Vec<ArrayD<f32>>,
}

impl Optimizer {
    /// A fresh optimizer; `clip_global_norm = Some(c)` clips like Keras `global_clipnorm`.
    #[must_use]
    pub fn new(config: OptimizerConfig, clip_global_norm: Option<f32>) -> Self {
        Self {
            config,
            clip_global_norm,
            iterations: 0,
            first: Vec::new(),
            second: Vec::new(),
        }
    }

    /// The settings.
    #[must_use]
    pub fn config(&self) -> OptimizerConfig {
        self.config
    }

    /// Changes the learning rate (as Keras does when `optimizer.learning_rate` is assigned):
    /// the step count and the moment estimates are kept.
    pub fn set_learning_rate(&mut self, learning_rate: f32) {
        self.config = self.config.with_learning_rate(learning_rate);
    }

    /// Steps taken so far.
    #[must_use]
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// One update of every parameter from its gradient (same order and shapes every call),
    /// after clipping by global norm if configured (see [`clip_by_global_norm`]).
    ///
    /// # Errors
    /// [`TrainError::ParameterCount`] when the counts differ from each other or from the
    /// first call, [`TrainError::Shape`] when a gradient's shape differs from its parameter.
    pub fn step(
        &mut self,
        params: &mut [ArrayViewMutD<'_, f32>],
        grads: &[ArrayViewD<'_, f32>],
    ) -> Result<()> {
        if params.len() != grads.len() {
            return Err(TrainError::ParameterCount {
                expected: params.len(),
                actual: grads.len(),
            });
        }
        for (p, g) in params.iter().zip(grads) {
            check_shape("gradient", p.shape(), g.shape())?;
        }
        if self.first.is_empty() {
            self.first = params.iter().map(|p| ArrayD::zeros(p.raw_dim())).collect();
            self.second = self.first.clone();
        } else if self.first.len() != params.len() {
            return Err(TrainError::ParameterCount {
                expected: self.first.len(),
                actual: params.len(),
            });
        }
        let mut grads: Vec<ArrayD<f32>> = grads.iter().map(ndarray::ArrayBase::to_owned).collect();
        if let Some(clip) = self.clip_global_norm {
            clip_by_global_norm(&mut grads, clip);
        }
        self.iterations += 1;
        let n = i32::try_from(self.iterations).unwrap_or(i32::MAX);
        let slots = self.first.iter_mut().zip(self.second.iter_mut());
        for ((p, g), (m, v)) in params.iter_mut().zip(&grads).zip(slots) {
            match self.config {
                OptimizerConfig::Sgd {
                    learning_rate,
                    momentum,
                } => {
                    if momentum == 0.0 {
                        Zip::from(p)
                            .and(g)
                            .for_each(|p, &g| *p -= learning_rate * g);
                    } else {
                        Zip::from(p).and(g).and(m).for_each(|p, &g, m| {
                            *m = momentum * *m - learning_rate * g;
                            *p += *m;
                        });
                    }
                }
                OptimizerConfig::RmsProp {
                    learning_rate,
                    rho,
                    epsilon,
                } => Zip::from(p).and(g).and(m).for_each(|p, &g, m| {
                    *m = rho * *m + (1.0 - rho) * g * g;
                    *p -= learning_rate * g / (*m + epsilon).sqrt();
                }),
                OptimizerConfig::Adam {
                    learning_rate,
                    beta_1,
                    beta_2,
                    epsilon,
                } => {
                    let alpha =
                        learning_rate * (1.0 - beta_2.powi(n)).sqrt() / (1.0 - beta_1.powi(n));
                    Zip::from(p).and(g).and(m).and(v).for_each(|p, &g, m, v| {
                        *m += (g - *m) * (1.0 - beta_1);
                        *v += (g * g - *v) * (1.0 - beta_2);
                        *p -= alpha * *m / (v.sqrt() + epsilon);
                    });
                }
            }
        }
        Ok(())
    }
}

/// The global norm `‖g‖ = sqrt(Σ_tensors Σ g²)` of a list of gradients (any shapes).
#[must_use]
pub fn global_norm(grads: &[ArrayD<f32>]) -> f32 {
    grads
        .iter()
        .flat_map(|g| g.iter())
        .map(|v| v * v)
        .sum::<f32>()
        .sqrt()
}

/// Scales every gradient by `clip / max(‖g‖, clip)` (Keras `global_clipnorm`,
/// `tf.clip_by_global_norm`) and returns the norm before clipping.
pub fn clip_by_global_norm(grads: &mut [ArrayD<f32>], clip: f32) -> f32 {
    let norm = global_norm(grads);
    if norm > clip && norm > 0.0 {
        let scale = clip / norm;
        for g in grads.iter_mut() {
            g.mapv_inplace(|v| v * scale);
        }
    }
    norm
}
