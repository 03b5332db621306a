//! Reading trained weights into the page: a case or model document (the CLI's JSON), Keras
//! `get_weights()` per layer as JSON or as `.npz`, and a PyTorch `nn.RNN`, `nn.LSTM` or
//! `nn.GRU` `state_dict` as `.npz` (arrays are read by [`super::npz`]).
//!
//! Keras layouts are checked against the current model (layer by layer, in `get_weights()`
//! order); a PyTorch `state_dict` decides the model's recurrent stack itself (layers,
//! units, features, bidirectional, bias), keeping the current timesteps and batch.

use ndarray::{Array1, Array2, ArrayD, IxDyn};

use crate::model::{
    from_pytorch_state_dict, keras_names, layer_weights_from_keras, CaseParameters, Document,
    InitSpec, InputSpec, LayerSpec, LayerWeights, MergeMode, ModelSpec, NamedTensor, RnnWeights,
    SimpleRnnSpec,
};
use crate::rnn::Direction;

pub use super::import_error::ImportError;
use super::import_error::{JsonProblem, Mismatch, Role};
use super::inputs::InputSource;
use super::limits::MAX_IMPORT_BYTES;
use super::npz::{read_npz, NamedArray};
use super::weights_json::keras_layers;

/// What a file (or the training view) was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// Keras `get_weights()` as `.npz`.
    KerasNpz,
    /// Keras `get_weights()` per layer as JSON.
    KerasJson,
    /// A model document (no weights).
    ModelDocument,
    /// A case document.
    CaseDocument,
    /// A PyTorch `nn.RNN` `state_dict` as `.npz`.
    PytorchStateDict,
    /// The model being trained in the training view.
    Training,
    /// A saved Keras model (`.keras` or `.h5`): model, layer names and weights.
    KerasFile,
}

/// What an imported file sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The model the weights belong to.
    pub model: ModelSpec,
    /// The weights, Keras layout; `None` when the file had only a model or an
    /// initializer (then `init` may be set).
    pub weights: Option<Vec<LayerWeights>>,
    /// A case document's initializer.
    pub init: Option<InitSpec>,
    /// The input to show with it (the training view's example), if it brings one.
    pub input: Option<InputSource>,
    /// What the file was, for the message.
    pub kind: ImportKind,
}

impl Imported {
    fn weights(model: ModelSpec, weights: Vec<LayerWeights>, kind: ImportKind) -> Self {
        Self {
            model,
            weights: Some(weights),
            init: None,
            input: None,
            kind,
        }
    }
}

