//! Keras `Bidirectional(...)` around a `SimpleRNN`, `LSTM` or `GRU`: a forward and a
//! backward layer with their own weights, merged by concat, sum, mul or ave.

use ndarray::{s, Array3, ArrayView3, Axis, Zip};
use serde::{Deserialize, Serialize};

use super::error::{Direction, Result, RnnError, WeightName};
use super::init::InitScheme;
use super::output::Output;
use super::recurrent::{CellWeights, Recurrent, RecurrentConfig, RecurrentRef};
use super::sequence::SequenceStates;
use super::simple_rnn::{check_shape, final_state};

/// How the two directions' outputs are combined (Keras `merge_mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeMode {
    /// `[forward, backward]` along the last axis: `2·units` wide.
    #[default]
    Concat,
    /// `forward + backward`.
    Sum,
    /// `forward * backward`.
    Mul,
    /// `(forward + backward) / 2`.
    Ave,
}

impl MergeMode {
    /// Every choice, in the order the UI lists them.
    pub const ALL: [Self; 4] = [Self::Concat, Self::Sum, Self::Mul, Self::Ave];

    /// The Keras name, as written in documents.
    #[must_use]
    pub fn keras_name(self) -> &'static str {
        match self {
            Self::Concat => "concat",
            Self::Sum => "sum",
            Self::Mul => "mul",
            Self::Ave => "ave",
        }
    }

    /// The merge mode with this Keras name.
    #[must_use]
    pub fn from_keras_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.keras_name() == name)
    }
}

/// Settings of a `Bidirectional` wrapper: both directions use `layer`'s settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BidirectionalConfig {
    /// The wrapped layer (also decides `return_sequences`).
    pub layer: RecurrentConfig,
    /// How the directions are merged.
    pub merge_mode: MergeMode,
}

/// A bidirectional layer of any recurrent cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Bidirectional {
    forward: Recurrent,
    backward: Recurrent,
    merge_mode: MergeMode,
}

impl Bidirectional {
    /// A layer from explicit Keras-layout weights of each direction, of the cell
    /// `config.layer` names (Keras's `get_weights()` lists the forward tensors, then the
    /// backward ones).
    ///
    /// # Errors
    /// As [`Recurrent::new`], labelled with the direction; a backward kernel whose input
    /// size differs from the forward one is a `WeightShape` error on the backward kernel.
    pub fn new(
        config: BidirectionalConfig,
        forward: impl Into<CellWeights>,
        backward: impl Into<CellWeights>,
    ) -> Result<Self> {
        let f = Recurrent::new(config.layer.clone(), forward.into())
            .map_err(|e| e.in_direction(Direction::Forward))?;
        let backward = backward.into();
        let b_kernel = match &backward {
            CellWeights::SimpleRnn(w) => w.kernel.shape().to_vec(),
            CellWeights::Lstm(w) => w.kernel.shape().to_vec(),
            CellWeights::Gru(w) => w.kernel.shape().to_vec(),
        };
        check_shape(WeightName::Kernel, f.as_ref().kernel().shape(), &b_kernel)
            .map_err(|e| e.in_direction(Direction::Backward))?;
        let b = Recurrent::new(config.layer, backward)
            .map_err(|e| e.in_direction(Direction::Backward))?;
        Self::from_directions(f, b, config.merge_mode)
    }

    /// A layer from its two directions, which must have the same settings and input size.
    ///
    /// # Errors
    /// [`RnnError::DirectionsDiffer`] when the settings differ, [`RnnError::WeightShape`] on
    /// the backward kernel when its input size differs from the forward one.
    pub fn from_directions(
        forward: Recurrent,
        backward: Recurrent,
        merge_mode: MergeMode,
    ) -> Result<Self> {
        let (f, b) = (forward.as_ref(), backward.as_ref());
        if f.config() != b.config() {
            return Err(RnnError::DirectionsDiffer { layer: 0 });
        }
        check_shape(WeightName::Kernel, f.kernel().shape(), b.kernel().shape())
            .map_err(|e| e.in_direction(Direction::Backward))?;
        Ok(Self {
            forward,
            backward,
            merge_mode,
        })
    }

    /// A layer from Keras's `get_weights()` list of each direction (Keras lists the
    /// forward tensors, then the backward ones; see [`Recurrent::from_keras_weights`]).
    ///
    /// # Errors
    /// As the cell's `new`, labelled with the direction; a backward kernel whose input size
    /// differs from the forward one is a `WeightShape` error on the backward kernel.
    pub fn from_keras_weights(
        config: &BidirectionalConfig,
        forward: &[ndarray::ArrayD<f32>],
        backward: &[ndarray::ArrayD<f32>],
    ) -> Result<Self> {
        let f = Recurrent::from_keras_weights(&config.layer, forward)
            .map_err(|e| e.in_direction(Direction::Forward))?;
        let b = Recurrent::from_keras_weights(&config.layer, backward)
            .map_err(|e| e.in_direction(Direction::Backward))?;
        Self::from_directions(f, b, config.merge_mode)
    }

