//! Weights from other programs' files, as a model's [`LayerWeights`]: a layer's Keras
//! `get_weights()` list checked against its spec (the same checks and messages as a case
//! document's `weights`), and a `PyTorch` `nn.RNN`, `nn.LSTM` or `nn.GRU` `state_dict` (any
//! depth, one or two directions) turned into recurrent layers and Keras-layout weights.
//!
//! The page reads `.npz` and JSON files into named arrays and hands them here; nothing in
//! this module touches files.

use ndarray::{Array1, Array2, ArrayViewD, Ix1, Ix2};

use super::case::{LayerWeights, RnnWeights};
use super::error::{Dims, LayerRef, ModelError};
use super::json::{RawLayerWeights, RawRnnWeights, Tensor};
use super::spec::{CellKind, GruSpec, LayerSpec, LstmSpec, MergeMode, ModelSpec, SimpleRnnSpec};
use crate::rnn::convert;

/// A layer's Keras `get_weights()` list as a checked [`LayerWeights`]: recurrent layers
/// `[kernel, recurrent_kernel, bias?]` (a GRU's bias `(2, 3u)` with `reset_after`, else
/// `(3u,)`), a `Bidirectional` the forward list then the backward one, an Embedding
/// `[embeddings]`, a Dense `[kernel, bias?]`. `index` is the layer's position in `model`.
///
/// # Errors
/// The model's own validation errors; [`ModelError::MissingWeight`] when the list is
/// short (naming the first missing tensor and its shape), [`ModelError::UnexpectedWeight`]
/// when it is long; otherwise the shape errors of a case document's weights
/// ([`ModelError::WeightShape`], [`ModelError::GateWeightShape`]).
pub fn layer_weights_from_keras(
    model: &ModelSpec,
    index: usize,
    list: &[ArrayViewD<'_, f32>],
) -> Result<LayerWeights, ModelError> {
    let info = model.validate()?;
    let (Some(spec), Some(layer_info)) = (model.layers.get(index), info.layers.get(index)) else {
        return Err(ModelError::WeightsCount {
            expected: model.layers.len(),
            found: index + 1,
        });
    };
    let layer = LayerRef {
        index,
        kind: spec.kind(),
    };
    let names = keras_names(spec);
    if list.len() > names.len() {
        return Err(ModelError::UnexpectedWeight {
            layer,
            tensor: format!("array {}", names.len() + 1),
            hint: "the layer's Keras get_weights() list is shorter",
        });
    }
    let tensor = |i: usize| {
        list.get(i).map(|a| Tensor {
            shape: a.shape().to_vec(),
            data: a.iter().copied().collect(),
        })
    };
    let raw = if names.first() == Some(&"forward.kernel") {
        let per = names.len() / 2;
        let direction = |offset: usize| RawRnnWeights {
            kernel: tensor(offset),
            recurrent_kernel: tensor(offset + 1),
            bias: (per > 2).then(|| tensor(offset + 2)).flatten(),
        };
        RawLayerWeights {
            embeddings: None,
            kernel: None,
            recurrent_kernel: None,
            bias: None,
            forward: Some(direction(0)),
            backward: Some(direction(per)),
        }
    } else {
        let mut raw = RawLayerWeights {
            embeddings: None,
            kernel: None,
            recurrent_kernel: None,
            bias: None,
            forward: None,
            backward: None,
        };
        for (i, name) in names.iter().enumerate() {
            match *name {
                "embeddings" => raw.embeddings = tensor(i),
                "kernel" => raw.kernel = tensor(i),
                "recurrent_kernel" => raw.recurrent_kernel = tensor(i),
                _ => raw.bias = tensor(i),
            }
        }
        raw
    };
    let incoming = layer_info.input_shape.last().unwrap_or(0);
    super::case::checked_layer_weights(layer, spec, raw, incoming)
}

/// The names of a layer's Keras `get_weights()` tensors, in order.
#[must_use]
pub fn keras_names(spec: &LayerSpec) -> Vec<&'static str> {
    match (spec, spec.recurrent()) {
        (LayerSpec::Embedding(_), _) => vec!["embeddings"],
        (LayerSpec::Dense(d), _) if d.use_bias => vec!["kernel", "bias"],
        (LayerSpec::Dense(_), _) => vec!["kernel"],
        (_, Some(r)) if r.bidirectional.is_some() => {
            let mut names = vec!["forward.kernel", "forward.recurrent_kernel"];
            if r.use_bias {
                names.push("forward.bias");
            }
            names.extend(["backward.kernel", "backward.recurrent_kernel"]);
            if r.use_bias {
                names.push("backward.bias");
            }
            names
        }
        (_, Some(r)) if r.use_bias => vec!["kernel", "recurrent_kernel", "bias"],
        (_, _) => vec!["kernel", "recurrent_kernel"],
    }
}

