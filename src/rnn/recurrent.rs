//! What the three recurrent cells share: which cell a layer uses ([`CellKind`]), their
//! settings and layers as one type each ([`RecurrentConfig`], [`Recurrent`], borrowed as
//! [`RecurrentRef`]), the states a sequence pass returns ([`SequenceStates`]), and the
//! shape checks and step order of the sequence passes.

use std::fmt;

use ndarray::{
    s, Array2, Array3, ArrayD, ArrayView2, ArrayView3, ArrayViewD, ArrayViewMut2, ArrayViewMut3,
    Axis, Ix1, Ix2,
};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::error::{Direction, Result, RnnError, WeightName};
use super::gru::{Gru, GruConfig, GruWeights};
use super::init::InitScheme;
use super::lstm::{Lstm, LstmConfig, LstmWeights};
use super::simple_rnn::{check_shape, SimpleRnn, SimpleRnnConfig, SimpleRnnWeights};

/// Which recurrent cell a layer uses (Keras's class).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// `SimpleRNN`: `h_t = act(x_t·W + h_{t-1}·U + b)`.
    #[default]
    SimpleRnn,
    /// `LSTM`: four gate blocks `i, f, c, o` and a cell state `c_t`.
    Lstm,
    /// `GRU`: three gate blocks `z, r, h`.
    Gru,
}

impl CellKind {
    /// Every cell, in menu order.
    pub const ALL: [Self; 3] = [Self::SimpleRnn, Self::Lstm, Self::Gru];

    /// Gate blocks on the kernels' last axis: 1, 4 or 3.
    #[must_use]
    pub fn gates(self) -> usize {
        match self {
            Self::SimpleRnn => 1,
            Self::Lstm => 4,
            Self::Gru => 3,
        }
    }

    /// The Keras class name: `SimpleRNN`, `LSTM`, `GRU`.
    #[must_use]
    pub fn keras_class(self) -> &'static str {
        match self {
            Self::SimpleRnn => "SimpleRNN",
            Self::Lstm => "LSTM",
            Self::Gru => "GRU",
        }
    }

    /// The name in documents and on the command line: `simple_rnn`, `lstm`, `gru`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::SimpleRnn => "simple_rnn",
            Self::Lstm => "lstm",
            Self::Gru => "gru",
        }
    }

    /// The cell with this document name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for CellKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keras_class())
    }
}

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

/// The states of one direction over a sequence, `[batch, T, u]` each, indexed by input
/// time (see [`crate::rnn::SimpleRnn::hidden_states`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceStates {
    /// The hidden states `h_t`.
    pub hidden: Array3<f32>,
    /// The LSTM's cell states `c_t` (`None` for SimpleRNN and GRU).
    pub cell: Option<Array3<f32>>,
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

pub(crate) fn as_2d(tensor: WeightName, a: &ArrayD<f32>) -> Result<Array2<f32>> {
    a.clone()
        .into_dimensionality::<Ix2>()
        .map_err(|_| wrong_rank(tensor, a.shape(), 2))
}

pub(crate) fn as_1d(tensor: WeightName, a: &ArrayD<f32>) -> Result<ndarray::Array1<f32>> {
    a.clone()
        .into_dimensionality::<Ix1>()
        .map_err(|_| wrong_rank(tensor, a.shape(), 1))
}

fn wrong_rank(tensor: WeightName, actual: &[usize], rank: usize) -> RnnError {
    RnnError::WeightShape {
        layer: 0,
        direction: None,
        tensor,
        // The rank is what is wrong; the sizes are unknown here, shown as 0.
        expected: vec![0; rank],
        actual: actual.to_vec(),
    }
}

/// Checks a gated cell's sizes and kernels (`kernel (D, g·u)`, `recurrent_kernel (u, g·u)`).
pub(crate) fn check_gated(
    units: usize,
    gates: usize,
    kernel: ArrayView2<'_, f32>,
    recurrent_kernel: ArrayView2<'_, f32>,
) -> Result<()> {
    if units == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "units",
        });
    }
    let d = kernel.nrows();
    if d == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "input features",
        });
    }
    let n = gates * units;
    check_shape(WeightName::Kernel, &[d, n], kernel.shape())?;
    check_shape(
        WeightName::RecurrentKernel,
        &[units, n],
        recurrent_kernel.shape(),
    )
}

/// [`RnnError::FeatureMismatch`] (layer 0) unless `actual == expected`.
pub(crate) fn check_features(expected: usize, actual: usize) -> Result<()> {
    if actual == expected {
        Ok(())
    } else {
        Err(RnnError::FeatureMismatch {
            layer: 0,
            expected,
            actual,
        })
    }
}

/// The steps of a sequence pass in reading order: `(t, previous t)`, the previous step
/// `None` at the direction's first step (`t = 0` forward, `T-1` backward).
pub(crate) fn reading_order(
    timesteps: usize,
    direction: Direction,
) -> impl Iterator<Item = (usize, Option<usize>)> {
    (0..timesteps).map(move |step| match direction {
        Direction::Forward => (step, step.checked_sub(1)),
        Direction::Backward => {
            let t = timesteps - 1 - step;
            (t, (step > 0).then_some(t + 1))
        }
    })
}

/// `(a[:, prev], a[:, t])` of `a [batch, T, u]` as two mutable views (`prev != t`).
pub(crate) fn prev_and_current(
    a: ArrayViewMut3<'_, f32>,
    prev: usize,
    t: usize,
) -> (ArrayViewMut2<'_, f32>, ArrayViewMut2<'_, f32>) {
    if prev < t {
        let (before, after) = a.split_at(Axis(1), t);
        (
            before.index_axis_move(Axis(1), prev),
            after.index_axis_move(Axis(1), 0),
        )
    } else {
        let (before, after) = a.split_at(Axis(1), prev);
        (
            after.index_axis_move(Axis(1), 0),
            before.index_axis_move(Axis(1), t),
        )
    }
}

/// `h_{t-1}` of every step of one batch item, `[T, u]` in input time order: row `t` is
/// `h[t-1]` forward, `h[t+1]` backward, zeros at the direction's first step.
pub(crate) fn previous_states(h: ArrayView2<'_, f32>, direction: Direction) -> Array2<f32> {
    let (timesteps, units) = h.dim();
    let mut prev = Array2::zeros((timesteps, units));
    if timesteps > 1 {
        match direction {
            Direction::Forward => prev
                .slice_mut(s![1.., ..])
                .assign(&h.slice(s![..timesteps - 1, ..])),
            Direction::Backward => prev
                .slice_mut(s![..timesteps - 1, ..])
                .assign(&h.slice(s![1.., ..])),
        }
    }
    prev
}
