//! The model document as typed Rust values: input, layers and their Keras settings.

use serde::{Deserialize, Serialize};

pub use crate::rnn::{InitScheme, MergeMode};

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

/// Activations a simple recurrent cell can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RnnActivation {
    /// Hyperbolic tangent, Keras' default.
    #[default]
    Tanh,
    /// `max(0, z)`.
    Relu,
    /// `1 / (1 + e^-z)`.
    Sigmoid,
    /// Identity.
    Linear,
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
}

impl RnnActivation {
    /// Every choice, in the order the UI lists them.
    pub const ALL: [Self; 4] = [Self::Tanh, Self::Relu, Self::Sigmoid, Self::Linear];

    /// The Keras name, as written in documents.
    #[must_use]
    pub fn keras_name(self) -> &'static str {
        match self {
            Self::Tanh => "tanh",
            Self::Relu => "relu",
            Self::Sigmoid => "sigmoid",
            Self::Linear => "linear",
        }
    }

    /// The activation with this Keras name, if a recurrent cell can use it.
    #[must_use]
    pub fn from_keras_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.keras_name() == name)
    }
}

impl DenseActivation {
    /// Every choice, in the order the UI lists them.
    pub const ALL: [Self; 5] = [
        Self::Linear,
        Self::Relu,
        Self::Sigmoid,
        Self::Tanh,
        Self::Softmax,
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
    /// The layer's `"type"` in documents: `embedding`, `simple_rnn` or `dense`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Embedding(_) => "embedding",
            Self::SimpleRnn(_) => "simple_rnn",
            Self::Dense(_) => "dense",
        }
    }

    /// The name given in the document, if any.
    #[must_use]
    pub fn given_name(&self) -> Option<&str> {
        match self {
            Self::Embedding(l) => l.name.as_deref(),
            Self::SimpleRnn(l) => l.name.as_deref(),
            Self::Dense(l) => l.name.as_deref(),
        }
    }

    /// The Keras class shown in the summary: `Embedding`, `SimpleRNN`, `Bidirectional`
    /// or `Dense`.
    #[must_use]
    pub fn keras_class(&self) -> &'static str {
        match self {
            Self::Embedding(_) => "Embedding",
            Self::SimpleRnn(l) if l.bidirectional.is_some() => "Bidirectional",
            Self::SimpleRnn(_) => "SimpleRNN",
            Self::Dense(_) => "Dense",
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
