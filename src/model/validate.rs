//! Turning a raw document into a [`ModelSpec`], and checking a spec: sizes, layer order,
//! names; deriving each layer's name, shapes and parameter counts (Keras and `PyTorch`).

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::error::{LayerRef, ModelError};
use super::json::{RawDocument, RawInput, RawLayer, Whole};
use super::limits::{
    MAX_BATCH, MAX_FEATURES, MAX_LAYERS, MAX_NAME_CHARS, MAX_PARAMS, MAX_TIMESTEPS, MAX_UNITS,
    MAX_VOCAB,
};
use super::shape::Shape;
use super::spec::{
    CellKind, DenseActivation, DenseSpec, EmbeddingSpec, GruSpec, InputSpec, LayerSpec, LstmSpec,
    MergeMode, ModelSpec, RecurrentSettings, RnnActivation, SimpleRnnSpec,
};

/// What a valid model is: per layer its resolved name, shapes and parameter counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelInfo {
    /// The model's name (`sequential` unless the document names it).
    pub name: String,
    /// Shape of the model's input: `(batch, timesteps, features)`, or
    /// `(batch, timesteps)` of token ids when the first layer is an embedding.
    pub input_shape: Shape,
    /// One entry per layer, in order.
    pub layers: Vec<LayerInfo>,
}

/// One layer of a valid model, as the summary and the UI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerInfo {
    /// The layer's name: the document's, or Keras' default numbering.
    pub name: String,
    /// Keras class shown in the summary: `SimpleRNN`, `Bidirectional`, `Embedding`, `Dense`.
    pub keras_class: &'static str,
    /// Shape of what the layer receives.
    pub input_shape: Shape,
    /// Shape of what the layer returns, as Keras reports it.
    pub output_shape: Shape,
    /// Parameters as Keras counts them (`count_params()`).
    pub keras_params: u64,
    /// Parameters of the equivalent `PyTorch` module.
    pub pytorch_params: u64,
    /// Why the `PyTorch` count differs from Keras' (or that it does not).
    pub pytorch_note: PytorchNote,
}

/// Why `PyTorch`'s parameter count for a layer differs from Keras'. The UI translates it; its
/// `Display` is the English sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PytorchNote {
    /// `nn.Embedding` / `nn.Linear` / a bias-free `nn.RNN` hold the same numbers.
    Same,
    /// `nn.RNN` has two bias vectors per direction (`bias_ih`, `bias_hh`), Keras one.
    TwoRnnBiases {
        /// Extra parameters: units × directions.
        extra: u64,
    },
    /// `nn.LSTM` has two bias vectors of `4·units` per direction, Keras one.
    TwoLstmBiases {
        /// Extra parameters: 4 × units × directions.
        extra: u64,
    },
    /// A GRU with `reset_after` and biases: `nn.GRU`'s `bias_ih` and `bias_hh` are Keras's
    /// two bias rows, so the counts agree.
    GruBiasRows,
    /// A GRU with `reset_after: false`: `nn.GRU` always resets after the recurrent product
    /// (Keras `reset_after: true`), so no `nn.GRU` computes this layer; with biases it
    /// would also hold a second bias vector.
    GruResetBefore {
        /// Extra parameters of an `nn.GRU` of this size: 3 × units × directions with
        /// biases, else 0.
        extra: u64,
    },
}

impl fmt::Display for PytorchNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Same => f.write_str("same as Keras"),
            Self::TwoRnnBiases { extra } => write!(
                f,
                "+{extra}: nn.RNN adds two bias vectors (bias_ih and bias_hh) where Keras adds one"
            ),
            Self::TwoLstmBiases { extra } => write!(
                f,
                "+{extra}: nn.LSTM adds two bias vectors of 4·units (bias_ih and bias_hh) where Keras adds one"
            ),
            Self::GruBiasRows => f.write_str(
                "same count: nn.GRU's bias_ih and bias_hh are Keras's two bias rows (reset_after=True)",
            ),
            Self::GruResetBefore { extra: 0 } => f.write_str(
                "same count, but nn.GRU always applies the reset gate after the recurrent product (Keras reset_after=True), so no nn.GRU computes this layer",
            ),
            Self::GruResetBefore { extra } => write!(
                f,
                "+{extra}: nn.GRU adds two bias vectors (bias_ih and bias_hh) where this layer (reset_after=False) adds one; and nn.GRU always applies the reset gate after the recurrent product, so no nn.GRU computes this layer"
            ),
        }
    }
}

