//! Reading trained weights into the page: a case or model document (the CLI's JSON), Keras
//! `get_weights()` per layer as JSON or as `.npz`, and a PyTorch `nn.RNN` `state_dict`
//! as `.npz`.
//!
//! `.npz` is a zip of `.npy` files: stored (`np.savez`) or deflated
//! (`np.savez_compressed`). Arrays must be `<f4` or `<f8`, C order. Every size is checked
//! before anything is allocated: files up to [`MAX_IMPORT_BYTES`], arrays up to
//! [`MAX_ARRAY_NUMBERS`] numbers.
//!
//! Keras layouts are checked against the current model (layer by layer, in `get_weights()`
//! order); a PyTorch `state_dict` decides the model's recurrent stack itself (layers,
//! units, features, bidirectional, bias), keeping the current timesteps and batch.

use ndarray::{Array1, Array2};
use thiserror::Error;

use crate::model::{
    CaseParameters, Document, InputSpec, LayerSpec, LayerWeights, MergeMode, ModelSpec, RnnWeights,
    SimpleRnnSpec,
};

/// Largest file read.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Most numbers in one array.
pub const MAX_ARRAY_NUMBERS: usize = 16 * 1024 * 1024;

/// Most arrays in one `.npz`.
pub const MAX_ARRAYS: usize = 1_000;

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    #[error("the file is {bytes} bytes; files of at most {max} bytes are read")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Not JSON and not a zip archive.
    #[error("the file is neither JSON nor an .npz archive")]
    UnknownFormat,
    /// The zip structure is broken.
    #[error("the .npz archive is damaged: {0}")]
    Zip(String),
    /// One `.npy` entry is unusable.
    #[error("array \"{name}\": {problem}")]
    Npy {
        /// The array's name.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// JSON that is not a document or a weight list.
    #[error("the JSON file is not usable: {0}")]
    Json(String),
    /// A weight has the wrong shape or is missing.
    #[error("{0}")]
    Mismatch(String),
}

/// A numeric array read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedArray {
    /// Its name in the file.
    pub name: String,
    /// Its shape.
    pub shape: Vec<usize>,
    /// Its numbers, C order.
    pub data: Vec<f32>,
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
    pub init: Option<crate::model::InitSpec>,
    /// What the file was, for the message.
    pub kind: &'static str,
}

/// Reads `bytes` (named `file_name`) against the `current` model.
///
/// # Errors
/// An [`ImportError`] naming what is wrong: which array, which shape.
pub fn import(file_name: &str, bytes: &[u8], current: &ModelSpec) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    if bytes.starts_with(b"PK") {
        let arrays = read_npz(bytes)?;
        if arrays.iter().any(|a| a.name.starts_with("weight_ih_l")) {
            return from_pytorch(&arrays, current);
        }
        let weights = keras_flat(&arrays, current)?;
        return Ok(Imported {
            model: current.clone(),
            weights: Some(weights),
            init: None,
            kind: "Keras .npz",
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::UnknownFormat)?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return keras_json(text, current);
    }
    if !trimmed.starts_with('{') {
        let _ = file_name;
        return Err(ImportError::UnknownFormat);
    }
    match Document::from_json(text).map_err(|e| ImportError::Json(e.to_string()))? {
        Document::Model(model) => Ok(Imported {
            model,
            weights: None,
            init: None,
            kind: "model document",
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
                kind: "case document",
            })
        }
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 4)
        .and_then(|s| usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok())
}

