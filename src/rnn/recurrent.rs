//! What the three recurrent cells share: their settings and layers as one type each
//! ([`RecurrentConfig`], [`Recurrent`], borrowed as [`RecurrentRef`]) and their weights
//! ([`CellWeights`]). Which cell is [`CellKind`]; the states a sequence pass returns are
//! [`SequenceStates`].

use ndarray::{s, ArrayD, ArrayView2, ArrayView3, ArrayViewD, Axis};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::cell_kind::CellKind;
use super::error::{Direction, Result, RnnError, WeightName};
use super::gru::{Gru, GruConfig, GruWeights};
use super::init::InitScheme;
use super::lstm::{Lstm, LstmConfig, LstmWeights};
use super::sequence::{as_1d, as_2d, SequenceStates};
use super::simple_rnn::{SimpleRnn, SimpleRnnConfig, SimpleRnnWeights};

/// The settings of any recurrent layer of one direction (serialised with a `"type"` tag).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RecurrentConfig {
    /// A SimpleRNN.
    SimpleRnn(SimpleRnnConfig),
    /// An LSTM.
    Lstm(LstmConfig),
    /// A GRU.
    Gru(GruConfig),
}

impl Default for RecurrentConfig {
    fn default() -> Self {
        Self::SimpleRnn(SimpleRnnConfig::default())
    }
}

impl From<SimpleRnnConfig> for RecurrentConfig {
    fn from(config: SimpleRnnConfig) -> Self {
        Self::SimpleRnn(config)
    }
}

impl From<LstmConfig> for RecurrentConfig {
    fn from(config: LstmConfig) -> Self {
        Self::Lstm(config)
    }
}

impl From<GruConfig> for RecurrentConfig {
    fn from(config: GruConfig) -> Self {
        Self::Gru(config)
    }
}

impl RecurrentConfig {
    /// Which cell.
    #[must_use]
    pub fn kind(&self) -> CellKind {
        match self {
            Self::SimpleRnn(_) => CellKind::SimpleRnn,
            Self::Lstm(_) => CellKind::Lstm,
            Self::Gru(_) => CellKind::Gru,
        }
    }

    /// Hidden size `u`.
    #[must_use]
    pub fn units(&self) -> usize {
        match self {
            Self::SimpleRnn(c) => c.units,
            Self::Lstm(c) => c.units,
            Self::Gru(c) => c.units,
        }
    }

    /// Whether the layer outputs every step.
    #[must_use]
    pub fn return_sequences(&self) -> bool {
        match self {
            Self::SimpleRnn(c) => c.return_sequences,
            Self::Lstm(c) => c.return_sequences,
            Self::Gru(c) => c.return_sequences,
        }
    }

    /// Whether the cell adds biases.
    #[must_use]
    pub fn use_bias(&self) -> bool {
        match self {
            Self::SimpleRnn(c) => c.use_bias,
            Self::Lstm(c) => c.use_bias,
            Self::Gru(c) => c.use_bias,
        }
    }

    /// The activation (SimpleRNN's, or the candidate's of a gated cell).
    #[must_use]
    pub fn activation(&self) -> Activation {
        match self {
            Self::SimpleRnn(c) => c.activation,
            Self::Lstm(c) => c.activation,
            Self::Gru(c) => c.activation,
        }
    }

    /// Tensors in Keras's `get_weights()` list of one direction: 2, or 3 with a bias.
    #[must_use]
    pub fn tensor_count(&self) -> usize {
        2 + usize::from(self.use_bias())
    }
}

/// The weights of one direction of any cell, Keras layout.
#[derive(Clone, Debug, PartialEq)]
pub enum CellWeights {
    /// A `SimpleRNN`'s.
    SimpleRnn(SimpleRnnWeights),
    /// An LSTM's.
    Lstm(LstmWeights),
    /// A GRU's.
    Gru(GruWeights),
}

impl CellWeights {
    /// Which cell the weights are for.
    #[must_use]
    pub fn kind(&self) -> CellKind {
        match self {
            Self::SimpleRnn(_) => CellKind::SimpleRnn,
            Self::Lstm(_) => CellKind::Lstm,
            Self::Gru(_) => CellKind::Gru,
        }
    }
}

impl From<SimpleRnnWeights> for CellWeights {
    fn from(weights: SimpleRnnWeights) -> Self {
        Self::SimpleRnn(weights)
    }
}

impl From<LstmWeights> for CellWeights {
    fn from(weights: LstmWeights) -> Self {
        Self::Lstm(weights)
    }
}

impl From<GruWeights> for CellWeights {
    fn from(weights: GruWeights) -> Self {
        Self::Gru(weights)
    }
}

/// A recurrent layer of one direction, any cell (what a `Bidirectional` holds).
#[derive(Clone, Debug, PartialEq)]
pub enum Recurrent {
    /// See [`SimpleRnn`].
    SimpleRnn(SimpleRnn),
    /// See [`Lstm`].
    Lstm(Lstm),
    /// See [`Gru`].
    Gru(Gru),
}