/// A named array of a `state_dict`, as the file holds it.
#[derive(Debug, Clone)]
pub struct NamedTensor<'a> {
    /// The key, like `weight_ih_l0_reverse` (a prefix such as `rnn.` is allowed).
    pub name: &'a str,
    /// The numbers.
    pub array: ArrayViewD<'a, f32>,
}

/// What a `PyTorch` recurrent `state_dict` becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct StateDictImport {
    /// One recurrent layer per torch layer, each returning sequences (as torch does);
    /// bidirectional layers concatenate (as torch does).
    pub layers: Vec<LayerSpec>,
    /// Their weights in Keras layout.
    pub weights: Vec<LayerWeights>,
    /// The input size of the first layer.
    pub features: usize,
}

/// Why a `state_dict` cannot be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StateDictError {
    /// There is no `weight_ih_l0`.
    #[error(
        "no \"weight_ih_l0\" array: this is not the state_dict of an nn.RNN, nn.LSTM or nn.GRU"
    )]
    NoLayers,
    /// An array a layer needs is missing.
    #[error("array \"{name}\" is missing")]
    Missing {
        /// Its key.
        name: String,
    },
    /// An array is not two-dimensional (weights) or one-dimensional (biases).
    #[error("array \"{name}\" has shape {found}; it should have {rank} axes")]
    Rank {
        /// Its key.
        name: String,
        /// Its shape.
        found: Dims,
        /// The axes it needs.
        rank: usize,
    },
    /// `weight_hh`'s rows are not 1, 3 or 4 times its columns, so the cell is unknown.
    #[error("array \"{name}\" has shape {found}: (hidden, hidden) is nn.RNN's, (3·hidden, hidden) nn.GRU's, (4·hidden, hidden) nn.LSTM's")]
    UnknownCell {
        /// Its key.
        name: String,
        /// Its shape.
        found: Dims,
    },
    /// Layers of one `state_dict` use different cells.
    #[error(
        "layer {layer} is {found} but layer 0 is {first}; one state_dict holds one kind of cell"
    )]
    MixedCells {
        /// The torch layer index.
        layer: usize,
        /// Layer 0's cell.
        first: CellKind,
        /// This layer's cell.
        found: CellKind,
    },
    /// A layer's input size is not the previous layer's output width.
    #[error("layer {layer} reads {found} inputs, but the layer before gives {expected}")]
    LayerInput {
        /// The torch layer index.
        layer: usize,
        /// The previous layer's output width.
        expected: usize,
        /// Columns of this layer's `weight_ih`.
        found: usize,
    },
    /// A tensor has the wrong shape for the layer (named by the Keras tensor it becomes).
    #[error("layer {layer}: {source}")]
    Engine {
        /// The torch layer index.
        layer: usize,
        /// What the conversion found.
        source: crate::rnn::RnnError,
    },
}

