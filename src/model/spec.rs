//! The model document as typed Rust values: input, layers and their Keras settings.

use serde::{Deserialize, Serialize};

pub use crate::rnn::{CellKind, InitScheme, MergeMode};

use crate::rnn::Activation;

/// A Keras `Sequential` model: what goes in, and the layers in order.
///
/// Built by [`ModelSpec::from_json`] (which also validates) or directly by the UI, which
/// then calls [`ModelSpec::validate`]. Serializes to the same JSON document it reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSpec {
    /// The model's name in the summary; `None` means Keras' default `sequential`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The shape of one input batch.
    pub input: InputSpec,
    /// The layers, first to last.
    pub layers: Vec<LayerSpec>,
}

/// The input of the model, Keras' `input_shape` (or `batch_input_shape` when `batch` is set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct InputSpec {
    /// Sequence length; `None` means any length (printed `None` in shapes).
    pub timesteps: Option<usize>,
    /// Numbers per timestep; `None` exactly when the first layer is an embedding, whose
    /// inputs are single token ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<usize>,
    /// Fixed batch size (`batch_input_shape`); `None` means any batch size.
    pub batch: Option<usize>,
}

/// One layer of the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LayerSpec {
    /// `Embedding(vocab, dim)`: token id -> learned vector.
    Embedding(EmbeddingSpec),
    /// `SimpleRNN(units)`, optionally wrapped in `Bidirectional`.
    SimpleRnn(SimpleRnnSpec),
    /// `LSTM(units)`, optionally wrapped in `Bidirectional`.
    Lstm(LstmSpec),
    /// `GRU(units)`, optionally wrapped in `Bidirectional`.
    Gru(GruSpec),
    /// `Dense(units)`, applied to the last axis.
    Dense(DenseSpec),
}

/// Settings of an embedding layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmbeddingSpec {
    /// Layer name; `None` means Keras' default numbering (`embedding`, `embedding_1`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Vocabulary size: token ids run from 0 to `vocab - 1` (Keras `input_dim`).
    pub vocab: usize,
    /// Length of each token's vector (Keras `output_dim`).
    pub dim: usize,
}

/// Settings of a simple recurrent layer: `h_t = activation(x_t·kernel + h_{t-1}·recurrent_kernel + bias)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimpleRnnSpec {
    /// Layer name; `None` means Keras' default numbering (`simple_rnn`, `bidirectional`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Hidden units: the length of the hidden state `h_t`.
    pub units: usize,
    /// The cell's activation (Keras default `tanh`).
    pub activation: RnnActivation,
    /// Whether the cell adds a bias (Keras default `true`).
    pub use_bias: bool,
    /// Output every timestep's hidden state (`true`) or only the last one (Keras default).
    pub return_sequences: bool,
    /// `Some(mode)` wraps the layer in `Bidirectional(merge_mode=mode)`.
    pub bidirectional: Option<MergeMode>,
}

/// Settings of an LSTM layer (see [`crate::rnn::lstm`] for the gates `i, f, c, o`):
/// `c_t = f ⊙ c_{t-1} + i ⊙ act(z_c)`, `h_t = o ⊙ act(c_t)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LstmSpec {
    /// Layer name; `None` means Keras' default numbering (`lstm`, `lstm_1`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Hidden units: the length of `h_t` and of the cell state `c_t`.
    pub units: usize,
    /// Applied to the candidate and to `c_t` (Keras default `tanh`).
    pub activation: RnnActivation,
    /// Applied to the gates `i`, `f`, `o` (Keras default `sigmoid`).
    pub recurrent_activation: RnnActivation,
    /// Whether the cell adds a bias (Keras default `true`).
    pub use_bias: bool,
    /// Keras initialisation: the forget gate's bias starts at 1 (Keras default `true`).
    pub unit_forget_bias: bool,
    /// Output every timestep's hidden state (`true`) or only the last one (Keras default).
    pub return_sequences: bool,
    /// `Some(mode)` wraps the layer in `Bidirectional(merge_mode=mode)`.
    pub bidirectional: Option<MergeMode>,
}