/// Reads every `.npy` of an `.npz`, in archive order, from the central directory.
///
/// # Errors
/// [`ImportError::Zip`] or [`ImportError::Npy`].
pub fn read_npz(bytes: &[u8]) -> Result<Vec<NamedArray>, ImportError> {
    let zip = |m: &str| ImportError::Zip(m.to_owned());
    // End of central directory: the last "PK\x05\x06" within the final 64 KiB + 22 bytes.
    let search_from = bytes.len().saturating_sub(65_557);
    let eocd = (search_from..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| zip("no end-of-archive record (the file may be cut off)"))?;
    let entries = u16_at(bytes, eocd + 10).ok_or_else(|| zip("short end record"))?;
    let dir_offset = u32_at(bytes, eocd + 16).ok_or_else(|| zip("short end record"))?;
    if entries > MAX_ARRAYS {
        return Err(zip("too many arrays"));
    }
    let mut arrays = Vec::with_capacity(entries);
    let mut at = dir_offset;
    for _ in 0..entries {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(b"PK\x01\x02"))
        {
            return Err(zip("damaged directory"));
        }
        let method = u16_at(bytes, at + 10).ok_or_else(|| zip("short entry"))?;
        let packed = u32_at(bytes, at + 20).ok_or_else(|| zip("short entry"))?;
        let size = u32_at(bytes, at + 24).ok_or_else(|| zip("short entry"))?;
        let name_len = u16_at(bytes, at + 28).ok_or_else(|| zip("short entry"))?;
        let extra_len = u16_at(bytes, at + 30).ok_or_else(|| zip("short entry"))?;
        let comment_len = u16_at(bytes, at + 32).ok_or_else(|| zip("short entry"))?;
        let local = u32_at(bytes, at + 42).ok_or_else(|| zip("short entry"))?;
        let name = bytes
            .get(at + 46..at + 46 + name_len)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .ok_or_else(|| zip("short entry name"))?;
        at += 46 + name_len + extra_len + comment_len;
        let name = name.strip_suffix(".npy").unwrap_or(&name).to_owned();
        let npy_error = |problem: &str| ImportError::Npy {
            name: name.clone(),
            problem: problem.to_owned(),
        };
        if size > MAX_IMPORT_BYTES || packed > bytes.len() {
            return Err(npy_error("declared size is larger than the file allows"));
        }
        let local_name = u16_at(bytes, local + 26).ok_or_else(|| zip("short local header"))?;
        let local_extra = u16_at(bytes, local + 28).ok_or_else(|| zip("short local header"))?;
        let start = local + 30 + local_name + local_extra;
        let data = bytes
            .get(start..start + packed)
            .ok_or_else(|| npy_error("the data is cut off"))?;
        let raw;
        let npy: &[u8] = match method {
            0 => data,
            8 => {
                raw = miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
                    .map_err(|_| npy_error("the compressed data is damaged"))?;
                &raw
            }
            _ => return Err(npy_error("compressed with an unknown method")),
        };
        arrays.push(read_npy(&name, npy)?);
    }
    Ok(arrays)
}

/// Reads one `.npy`: `<f4` or `<f8`, C order.
///
/// # Errors
/// [`ImportError::Npy`] naming the array.
pub fn read_npy(name: &str, bytes: &[u8]) -> Result<NamedArray, ImportError> {
    let err = |problem: String| ImportError::Npy {
        name: name.to_owned(),
        problem,
    };
    if !bytes.starts_with(b"\x93NUMPY") {
        return Err(err("not a .npy array".into()));
    }
    let major = bytes.get(6).copied().unwrap_or(0);
    let (header_len, header_start) = match major {
        1 => (u16_at(bytes, 8), 10),
        2 | 3 => (u32_at(bytes, 8), 12),
        _ => (None, 0),
    };
    let header_len = header_len.ok_or_else(|| err("unknown .npy version".into()))?;
    let header = bytes
        .get(header_start..header_start + header_len)
        .map(String::from_utf8_lossy)
        .ok_or_else(|| err("the header is cut off".into()))?;
    let field = |key: &str| -> Option<String> {
        let at = header.find(&format!("'{key}'"))? + key.len() + 2;
        let rest = header[at..].trim_start().strip_prefix(':')?.trim_start();
        Some(rest.to_owned())
    };
    let descr = field("descr").ok_or_else(|| err("no dtype in the header".into()))?;
    let width = if descr.starts_with("'<f4'") {
        4
    } else if descr.starts_with("'<f8'") {
        8
    } else {
        let dtype: String = descr.chars().take_while(|c| *c != ',').collect();
        return Err(err(format!(
            "dtype {dtype} is not supported; save float32 or float64 (little-endian)"
        )));
    };
    if field("fortran_order").is_some_and(|f| f.starts_with("True")) {
        return Err(err(
            "is in Fortran order; save it with np.ascontiguousarray".into(),
        ));
    }
    let shape_text = field("shape").ok_or_else(|| err("no shape in the header".into()))?;
    let inner = shape_text
        .strip_prefix('(')
        .and_then(|s| s.split(')').next())
        .ok_or_else(|| err("unreadable shape".into()))?;
    let mut shape = Vec::new();
    for part in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        shape.push(
            part.parse::<usize>()
                .map_err(|_| err(format!("unreadable shape ({inner})")))?,
        );
    }
    let count = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .filter(|&n| n <= MAX_ARRAY_NUMBERS)
        .ok_or_else(|| err(format!("shape ({inner}) is larger than the page reads")))?;
    let body = &bytes[(header_start + header_len).min(bytes.len())..];
    if body.len() < count * width {
        return Err(err(format!(
            "the data is cut off: shape ({inner}) needs {} bytes, the file has {}",
            count * width,
            body.len()
        )));
    }
    let data: Vec<f32> = if width == 4 {
        body.chunks_exact(4)
            .take(count)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    } else {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "weights are used as f32 by the engine"
        )]
        body.chunks_exact(8)
            .take(count)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) as f32)
            .collect()
    };
    if let Some(i) = data.iter().position(|v| !v.is_finite()) {
        return Err(err(format!("value {i} is not a finite number")));
    }
    Ok(NamedArray {
        name: name.to_owned(),
        shape,
        data,
    })
}

fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(ToString::to_string).collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

fn take2(a: &NamedArray, expected: [usize; 2], role: &str) -> Result<Array2<f32>, ImportError> {
    if a.shape != expected {
        return Err(ImportError::Mismatch(format!(
            "array \"{}\" ({role}) has shape {}; the model needs {}",
            a.name,
            shape_text(&a.shape),
            shape_text(&expected)
        )));
    }
    Array2::from_shape_vec((expected[0], expected[1]), a.data.clone())
        .map_err(|e| ImportError::Mismatch(e.to_string()))
}

fn take1(a: &NamedArray, units: usize, role: &str) -> Result<Array1<f32>, ImportError> {
    if a.shape != [units] {
        return Err(ImportError::Mismatch(format!(
            "array \"{}\" ({role}) has shape {}; the model needs ({units},)",
            a.name,
            shape_text(&a.shape)
        )));
    }
    Ok(Array1::from_vec(a.data.clone()))
}

/// The arrays of a file, read in order.
struct Cursor<'a> {
    arrays: &'a [NamedArray],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, what: &str) -> Result<&'a NamedArray, ImportError> {
        let array = self.arrays.get(self.at).ok_or_else(|| {
            ImportError::Mismatch(format!("the file has too few arrays: {what} is missing"))
        })?;
        self.at += 1;
        Ok(array)
    }

    fn rnn(
        &mut self,
        label: &str,
        incoming: usize,
        units: usize,
        use_bias: bool,
    ) -> Result<RnnWeights, ImportError> {
        let role = |name: &str| format!("{label}{name}");
        let kernel = take2(
            self.take(&role("kernel"))?,
            [incoming, units],
            &role("kernel"),
        )?;
        let recurrent_kernel = take2(
            self.take(&role("recurrent_kernel"))?,
            [units, units],
            &role("recurrent_kernel"),
        )?;
        let bias = if use_bias {
            Some(take1(self.take(&role("bias"))?, units, &role("bias"))?)
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
        .map_err(|e| ImportError::Mismatch(e.to_string()))?;
    let mut cursor = Cursor { arrays, at: 0 };
    let mut layers = Vec::new();
    for (index, (layer, li)) in model.layers.iter().zip(&info.layers).enumerate() {
        let incoming = li.input_shape.last().unwrap_or(0);
        let label = format!("layer {} ", index + 1);
        let role = |name: &str| format!("{label}{name}");
        layers.push(match layer {
            LayerSpec::Embedding(e) => LayerWeights::Embedding {
                embeddings: take2(
                    cursor.take(&role("embeddings"))?,
                    [e.vocab, e.dim],
                    &role("embeddings"),
                )?,
            },
            LayerSpec::SimpleRnn(r) if r.bidirectional.is_some() => LayerWeights::Bidirectional {
                forward: cursor.rnn(&role("forward "), incoming, r.units, r.use_bias)?,
                backward: cursor.rnn(&role("backward "), incoming, r.units, r.use_bias)?,
            },
            LayerSpec::SimpleRnn(r) => {
                LayerWeights::SimpleRnn(cursor.rnn(&label, incoming, r.units, r.use_bias)?)
            }
            LayerSpec::Lstm(_) | LayerSpec::Gru(_) => {
                return Err(ImportError::Mismatch(format!(
                    "layer {}: this cell type is not shown in the page yet",
                    index + 1
                )))
            }
            LayerSpec::Dense(d) => LayerWeights::Dense {
                kernel: take2(
                    cursor.take(&role("kernel"))?,
                    [incoming, d.units],
                    &role("kernel"),
                )?,
                bias: if d.use_bias {
                    Some(take1(cursor.take(&role("bias"))?, d.units, &role("bias"))?)
                } else {
                    None
                },
            },
        });
    }
    if let Some(extra) = arrays.get(cursor.at) {
        return Err(ImportError::Mismatch(format!(
            "the file has more arrays than the model has weights, starting with \"{}\" {}",
            extra.name,
            shape_text(&extra.shape)
        )));
    }
    Ok(layers)
}

/// Nested JSON numbers → shape and flat data.
fn json_array(value: &serde_json::Value, name: String) -> Result<NamedArray, ImportError> {
    fn walk(
        v: &serde_json::Value,
        depth: usize,
        shape: &mut Vec<usize>,
        data: &mut Vec<f32>,
    ) -> Result<(), String> {
        if data.len() > MAX_ARRAY_NUMBERS || depth > 4 {
            return Err("is too large or too deeply nested".into());
        }
        match v {
            serde_json::Value::Number(n) => {
                if depth != shape.len() {
                    return Err("is not rectangular".into());
                }
                #[allow(clippy::cast_possible_truncation, reason = "weights are f32")]
                data.push(n.as_f64().ok_or("holds a non-number")? as f32);
                Ok(())
            }
            serde_json::Value::Array(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                } else if shape.get(depth) != Some(&items.len()) {
                    return Err("is not rectangular".into());
                }
                items
                    .iter()
                    .try_for_each(|i| walk(i, depth + 1, shape, data))
            }
            _ => Err("holds something other than numbers".into()),
        }
    }
    let (mut shape, mut data) = (Vec::new(), Vec::new());
    walk(value, 0, &mut shape, &mut data).map_err(|problem| ImportError::Npy {
        name: name.clone(),
        problem,
    })?;
    Ok(NamedArray { name, shape, data })
}