/// Reads `bytes` (the file `file_name`; its contents decide the format, not its name)
/// against the `current` model.
///
/// # Errors
/// An [`ImportError`] naming what is wrong: which array, which shape.
pub fn import(file_name: &str, bytes: &[u8], current: &ModelSpec) -> Result<Imported, ImportError> {
    // Kept for formats that need it (a Keras `.keras` zip is an `.npz` to the eye).
    let _ = file_name;
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    // A saved Keras model (.keras zip with config.json, or .h5); a zip without
    // config.json, or one the zip reader cannot read, goes on to the .npz reader.
    if bytes.starts_with(b"PK") || crate::keras::looks_like_hdf5(bytes) {
        match crate::keras::read_keras_model(bytes) {
            Ok(keras) => {
                return Ok(Imported {
                    model: keras.model,
                    weights: Some(keras.weights),
                    init: None,
                    input: None,
                    kind: ImportKind::KerasFile,
                })
            }
            Err(
                crate::keras::KerasError::MissingEntry {
                    entry: "config.json",
                }
                | crate::keras::KerasError::Zip { .. },
            ) if bytes.starts_with(b"PK") => {}
            Err(error) => return Err(ImportError::Keras(error)),
        }
    }
    if bytes.starts_with(b"PK") {
        let arrays = read_npz(bytes)?;
        if arrays
            .iter()
            .any(|a| a.name.starts_with("weight_ih_l") || a.name.contains(".weight_ih_l"))
        {
            if is_gated_state_dict(&arrays) {
                return gated_from_pytorch(&arrays, current);
            }
            return from_pytorch(&arrays, current);
        }
        let weights = keras_flat(&arrays, current)?;
        return Ok(Imported::weights(
            current.clone(),
            weights,
            ImportKind::KerasNpz,
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat)?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return keras_json(text, current);
    }
    if !trimmed.starts_with('{') {
        return Err(ImportError::UnknownFormat);
    }
    match Document::from_json(text).map_err(|e| ImportError::Json(JsonProblem::Document(e)))? {
        Document::Model(model) => Ok(Imported {
            model,
            weights: None,
            init: None,
            input: None,
            kind: ImportKind::ModelDocument,
        }),
        Document::Case(case) => {
            let (weights, init) = match case.parameters {
                CaseParameters::Weights(w) => (Some(w), None),
                CaseParameters::Init(i) => (None, Some(i)),
            };
            Ok(Imported {
                model: case.model,
                weights,
                init,
                input: None,
                kind: ImportKind::CaseDocument,
            })
        }
    }
}

fn take2(a: &NamedArray, expected: [usize; 2], role: Role) -> Result<Array2<f32>, ImportError> {
    let wrong = || {
        ImportError::Mismatch(Mismatch::Shape {
            array: a.name.clone(),
            role,
            found: a.shape.clone(),
            needed: expected.to_vec(),
        })
    };
    if a.shape != expected {
        return Err(wrong());
    }
    Array2::from_shape_vec((expected[0], expected[1]), a.data.clone()).map_err(|_| wrong())
}

fn take1(a: &NamedArray, units: usize, role: Role) -> Result<Array1<f32>, ImportError> {
    if a.shape != [units] {
        return Err(ImportError::Mismatch(Mismatch::Shape {
            array: a.name.clone(),
            role,
            found: a.shape.clone(),
            needed: vec![units],
        }));
    }
    Ok(Array1::from_vec(a.data.clone()))
}

/// The arrays of a file, read in order.
struct Cursor<'a> {
    arrays: &'a [NamedArray],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The next arrays of an LSTM or GRU layer (at `index` of `model`), as many as its
    /// Keras `get_weights()` list has, checked by the model's own rules (which name a
    /// missing or misshapen tensor with its gate layout).
    fn gated(&mut self, model: &ModelSpec, index: usize) -> Result<LayerWeights, ImportError> {
        let count = model.layers.get(index).map_or(0, |l| keras_names(l).len());
        let end = (self.at + count).min(self.arrays.len());
        let owned = self
            .arrays
            .get(self.at..end)
            .unwrap_or(&[])
            .iter()
            .map(|a| {
                ArrayD::from_shape_vec(IxDyn(&a.shape), a.data.clone()).map_err(|_| {
                    ImportError::Mismatch(Mismatch::PytorchShape {
                        array: a.name.clone(),
                        shape: a.shape.clone(),
                    })
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.at = end;
        let views: Vec<_> = owned.iter().map(ArrayD::view).collect();
        layer_weights_from_keras(model, index, &views)
            .map_err(|e| ImportError::Mismatch(Mismatch::Model(e)))
    }

    fn take(&mut self, role: Role) -> Result<&'a NamedArray, ImportError> {
        let array = self
            .arrays
            .get(self.at)
            .ok_or(ImportError::Mismatch(Mismatch::TooFewArrays(role)))?;
        self.at += 1;
        Ok(array)
    }

    fn tensor2(&mut self, role: Role, shape: [usize; 2]) -> Result<Array2<f32>, ImportError> {
        take2(self.take(role)?, shape, role)
    }

    fn bias(&mut self, role: Role, units: usize) -> Result<Array1<f32>, ImportError> {
        take1(self.take(role)?, units, role)
    }

    fn rnn(
        &mut self,
        layer: usize,
        direction: Option<Direction>,
        incoming: usize,
        units: usize,
        use_bias: bool,
    ) -> Result<RnnWeights, ImportError> {
        let role = |tensor| Role {
            layer: Some(layer),
            direction,
            tensor,
        };
        let kernel = self.tensor2(role("kernel"), [incoming, units])?;
        let recurrent_kernel = self.tensor2(role("recurrent_kernel"), [units, units])?;
        let bias = if use_bias {
            Some(self.bias(role("bias"), units)?)
        } else {
            None
        };
        Ok(RnnWeights {
            kernel,
            recurrent_kernel,
            bias,
            recurrent_bias: None,
        })
    }
}

/// Keras `get_weights()` of the whole model, flat and in order, checked against `model`.
///
/// # Errors
/// [`ImportError::Mismatch`] naming the first array that does not fit.
pub fn keras_flat(
    arrays: &[NamedArray],
    model: &ModelSpec,
) -> Result<Vec<LayerWeights>, ImportError> {
    let info = model
        .validate()
        .map_err(|e| ImportError::Mismatch(Mismatch::Model(e)))?;
    let mut cursor = Cursor { arrays, at: 0 };
    let mut layers = Vec::new();
    for (index, (layer, li)) in model.layers.iter().zip(&info.layers).enumerate() {
        let incoming = li.input_shape.last().unwrap_or(0);
        let number = index + 1;
        let role = |tensor| Role {
            layer: Some(number),
            direction: None,
            tensor,
        };
        layers.push(match layer {
            LayerSpec::Embedding(e) => LayerWeights::Embedding {
                embeddings: cursor.tensor2(role("embeddings"), [e.vocab, e.dim])?,
            },
            LayerSpec::SimpleRnn(r) if r.bidirectional.is_some() => LayerWeights::Bidirectional {
                forward: cursor.rnn(
                    number,
                    Some(Direction::Forward),
                    incoming,
                    r.units,
                    r.use_bias,
                )?,
                backward: cursor.rnn(
                    number,
                    Some(Direction::Backward),
                    incoming,
                    r.units,
                    r.use_bias,
                )?,
            },
            LayerSpec::SimpleRnn(r) => {
                LayerWeights::SimpleRnn(cursor.rnn(number, None, incoming, r.units, r.use_bias)?)
            }
            LayerSpec::Lstm(_) | LayerSpec::Gru(_) => cursor.gated(model, index)?,
            LayerSpec::Dense(d) => LayerWeights::Dense {
                kernel: cursor.tensor2(role("kernel"), [incoming, d.units])?,
                bias: if d.use_bias {
                    Some(cursor.bias(role("bias"), d.units)?)
                } else {
                    None
                },
            },
        });
    }
    if let Some(extra) = arrays.get(cursor.at) {
        return Err(ImportError::Mismatch(Mismatch::TooManyArrays {
            first: extra.name.clone(),
            shape: extra.shape.clone(),
        }));
    }
    Ok(layers)
}

/// `[[layer 1 arrays], [layer 2 arrays], …]`: each layer's `get_weights()`, read as a
/// stream ([`keras_layers`]).
fn keras_json(text: &str, current: &ModelSpec) -> Result<Imported, ImportError> {
    let layers = keras_layers(text)?;
    if layers.len() != current.layers.len() {
        return Err(ImportError::Mismatch(Mismatch::LayerCount {
            file: layers.len(),
            model: current.layers.len(),
        }));
    }
    let arrays: Vec<NamedArray> = layers.into_iter().flatten().collect();
    Ok(Imported::weights(
        current.clone(),
        keras_flat(&arrays, current)?,
        ImportKind::KerasJson,
    ))
}

/// One direction of layer `k` of a PyTorch `state_dict` (`suffix` is `""` or
/// `"_reverse"`), in Keras layout; `None` when the file has no such direction.
fn pytorch_direction(
    arrays: &[NamedArray],
    k: usize,
    suffix: &str,
) -> Result<Option<RnnWeights>, ImportError> {
    let find = |name: &str| arrays.iter().find(|a| a.name.ends_with(name));
    let role = |tensor| Role {
        layer: None,
        direction: None,
        tensor,
    };
    let Some(w_ih) = find(&format!("weight_ih_l{k}{suffix}")) else {
        return Ok(None);
    };
    if w_ih.shape.len() != 2 || w_ih.shape[0] == 0 || w_ih.shape[1] == 0 {
        return Err(ImportError::Mismatch(Mismatch::PytorchShape {
            array: w_ih.name.clone(),
            shape: w_ih.shape.clone(),
        }));
    }
    let (units, input) = (w_ih.shape[0], w_ih.shape[1]);
    let w_ih = take2(w_ih, [units, input], role("weight_ih"))?;
    let name = format!("weight_hh_l{k}{suffix}");
    let w_hh = take2(
        find(&name).ok_or(ImportError::Mismatch(Mismatch::Missing(name)))?,
        [units, units],
        role("weight_hh"),
    )?;
    let b_ih = find(&format!("bias_ih_l{k}{suffix}"))
        .map(|a| take1(a, units, role("bias_ih")))
        .transpose()?;
    let b_hh = find(&format!("bias_hh_l{k}{suffix}"))
        .map(|a| take1(a, units, role("bias_hh")))
        .transpose()?;
    let w = crate::rnn::convert::from_pytorch(
        w_ih.view(),
        w_hh.view(),
        b_ih.as_ref().map(Array1::view),
        b_hh.as_ref().map(Array1::view),
    )
    .map_err(|e| ImportError::Mismatch(Mismatch::Convert(e)))?;
    Ok(Some(RnnWeights {
        kernel: w.kernel,
        recurrent_kernel: w.recurrent_kernel,
        bias: w.bias,
        recurrent_bias: None,
    }))
}

/// Whether a `state_dict`'s first layer is an `nn.LSTM` or `nn.GRU` (`weight_hh_l0` not
/// square).
fn is_gated_state_dict(arrays: &[NamedArray]) -> bool {
    arrays
        .iter()
        .find(|a| a.name.ends_with("weight_hh_l0"))
        .is_some_and(|a| a.shape.len() == 2 && a.shape[0] != a.shape[1])
}

/// A PyTorch `nn.LSTM` or `nn.GRU` `state_dict` → its recurrent stack in Keras layout
/// (read by [`from_pytorch_state_dict`]), keeping the current timesteps and batch.
///
/// # Errors
/// [`Mismatch::StateDict`] naming the array.
fn gated_from_pytorch(arrays: &[NamedArray], current: &ModelSpec) -> Result<Imported, ImportError> {
    let owned = arrays
        .iter()
        .map(|a| {
            ArrayD::from_shape_vec(IxDyn(&a.shape), a.data.clone()).map_err(|_| {
                ImportError::Mismatch(Mismatch::PytorchShape {
                    array: a.name.clone(),
                    shape: a.shape.clone(),
                })
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let named: Vec<NamedTensor<'_>> = arrays
        .iter()
        .zip(&owned)
        .map(|(a, array)| NamedTensor {
            name: &a.name,
            array: array.view(),
        })
        .collect();
    let imported = from_pytorch_state_dict(&named)
        .map_err(|e| ImportError::Mismatch(Mismatch::StateDict(e)))?;
    let model = ModelSpec {
        name: None,
        input: InputSpec {
            timesteps: current.input.timesteps.or(Some(10)),
            features: Some(imported.features),
            batch: current.input.batch,
        },
        layers: imported.layers,
    };
    model
        .validate()
        .map_err(|e| ImportError::Mismatch(Mismatch::Model(e)))?;
    Ok(Imported::weights(
        model,
        imported.weights,
        ImportKind::PytorchStateDict,
    ))
}

/// A PyTorch `nn.RNN` `state_dict` (any depth, one or two directions) → a stack of
/// `SimpleRNN` (tanh) with Keras-layout weights, the two biases summed.
///
/// # Errors
/// [`ImportError::Mismatch`] naming the array.
pub fn from_pytorch(arrays: &[NamedArray], current: &ModelSpec) -> Result<Imported, ImportError> {
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    let mut features = None;
    for k in 0.. {
        let name = format!("weight_ih_l{k}");
        if !arrays.iter().any(|a| a.name.ends_with(&name)) {
            break;
        }
        let forward = pytorch_direction(arrays, k, "")?
            .ok_or(ImportError::Mismatch(Mismatch::Unusable(name)))?;
        let backward = pytorch_direction(arrays, k, "_reverse")?;
        if k == 0 {
            features = Some(forward.kernel.nrows());
        }
        let units = forward.kernel.ncols();
        let use_bias = forward.bias.is_some();
        layers.push(LayerSpec::SimpleRnn(SimpleRnnSpec {
            return_sequences: true,
            use_bias,
            bidirectional: backward.as_ref().map(|_| MergeMode::Concat),
            ..SimpleRnnSpec::new(units)
        }));
        weights.push(match backward {
            Some(backward) => LayerWeights::Bidirectional { forward, backward },
            None => LayerWeights::SimpleRnn(forward),
        });
    }
    if layers.is_empty() {
        return Err(ImportError::Mismatch(Mismatch::NoPytorchLayers));
    }
    let model = ModelSpec {
        name: None,
        input: InputSpec {
            timesteps: current.input.timesteps.or(Some(10)),
            features,
            batch: current.input.batch,
        },
        layers,
    };
    model
        .validate()
        .map_err(|e| ImportError::Mismatch(Mismatch::Model(e)))?;
    Ok(Imported::weights(
        model,
        weights,
        ImportKind::PytorchStateDict,
    ))
}