/// Settings of a GRU layer (see [`crate::rnn::gru`] for the gates `z, r, h`):
/// `h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GruSpec {
    /// Layer name; `None` means Keras' default numbering (`gru`, `gru_1`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Hidden units: the length of `h_t`.
    pub units: usize,
    /// Applied to the candidate `h̃` (Keras default `tanh`).
    pub activation: RnnActivation,
    /// Applied to the gates `z`, `r` (Keras default `sigmoid`).
    pub recurrent_activation: RnnActivation,
    /// Whether the cell adds biases (Keras default `true`).
    pub use_bias: bool,
    /// The reset gate acts after the recurrent product, with a second bias (Keras default
    /// `true`, as cuDNN and PyTorch compute it), or before it (`false`).
    pub reset_after: bool,
    /// Output every timestep's hidden state (`true`) or only the last one (Keras default).
    pub return_sequences: bool,
    /// `Some(mode)` wraps the layer in `Bidirectional(merge_mode=mode)`.
    pub bidirectional: Option<MergeMode>,
}

/// Settings of a dense (fully connected) layer: `y = activation(x·kernel + bias)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DenseSpec {
    /// Layer name; `None` means Keras' default numbering (`dense`, `dense_1`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Output units.
    pub units: usize,
    /// The activation (Keras default `linear`).
    pub activation: DenseActivation,
    /// Whether the layer adds a bias (Keras default `true`).
    pub use_bias: bool,
}

/// Activations a recurrent cell can use (as `activation` and, for LSTM and GRU, as
/// `recurrent_activation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RnnActivation {
    /// Hyperbolic tangent, Keras' default activation.
    #[default]
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `1 / (1 + e^-z)`, Keras' default recurrent activation.
    Sigmoid,
    /// Identity.
    Linear,
    /// Keras 3's `relu6(z + 3) / 6 = clip(z / 6 + 1/2, 0, 1)`; Keras 2's `hard_sigmoid` was
    /// `clip(0.2·z + 0.5, 0, 1)`, which Unrolled does not compute.
    HardSigmoid,
}

/// Activations a dense layer can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DenseActivation {
    /// Identity, Keras' default.
    #[default]
    Linear,
    /// `max(0, z)`.
    Relu,
    /// `1 / (1 + e^-z)`.
    Sigmoid,
    /// Hyperbolic tangent.
    Tanh,
    /// `e^z_i / Σ e^z_j` over the last axis.
    Softmax,
    /// Keras 3's `relu6(z + 3) / 6` (see [`RnnActivation::HardSigmoid`]).
    HardSigmoid,
}

impl RnnActivation {
    /// Every choice, in the order the UI lists them.
    pub const ALL: [Self; 5] = [
        Self::Tanh,
        Self::Relu,
        Self::Sigmoid,
        Self::Linear,
        Self::HardSigmoid,
    ];

    /// The Keras name, as written in documents.
    #[must_use]
    pub fn keras_name(self) -> &'static str {
        match self {
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::Sigmoid => "sigmoid",
            Self::Linear => "linear",
            Self::HardSigmoid => "hard_sigmoid",
        }
    }

    /// The engine's activation.
    #[must_use]
    pub fn engine(self) -> Activation {
        match self {
            Self::Tanh => Activation::Tanh,
            Self::Relu => Activation::Relu,
            Self::Sigmoid => Activation::Sigmoid,
            Self::Linear => Activation::Linear,
            Self::HardSigmoid => Activation::HardSigmoid,
        }
    }

    /// The document's name for an engine activation (`None` for softmax, which no
    /// recurrent layer of a document uses).
    #[must_use]
    pub fn from_engine(activation: Activation) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.engine() == activation)
    }

    /// The activation with this Keras name, if a recurrent cell can use it.
    #[must_use]
    pub fn from_keras_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.keras_name() == name)
    }
}

