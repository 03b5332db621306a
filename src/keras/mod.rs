//! Saved Keras models: a Keras 3 `.keras` file (a zip of `config.json` and
//! `model.weights.h5`) or an `.h5` file (tf.keras 2 and Keras 3's legacy format: the
//! `model_config` attribute and the `model_weights` group) opened as a model document with
//! its trained weights, layer names kept.
//!
//! [`read_keras_model`] takes the file's bytes and returns a [`KerasModel`]: the layers of
//! the file (identity layers such as `Dropout` included, for the summary), the
//! [`ModelSpec`] that computes them and the weights, checked as a case document's are.
//! The config is read as a chain of `InputLayer`, `Embedding`, `SimpleRNN`, `LSTM`, `GRU`,
//! `Bidirectional` (every merge mode), `Dense`, `TimeDistributed(Dense)` (a Dense on the
//! last axis), and `Dropout`, `SpatialDropout1D`, `GaussianNoise` (identity at inference);
//! `Sequential` models and functional models that are one chain. Anything else is refused
//! with the layer's name and class ([`KerasError`]).
//!
//! HDF5 is read in pure Rust by `hdf5-pure` and the zip by `zip`, so this builds for wasm32;
//! nothing here touches files or the browser. Sizes are checked before allocating: the
//! file, each zip entry as declared and as inflated, and every dataset's declared shape
//! against the parameters its layer's config allows.

mod archive;
mod classes;
mod config;
mod error;
mod graph;
mod weights;

use ndarray::ArrayViewD;
use serde_json::Value;

pub use classes::{IDENTITY_CLASSES, SUPPORTED_CLASSES};
pub use error::{KerasError, SettingHint};

use crate::model::{
    layer_weights_from_keras, summary_table, CaseSpec, LayerWeights, ModelError, ModelSpec,
};

/// Largest file the reader opens (64 MiB, the same as an imported weights file): the
/// chapter's quiz model is 2 MB, 6 MB with its optimizer state.
pub const MAX_KERAS_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest `config.json` or `metadata.json` (4 MiB; Keras writes a few kilobytes per layer).
const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

/// Which format the file was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KerasFormat {
    /// Keras 3's `.keras` zip (also Keras 2.13+'s).
    KerasZip,
    /// The HDF5 `.h5` format of tf.keras 2 (and Keras 3's legacy saving).
    H5,
}

/// One layer of the file, in model order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KerasLayer {
    /// Its name in the model.
    pub name: String,
    /// Its Keras class, as `model.summary()` shows it (`TimeDistributed`, `Dropout`, ...).
    pub class: String,
    /// The index of the document layer that computes it; `None` for an identity layer
    /// (dropout, noise), which passes its input on unchanged at inference.
    pub computed: Option<usize>,
}

/// A saved model, read.
#[derive(Debug, Clone, PartialEq)]
pub struct KerasModel {
    /// The file's format.
    pub format: KerasFormat,
    /// The Keras version that saved it, when the file says.
    pub keras_version: Option<String>,
    /// Every layer of the file but the input, first to last.
    pub layers: Vec<KerasLayer>,
    /// A functional model's input layer, which its summary lists first.
    pub input_layer: Option<String>,
    /// The model that computes it (identity layers left out), with the file's names.
    pub model: ModelSpec,
    /// The trained weights, one entry per layer of `model`.
    pub weights: Vec<LayerWeights>,
}

