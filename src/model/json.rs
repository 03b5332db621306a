//! Reading documents: the raw JSON shapes (as serde sees them), nested-array tensors read
//! without building a JSON tree, and serde errors turned into [`ModelError`]s with a path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::error::ModelError;
use super::limits::{MAX_DOCUMENT_BYTES, MAX_LAYERS, MAX_TENSOR_ELEMENTS, MAX_TENSOR_RANK};

/// A model or case document exactly as written, before any checks beyond JSON types.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDocument {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub input: Option<RawInput>,
    pub layers: Bounded<RawLayer>,
    #[serde(default)]
    pub weights: Option<Bounded<RawLayerWeights>>,
    #[serde(default)]
    pub init: Option<super::spec::InitSpec>,
    #[serde(default)]
    pub inputs: Option<Tensor>,
}

/// `"input"` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInput {
    #[serde(default)]
    pub timesteps: Option<Whole>,
    #[serde(default)]
    pub features: Option<Whole>,
    #[serde(default)]
    pub batch: Option<Whole>,
}

/// One entry of `"layers"` as written: the union of every layer type's settings; which
/// ones belong to the given `type` is checked afterwards, with a message naming the layer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLayer {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub units: Option<Whole>,
    #[serde(default)]
    pub vocab: Option<Whole>,
    #[serde(default)]
    pub dim: Option<Whole>,
    #[serde(default)]
    pub activation: Option<String>,
    #[serde(default)]
    pub use_bias: Option<bool>,
    #[serde(default)]
    pub return_sequences: Option<bool>,
    #[serde(default)]
    pub bidirectional: Option<String>,
}

/// One entry of `"weights"` as written (Keras `get_weights()` names).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLayerWeights {
    #[serde(default)]
    pub embeddings: Option<Tensor>,
    #[serde(default)]
    pub kernel: Option<Tensor>,
    #[serde(default)]
    pub recurrent_kernel: Option<Tensor>,
    #[serde(default)]
    pub bias: Option<Tensor>,
    #[serde(default)]
    pub forward: Option<RawRnnWeights>,
    #[serde(default)]
    pub backward: Option<RawRnnWeights>,
}

/// The weights of one direction of a bidirectional layer, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRnnWeights {
    #[serde(default)]
    pub kernel: Option<Tensor>,
    #[serde(default)]
    pub recurrent_kernel: Option<Tensor>,
    #[serde(default)]
    pub bias: Option<Tensor>,
}

/// A JSON whole number, kept signed so that `0` and `-3` reach the size checks (which name
/// the layer) instead of failing as a type error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Whole(pub i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WholeVisitor;
        impl Visitor<'_> for WholeVisitor {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                Ok(Whole(i64::try_from(v).unwrap_or(i64::MAX)))
            }
        }
        deserializer.deserialize_any(WholeVisitor)
    }
}

/// A JSON list of at most [`MAX_LAYERS`] entries; longer lists are refused while reading,
/// before their entries are stored.
#[derive(Debug)]
pub(crate) struct Bounded<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Bounded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BoundedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for BoundedVisitor<T> {
            type Value = Bounded<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of at most {MAX_LAYERS} entries, one per layer")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bounded<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX_LAYERS {
                        return Err(de::Error::custom(format_args!(
                            "more than {MAX_LAYERS} entries; Unrolled shows at most {MAX_LAYERS} layers"
                        )));
                    }
                    items.push(item);
                }
                Ok(Bounded(items))
            }
        }
        deserializer.deserialize_seq(BoundedVisitor(PhantomData))
    }
}

/// A rectangular nested JSON array of numbers, stored flat in row-major order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tensor {
    /// Length of each nesting level, outermost first.
    pub shape: Vec<usize>,
    /// The numbers, last axis fastest.
    pub data: Vec<f32>,
}

/// What is known about a tensor while its JSON is being read.
struct TensorBuilder {
    /// Length seen at each depth (set by the first array that ends at that depth).
    lengths: Vec<Option<usize>>,
    /// Depth at which numbers sit, once the first number was seen.
    rank: Option<usize>,
    data: Vec<f32>,
}

impl TensorBuilder {
    fn push<E: de::Error>(&mut self, depth: usize, value: f64) -> Result<(), E> {
        if depth == 0 {
            return Err(E::custom(
                "expected a nested array of numbers, found a single number",
            ));
        }
        match self.rank {
            None => self.rank = Some(depth),
            Some(rank) if rank != depth => {
                return Err(E::custom(format_args!(
                    "ragged array: found a number where the other entries at this depth are arrays (nesting {depth} instead of {rank} levels)"
                )));
            }
            Some(_) => {}
        }
        if self.data.len() >= MAX_TENSOR_ELEMENTS {
            return Err(E::custom(format_args!(
                "more than {MAX_TENSOR_ELEMENTS} numbers in one array; use a smaller model or input"
            )));
        }
        #[allow(
            clippy::cast_possible_truncation,
            reason = "narrowing to f32 is the point: the engine computes in f32, as Keras does"
        )]
        let narrow = value as f32;
        if !narrow.is_finite() {
            return Err(E::custom(format_args!(
                "{value:e} does not fit a 32-bit float; use numbers between -3.4e38 and 3.4e38"
            )));
        }
        self.data.push(narrow);
        Ok(())
    }
}

