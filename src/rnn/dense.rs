//! Keras `Dense`, applied on the last axis of `[batch, units]` or `[batch, T, units]`.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::error::{Result, RnnError, WeightName};
use super::init::{self, InitScheme, Prng};
use super::output::Output;
use super::simple_rnn::check_shape;

/// Settings of a `Dense` layer (Keras argument names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DenseConfig {
    /// Output width `U`.
    pub units: usize,
    /// Applied to `x · kernel + bias` (Keras default `linear`).
    pub activation: Activation,
    /// Whether a bias is added.
    pub use_bias: bool,
}

impl Default for DenseConfig {
    /// The seed chapter's binary classifier head: one sigmoid unit with bias.
    fn default() -> Self {
        Self {
            units: 1,
            activation: Activation::Sigmoid,
            use_bias: true,
        }
    }
}

/// Weights of a `Dense` layer in Keras layout.
#[derive(Clone, Debug, PartialEq)]
pub struct DenseWeights {
    /// `(input_dim, units)`.
    pub kernel: Array2<f32>,
    /// `(units,)`, `None` when `use_bias` is off.
    pub bias: Option<Array1<f32>>,
}

/// A dense layer: `y = activation(x · kernel + bias)` on the last axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    config: DenseConfig,
    weights: DenseWeights,
}

impl Dense {
    /// A layer from explicit weights; the input size is `kernel.nrows()`.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`], [`RnnError::WeightShape`], [`RnnError::BiasPresence`].
    pub fn new(config: DenseConfig, weights: DenseWeights) -> Result<Self> {
        if config.units == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "units",
            });
        }
        let d = weights.kernel.nrows();
        if d == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "input features",
            });
        }
        check_shape(
            WeightName::Kernel,
            &[d, config.units],
            weights.kernel.shape(),
        )?;
        match (&weights.bias, config.use_bias) {
            (Some(b), true) => check_shape(WeightName::Bias, &[config.units], b.shape())?,
            (None, false) => {}
            (_, use_bias) => {
                return Err(RnnError::BiasPresence {
                    layer: 0,
                    direction: None,
                    use_bias,
                })
            }
        }
        Ok(Self { config, weights })
    }

    /// A layer with fresh weights as [`InitScheme`] documents (Keras: `glorot_uniform`
    /// kernel, zero bias; `PyTorch`: U(±1/√D); Uniform01: U[0, 1)), generators
    /// `(seed, layer, 0, 0)` for the kernel and `(seed, layer, 0, 1)` for the bias.
    ///
    /// # Errors
    /// As [`Dense::new`] for zero sizes.
    pub fn init_at(
        config: DenseConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
    ) -> Result<Self> {
        let (d, u) = (input_dim, config.units);
        let rng = |tensor| Prng::new(init::tensor_seed(seed, layer, 0, tensor));
        let weights = match scheme {
            InitScheme::Keras => DenseWeights {
                kernel: init::glorot_uniform(&mut rng(0), (d, u)),
                bias: config.use_bias.then(|| Array1::zeros(u)),
            },
            InitScheme::PyTorch => {
                let k = 1.0 / (d.max(1) as f64).sqrt();
                DenseWeights {
                    kernel: init::uniform(&mut rng(0), (u, d), -k, k).reversed_axes(),
                    bias: config
                        .use_bias
                        .then(|| init::uniform_vec(&mut rng(1), u, -k, k)),
                }
            }
            InitScheme::Uniform01 => DenseWeights {
                kernel: init::uniform(&mut rng(0), (d, u), 0.0, 1.0),
                bias: config
                    .use_bias
                    .then(|| init::uniform_vec(&mut rng(1), u, 0.0, 1.0)),
            },
        };
        Self::new(config, weights)
    }

    /// The settings.
    #[must_use]
    pub fn config(&self) -> &DenseConfig {
        &self.config
    }

    /// The weights.
    #[must_use]
    pub fn weights(&self) -> &DenseWeights {
        &self.weights
    }

    /// Input size `D`.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.weights.kernel.nrows()
    }

    fn check_features(&self, actual: usize) -> Result<()> {
        if actual == self.input_dim() {
            Ok(())
        } else {
            Err(RnnError::FeatureMismatch {
                layer: 0,
                expected: self.input_dim(),
                actual,
            })
        }
    }

    /// `x [batch, D]` → `activation(x · kernel + bias)`, `[batch, U]`.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong.
    pub fn forward_last(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        self.check_features(x.ncols())?;
        let mut out = Array2::zeros((x.nrows(), self.config.units));
        general_mat_mul(1.0, &x, &self.weights.kernel, 0.0, &mut out);
        if let Some(bias) = &self.weights.bias {
            out += bias;
        }
        self.config.activation.apply_inplace(out.view_mut());
        Ok(out)
    }

    /// `x [batch, T, D]` → `activation(x · kernel + bias)` at every timestep,
    /// `[batch, T, U]`.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong.
    pub fn forward_sequence(&self, x: ArrayView3<'_, f32>) -> Result<Array3<f32>> {
        let (batch, timesteps, features) = x.dim();
        self.check_features(features)?;
        let mut out = Array3::zeros((batch, timesteps, self.config.units));
        for (xb, mut ob) in x.outer_iter().zip(out.outer_iter_mut()) {
            general_mat_mul(1.0, &xb, &self.weights.kernel, 0.0, &mut ob);
        }
        if let Some(bias) = &self.weights.bias {
            out += bias;
        }
        self.config.activation.apply_inplace(out.view_mut());
        Ok(out)
    }

    /// Applies the layer on the last axis of either kind of [`Output`], keeping its rank.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when the last axis is not `D`.
    pub fn forward(&self, x: &Output) -> Result<Output> {
        Ok(match x {
            Output::Sequence(a) => Output::Sequence(self.forward_sequence(a.view())?),
            Output::Last(a) => Output::Last(self.forward_last(a.view())?),
        })
    }
}