impl PytorchNote {
    /// How many more parameters the `PyTorch` module holds than Keras's layer.
    #[must_use]
    pub fn extra(self) -> u64 {
        match self {
            Self::Same | Self::GruBiasRows => 0,
            Self::TwoRnnBiases { extra }
            | Self::TwoLstmBiases { extra }
            | Self::GruResetBefore { extra } => extra,
        }
    }
}

impl ModelInfo {
    /// Total parameters as Keras counts them.
    #[must_use]
    pub fn keras_params(&self) -> u64 {
        self.layers.iter().map(|layer| layer.keras_params).sum()
    }

    /// Total parameters of the equivalent `PyTorch` modules.
    #[must_use]
    pub fn pytorch_params(&self) -> u64 {
        self.layers.iter().map(|layer| layer.pytorch_params).sum()
    }

    /// Shape of the model's final output.
    #[must_use]
    pub fn output_shape(&self) -> &Shape {
        self.layers
            .last()
            .map_or(&self.input_shape, |layer| &layer.output_shape)
    }
}

fn layer_ref(index: usize, layer: &LayerSpec) -> LayerRef {
    LayerRef {
        index,
        kind: layer.kind(),
    }
}

/// Checks that a size is at least 1 and at most `max`.
fn check_size(at: &str, field: &'static str, value: usize, max: usize) -> Result<(), ModelError> {
    if value == 0 {
        return Err(ModelError::NotPositive {
            at: at.to_string(),
            field,
            value: 0,
        });
    }
    if value > max {
        return Err(ModelError::TooLarge {
            at: at.to_string(),
            field,
            value: value as u64,
            max: max as u64,
        });
    }
    Ok(())
}

/// Turns a written size into a `usize`, refusing zero, negatives and values above `max`.
fn written_size(
    at: &str,
    field: &'static str,
    value: Whole,
    max: usize,
) -> Result<usize, ModelError> {
    if value.0 < 1 {
        return Err(ModelError::NotPositive {
            at: at.to_string(),
            field,
            value: value.0,
        });
    }
    let size = usize::try_from(value.0).unwrap_or(usize::MAX);
    check_size(at, field, size, max)?;
    Ok(size)
}

fn check_name(at: &str, name: Option<&str>) -> Result<(), ModelError> {
    if let Some(name) = name {
        let chars = name.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS {
            return Err(ModelError::BadName {
                at: at.to_string(),
                chars,
                max: MAX_NAME_CHARS,
            });
        }
    }
    Ok(())
}

const EMBEDDING_FIELDS: &str = "\"name\", \"vocab\" and \"dim\"";
const SIMPLE_RNN_FIELDS: &str =
    "\"name\", \"units\", \"activation\", \"use_bias\", \"return_sequences\" and \"bidirectional\"";
const LSTM_FIELDS: &str = "\"name\", \"units\", \"activation\", \"recurrent_activation\", \"use_bias\", \"unit_forget_bias\", \"return_sequences\" and \"bidirectional\"";
const GRU_FIELDS: &str = "\"name\", \"units\", \"activation\", \"recurrent_activation\", \"use_bias\", \"reset_after\", \"return_sequences\" and \"bidirectional\"";
const RNN_ACTIVATIONS: &str = "\"tanh\", \"relu\", \"sigmoid\", \"linear\", \"hard_sigmoid\"";
const DENSE_FIELDS: &str = "\"name\", \"units\", \"activation\" and \"use_bias\"";

/// Turns a raw document into a spec: layer types, defaults, activations, sizes.
pub(crate) fn spec_from_raw(raw: &RawDocument) -> Result<ModelSpec, ModelError> {
    let input = raw
        .input
        .as_ref()
        .map_or(Ok(InputSpec::default()), input_from_raw)?;
    let layers = raw
        .layers
        .0
        .iter()
        .enumerate()
        .map(|(index, layer)| layer_from_raw(index, layer))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ModelSpec {
        name: raw.name.clone(),
        input,
        layers,
    })
}

fn input_from_raw(raw: &RawInput) -> Result<InputSpec, ModelError> {
    let size = |field, value: Option<Whole>, max| {
        value
            .map(|value| written_size("input", field, value, max))
            .transpose()
    };
    Ok(InputSpec {
        timesteps: size("timesteps", raw.timesteps, MAX_TIMESTEPS)?,
        features: size("features", raw.features, MAX_FEATURES)?,
        batch: size("batch", raw.batch, MAX_BATCH)?,
    })
}

