//! A Keras `Sequential`-like stack of Embedding, `SimpleRNN`, Bidirectional and Dense layers
//! that returns every layer's output and can trace any step afterwards.

use ndarray::{Array2, Array3, ArrayD, ArrayView2, ArrayView3, Axis};
use serde::{Deserialize, Serialize};

use super::bidirectional::{Bidirectional, BidirectionalConfig};
use super::dense::{Dense, DenseConfig, DenseWeights};
use super::embedding::{Embedding, EmbeddingConfig};
use super::error::{Direction, Result, RnnError, WeightName};
use super::gate_trace::{CellTrace, GateSeries};
use super::gru::{Gru, GruConfig};
use super::init::InitScheme;
use super::lstm::{Lstm, LstmConfig};
use super::output::{LayerOutput, Output, StackOutput};
use super::recurrent::{Recurrent, RecurrentConfig, RecurrentRef};
use super::sequence::{self, SequenceStates};
use super::simple_rnn::{SimpleRnn, SimpleRnnConfig};
use super::trace::StepTrace;

/// Settings of one layer of a stack (serialised with a `"type"` tag in Keras's snake case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LayerConfig {
    /// Token ids to vectors; only as the first layer.
    Embedding(EmbeddingConfig),
    /// A one-direction `SimpleRNN`.
    SimpleRnn(SimpleRnnConfig),
    /// A one-direction `LSTM`.
    Lstm(LstmConfig),
    /// A one-direction `GRU`.
    Gru(GruConfig),
    /// A bidirectional layer of any cell.
    Bidirectional(BidirectionalConfig),
    /// A dense layer on the last axis.
    Dense(DenseConfig),
}

/// One layer with its weights.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "a stack holds a handful of layers; boxing would only add indirection to matches"
)]
pub enum Layer {
    /// See [`Embedding`].
    Embedding(Embedding),
    /// See [`SimpleRnn`].
    SimpleRnn(SimpleRnn),
    /// See [`Lstm`].
    Lstm(Lstm),
    /// See [`Gru`].
    Gru(Gru),
    /// See [`Bidirectional`].
    Bidirectional(Bidirectional),
    /// See [`Dense`].
    Dense(Dense),
}

/// A model input.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// Float features `[batch, T, D]`.
    Features(ArrayView3<'a, f32>),
    /// Token ids `[batch, T]` for a stack that starts with an Embedding.
    Tokens(ArrayView2<'a, i64>),
}

/// An owned model input (what [`Input`] borrows).
#[derive(Clone, Debug, PartialEq)]
pub enum InputBatch {
    /// Float features `[batch, T, D]`.
    Features(Array3<f32>),
    /// Token ids `[batch, T]`.
    Tokens(Array2<i64>),
}

impl InputBatch {
    /// An owned copy of `input`.
    #[must_use]
    pub fn of(input: Input<'_>) -> Self {
        match input {
            Input::Features(x) => Self::Features(x.to_owned()),
            Input::Tokens(t) => Self::Tokens(t.to_owned()),
        }
    }

    /// The input as the engine takes it.
    #[must_use]
    pub fn view(&self) -> Input<'_> {
        match self {
            Self::Features(x) => Input::Features(x.view()),
            Self::Tokens(t) => Input::Tokens(t.view()),
        }
    }

    /// Examples in the batch.
    #[must_use]
    pub fn examples(&self) -> usize {
        match self {
            Self::Features(x) => x.len_of(Axis(0)),
            Self::Tokens(t) => t.len_of(Axis(0)),
        }
    }

    /// Timesteps of each example.
    #[must_use]
    pub fn timesteps(&self) -> usize {
        match self {
            Self::Features(x) => x.len_of(Axis(1)),
            Self::Tokens(t) => t.len_of(Axis(1)),
        }
    }

    /// The examples at `rows`, in that order (indices past the end are skipped).
    #[must_use]
    pub fn rows(&self, rows: &[usize]) -> Self {
        let examples = self.examples();
        let keep: Vec<usize> = rows.iter().copied().filter(|&r| r < examples).collect();
        match self {
            Self::Features(x) => Self::Features(x.select(Axis(0), &keep)),
            Self::Tokens(t) => Self::Tokens(t.select(Axis(0), &keep)),
        }
    }
}