/// `[[layer 1 arrays], [layer 2 arrays], …]`: each layer's `get_weights()`.
fn keras_json(text: &str, current: &ModelSpec) -> Result<Imported, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Json(e.to_string()))?;
    let layers = value
        .as_array()
        .ok_or_else(|| ImportError::Json("expected a list of layers".into()))?;
    if layers.len() != current.layers.len() {
        return Err(ImportError::Mismatch(format!(
            "the file has weights for {} layers; the model has {}",
            layers.len(),
            current.layers.len()
        )));
    }
    let mut arrays = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        let items = layer
            .as_array()
            .ok_or_else(|| ImportError::Json(format!("layer {} is not a list of arrays", l + 1)))?;
        for (i, item) in items.iter().enumerate() {
            arrays.push(json_array(
                item,
                format!("layer {} array {}", l + 1, i + 1),
            )?);
        }
    }
    Ok(Imported {
        model: current.clone(),
        weights: Some(keras_flat(&arrays, current)?),
        init: None,
        kind: "Keras JSON",
    })
}

/// A PyTorch `nn.RNN` `state_dict` (any depth, one or two directions) → a stack of
/// `SimpleRNN` (tanh) with Keras-layout weights, the two biases summed.
///
/// # Errors
/// [`ImportError::Mismatch`] naming the array.
pub fn from_pytorch(arrays: &[NamedArray], current: &ModelSpec) -> Result<Imported, ImportError> {
    let find = |name: &str| arrays.iter().find(|a| a.name.ends_with(name));
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    let mut features = None;
    for k in 0.. {
        let Some(w_ih) = find(&format!("weight_ih_l{k}")) else {
            break;
        };
        let direction = |suffix: &str| -> Result<Option<RnnWeights>, ImportError> {
            let Some(w_ih) = find(&format!("weight_ih_l{k}{suffix}")) else {
                return Ok(None);
            };
            if w_ih.shape.len() != 2 || w_ih.shape[0] == 0 || w_ih.shape[1] == 0 {
                return Err(ImportError::Mismatch(format!(
                    "array \"{}\" has shape {}; nn.RNN's weight_ih is (hidden_size, input_size)",
                    w_ih.name,
                    shape_text(&w_ih.shape)
                )));
            }
            let (units, input) = (w_ih.shape[0], w_ih.shape[1]);
            let w_ih = take2(w_ih, [units, input], "weight_ih")?;
            let name = format!("weight_hh_l{k}{suffix}");
            let w_hh = take2(
                find(&name)
                    .ok_or_else(|| ImportError::Mismatch(format!("array \"{name}\" is missing")))?,
                [units, units],
                "weight_hh",
            )?;
            let b_ih = find(&format!("bias_ih_l{k}{suffix}"))
                .map(|a| take1(a, units, "bias_ih"))
                .transpose()?;
            let b_hh = find(&format!("bias_hh_l{k}{suffix}"))
                .map(|a| take1(a, units, "bias_hh"))
                .transpose()?;
            let w = crate::rnn::convert::from_pytorch(
                w_ih.view(),
                w_hh.view(),
                b_ih.as_ref().map(Array1::view),
                b_hh.as_ref().map(Array1::view),
            )
            .map_err(|e| ImportError::Mismatch(e.to_string()))?;
            Ok(Some(RnnWeights {
                kernel: w.kernel,
                recurrent_kernel: w.recurrent_kernel,
                bias: w.bias,
                recurrent_bias: None,
            }))
        };
        let forward = direction("")?
            .ok_or_else(|| ImportError::Mismatch(format!("array \"{}\" is unusable", w_ih.name)))?;
        let backward = direction("_reverse")?;
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
        return Err(ImportError::Mismatch("no weight_ih_l0 array".into()));
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
        .map_err(|e| ImportError::Mismatch(e.to_string()))?;
    Ok(Imported {
        model,
        weights: Some(weights),
        init: None,
        kind: "PyTorch state_dict",
    })
}