fn layer_from_raw(index: usize, raw: &RawLayer) -> Result<LayerSpec, ModelError> {
    let kind: &'static str = match raw.kind.as_str() {
        "embedding" => "embedding",
        "simple_rnn" => "simple_rnn",
        "lstm" => "lstm",
        "gru" => "gru",
        "dense" => "dense",
        _ => {
            return Err(ModelError::UnknownLayerType {
                index,
                found: raw.kind.clone(),
            })
        }
    };
    let layer = LayerRef { index, kind };
    let at = layer.to_string();
    let allowed = match kind {
        "embedding" => EMBEDDING_FIELDS,
        "simple_rnn" => SIMPLE_RNN_FIELDS,
        "lstm" => LSTM_FIELDS,
        "gru" => GRU_FIELDS,
        _ => DENSE_FIELDS,
    };
    // Every field the raw layer has, and the layer types it belongs to.
    let fields: [(&'static str, bool, &[&str]); 11] = [
        (
            "units",
            raw.units.is_some(),
            &["simple_rnn", "lstm", "gru", "dense"],
        ),
        ("vocab", raw.vocab.is_some(), &["embedding"]),
        ("dim", raw.dim.is_some(), &["embedding"]),
        (
            "activation",
            raw.activation.is_some(),
            &["simple_rnn", "lstm", "gru", "dense"],
        ),
        (
            "use_bias",
            raw.use_bias.is_some(),
            &["simple_rnn", "lstm", "gru", "dense"],
        ),
        (
            "return_sequences",
            raw.return_sequences.is_some(),
            &["simple_rnn", "lstm", "gru"],
        ),
        (
            "bidirectional",
            raw.bidirectional.is_some(),
            &["simple_rnn", "lstm", "gru"],
        ),
        (
            "recurrent_activation",
            raw.recurrent_activation.is_some(),
            &["lstm", "gru"],
        ),
        (
            "unit_forget_bias",
            raw.unit_forget_bias.is_some(),
            &["lstm"],
        ),
        ("reset_after", raw.reset_after.is_some(), &["gru"]),
        ("name", false, &[]),
    ];
    for (field, present, owners) in fields {
        if present && !owners.contains(&kind) {
            return Err(ModelError::FieldNotForLayer {
                layer,
                field,
                allowed,
            });
        }
    }
    let required = |field: &'static str, value: Option<Whole>, max: usize| match value {
        Some(value) => written_size(&at, field, value, max),
        None => Err(ModelError::MissingField { layer, field }),
    };
    let rnn_activation = |given: Option<&str>, default: RnnActivation| match given {
        None => Ok(default),
        Some(name) => {
            RnnActivation::from_keras_name(name).ok_or_else(|| ModelError::UnknownActivation {
                layer,
                found: name.to_string(),
                allowed: RNN_ACTIVATIONS,
            })
        }
    };
    let bidirectional =
        || match raw.bidirectional.as_deref() {
            None => Ok(None),
            Some(mode) => MergeMode::from_keras_name(mode).map(Some).ok_or_else(|| {
                ModelError::UnknownMergeMode {
                    layer,
                    found: mode.to_string(),
                }
            }),
        };
    Ok(match kind {
        "embedding" => LayerSpec::Embedding(EmbeddingSpec {
            name: raw.name.clone(),
            vocab: required("vocab", raw.vocab, MAX_VOCAB)?,
            dim: required("dim", raw.dim, MAX_FEATURES)?,
        }),
        "simple_rnn" => LayerSpec::SimpleRnn(SimpleRnnSpec {
            name: raw.name.clone(),
            units: required("units", raw.units, MAX_UNITS)?,
            activation: rnn_activation(raw.activation.as_deref(), RnnActivation::Tanh)?,
            use_bias: raw.use_bias.unwrap_or(true),
            return_sequences: raw.return_sequences.unwrap_or(false),
            bidirectional: bidirectional()?,
        }),
        "lstm" => LayerSpec::Lstm(LstmSpec {
            name: raw.name.clone(),
            units: required("units", raw.units, MAX_UNITS)?,
            activation: rnn_activation(raw.activation.as_deref(), RnnActivation::Tanh)?,
            recurrent_activation: rnn_activation(
                raw.recurrent_activation.as_deref(),
                RnnActivation::Sigmoid,
            )?,
            use_bias: raw.use_bias.unwrap_or(true),
            unit_forget_bias: raw.unit_forget_bias.unwrap_or(true),
            return_sequences: raw.return_sequences.unwrap_or(false),
            bidirectional: bidirectional()?,
        }),
        "gru" => LayerSpec::Gru(GruSpec {
            name: raw.name.clone(),
            units: required("units", raw.units, MAX_UNITS)?,
            activation: rnn_activation(raw.activation.as_deref(), RnnActivation::Tanh)?,
            recurrent_activation: rnn_activation(
                raw.recurrent_activation.as_deref(),
                RnnActivation::Sigmoid,
            )?,
            use_bias: raw.use_bias.unwrap_or(true),
            reset_after: raw.reset_after.unwrap_or(true),
            return_sequences: raw.return_sequences.unwrap_or(false),
            bidirectional: bidirectional()?,
        }),
        _ => {
            let activation = match raw.activation.as_deref() {
                None => DenseActivation::default(),
                Some(name) => DenseActivation::from_keras_name(name).ok_or_else(|| {
                    ModelError::UnknownActivation {
                        layer,
                        found: name.to_string(),
                        allowed: "\"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\", \"hard_sigmoid\"",
                    }
                })?,
            };
            LayerSpec::Dense(DenseSpec {
                name: raw.name.clone(),
                units: required("units", raw.units, MAX_UNITS)?,
                activation,
                use_bias: raw.use_bias.unwrap_or(true),
            })
        }
    })
}