impl LayerConfig {
    /// The settings of a one-direction recurrent layer as the shared type (`None` for
    /// Embedding, Dense and Bidirectional).
    #[must_use]
    pub fn recurrent(&self) -> Option<RecurrentConfig> {
        match self {
            Self::SimpleRnn(c) => Some(RecurrentConfig::SimpleRnn(c.clone())),
            Self::Lstm(c) => Some(RecurrentConfig::Lstm(c.clone())),
            Self::Gru(c) => Some(RecurrentConfig::Gru(c.clone())),
            Self::Embedding(_) | Self::Bidirectional(_) | Self::Dense(_) => None,
        }
    }
}

impl Layer {
    /// A layer from its settings and a Keras `get_weights()` list: `SimpleRNN`
    /// `[kernel, recurrent_kernel, bias?]`; Bidirectional the forward list then the
    /// backward list; Embedding `[embeddings]`; Dense `[kernel, bias?]` (`bias` present
    /// iff `use_bias`).
    ///
    /// # Errors
    /// [`RnnError::WeightCount`] for a list of the wrong length; otherwise as the layer's
    /// `new` (wrong shapes, also for a tensor of the wrong rank).
    pub fn from_keras_weights(config: &LayerConfig, weights: &[ArrayD<f32>]) -> Result<Self> {
        let count = |expected: usize| {
            if weights.len() == expected {
                Ok(())
            } else {
                Err(RnnError::WeightCount {
                    layer: 0,
                    expected,
                    actual: weights.len(),
                })
            }
        };
        let one = |cell: RecurrentConfig| -> Result<Self> {
            count(cell.tensor_count())?;
            Ok(Self::one_direction(Recurrent::from_keras_weights(
                &cell, weights,
            )?))
        };
        Ok(match config {
            LayerConfig::Embedding(c) => {
                count(1)?;
                Self::Embedding(Embedding::new(
                    c,
                    sequence::as_2d(WeightName::Embeddings, &weights[0])?,
                )?)
            }
            LayerConfig::SimpleRnn(c) => one(RecurrentConfig::SimpleRnn(c.clone()))?,
            LayerConfig::Lstm(c) => one(RecurrentConfig::Lstm(c.clone()))?,
            LayerConfig::Gru(c) => one(RecurrentConfig::Gru(c.clone()))?,
            LayerConfig::Bidirectional(c) => {
                let per = c.layer.tensor_count();
                count(2 * per)?;
                let (f, b) = weights.split_at(per);
                Self::Bidirectional(Bidirectional::from_keras_weights(c, f, b)?)
            }
            LayerConfig::Dense(c) => {
                count(1 + usize::from(c.use_bias))?;
                let w = DenseWeights {
                    kernel: sequence::as_2d(WeightName::Kernel, &weights[0])?,
                    bias: weights
                        .get(1)
                        .map(|b| sequence::as_1d(WeightName::Bias, b))
                        .transpose()?,
                };
                Self::Dense(Dense::new(c.clone(), w)?)
            }
        })
    }

    /// A layer with fresh weights; `layer` is its index in the stack (it selects the
    /// generators, see [`crate::rnn::init`]). `input_dim` is ignored for an Embedding.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for zero sizes.
    pub fn init(
        config: &LayerConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
    ) -> Result<Self> {
        Ok(match config {
            LayerConfig::Embedding(c) => {
                Self::Embedding(Embedding::init_at(c, scheme, seed, layer)?)
            }
            LayerConfig::SimpleRnn(c) => Self::SimpleRnn(SimpleRnn::new(
                c.clone(),
                super::simple_rnn::SimpleRnnWeights::init(
                    c,
                    input_dim,
                    scheme,
                    seed,
                    layer,
                    Direction::Forward,
                ),
            )?),
            LayerConfig::Lstm(c) => Self::Lstm(Lstm::new(
                c.clone(),
                super::lstm::LstmWeights::init(
                    c,
                    input_dim,
                    scheme,
                    seed,
                    layer,
                    Direction::Forward,
                ),
            )?),
            LayerConfig::Gru(c) => Self::Gru(Gru::new(
                c.clone(),
                super::gru::GruWeights::init(c, input_dim, scheme, seed, layer, Direction::Forward),
            )?),
            LayerConfig::Bidirectional(c) => Self::Bidirectional(Bidirectional::init_at(
                c.clone(),
                input_dim,
                scheme,
                seed,
                layer,
            )?),
            LayerConfig::Dense(c) => {
                Self::Dense(Dense::init_at(c.clone(), input_dim, scheme, seed, layer)?)
            }
        })
    }