/// Opens a saved Keras model from its bytes.
///
/// # Errors
/// [`KerasError::NotKeras`] for a file that is neither zip nor HDF5, and every refusal of
/// [`KerasError`]: a missing entry or attribute, an unsupported layer or setting, weights
/// that do not fit, sizes above the limits.
pub fn read_keras_model(bytes: &[u8]) -> Result<KerasModel, KerasError> {
    let length = bytes.len() as u64;
    if length > MAX_KERAS_FILE_BYTES {
        return Err(KerasError::FileTooLarge {
            bytes: length,
            max: MAX_KERAS_FILE_BYTES,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let zip = archive::read_zip(bytes, MAX_CONFIG_BYTES, MAX_KERAS_FILE_BYTES)?;
        let keras_version = zip.metadata.as_deref().and_then(|text| {
            serde_json::from_str::<Value>(text)
                .ok()?
                .get("keras_version")?
                .as_str()
                .map(str::to_owned)
        });
        let file = open_hdf5(zip.weights)?;
        build(&zip.config, keras_version, KerasFormat::KerasZip, &file)
    } else if hdf5_pure::is_hdf5_bytes(bytes) {
        let file = open_hdf5(bytes.to_vec())?;
        let root = file.root();
        let config =
            weights::group_string(&root, "model_config")?.ok_or(KerasError::NoModelConfig)?;
        if config.len() as u64 > MAX_CONFIG_BYTES {
            return Err(KerasError::EntryTooLarge {
                entry: "model_config".to_owned(),
                max: MAX_CONFIG_BYTES,
            });
        }
        let version = weights::group_string(&root, "keras_version")?;
        build(&config, version, KerasFormat::H5, &file)
    } else {
        Err(KerasError::NotKeras)
    }
}

/// Whether the bytes start like an HDF5 file (its signature at offset 0, 512, 1024, ...).
#[must_use]
pub fn looks_like_hdf5(bytes: &[u8]) -> bool {
    hdf5_pure::is_hdf5_bytes(bytes)
}

fn open_hdf5(bytes: Vec<u8>) -> Result<hdf5_pure::File, KerasError> {
    hdf5_pure::File::from_bytes(bytes).map_err(|e| weights::hdf5_error(&e))
}

/// The config, then each computed layer's weights.
fn build(
    text: &str,
    keras_version: Option<String>,
    format: KerasFormat,
    file: &hdf5_pure::File,
) -> Result<KerasModel, KerasError> {
    let keras2 = keras_version
        .as_deref()
        .is_some_and(|v| v.starts_with("2."));
    let parsed = config::read_config(text, keras2)?;
    let input_layer = parsed.input_layer;
    let mut layers = Vec::with_capacity(parsed.layers.len());
    let mut specs = Vec::new();
    let mut classes = Vec::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for layer in parsed.layers {
        let base = weights::snake_case(&layer.class);
        let path = if let Some((_, n)) = counts.iter_mut().find(|(b, _)| *b == base) {
            *n += 1;
            format!("{base}_{n}")
        } else {
            counts.push((base.clone(), 0));
            base
        };
        let computed = layer.spec.map(|spec| {
            specs.push(spec);
            classes.push((layer.class.clone(), path));
            specs.len() - 1
        });
        layers.push(KerasLayer {
            name: layer.name,
            class: layer.class,
            computed,
        });
    }
    let model = ModelSpec {
        name: parsed.name,
        input: parsed.input,
        layers: specs,
    };
    let info = model.validate()?;
    let mut weights = Vec::with_capacity(model.layers.len());
    for (index, (spec, (class, counted))) in model.layers.iter().zip(&classes).enumerate() {
        let name = spec.given_name().unwrap_or_default();
        let params = info.layers.get(index).map_or(0, |l| l.keras_params);
        let tensors = match format {
            KerasFormat::H5 => weights::legacy_layer(file, name, params)?,
            KerasFormat::KerasZip => {
                let path = weights::keras_layer_path(file, name, counted)?;
                weights::keras_layer(file, &path, class, name, params)?
            }
        };
        let views = tensors
            .iter()
            .map(|t| ArrayViewD::from_shape(t.shape.as_slice(), &t.data))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| KerasError::Hdf5 {
                reason: format!("layer \"{name}\": {e}"),
            })?;
        weights.push(layer_weights_from_keras(&model, index, &views)?);
    }
    Ok(KerasModel {
        format,
        keras_version,
        layers,
        input_layer,
        model,
        weights,
    })
}

impl KerasModel {
    /// `model.summary()` as tf.keras 2 prints it, with the file's layer names and classes;
    /// identity layers are listed with their input's shape and no parameters.
    ///
    /// # Errors
    /// The model's validation error (none for a model [`read_keras_model`] returned).
    pub fn summary_text(&self) -> Result<String, ModelError> {
        let info = self.model.validate()?;
        let mut shape = info.input_shape.clone();
        let mut rows = Vec::with_capacity(self.layers.len() + 1);
        if let Some(input) = &self.input_layer {
            rows.push([
                format!("{input} (InputLayer)"),
                format!("[{shape}]"),
                "0".to_owned(),
            ]);
        }
        for layer in &self.layers {
            let params = match layer.computed.and_then(|i| info.layers.get(i)) {
                Some(computed) => {
                    shape = computed.output_shape.clone();
                    computed.keras_params
                }
                None => 0,
            };
            rows.push([
                format!("{} ({})", layer.name, layer.class),
                shape.to_string(),
                params.to_string(),
            ]);
        }
        Ok(summary_table(
            &format!("Model: \"{}\"", info.name),
            &rows,
            info.keras_params(),
        ))
    }

    /// The model and its weights as a document: a case document's fields but `inputs`.
    ///
    /// # Errors
    /// Never in practice; a serialization failure is reported as [`KerasError::Config`].
    pub fn document(&self) -> Result<Value, KerasError> {
        let mut document = serde_json::to_value(&self.model).map_err(|e| KerasError::Config {
            reason: e.to_string(),
        })?;
        let weights = serde_json::to_value(&self.weights).map_err(|e| KerasError::Config {
            reason: e.to_string(),
        })?;
        if let Some(map) = document.as_object_mut() {
            map.insert("weights".to_owned(), weights);
        }
        Ok(document)
    }

    /// A case: the model, its weights and `inputs` (`[batch][timesteps][features]`
    /// numbers, or `[batch][timesteps]` token ids for a model that starts with an
    /// Embedding), checked as any case document is.
    ///
    /// # Errors
    /// [`KerasError::Model`] with the case document's message for inputs of the wrong
    /// shape or with a bad token id.
    pub fn case(&self, inputs: Value) -> Result<CaseSpec, KerasError> {
        let mut document = self.document()?;
        if let Some(map) = document.as_object_mut() {
            map.insert("inputs".to_owned(), inputs);
        }
        Ok(CaseSpec::from_json(&document.to_string())?)
    }
}