impl DenseActivation {
    /// Every choice, in the order the UI lists them.
    pub const ALL: [Self; 6] = [
        Self::Linear,
        Self::Relu,
        Self::Sigmoid,
        Self::Tanh,
        Self::Softmax,
        Self::HardSigmoid,
    ];

    /// The Keras name, as written in documents.
    #[must_use]
    pub fn keras_name(self) -> &'static str {
        match self {
            Self::Linear => "linear",
            Self::Relu => "relu",
            Self::Sigmoid => "sigmoid",
            Self::Tanh => "tanh",
            Self::Softmax => "softmax",
            Self::HardSigmoid => "hard_sigmoid",
        }
    }

    /// The engine's activation.
    #[must_use]
    pub fn engine(self) -> Activation {
        match self {
            Self::Linear => Activation::Linear,
            Self::Relu => Activation::Relu,
            Self::Sigmoid => Activation::Sigmoid,
            Self::Tanh => Activation::Tanh,
            Self::Softmax => Activation::Softmax,
            Self::HardSigmoid => Activation::HardSigmoid,
        }
    }

    /// The document's name for an engine activation.
    #[must_use]
    pub fn from_engine(activation: Activation) -> Self {
        match activation {
            Activation::Linear => Self::Linear,
            Activation::Relu => Self::Relu,
            Activation::Sigmoid => Self::Sigmoid,
            Activation::Tanh => Self::Tanh,
            Activation::Softmax => Self::Softmax,
            Activation::HardSigmoid => Self::HardSigmoid,
        }
    }

    /// The activation with this Keras name, if a dense layer can use it.
    #[must_use]
    pub fn from_keras_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.keras_name() == name)
    }
}

impl SimpleRnnSpec {
    /// A `SimpleRNN(units)` with Keras' defaults.
    #[must_use]
    pub fn new(units: usize) -> Self {
        Self {
            name: None,
            units,
            activation: RnnActivation::Tanh,
            use_bias: true,
            return_sequences: false,
            bidirectional: None,
        }
    }
}

impl SimpleRnnSpec {
    /// The settings every recurrent layer has.
    #[must_use]
    pub fn settings(&self) -> RecurrentSettings {
        RecurrentSettings {
            cell: CellKind::SimpleRnn,
            units: self.units,
            activation: self.activation,
            use_bias: self.use_bias,
            return_sequences: self.return_sequences,
            bidirectional: self.bidirectional,
            reset_after: true,
        }
    }
}

impl LstmSpec {
    /// The settings every recurrent layer has.
    #[must_use]
    pub fn settings(&self) -> RecurrentSettings {
        RecurrentSettings {
            cell: CellKind::Lstm,
            units: self.units,
            activation: self.activation,
            use_bias: self.use_bias,
            return_sequences: self.return_sequences,
            bidirectional: self.bidirectional,
            reset_after: true,
        }
    }

    /// An `LSTM(units)` with Keras' defaults.
    #[must_use]
    pub fn new(units: usize) -> Self {
        Self {
            name: None,
            units,
            activation: RnnActivation::Tanh,
            recurrent_activation: RnnActivation::Sigmoid,
            use_bias: true,
            unit_forget_bias: true,
            return_sequences: false,
            bidirectional: None,
        }
    }
}

impl GruSpec {
    /// The settings every recurrent layer has.
    #[must_use]
    pub fn settings(&self) -> RecurrentSettings {
        RecurrentSettings {
            cell: CellKind::Gru,
            units: self.units,
            activation: self.activation,
            use_bias: self.use_bias,
            return_sequences: self.return_sequences,
            bidirectional: self.bidirectional,
            reset_after: self.reset_after,
        }
    }

    /// A `GRU(units)` with Keras' defaults.
    #[must_use]
    pub fn new(units: usize) -> Self {
        Self {
            name: None,
            units,
            activation: RnnActivation::Tanh,
            recurrent_activation: RnnActivation::Sigmoid,
            use_bias: true,
            reset_after: true,
            return_sequences: false,
            bidirectional: None,
        }
    }
}