    /// The one-direction layer of a recurrent layer.
    fn one_direction(layer: Recurrent) -> Self {
        match layer {
            Recurrent::SimpleRnn(l) => Self::SimpleRnn(l),
            Recurrent::Lstm(l) => Self::Lstm(l),
            Recurrent::Gru(l) => Self::Gru(l),
        }
    }

    /// The layer's settings.
    #[must_use]
    pub fn config(&self) -> LayerConfig {
        match self {
            Self::Embedding(l) => LayerConfig::Embedding(l.config()),
            Self::SimpleRnn(l) => LayerConfig::SimpleRnn(l.config().clone()),
            Self::Lstm(l) => LayerConfig::Lstm(l.config().clone()),
            Self::Gru(l) => LayerConfig::Gru(l.config().clone()),
            Self::Bidirectional(l) => LayerConfig::Bidirectional(l.config()),
            Self::Dense(l) => LayerConfig::Dense(l.config().clone()),
        }
    }

    /// Whether the layer is recurrent (any cell, one or two directions).
    #[must_use]
    pub fn is_recurrent(&self) -> bool {
        self.recurrent(Direction::Forward).is_some()
    }

    /// Size of the last axis the layer expects (vocabulary size for an Embedding).
    #[must_use]
    pub fn input_dim(&self) -> usize {
        match self {
            Self::Embedding(l) => l.config().vocab_size,
            Self::SimpleRnn(l) => l.input_dim(),
            Self::Lstm(l) => l.input_dim(),
            Self::Gru(l) => l.input_dim(),
            Self::Bidirectional(l) => l.input_dim(),
            Self::Dense(l) => l.input_dim(),
        }
    }

    /// Size of the last axis of the layer's output.
    #[must_use]
    pub fn output_units(&self) -> usize {
        match self {
            Self::Embedding(l) => l.config().output_dim,
            Self::SimpleRnn(l) => l.units(),
            Self::Lstm(l) => l.units(),
            Self::Gru(l) => l.units(),
            Self::Bidirectional(l) => l.output_units(),
            Self::Dense(l) => l.config().units,
        }
    }