/// A `PyTorch` `nn.RNN` (tanh), `nn.LSTM` or `nn.GRU` `state_dict` as recurrent layers with
/// Keras-layout weights: the cell is read from `weight_hh_l0`'s shape (`(g·H, H)`, `g` = 1,
/// 4, 3), `_reverse` arrays make a layer bidirectional (concat), `bias_ih`/`bias_hh` make
/// `use_bias`. Conversions as [`convert::from_pytorch`], [`convert::lstm_from_pytorch`]
/// and [`convert::gru_from_pytorch`] (a GRU becomes Keras `reset_after: true`, which is
/// what nn.GRU computes). `nn.RNN`'s `nonlinearity` is not in a `state_dict`; tanh is
/// assumed.
///
/// # Errors
/// A [`StateDictError`] naming the array.
pub fn from_pytorch_state_dict(
    tensors: &[NamedTensor<'_>],
) -> Result<StateDictImport, StateDictError> {
    let find = |name: &str| {
        tensors
            .iter()
            .find(|t| t.name == name || t.name.ends_with(&format!(".{name}")))
    };
    let matrix = |name: &str| -> Result<Option<Array2<f32>>, StateDictError> {
        find(name)
            .map(|t| {
                t.array
                    .to_owned()
                    .into_dimensionality::<Ix2>()
                    .map_err(|_| StateDictError::Rank {
                        name: name.to_owned(),
                        found: Dims(t.array.shape().to_vec()),
                        rank: 2,
                    })
            })
            .transpose()
    };
    let vector = |name: &str| -> Result<Option<Array1<f32>>, StateDictError> {
        find(name)
            .map(|t| {
                t.array
                    .to_owned()
                    .into_dimensionality::<Ix1>()
                    .map_err(|_| StateDictError::Rank {
                        name: name.to_owned(),
                        found: Dims(t.array.shape().to_vec()),
                        rank: 1,
                    })
            })
            .transpose()
    };
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    let mut first_cell = None;
    let mut width = None;
    let mut features = 0;
    for k in 0.. {
        if find(&format!("weight_ih_l{k}")).is_none() {
            break;
        }
        let direction = |suffix: &str| -> Result<Option<(CellKind, RnnWeights)>, StateDictError> {
            let key = |base: &str| format!("{base}_l{k}{suffix}");
            let Some(w_ih) = matrix(&key("weight_ih"))? else {
                return Ok(None);
            };
            let w_hh = matrix(&key("weight_hh"))?.ok_or_else(|| StateDictError::Missing {
                name: key("weight_hh"),
            })?;
            let (rows, cols) = w_hh.dim();
            let cell = match (cols > 0 && rows % cols == 0).then(|| rows / cols) {
                Some(1) => CellKind::SimpleRnn,
                Some(3) => CellKind::Gru,
                Some(4) => CellKind::Lstm,
                _ => {
                    return Err(StateDictError::UnknownCell {
                        name: key("weight_hh"),
                        found: Dims(vec![rows, cols]),
                    })
                }
            };
            let (b_ih, b_hh) = (vector(&key("bias_ih"))?, vector(&key("bias_hh"))?);
            let engine = |e| StateDictError::Engine {
                layer: k,
                source: e,
            };
            let (b_ih, b_hh) = (
                b_ih.as_ref().map(Array1::view),
                b_hh.as_ref().map(Array1::view),
            );
            let w = match cell {
                CellKind::SimpleRnn => {
                    let w = convert::from_pytorch(w_ih.view(), w_hh.view(), b_ih, b_hh)
                        .map_err(engine)?;
                    RnnWeights {
                        kernel: w.kernel,
                        recurrent_kernel: w.recurrent_kernel,
                        bias: w.bias,
                        recurrent_bias: None,
                    }
                }
                CellKind::Lstm => {
                    let w = convert::lstm_from_pytorch(w_ih.view(), w_hh.view(), b_ih, b_hh)
                        .map_err(engine)?;
                    RnnWeights {
                        kernel: w.kernel,
                        recurrent_kernel: w.recurrent_kernel,
                        bias: w.bias,
                        recurrent_bias: None,
                    }
                }
                CellKind::Gru => {
                    let w = convert::gru_from_pytorch(w_ih.view(), w_hh.view(), b_ih, b_hh)
                        .map_err(engine)?;
                    RnnWeights {
                        kernel: w.kernel,
                        recurrent_kernel: w.recurrent_kernel,
                        bias: w.bias.as_ref().map(|b| b.row(0).to_owned()),
                        recurrent_bias: w.bias.as_ref().map(|b| b.row(1).to_owned()),
                    }
                }
            };
            Ok(Some((cell, w)))
        };
        let Some((cell, forward)) = direction("")? else {
            break;
        };
        let backward = direction("_reverse")?;
        match first_cell {
            None => first_cell = Some(cell),
            Some(first) if first != cell => {
                return Err(StateDictError::MixedCells {
                    layer: k,
                    first,
                    found: cell,
                })
            }
            Some(_) => {}
        }
        let (inputs, units) = (forward.kernel.nrows(), forward.recurrent_kernel.nrows());
        match width {
            None => features = inputs,
            Some(expected) if expected != inputs => {
                return Err(StateDictError::LayerInput {
                    layer: k,
                    expected,
                    found: inputs,
                })
            }
            Some(_) => {}
        }
        let bidirectional = backward.as_ref().map(|_| MergeMode::Concat);
        width = Some(if bidirectional.is_some() {
            2 * units
        } else {
            units
        });
        let use_bias = forward.bias.is_some();
        layers.push(match cell {
            CellKind::SimpleRnn => LayerSpec::SimpleRnn(SimpleRnnSpec {
                use_bias,
                return_sequences: true,
                bidirectional,
                ..SimpleRnnSpec::new(units)
            }),
            CellKind::Lstm => LayerSpec::Lstm(LstmSpec {
                use_bias,
                return_sequences: true,
                bidirectional,
                ..LstmSpec::new(units)
            }),
            CellKind::Gru => LayerSpec::Gru(GruSpec {
                use_bias,
                return_sequences: true,
                bidirectional,
                ..GruSpec::new(units)
            }),
        });
        weights.push(match (backward, cell) {
            (Some((_, backward)), _) => LayerWeights::Bidirectional { forward, backward },
            (None, CellKind::SimpleRnn) => LayerWeights::SimpleRnn(forward),
            (None, CellKind::Lstm) => LayerWeights::Lstm(forward),
            (None, CellKind::Gru) => LayerWeights::Gru(forward),
        });
    }
    if layers.is_empty() {
        return Err(StateDictError::NoLayers);
    }
    Ok(StateDictImport {
        layers,
        weights,
        features,
    })
}