    /// A layer with fresh weights: forward from generators `(seed, layer, 0, ·)`, backward
    /// from `(seed, layer, 1, ·)` (see [`crate::rnn::init`]).
    ///
    /// # Errors
    /// [`crate::rnn::RnnError::ZeroSize`] for 0 units or inputs.
    pub fn init_at(
        config: BidirectionalConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
    ) -> Result<Self> {
        let f = Recurrent::init(
            &config.layer,
            input_dim,
            scheme,
            seed,
            layer,
            Direction::Forward,
        )?;
        let b = Recurrent::init(
            &config.layer,
            input_dim,
            scheme,
            seed,
            layer,
            Direction::Backward,
        )?;
        Self::from_directions(f, b, config.merge_mode)
    }

    /// The layer of one direction.
    #[must_use]
    pub fn direction(&self, direction: Direction) -> RecurrentRef<'_> {
        match direction {
            Direction::Forward => self.forward.as_ref(),
            Direction::Backward => self.backward.as_ref(),
        }
    }

    /// The merge mode.
    #[must_use]
    pub fn merge_mode(&self) -> MergeMode {
        self.merge_mode
    }

    /// The settings (both directions share them).
    #[must_use]
    pub fn config(&self) -> BidirectionalConfig {
        BidirectionalConfig {
            layer: self.forward.as_ref().config(),
            merge_mode: self.merge_mode,
        }
    }

    /// Input size `D`.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.forward.as_ref().input_dim()
    }

    /// Units `u` of each direction.
    #[must_use]
    pub fn units(&self) -> usize {
        self.forward.as_ref().units()
    }

    /// Width of the merged output: `2·units` for concat, `units` otherwise.
    #[must_use]
    pub fn output_units(&self) -> usize {
        match self.merge_mode {
            MergeMode::Concat => 2 * self.units(),
            _ => self.units(),
        }
    }

    /// Both directions' states over `inputs [batch, T, D]`, each `[batch, T, u]` and
    /// indexed by input time (see [`crate::rnn::SimpleRnn::hidden_states`]):
    /// `(forward, backward)`.
    ///
    /// # Errors
    /// As the cell's `hidden_states`.
    pub fn hidden_states(
        &self,
        inputs: ArrayView3<'_, f32>,
    ) -> Result<(SequenceStates, SequenceStates)> {
        let f = self
            .forward
            .as_ref()
            .hidden_states(inputs, Direction::Forward)?;
        let b = self
            .backward
            .as_ref()
            .hidden_states(inputs, Direction::Backward)?;
        Ok((f, b))
    }

    /// Keras's merged output from both directions' hidden states (`[batch, T, u]` each,
    /// input-time indexed). With `return_sequences`: `merge(f[:, t], b[:, t])` for every
    /// `t` — the backward outputs re-aligned to input order, as Keras flips them —
    /// `[batch, T, W]`. Without: `merge(f[:, T-1], b[:, 0])`, each direction's final state,
    /// `[batch, W]`. `W` is [`Bidirectional::output_units`].
    ///
    /// # Errors
    /// [`RnnError::StatesShape`] when the two arrays differ in shape.
    pub fn merge(
        &self,
        forward: ArrayView3<'_, f32>,
        backward: ArrayView3<'_, f32>,
    ) -> Result<Output> {
        if forward.shape() != backward.shape() {
            return Err(RnnError::StatesShape {
                forward: forward.shape().to_vec(),
                backward: backward.shape().to_vec(),
            });
        }
        Ok(if self.forward.as_ref().return_sequences() {
            Output::Sequence(merge_arrays(self.merge_mode, forward, backward))
        } else {
            let f = final_state(forward, Direction::Forward);
            let b = final_state(backward, Direction::Backward);
            let merged = merge_arrays(
                self.merge_mode,
                f.view().insert_axis(Axis(1)),
                b.view().insert_axis(Axis(1)),
            );
            Output::Last(merged.index_axis_move(Axis(1), 0))
        })
    }

    /// Runs both directions and merges them.
    ///
    /// # Errors
    /// As the cell's `hidden_states`.
    pub fn forward(&self, inputs: ArrayView3<'_, f32>) -> Result<Output> {
        let (f, b) = self.hidden_states(inputs)?;
        self.merge(f.hidden.view(), b.hidden.view())
    }
}

/// Merges two `[batch, T, H]` arrays of the same shape.
fn merge_arrays(mode: MergeMode, f: ArrayView3<'_, f32>, b: ArrayView3<'_, f32>) -> Array3<f32> {
    match mode {
        MergeMode::Concat => {
            let (batch, timesteps, h) = f.dim();
            let mut out = Array3::zeros((batch, timesteps, 2 * h));
            out.slice_mut(s![.., .., ..h]).assign(&f);
            out.slice_mut(s![.., .., h..]).assign(&b);
            out
        }
        MergeMode::Sum => Zip::from(&f).and(&b).map_collect(|x, y| x + y),
        MergeMode::Mul => Zip::from(&f).and(&b).map_collect(|x, y| x * y),
        MergeMode::Ave => Zip::from(&f).and(&b).map_collect(|x, y| (x + y) / 2.0),
    }
}