/// A borrowed recurrent layer of one direction, any cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RecurrentRef<'a> {
    /// See [`SimpleRnn`].
    SimpleRnn(&'a SimpleRnn),
    /// See [`Lstm`].
    Lstm(&'a Lstm),
    /// See [`Gru`].
    Gru(&'a Gru),
}

impl Recurrent {
    /// A layer from settings and weights of the same cell.
    ///
    /// # Errors
    /// [`RnnError::CellMismatch`] when the weights are another cell's; otherwise as the
    /// cell's `new`.
    pub fn new(config: RecurrentConfig, weights: CellWeights) -> Result<Self> {
        Ok(match (config, weights) {
            (RecurrentConfig::SimpleRnn(c), CellWeights::SimpleRnn(w)) => {
                Self::SimpleRnn(SimpleRnn::new(c, w)?)
            }
            (RecurrentConfig::Lstm(c), CellWeights::Lstm(w)) => Self::Lstm(Lstm::new(c, w)?),
            (RecurrentConfig::Gru(c), CellWeights::Gru(w)) => Self::Gru(Gru::new(c, w)?),
            (config, weights) => {
                return Err(RnnError::CellMismatch {
                    layer: 0,
                    expected: config.kind(),
                    actual: weights.kind(),
                })
            }
        })
    }

    /// A layer with fresh weights for `config` (see [`SimpleRnnWeights::init`],
    /// [`LstmWeights::init`], [`GruWeights::init`]).
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for zero sizes.
    pub fn init(
        config: &RecurrentConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
        direction: Direction,
    ) -> Result<Self> {
        Ok(match config {
            RecurrentConfig::SimpleRnn(c) => Self::SimpleRnn(SimpleRnn::new(
                c.clone(),
                SimpleRnnWeights::init(c, input_dim, scheme, seed, layer, direction),
            )?),
            RecurrentConfig::Lstm(c) => Self::Lstm(Lstm::new(
                c.clone(),
                LstmWeights::init(c, input_dim, scheme, seed, layer, direction),
            )?),
            RecurrentConfig::Gru(c) => Self::Gru(Gru::new(
                c.clone(),
                GruWeights::init(c, input_dim, scheme, seed, layer, direction),
            )?),
        })
    }

    /// A layer from one direction's Keras `get_weights()` list: `[kernel,
    /// recurrent_kernel, bias?]`, the GRU's bias `(2, 3u)` with `reset_after`, else `(3u,)`.
    ///
    /// # Errors
    /// [`RnnError::WeightCount`] for a list of the wrong length; otherwise as the cell's
    /// `new` (wrong shapes, also for a tensor of the wrong rank).
    pub fn from_keras_weights(config: &RecurrentConfig, list: &[ArrayD<f32>]) -> Result<Self> {
        let expected = config.tensor_count();
        if list.len() != expected {
            return Err(RnnError::WeightCount {
                layer: 0,
                expected,
                actual: list.len(),
            });
        }
        let kernel = as_2d(WeightName::Kernel, &list[0])?;
        let recurrent_kernel = as_2d(WeightName::RecurrentKernel, &list[1])?;
        Ok(match config {
            RecurrentConfig::SimpleRnn(c) => Self::SimpleRnn(SimpleRnn::new(
                c.clone(),
                SimpleRnnWeights {
                    kernel,
                    recurrent_kernel,
                    bias: list
                        .get(2)
                        .map(|b| as_1d(WeightName::Bias, b))
                        .transpose()?,
                },
            )?),
            RecurrentConfig::Lstm(c) => Self::Lstm(Lstm::new(
                c.clone(),
                LstmWeights {
                    kernel,
                    recurrent_kernel,
                    bias: list
                        .get(2)
                        .map(|b| as_1d(WeightName::Bias, b))
                        .transpose()?,
                },
            )?),
            RecurrentConfig::Gru(c) => {
                let bias = match list.get(2) {
                    None => None,
                    Some(b) if c.reset_after => Some(as_2d(WeightName::Bias, b)?),
                    Some(b) => Some(as_1d(WeightName::Bias, b)?.insert_axis(Axis(0))),
                };
                Self::Gru(Gru::new(
                    c.clone(),
                    GruWeights {
                        kernel,
                        recurrent_kernel,
                        bias,
                    },
                )?)
            }
        })
    }

    /// The layer, borrowed.
    #[must_use]
    pub fn as_ref(&self) -> RecurrentRef<'_> {
        match self {
            Self::SimpleRnn(l) => RecurrentRef::SimpleRnn(l),
            Self::Lstm(l) => RecurrentRef::Lstm(l),
            Self::Gru(l) => RecurrentRef::Gru(l),
        }
    }

    /// The SimpleRNN, if this is one.
    #[must_use]
    pub fn as_simple_rnn(&self) -> Option<&SimpleRnn> {
        match self {
            Self::SimpleRnn(l) => Some(l),
            _ => None,
        }
    }
}

impl<'a> RecurrentRef<'a> {
    /// Which cell.
    #[must_use]
    pub fn kind(self) -> CellKind {
        match self {
            Self::SimpleRnn(_) => CellKind::SimpleRnn,
            Self::Lstm(_) => CellKind::Lstm,
            Self::Gru(_) => CellKind::Gru,
        }
    }

    /// The settings.
    #[must_use]
    pub fn config(self) -> RecurrentConfig {
        match self {
            Self::SimpleRnn(l) => RecurrentConfig::SimpleRnn(l.config().clone()),
            Self::Lstm(l) => RecurrentConfig::Lstm(l.config().clone()),
            Self::Gru(l) => RecurrentConfig::Gru(l.config().clone()),
        }
    }

    /// Hidden size `u`.
    #[must_use]
    pub fn units(self) -> usize {
        match self {
            Self::SimpleRnn(l) => l.units(),
            Self::Lstm(l) => l.units(),
            Self::Gru(l) => l.units(),
        }
    }

    /// Input size `D`.
    #[must_use]
    pub fn input_dim(self) -> usize {
        match self {
            Self::SimpleRnn(l) => l.input_dim(),
            Self::Lstm(l) => l.input_dim(),
            Self::Gru(l) => l.input_dim(),
        }
    }

    /// Whether the layer outputs every step.
    #[must_use]
    pub fn return_sequences(self) -> bool {
        self.config().return_sequences()
    }

    /// Number of trainable parameters.
    #[must_use]
    pub fn param_count(self) -> usize {
        match self {
            Self::SimpleRnn(l) => l.param_count(),
            Self::Lstm(l) => l.param_count(),
            Self::Gru(l) => l.param_count(),
        }
    }

    /// `kernel`, `(D, g·u)`.
    #[must_use]
    pub fn kernel(self) -> ArrayView2<'a, f32> {
        match self {
            Self::SimpleRnn(l) => l.weights().kernel.view(),
            Self::Lstm(l) => l.weights().kernel.view(),
            Self::Gru(l) => l.weights().kernel.view(),
        }
    }

    /// `recurrent_kernel`, `(u, g·u)`.
    #[must_use]
    pub fn recurrent_kernel(self) -> ArrayView2<'a, f32> {
        match self {
            Self::SimpleRnn(l) => l.weights().recurrent_kernel.view(),
            Self::Lstm(l) => l.weights().recurrent_kernel.view(),
            Self::Gru(l) => l.weights().recurrent_kernel.view(),
        }
    }

    /// The `(u, u)` block of `recurrent_kernel` that feeds the new content: SimpleRNN's
    /// whole kernel, the LSTM's candidate block `U_c`, the GRU's `U_h`.
    #[must_use]
    pub fn candidate_recurrent_kernel(self) -> ArrayView2<'a, f32> {
        let u = self.units();
        let k = self.recurrent_kernel();
        match self {
            Self::SimpleRnn(_) => k,
            Self::Lstm(_) => k.slice_move(s![.., 2 * u..3 * u]),
            Self::Gru(_) => k.slice_move(s![.., 2 * u..]),
        }
    }

    /// Views of the weights in Keras `get_weights()` order: `kernel`, `recurrent_kernel`,
    /// `bias` if any (the GRU's `(2, 3u)` with `reset_after`, else `(3u,)`). No copy.
    #[must_use]
    pub fn keras_weights(self) -> Vec<ArrayViewD<'a, f32>> {
        let mut out = vec![self.kernel().into_dyn(), self.recurrent_kernel().into_dyn()];
        match self {
            Self::SimpleRnn(l) => {
                out.extend(l.weights().bias.as_ref().map(|b| b.view().into_dyn()));
            }
            Self::Lstm(l) => out.extend(l.weights().bias.as_ref().map(|b| b.view().into_dyn())),
            Self::Gru(l) => out.extend(l.weights().bias.as_ref().map(|b| {
                if l.config().reset_after {
                    b.view().into_dyn()
                } else {
                    b.row(0).into_dyn()
                }
            })),
        }
        out
    }

    /// Every state of the layer over `inputs [batch, T, D]` (see the cells' `hidden_states`).
    ///
    /// # Errors
    /// As the cell's `hidden_states`.
    pub fn hidden_states(
        self,
        inputs: ArrayView3<'_, f32>,
        direction: Direction,
    ) -> Result<SequenceStates> {
        match self {
            Self::SimpleRnn(l) => Ok(SequenceStates {
                hidden: l.hidden_states(inputs, direction)?,
                cell: None,
            }),
            Self::Lstm(l) => l.hidden_states(inputs, direction),
            Self::Gru(l) => l.hidden_states(inputs, direction),
        }
    }

    /// The SimpleRNN, if this is one.
    #[must_use]
    pub fn as_simple_rnn(self) -> Option<&'a SimpleRnn> {
        match self {
            Self::SimpleRnn(l) => Some(l),
            _ => None,
        }
    }
}