/// What every recurrent layer of a document has, whatever its cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecurrentSettings {
    /// Which cell.
    pub cell: CellKind,
    /// Hidden units.
    pub units: usize,
    /// The activation (the candidate's for LSTM and GRU).
    pub activation: RnnActivation,
    /// Whether the cell adds biases.
    pub use_bias: bool,
    /// Whether every step is output.
    pub return_sequences: bool,
    /// The `Bidirectional` merge mode, if wrapped.
    pub bidirectional: Option<MergeMode>,
    /// GRU only: the reset gate after the recurrent product (`true` for other cells, where
    /// it means nothing).
    pub reset_after: bool,
}

impl RecurrentSettings {
    /// `Bidirectional` when wrapped, else the cell's class (`SimpleRNN`, `LSTM`, `GRU`).
    #[must_use]
    pub fn keras_class(&self) -> &'static str {
        if self.bidirectional.is_some() {
            "Bidirectional"
        } else {
            self.cell.keras_class()
        }
    }

    /// The width of the layer's output: `2·units` for a concatenating bidirectional layer.
    #[must_use]
    pub fn output_width(&self) -> usize {
        match self.bidirectional {
            Some(MergeMode::Concat) => 2 * self.units,
            _ => self.units,
        }
    }

    /// Directions: 2 for a bidirectional layer, else 1.
    #[must_use]
    pub fn directions(&self) -> usize {
        if self.bidirectional.is_some() {
            2
        } else {
            1
        }
    }
}

impl DenseSpec {
    /// A `Dense(units)` with Keras' defaults.
    #[must_use]
    pub fn new(units: usize) -> Self {
        Self {
            name: None,
            units,
            activation: DenseActivation::Linear,
            use_bias: true,
        }
    }
}

impl LayerSpec {
    /// The layer's `"type"` in documents: `embedding`, `simple_rnn`, `lstm`, `gru` or
    /// `dense`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Embedding(_) => "embedding",
            Self::SimpleRnn(_) => "simple_rnn",
            Self::Lstm(_) => "lstm",
            Self::Gru(_) => "gru",
            Self::Dense(_) => "dense",
        }
    }

    /// The name given in the document, if any.
    #[must_use]
    pub fn given_name(&self) -> Option<&str> {
        match self {
            Self::Embedding(l) => l.name.as_deref(),
            Self::SimpleRnn(l) => l.name.as_deref(),
            Self::Lstm(l) => l.name.as_deref(),
            Self::Gru(l) => l.name.as_deref(),
            Self::Dense(l) => l.name.as_deref(),
        }
    }

    /// The settings every recurrent layer has, or `None` for Embedding and Dense.
    #[must_use]
    pub fn recurrent(&self) -> Option<RecurrentSettings> {
        match self {
            Self::SimpleRnn(l) => Some(l.settings()),
            Self::Lstm(l) => Some(l.settings()),
            Self::Gru(l) => Some(l.settings()),
            Self::Embedding(_) | Self::Dense(_) => None,
        }
    }

    /// The Keras class shown in the summary: `Embedding`, `SimpleRNN`, `LSTM`, `GRU`,
    /// `Bidirectional` or `Dense`.
    #[must_use]
    pub fn keras_class(&self) -> &'static str {
        match self {
            Self::Embedding(_) => "Embedding",
            Self::Dense(_) => "Dense",
            Self::SimpleRnn(l) => l.settings().keras_class(),
            Self::Lstm(l) => l.settings().keras_class(),
            Self::Gru(l) => l.settings().keras_class(),
        }
    }
}

/// A seeded weight initializer, `{"scheme": "keras", "seed": 42}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitSpec {
    /// Which framework's default initialization to imitate.
    pub scheme: InitScheme,
    /// Seed of the random generator; the same seed gives the same weights.
    #[serde(default)]
    pub seed: u64,
}