    /// The recurrent layer of one direction, any cell, if the layer has it.
    #[must_use]
    pub fn recurrent(&self, direction: Direction) -> Option<RecurrentRef<'_>> {
        match (self, direction) {
            (Self::SimpleRnn(l), Direction::Forward) => Some(RecurrentRef::SimpleRnn(l)),
            (Self::Lstm(l), Direction::Forward) => Some(RecurrentRef::Lstm(l)),
            (Self::Gru(l), Direction::Forward) => Some(RecurrentRef::Gru(l)),
            (Self::Bidirectional(l), d) => Some(l.direction(d)),
            _ => None,
        }
    }

    /// The `SimpleRNN` cell of one direction, if the layer has one (`None` for LSTM and
    /// GRU layers: see [`Layer::recurrent`]).
    #[must_use]
    pub fn cell(&self, direction: Direction) -> Option<&SimpleRnn> {
        self.recurrent(direction)
            .and_then(RecurrentRef::as_simple_rnn)
    }

    /// Whether the output keeps the time axis, given whether the input has it.
    fn keeps_sequence(&self, input_is_sequence: bool) -> bool {
        match self.recurrent(Direction::Forward) {
            Some(cell) => cell.return_sequences(),
            None => matches!(self, Self::Embedding(_)) || input_is_sequence,
        }
    }

    /// Runs the layer on a sequence `[batch, T, D]` (the model input or a previous output).
    fn forward_sequence(&self, x: ArrayView3<'_, f32>) -> Result<LayerOutput> {
        Ok(match self {
            // Validated by `Stack::new`: an Embedding is only ever first, fed by tokens.
            Self::Embedding(_) => return Err(RnnError::EmbeddingNotFirst { layer: 0 }),
            Self::Bidirectional(l) => {
                let (f, b) = l.hidden_states(x)?;
                LayerOutput {
                    output: l.merge(f.hidden.view(), b.hidden.view())?,
                    forward_states: Some(f.hidden),
                    backward_states: Some(b.hidden),
                    forward_cells: f.cell,
                    backward_cells: b.cell,
                }
            }
            Self::Dense(l) => LayerOutput::stateless(Output::Sequence(l.forward_sequence(x)?)),
            Self::SimpleRnn(l) => one_direction_output(RecurrentRef::SimpleRnn(l), x)?,
            Self::Lstm(l) => one_direction_output(RecurrentRef::Lstm(l), x)?,
            Self::Gru(l) => one_direction_output(RecurrentRef::Gru(l), x)?,
        })
    }

    /// Runs the layer on the previous layer's output.
    fn forward_output(&self, x: &Output) -> Result<LayerOutput> {
        match (self, x) {
            (_, Output::Sequence(a)) => self.forward_sequence(a.view()),
            (Self::Dense(l), Output::Last(a)) => Ok(LayerOutput::stateless(Output::Last(
                l.forward_last(a.view())?,
            ))),
            (_, Output::Last(_)) => Err(RnnError::NeedsSequence { layer: 0 }),
        }
    }
}

/// Runs a one-direction recurrent layer on `x [batch, T, D]`: its states, and its output
/// (every state with `return_sequences`, else the last).
fn one_direction_output(cell: RecurrentRef<'_>, x: ArrayView3<'_, f32>) -> Result<LayerOutput> {
    let SequenceStates { hidden, cell: c } = cell.hidden_states(x, Direction::Forward)?;
    let output = if cell.return_sequences() {
        Output::Sequence(hidden.clone())
    } else {
        Output::Last(super::simple_rnn::final_state(
            hidden.view(),
            Direction::Forward,
        ))
    };
    Ok(LayerOutput {
        output,
        forward_states: Some(hidden),
        backward_states: None,
        forward_cells: c,
        backward_cells: None,
    })
}

/// Layers run in order, each on the previous one's output (Keras `Sequential`).
#[derive(Clone, Debug, PartialEq)]
pub struct Stack {
    layers: Vec<Layer>,
}

impl Stack {
    /// A stack of layers with weights, checked to fit together: an Embedding only first,
    /// each layer's input size equal to the previous output width, recurrent layers only
    /// after a layer that returns sequences.
    ///
    /// # Errors
    /// [`RnnError::EmptyStack`], [`RnnError::EmbeddingNotFirst`],
    /// [`RnnError::FeatureMismatch`], [`RnnError::NeedsSequence`], naming the layer index.
    pub fn new(layers: Vec<Layer>) -> Result<Self> {
        let first = layers.first().ok_or(RnnError::EmptyStack)?;
        let mut width = first.input_dim();
        let mut is_sequence = true;
        for (i, layer) in layers.iter().enumerate() {
            if let Layer::Embedding(_) = layer {
                if i > 0 {
                    return Err(RnnError::EmbeddingNotFirst { layer: i });
                }
            } else {
                if layer.is_recurrent() && !is_sequence {
                    return Err(RnnError::NeedsSequence { layer: i });
                }
                if layer.input_dim() != width {
                    return Err(RnnError::FeatureMismatch {
                        layer: i,
                        expected: layer.input_dim(),
                        actual: width,
                    });
                }
            }
            is_sequence = layer.keeps_sequence(is_sequence);
            width = layer.output_units();
        }
        Ok(Self { layers })
    }

