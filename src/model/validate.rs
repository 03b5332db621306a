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
    DenseActivation, DenseSpec, EmbeddingSpec, InputSpec, LayerSpec, MergeMode, ModelSpec,
    RnnActivation, SimpleRnnSpec,
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
}

impl fmt::Display for PytorchNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Same => f.write_str("same as Keras"),
            Self::TwoRnnBiases { extra } => write!(
                f,
                "+{extra}: nn.RNN adds two bias vectors (bias_ih and bias_hh) where Keras adds one"
            ),
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
    let refuse = |present: bool, field: &'static str, allowed: &'static str| {
        if present {
            Err(ModelError::FieldNotForLayer {
                layer,
                field,
                allowed,
            })
        } else {
            Ok(())
        }
    };
    let required = |field: &'static str, value: Option<Whole>, max: usize| match value {
        Some(value) => written_size(&at, field, value, max),
        None => Err(ModelError::MissingField { layer, field }),
    };
    match kind {
        "embedding" => {
            refuse(raw.units.is_some(), "units", EMBEDDING_FIELDS)?;
            refuse(raw.activation.is_some(), "activation", EMBEDDING_FIELDS)?;
            refuse(raw.use_bias.is_some(), "use_bias", EMBEDDING_FIELDS)?;
            refuse(
                raw.return_sequences.is_some(),
                "return_sequences",
                EMBEDDING_FIELDS,
            )?;
            refuse(
                raw.bidirectional.is_some(),
                "bidirectional",
                EMBEDDING_FIELDS,
            )?;
            Ok(LayerSpec::Embedding(EmbeddingSpec {
                name: raw.name.clone(),
                vocab: required("vocab", raw.vocab, MAX_VOCAB)?,
                dim: required("dim", raw.dim, MAX_FEATURES)?,
            }))
        }
        "simple_rnn" => {
            refuse(raw.vocab.is_some(), "vocab", SIMPLE_RNN_FIELDS)?;
            refuse(raw.dim.is_some(), "dim", SIMPLE_RNN_FIELDS)?;
            let activation = match raw.activation.as_deref() {
                None => RnnActivation::default(),
                Some(name) => RnnActivation::from_keras_name(name).ok_or_else(|| {
                    ModelError::UnknownActivation {
                        layer,
                        found: name.to_string(),
                        allowed: "\"tanh\", \"relu\", \"sigmoid\", \"linear\"",
                    }
                })?,
            };
            let bidirectional = match raw.bidirectional.as_deref() {
                None => None,
                Some(mode) => Some(MergeMode::from_keras_name(mode).ok_or_else(|| {
                    ModelError::UnknownMergeMode {
                        layer,
                        found: mode.to_string(),
                    }
                })?),
            };
            Ok(LayerSpec::SimpleRnn(SimpleRnnSpec {
                name: raw.name.clone(),
                units: required("units", raw.units, MAX_UNITS)?,
                activation,
                use_bias: raw.use_bias.unwrap_or(true),
                return_sequences: raw.return_sequences.unwrap_or(false),
                bidirectional,
            }))
        }
        _ => {
            refuse(raw.vocab.is_some(), "vocab", DENSE_FIELDS)?;
            refuse(raw.dim.is_some(), "dim", DENSE_FIELDS)?;
            refuse(
                raw.return_sequences.is_some(),
                "return_sequences",
                DENSE_FIELDS,
            )?;
            refuse(raw.bidirectional.is_some(), "bidirectional", DENSE_FIELDS)?;
            let activation = match raw.activation.as_deref() {
                None => DenseActivation::default(),
                Some(name) => DenseActivation::from_keras_name(name).ok_or_else(|| {
                    ModelError::UnknownActivation {
                        layer,
                        found: name.to_string(),
                        allowed: "\"linear\", \"relu\", \"sigmoid\", \"tanh\", \"softmax\"",
                    }
                })?,
            };
            Ok(LayerSpec::Dense(DenseSpec {
                name: raw.name.clone(),
                units: required("units", raw.units, MAX_UNITS)?,
                activation,
                use_bias: raw.use_bias.unwrap_or(true),
            }))
        }
    }
}

/// Keras' default names: per base name, the first unnamed layer is `base`, then `base_1`,
/// `base_2`, ... A bidirectional layer also uses up a `simple_rnn` number, as the wrapped
/// `SimpleRNN` is created (and named) before the `Bidirectional` wrapper.
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
            // The wrapped SimpleRNN is always created unnamed, so it always takes a number.
            if matches!(layer, LayerSpec::SimpleRnn(rnn) if rnn.bidirectional.is_some()) {
                next("simple_rnn");
            }
            // A named layer takes no number (Keras numbers only unnamed layers).
            match layer.given_name() {
                Some(name) => name.to_string(),
                None => match layer {
                    LayerSpec::Embedding(_) => next("embedding"),
                    LayerSpec::SimpleRnn(rnn) if rnn.bidirectional.is_some() => {
                        next("bidirectional")
                    }
                    LayerSpec::SimpleRnn(_) => next("simple_rnn"),
                    LayerSpec::Dense(_) => next("dense"),
                },
            }
        })
        .collect()
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
                LayerSpec::SimpleRnn(rnn) => {
                    check_size(&here.to_string(), "units", rnn.units, MAX_UNITS)?;
                    if shape.rank() < 3 {
                        let previous = ended_by.unwrap_or(0);
                        return Err(ModelError::SequenceEnded {
                            layer: here,
                            previous: layer_ref(previous, &self.layers[previous]),
                        });
                    }
                    let units = rnn.units as u64;
                    let directions: u64 = if rnn.bidirectional.is_some() { 2 } else { 1 };
                    let bias = if rnn.use_bias { units } else { 0 };
                    let per_direction = units * (incoming as u64 + units) + bias;
                    let width = match rnn.bidirectional {
                        Some(MergeMode::Concat) => 2 * rnn.units,
                        _ => rnn.units,
                    };
                    let output = if rnn.return_sequences {
                        Shape(vec![shape.0[0], shape.0[1], Some(width)])
                    } else {
                        ended_by = Some(index);
                        Shape(vec![shape.0[0], Some(width)])
                    };
                    let note = if rnn.use_bias {
                        PytorchNote::TwoRnnBiases {
                            extra: units * directions,
                        }
                    } else {
                        PytorchNote::Same
                    };
                    (output, per_direction * directions, note)
                }
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
            let pytorch_params = match pytorch_note {
                PytorchNote::Same => keras_params,
                PytorchNote::TwoRnnBiases { extra } => keras_params + extra,
            };
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