/// Keras' default names: per base name, the first unnamed layer is `base`, then `base_1`,
/// `base_2`, ... A bidirectional layer also uses up a number of its cell's base name
/// (`simple_rnn`, `lstm`, `gru`), as the wrapped layer is created (and named) before the
/// `Bidirectional` wrapper.
fn default_names(layers: &[LayerSpec]) -> Vec<String> {
    let mut counters: HashMap<&'static str, usize> = HashMap::new();
    let mut next = |base: &'static str| {
        let count = counters.entry(base).or_insert(0);
        let name = if *count == 0 {
            base.to_string()
        } else {
            format!("{base}_{count}")
        };
        *count += 1;
        name
    };
    layers
        .iter()
        .map(|layer| {
            let recurrent = layer.recurrent();
            // The wrapped layer is always created unnamed, so it always takes a number.
            let wrapped = recurrent.filter(|r| r.bidirectional.is_some());
            if let Some(r) = wrapped {
                next(r.cell.name());
            }
            // A named layer takes no number (Keras numbers only unnamed layers).
            match (layer.given_name(), layer, recurrent) {
                (Some(name), _, _) => name.to_string(),
                (None, LayerSpec::Embedding(_), _) => next("embedding"),
                (None, _, Some(_)) if wrapped.is_some() => next("bidirectional"),
                (None, _, Some(r)) => next(r.cell.name()),
                (None, _, None) => next("dense"),
            }
        })
        .collect()
}

/// Keras's parameters of one direction of a recurrent layer: `g·(u·(d + u) + b)` with
/// `g` gate blocks (1, 4, 3) and `b` bias terms per block (`u`, or `2u` for a GRU with
/// `reset_after`, 0 without bias).
#[must_use]
pub fn recurrent_params(
    cell: CellKind,
    input: u64,
    units: u64,
    use_bias: bool,
    reset_after: bool,
) -> u64 {
    let gates = cell.gates() as u64;
    let bias = match (use_bias, cell, reset_after) {
        (false, _, _) => 0,
        (true, CellKind::Gru, true) => 2 * units,
        (true, _, _) => units,
    };
    gates * (units * (input + units) + bias)
}

/// Why `PyTorch`'s count of a recurrent layer differs from Keras's (or agrees), per the
/// layer's cell and settings; `directions` is 1 or 2.
fn pytorch_note(r: &RecurrentSettings, directions: u64) -> PytorchNote {
    let units = r.units as u64;
    match (r.cell, r.use_bias, r.reset_after) {
        (CellKind::SimpleRnn, true, _) => PytorchNote::TwoRnnBiases {
            extra: units * directions,
        },
        (CellKind::Lstm, true, _) => PytorchNote::TwoLstmBiases {
            extra: 4 * units * directions,
        },
        (CellKind::Gru, true, true) => PytorchNote::GruBiasRows,
        (CellKind::Gru, use_bias, false) => PytorchNote::GruResetBefore {
            extra: if use_bias { 3 * units * directions } else { 0 },
        },
        (_, false, _) => PytorchNote::Same,
    }
}