    /// A stack from layer settings and each layer's Keras `get_weights()` list (see
    /// [`Layer::from_keras_weights`]), errors naming the layer index.
    ///
    /// # Errors
    /// [`RnnError::WeightCount`] when the lists do not pair up with the layers (layer =
    /// number of configs), otherwise as [`Layer::from_keras_weights`] and [`Stack::new`].
    pub fn from_keras_weights(
        configs: &[LayerConfig],
        weights: &[Vec<ArrayD<f32>>],
    ) -> Result<Self> {
        if configs.len() != weights.len() {
            return Err(RnnError::WeightCount {
                layer: configs.len(),
                expected: configs.len(),
                actual: weights.len(),
            });
        }
        let layers = configs
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(i, (c, w))| Layer::from_keras_weights(c, w).map_err(|e| e.at_layer(i)))
            .collect::<Result<Vec<_>>>()?;
        Self::new(layers)
    }

    /// A stack with fresh weights from `configs`, for inputs with `input_features`
    /// features (ignored when the first layer is an Embedding). Layer `i` draws from the
    /// generators `(seed, i, direction, tensor)` as [`crate::rnn::init`] documents.
    ///
    /// # Errors
    /// As [`Stack::new`], plus [`RnnError::ZeroSize`] for zero sizes.
    pub fn init(
        input_features: usize,
        configs: &[LayerConfig],
        scheme: InitScheme,
        seed: u64,
    ) -> Result<Self> {
        let mut width = input_features;
        let mut layers = Vec::with_capacity(configs.len());
        for (i, config) in configs.iter().enumerate() {
            let layer = Layer::init(config, width, scheme, seed, i).map_err(|e| e.at_layer(i))?;
            width = layer.output_units();
            layers.push(layer);
        }
        Self::new(layers)
    }

    /// The layers, first first.
    #[must_use]
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Whether the stack takes token ids (its first layer is an Embedding).
    #[must_use]
    pub fn takes_tokens(&self) -> bool {
        matches!(self.layers.first(), Some(Layer::Embedding(_)))
    }

    /// Size of the input's last axis (vocabulary size when it takes tokens).
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.layers.first().map_or(0, Layer::input_dim)
    }

    /// Runs every layer from a zero state and keeps every layer's output and hidden
    /// states. `input` is `[batch, T, D]` features or `[batch, T]` tokens. No traces are
    /// computed; NaN/infinity is not checked here (see [`StackOutput::check_finite`], or
    /// use [`Stack::forward_checked`]).
    ///
    /// # Errors
    /// [`RnnError::InputKind`], [`RnnError::FeatureMismatch`], [`RnnError::ZeroSize`],
    /// [`RnnError::TokenOutOfRange`], naming the layer index.
    pub fn forward(&self, input: Input<'_>) -> Result<StackOutput> {
        let mut outputs: Vec<LayerOutput> = Vec::with_capacity(self.layers.len());
        for (i, layer) in self.layers.iter().enumerate() {
            let out = match (i, layer, input) {
                (0, Layer::Embedding(e), Input::Tokens(tokens)) => {
                    LayerOutput::stateless(Output::Sequence(e.forward(tokens)?))
                }
                (0, Layer::Embedding(_), Input::Features(_)) => {
                    return Err(RnnError::InputKind {
                        expects_tokens: true,
                    })
                }
                (0, _, Input::Tokens(_)) => {
                    return Err(RnnError::InputKind {
                        expects_tokens: false,
                    })
                }
                (0, _, Input::Features(x)) => {
                    let (batch, timesteps, _) = x.dim();
                    super::simple_rnn::check_nonempty(batch, timesteps)?;
                    layer.forward_sequence(x).map_err(|e| e.at_layer(0))?
                }
                (_, _, _) => match outputs.last() {
                    Some(prev) => layer
                        .forward_output(&prev.output)
                        .map_err(|e| e.at_layer(i))?,
                    None => return Err(RnnError::EmptyStack),
                },
            };
            outputs.push(out);
        }
        Ok(StackOutput { layers: outputs })
    }

    /// [`Stack::forward`], then [`StackOutput::ensure_finite`].
    ///
    /// # Errors
    /// As [`Stack::forward`], plus [`RnnError::NonFinite`] at the first NaN or infinity.
    pub fn forward_checked(&self, input: Input<'_>) -> Result<StackOutput> {
        let out = self.forward(input)?;
        out.ensure_finite()?;
        Ok(out)
    }

    /// The cell internals of one `SimpleRNN` step, recomputed from the layer's input
    /// (`input` for layer 0, else layer `layer - 1`'s output in `outputs`) and the stored
    /// hidden states of `direction`. `timestep` is the **input time index** in both
    /// directions (see [`SimpleRnn::trace_step`]). For any cell use [`Stack::cell_trace`].
    ///
    /// # Errors
    /// [`RnnError::TraceOutOfRange`] when the layer is missing or not recurrent, the
    /// direction is missing (`Backward` on a one-direction layer), `batch`/`timestep` are
    /// out of range, or `outputs` does not come from this stack and input;
    /// [`RnnError::NotSimpleRnn`] for an LSTM or GRU layer.
    pub fn trace(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<StepTrace> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        parts
            .simple_rnn(layer)?
            .trace_step(parts.x, parts.hidden, direction, batch, timestep)
            .map_err(|e| e.at_layer(layer))
    }

    /// All steps of one `SimpleRNN` (layer, direction, batch item), in input time order
    /// `t = 0..T` (for the backward direction, reading order is the reverse of this).
    ///
    /// # Errors
    /// As [`Stack::trace`].
    pub fn traces(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
    ) -> Result<Vec<StepTrace>> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        let cell = parts.simple_rnn(layer)?;
        (0..parts.x.len_of(Axis(1)))
            .map(|t| {
                cell.trace_step(parts.x, parts.hidden, direction, batch, t)
                    .map_err(|e| e.at_layer(layer))
            })
            .collect()
    }

    /// The pre-activations `z_t` of every step of one `SimpleRNN` (layer, direction, batch
    /// item), `[T, H]` in input time order, computed for all steps at once (see
    /// [`SimpleRnn::pre_activations`]); row `t` is `traces(..)[t].pre_activation`. For any
    /// cell use [`Stack::gate_series`].
    ///
    /// # Errors
    /// As [`Stack::trace`].
    pub fn pre_activations(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
    ) -> Result<Array2<f32>> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        parts
            .simple_rnn(layer)?
            .pre_activations(parts.x, parts.hidden, direction, batch)
            .map_err(|e| e.at_layer(layer))
    }

    /// The inside of one step of any recurrent cell (`SimpleRNN`: [`StepTrace`]; LSTM:
    /// every gate, `c_{t-1}`, `c̃`, `c_t`; GRU: every gate and the reset product), recomputed
    /// like [`Stack::trace`].
    ///
    /// # Errors
    /// As [`Stack::trace`], without [`RnnError::NotSimpleRnn`].
    pub fn cell_trace(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<CellTrace> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        parts
            .step(direction, batch, timestep)
            .map_err(|e| e.at_layer(layer))
    }

    /// Every step of one (layer, direction, batch item) as [`Stack::cell_trace`] gives
    /// it, in input time order.
    ///
    /// # Errors
    /// As [`Stack::cell_trace`].
    pub fn cell_traces(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
    ) -> Result<Vec<CellTrace>> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        (0..parts.x.len_of(Axis(1)))
            .map(|t| {
                parts
                    .step(direction, batch, t)
                    .map_err(|e| e.at_layer(layer))
            })
            .collect()
    }

    /// Every step's gate values (`SimpleRNN`: pre-activations) of one (layer, direction,
    /// batch item), `[T, u]` each, computed for all steps at once.
    ///
    /// # Errors
    /// As [`Stack::cell_trace`].
    pub fn gate_series(
        &self,
        input: Input<'_>,
        outputs: &StackOutput,
        layer: usize,
        direction: Direction,
        batch: usize,
    ) -> Result<GateSeries> {
        let parts = self.trace_parts(input, outputs, layer, direction)?;
        let series = match (parts.cell, parts.cells) {
            (RecurrentRef::SimpleRnn(l), _) => l
                .pre_activations(parts.x, parts.hidden, direction, batch)
                .map(|pre_activation| GateSeries::SimpleRnn { pre_activation }),
            (RecurrentRef::Lstm(l), Some(cells)) => {
                l.gate_series(parts.x, parts.hidden, cells, direction, batch)
            }
            (RecurrentRef::Gru(l), _) => l.gate_series(parts.x, parts.hidden, direction, batch),
            (RecurrentRef::Lstm(_), None) => Err(missing_cells(layer)),
        };
        series.map_err(|e| e.at_layer(layer))
    }

    fn trace_parts<'s, 'i: 's>(
        &'s self,
        input: Input<'i>,
        outputs: &'s StackOutput,
        layer: usize,
        direction: Direction,
    ) -> Result<TraceParts<'s>> {
        let out_of_range = |what, index, available| RnnError::TraceOutOfRange {
            what,
            index,
            available,
        };
        let l = self
            .layers
            .get(layer)
            .ok_or(out_of_range("layer", layer, self.layers.len()))?;
        let directions = match l {
            Layer::Bidirectional(_) => 2,
            l if l.is_recurrent() => 1,
            _ => 0,
        };
        let cell = l.recurrent(direction).ok_or(out_of_range(
            "direction",
            usize::from(direction == Direction::Backward),
            directions,
        ))?;
        let out = outputs.layers.get(layer).ok_or(out_of_range(
            "outputs",
            layer,
            outputs.layers.len(),
        ))?;
        let hidden =
            out.states(direction)
                .ok_or(out_of_range("outputs", layer, outputs.layers.len()))?;
        let x = if layer == 0 {
            match input {
                Input::Features(x) => x.reborrow(),
                Input::Tokens(_) => {
                    return Err(RnnError::InputKind {
                        expects_tokens: false,
                    })
                }
            }
        } else {
            outputs
                .layers
                .get(layer - 1)
                .and_then(|o| o.output.as_sequence())
                .ok_or(RnnError::NeedsSequence { layer })?
        };
        Ok(TraceParts {
            cell,
            x,
            hidden,
            cells: out.cells(direction),
        })
    }
}