/// Reads one nesting level of a tensor.
struct Level<'a> {
    builder: &'a mut TensorBuilder,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Level<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.depth == 0 {
            f.write_str("a nested array of numbers")
        } else {
            f.write_str("a number or an array of numbers")
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        let value = v as f64;
        self.builder.push(self.depth, value)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let value = v as f64;
        self.builder.push(self.depth, value)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.builder.push(self.depth, v)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.depth;
        if depth >= MAX_TENSOR_RANK {
            return Err(de::Error::custom(format_args!(
                "arrays nested deeper than {MAX_TENSOR_RANK} levels"
            )));
        }
        if let Some(rank) = self.builder.rank {
            if depth >= rank {
                return Err(de::Error::custom(
                    "ragged array: found an array where the other entries at this depth are numbers",
                ));
            }
        }
        let mut count = 0usize;
        while seq
            .next_element_seed(Level {
                builder: &mut *self.builder,
                depth: depth + 1,
            })?
            .is_some()
        {
            count += 1;
        }
        if self.builder.lengths.len() <= depth {
            self.builder.lengths.resize(depth + 1, None);
        }
        match self.builder.lengths[depth] {
            None => self.builder.lengths[depth] = Some(count),
            Some(expected) if expected != count => {
                return Err(de::Error::custom(format_args!(
                    "ragged array: this array has {count} entries, but the earlier arrays at the same depth have {expected}"
                )));
            }
            Some(_) => {}
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Tensor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut builder = TensorBuilder {
            lengths: Vec::new(),
            rank: None,
            data: Vec::new(),
        };
        Level {
            builder: &mut builder,
            depth: 0,
        }
        .deserialize(deserializer)?;
        let rank = builder.rank.unwrap_or(builder.lengths.len());
        let shape = builder
            .lengths
            .iter()
            .take(rank)
            .map(|length| length.unwrap_or(0))
            .collect();
        Ok(Tensor {
            shape,
            data: builder.data,
        })
    }
}

/// Reads a document's JSON into its raw form, with errors that carry the JSON path.
/// Reads a `weights` list on its own (as a case document writes it), before any check
/// against a model.
pub(crate) fn read_weights(text: &str) -> Result<Bounded<RawLayerWeights>, ModelError> {
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if bytes > MAX_DOCUMENT_BYTES {
        return Err(ModelError::DocumentTooLarge {
            bytes,
            max: MAX_DOCUMENT_BYTES,
        });
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let weights: Bounded<RawLayerWeights> =
        serde_path_to_error::deserialize(&mut reader).map_err(from_serde)?;
    reader.end().map_err(|err| syntax(&err))?;
    Ok(weights)
}

pub(crate) fn read_document(text: &str) -> Result<RawDocument, ModelError> {
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if bytes > MAX_DOCUMENT_BYTES {
        return Err(ModelError::DocumentTooLarge {
            bytes,
            max: MAX_DOCUMENT_BYTES,
        });
    }
    // serde would read a top-level array as a struct's fields in order; say what it is.
    let body = text.trim_start();
    if body.starts_with('[') {
        let blank = &text[..text.len() - body.len()];
        let line_start = blank.rfind('\n').map_or(0, |at| at + 1);
        return Err(ModelError::Json {
            path: ".".to_string(),
            line: blank.matches('\n').count() + 1,
            column: blank[line_start..].chars().count() + 1,
            message: format!("expected {}, found an array", STRUCT_WORDS[0].1),
        });
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let document: RawDocument =
        serde_path_to_error::deserialize(&mut reader).map_err(from_serde)?;
    reader.end().map_err(|err| syntax(&err))?;
    Ok(document)
}

/// The JSON reader's message without its trailing " at line L column C".
fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// What each raw struct is, in the words of the document, for serde's "expected ..." text.
const STRUCT_WORDS: [(&str, &str); 6] = [
    (
        "struct RawDocument",
        "an object with \"layers\" (and \"input\")",
    ),
    (
        "struct RawLayerWeights",
        "an object of weight arrays such as {\"kernel\": [[...]]}",
    ),
    (
        "struct RawRnnWeights",
        "an object with \"kernel\", \"recurrent_kernel\" and \"bias\"",
    ),
    (
        "struct RawLayer",
        "a layer object such as {\"type\": \"simple_rnn\", \"units\": 8}",
    ),
    (
        "struct RawInput",
        "an object such as {\"timesteps\": 10, \"features\": 4}",
    ),
    (
        "struct InitSpec",
        "an object such as {\"scheme\": \"keras\", \"seed\": 1}",
    ),
];

/// Rewrites serde's mentions of Rust types in the document's words. An array where an
/// object belongs reads "invalid length N, expected struct X with M elements" in serde;
/// that becomes "expected <object words>, found an array".
fn in_document_words(message: String) -> String {
    for (rust, words) in STRUCT_WORDS {
        if let Some(at) = message.find(rust) {
            if message.starts_with("invalid length") {
                return format!("expected {words}, found an array");
            }
            let rest = &message[at + rust.len()..];
            return format!("{}{words}{rest}", &message[..at]);
        }
    }
    message
}

fn syntax(err: &serde_json::Error) -> ModelError {
    ModelError::Syntax {
        line: err.line(),
        column: err.column(),
        message: bare_message(err),
    }
}

fn from_serde(err: serde_path_to_error::Error<serde_json::Error>) -> ModelError {
    let path = err.path().to_string();
    let inner = err.into_inner();
    match inner.classify() {
        serde_json::error::Category::Data => ModelError::Json {
            path,
            line: inner.line(),
            column: inner.column(),
            message: in_document_words(bare_message(&inner)),
        },
        _ => syntax(&inner),
    }
}