impl ModelSpec {
    /// Checks the model and derives each layer's name, shapes and parameter counts.
    ///
    /// # Errors
    /// The first problem found, as a [`ModelError`] naming the layer and the fix.
    pub fn validate(&self) -> Result<ModelInfo, ModelError> {
        if self.layers.is_empty() {
            return Err(ModelError::NoLayers);
        }
        if self.layers.len() > MAX_LAYERS {
            return Err(ModelError::TooManyLayers {
                count: self.layers.len(),
                max: MAX_LAYERS,
            });
        }
        check_name("the model", self.name.as_deref())?;
        if let Some(timesteps) = self.input.timesteps {
            check_size("input", "timesteps", timesteps, MAX_TIMESTEPS)?;
        }
        if let Some(batch) = self.input.batch {
            check_size("input", "batch", batch, MAX_BATCH)?;
        }
        let starts_with_embedding = matches!(self.layers[0], LayerSpec::Embedding(_));
        let input_shape = match (starts_with_embedding, self.input.features) {
            (true, Some(_)) => return Err(ModelError::FeaturesWithEmbedding),
            (false, None) => return Err(ModelError::MissingFeatures),
            (true, None) => Shape(vec![self.input.batch, self.input.timesteps]),
            (false, Some(features)) => {
                check_size("input", "features", features, MAX_FEATURES)?;
                Shape(vec![self.input.batch, self.input.timesteps, Some(features)])
            }
        };

        let names = default_names(&self.layers);
        let mut first_use: HashMap<&str, usize> = HashMap::new();
        let mut infos = Vec::with_capacity(self.layers.len());
        let mut shape = input_shape.clone();
        // The recurrent layer that returned only its last step, dropping the time axis.
        let mut ended_by: Option<usize> = None;
        for (index, (layer, name)) in self.layers.iter().zip(&names).enumerate() {
            let here = layer_ref(index, layer);
            check_name(&here.to_string(), layer.given_name())?;
            if let Some(&first) = first_use.get(name.as_str()) {
                return Err(ModelError::DuplicateName {
                    name: name.clone(),
                    first: layer_ref(first, &self.layers[first]),
                    second: here,
                });
            }
            first_use.insert(name, index);
            let incoming = shape.last().unwrap_or(0);
            let mut recurrent = |rnn: RecurrentSettings| {
                check_size(&here.to_string(), "units", rnn.units, MAX_UNITS)?;
                if shape.rank() < 3 {
                    let previous = ended_by.unwrap_or(0);
                    return Err(ModelError::SequenceEnded {
                        layer: here,
                        previous: layer_ref(previous, &self.layers[previous]),
                    });
                }
                let directions = rnn.directions() as u64;
                let per_direction = recurrent_params(
                    rnn.cell,
                    incoming as u64,
                    rnn.units as u64,
                    rnn.use_bias,
                    rnn.reset_after,
                );
                let width = rnn.output_width();
                let output = if rnn.return_sequences {
                    Shape(vec![shape.0[0], shape.0[1], Some(width)])
                } else {
                    ended_by = Some(index);
                    Shape(vec![shape.0[0], Some(width)])
                };
                Ok((
                    output,
                    per_direction * directions,
                    pytorch_note(&rnn, directions),
                ))
            };
            let (output_shape, keras_params, pytorch_note) = match layer {
                LayerSpec::Embedding(embedding) => {
                    if index > 0 {
                        return Err(ModelError::EmbeddingNotFirst { layer: here });
                    }
                    check_size(&here.to_string(), "vocab", embedding.vocab, MAX_VOCAB)?;
                    check_size(&here.to_string(), "dim", embedding.dim, MAX_FEATURES)?;
                    let mut dims = shape.0.clone();
                    dims.push(Some(embedding.dim));
                    (
                        Shape(dims),
                        embedding.vocab as u64 * embedding.dim as u64,
                        PytorchNote::Same,
                    )
                }
                LayerSpec::SimpleRnn(l) => recurrent(l.settings())?,
                LayerSpec::Lstm(l) => recurrent(l.settings())?,
                LayerSpec::Gru(l) => recurrent(l.settings())?,
                LayerSpec::Dense(dense) => {
                    check_size(&here.to_string(), "units", dense.units, MAX_UNITS)?;
                    let bias = if dense.use_bias {
                        dense.units as u64
                    } else {
                        0
                    };
                    (
                        shape.with_last(dense.units),
                        incoming as u64 * dense.units as u64 + bias,
                        PytorchNote::Same,
                    )
                }
            };
            let pytorch_params = keras_params + pytorch_note.extra();
            infos.push(LayerInfo {
                name: name.clone(),
                keras_class: layer.keras_class(),
                input_shape: shape.clone(),
                output_shape: output_shape.clone(),
                keras_params,
                pytorch_params,
                pytorch_note,
            });
            shape = output_shape;
        }
        let info = ModelInfo {
            name: self
                .name
                .clone()
                .unwrap_or_else(|| "sequential".to_string()),
            input_shape,
            layers: infos,
        };
        let count = info.pytorch_params().max(info.keras_params());
        if count > MAX_PARAMS {
            return Err(ModelError::TooManyParams {
                count,
                max: MAX_PARAMS,
            });
        }
        Ok(info)
    }
}