/// An LSTM layer's output without its cell states (not from this stack).
fn missing_cells(layer: usize) -> RnnError {
    RnnError::TraceOutOfRange {
        what: "outputs",
        index: layer,
        available: 0,
    }
}

/// What a trace of one (layer, direction) reads.
struct TraceParts<'s> {
    cell: RecurrentRef<'s>,
    x: ArrayView3<'s, f32>,
    hidden: ArrayView3<'s, f32>,
    cells: Option<ArrayView3<'s, f32>>,
}

impl TraceParts<'_> {
    /// The `SimpleRNN`, or [`RnnError::NotSimpleRnn`].
    fn simple_rnn(&self, layer: usize) -> Result<&SimpleRnn> {
        self.cell.as_simple_rnn().ok_or(RnnError::NotSimpleRnn {
            layer,
            cell: self.cell.kind(),
        })
    }

    fn step(&self, direction: Direction, batch: usize, timestep: usize) -> Result<CellTrace> {
        match (self.cell, self.cells) {
            (RecurrentRef::SimpleRnn(l), _) => l
                .trace_step(self.x, self.hidden, direction, batch, timestep)
                .map(CellTrace::SimpleRnn),
            (RecurrentRef::Lstm(l), Some(cells)) => l
                .trace_step(self.x, self.hidden, cells, direction, batch, timestep)
                .map(CellTrace::Lstm),
            (RecurrentRef::Gru(l), _) => l
                .trace_step(self.x, self.hidden, direction, batch, timestep)
                .map(CellTrace::Gru),
            (RecurrentRef::Lstm(_), None) => Err(missing_cells(0)),
        }
    }
}
