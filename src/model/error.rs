//! The one error type of the model module: every way a model or case document can be wrong.

use std::fmt;

use crate::rnn::CellKind;

/// Names one layer the way the user sees it: 1-based position and document type,
/// printed as `layer 2 (simple_rnn)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerRef {
    /// Position in `layers`, counted from 0 (printed counted from 1).
    pub index: usize,
    /// The layer's `"type"` in the document: `embedding`, `simple_rnn`, `lstm`, `gru` or
    /// `dense`.
    pub kind: &'static str,
}

impl fmt::Display for LayerRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "layer {} ({})", self.index + 1, self.kind)
    }
}

/// A tensor shape printed the Python way: `(4, 8)`, `(8,)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dims(pub Vec<usize>);

impl fmt::Display for Dims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "({one},)"),
            dims => {
                let parts: Vec<String> = dims.iter().map(ToString::to_string).collect();
                write!(f, "({})", parts.join(", "))
            }
        }
    }
}

/// Which tensor of a gated cell a [`GateLayout`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateTensor {
    /// `kernel`, `(input, g·units)`.
    Kernel,
    /// `recurrent_kernel`, `(units, g·units)`.
    RecurrentKernel,
    /// `bias`, `(g·units,)`, or `(2, 3·units)` for a GRU with `reset_after`.
    Bias,
}

/// How a gated cell's tensor is laid out: its shape in words and its gate order, printed
/// as `(input, 4·units) with gates i, f, c, o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateLayout {
    /// The cell (`Lstm` or `Gru`).
    pub cell: CellKind,
    /// Which tensor.
    pub tensor: GateTensor,
    /// GRU only: whether the bias has two rows.
    pub reset_after: bool,
}

impl GateLayout {
    /// The gate order, as written after "gates": `i, f, c, o` or `z, r, h`.
    #[must_use]
    pub fn gates(&self) -> &'static str {
        match self.cell {
            CellKind::Lstm => "i, f, c, o",
            CellKind::Gru => "z, r, h",
            CellKind::SimpleRnn => "h",
        }
    }

    /// Whether this is a GRU bias with two rows (input bias, recurrent bias).
    #[must_use]
    pub fn two_bias_rows(&self) -> bool {
        self.cell == CellKind::Gru && self.reset_after && self.tensor == GateTensor::Bias
    }

    /// The shape in words: `(input, 4·units)`, `(units, 3·units)`, `(2, 3·units)`, ...
    #[must_use]
    pub fn shape_words(&self) -> String {
        let g = self.cell.gates();
        let width = if g == 1 {
            "units".to_string()
        } else {
            format!("{g}·units")
        };
        match self.tensor {
            GateTensor::Kernel => format!("(input, {width})"),
            GateTensor::RecurrentKernel => format!("(units, {width})"),
            GateTensor::Bias if self.two_bias_rows() => format!("(2, {width})"),
            GateTensor::Bias => format!("({width},)"),
        }
    }
}

impl fmt::Display for GateLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} with gates {}", self.shape_words(), self.gates())?;
        if self.two_bias_rows() {
            f.write_str(" (row 0 the input bias, row 1 the recurrent bias)")?;
        }
        Ok(())
    }
}

/// "at layers[1].units" for a path, "at the top level" for the document itself.
fn json_location(path: &str) -> String {
    if path == "." || path.is_empty() {
        "at the top level".to_string()
    } else {
        format!("at `{path}`")
    }
}

/// Everything that can be wrong with a model or case document. Each message names where
/// (JSON path or layer) and says what would fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// The text is not JSON at all (syntax error, truncated, empty).
    #[error("the document is not valid JSON (line {line}, column {column}): {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// A value has the wrong type, an unknown field, a missing field or a ragged array.
    #[error("{} (line {line}, column {column}): {message}", json_location(path))]
    Json {
        /// JSON path of the offending value, like `layers[1].units`.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What was wrong, in the JSON reader's words.
        message: String,
    },
    /// The document is longer than [`super::limits::MAX_DOCUMENT_BYTES`].
    #[error("the document has {bytes} bytes, more than the limit of {max}; remove unneeded numbers or use \"init\" instead of explicit weights")]
    DocumentTooLarge {
        /// Size of the document.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// The model has an empty `layers` list.
    #[error("the model has no layers; add at least one to \"layers\"")]
    NoLayers,
    /// The model has more layers than [`super::limits::MAX_LAYERS`].
    #[error("the model has {count} layers, more than the {max} Unrolled can show; remove some")]
    TooManyLayers {
        /// Number of layers in the document.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A layer's `"type"` is not one Unrolled knows.
    #[error("{layer_number}: unknown layer type \"{found}\"; use \"embedding\", \"simple_rnn\", \"lstm\", \"gru\" or \"dense\"", layer_number = format_args!("layer {}", index + 1))]
    UnknownLayerType {
        /// Position in `layers`, counted from 0.
        index: usize,
        /// The type that was given.
        found: String,
    },
    /// A layer has a field that belongs to another layer type.
    #[error(
        "{layer}: \"{field}\" is not a setting of this layer type; its settings are {allowed}"
    )]
    FieldNotForLayer {
        /// The layer.
        layer: LayerRef,
        /// The field that does not belong.
        field: &'static str,
        /// The fields this layer type takes, quoted and comma-separated.
        allowed: &'static str,
    },
    /// A layer lacks a setting that has no default.
    #[error("{layer}: \"{field}\" is missing; give it as a whole number of at least 1")]
    MissingField {
        /// The layer.
        layer: LayerRef,
        /// The missing field.
        field: &'static str,
    },
    /// A size is zero or negative.
    #[error("{at}: \"{field}\" is {value}, but it must be at least 1")]
    NotPositive {
        /// Where: `input` or a layer, like `layer 2 (simple_rnn)`.
        at: String,
        /// The size's field name.
        field: &'static str,
        /// The value given.
        value: i64,
    },
    /// A size is above its limit in [`super::limits`].
    #[error("{at}: \"{field}\" is {value}, more than the limit of {max}; use a smaller value")]
    TooLarge {
        /// Where: `input`, `inputs` or a layer, like `layer 2 (simple_rnn)`.
        at: String,
        /// The size's field name.
        field: &'static str,
        /// The value given.
        value: u64,
        /// The limit.
        max: u64,
    },
    /// An activation name is not available for this layer type.
    #[error("{layer}: activation \"{found}\" is not available here; use one of {allowed}")]
    UnknownActivation {
        /// The layer.
        layer: LayerRef,
        /// The name given.
        found: String,
        /// The allowed names, quoted and comma-separated.
        allowed: &'static str,
    },
    /// `bidirectional` is not null or a Keras merge mode.
    #[error("{layer}: \"bidirectional\" is \"{found}\"; use null or one of \"concat\", \"sum\", \"mul\", \"ave\"")]
    UnknownMergeMode {
        /// The layer.
        layer: LayerRef,
        /// The merge mode given.
        found: String,
    },
    /// An embedding appears after the first layer.
    #[error("{layer}: an embedding must be the first layer, because it turns token ids into vectors; move it to the top")]
    EmbeddingNotFirst {
        /// The embedding layer.
        layer: LayerRef,
    },
    /// `input.features` is given although the first layer is an embedding.
    #[error("\"input.features\" is given, but the first layer is an embedding whose inputs are token ids; remove \"features\"")]
    FeaturesWithEmbedding,
    /// `input.features` is missing although the first layer is not an embedding.
    #[error("\"input.features\" is missing; give the number of features per timestep (or start the model with an embedding)")]
    MissingFeatures,
    /// A recurrent layer follows one that returns only its last step.
    #[error("{layer} needs a sequence, but {previous} returns only its last step; set \"return_sequences\": true on {previous}")]
    SequenceEnded {
        /// The recurrent layer that needs a sequence.
        layer: LayerRef,
        /// The recurrent layer before it, with `return_sequences: false`.
        previous: LayerRef,
    },
    /// Two layers have the same name.
    #[error(
        "{second}: the name \"{name}\" is already used by {first}; layer names must be unique"
    )]
    DuplicateName {
        /// The repeated name.
        name: String,
        /// The first layer with that name.
        first: LayerRef,
        /// The later layer with that name.
        second: LayerRef,
    },
    /// A name is empty or longer than [`super::limits::MAX_NAME_CHARS`].
    #[error("{at}: the name must have 1 to {max} characters, but has {chars}")]
    BadName {
        /// Where: `the model` or a layer.
        at: String,
        /// Characters in the name given.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The whole model has more parameters than [`super::limits::MAX_PARAMS`].
    #[error("the model has {count} parameters, more than the limit of {max}; use fewer units or a smaller vocabulary")]
    TooManyParams {
        /// Parameters of the model.
        count: u64,
        /// The limit.
        max: u64,
    },
    /// A model document has case fields, or a case document lacks them.
    #[error("{0}")]
    WrongDocumentKind(&'static str),
    /// A case gives both `weights` and `init`, or neither.
    #[error("a case needs exactly one of \"weights\" (explicit numbers) or \"init\" (a seeded scheme); {0}")]
    WeightsOrInit(&'static str),
    /// `weights` has not one entry per layer.
    #[error("\"weights\" needs one entry per layer ({expected}), but has {found}; give one object per layer, in order")]
    WeightsCount {
        /// Layers in the model.
        expected: usize,
        /// Entries in `weights`.
        found: usize,
    },
    /// A weight tensor the layer needs is missing.
    #[error("{layer}: weight \"{tensor}\" is missing; it should have shape {expected}")]
    MissingWeight {
        /// The layer.
        layer: LayerRef,
        /// The tensor, like `kernel` or `forward.bias`.
        tensor: String,
        /// Its shape.
        expected: Dims,
    },
    /// A bidirectional layer lacks the weights of one direction.
    #[error("{layer}: \"{direction}\" weights are missing; a bidirectional layer takes {{\"forward\": {{...}}, \"backward\": {{...}}}}, each with \"kernel\", \"recurrent_kernel\" and \"bias\"")]
    MissingDirection {
        /// The layer.
        layer: LayerRef,
        /// `forward` or `backward`.
        direction: &'static str,
    },
    /// A weight tensor is given that the layer does not have.
    #[error("{layer}: weight \"{tensor}\" does not belong to this layer; {hint}")]
    UnexpectedWeight {
        /// The layer.
        layer: LayerRef,
        /// The tensor given.
        tensor: String,
        /// What the layer takes instead.
        hint: &'static str,
    },
    /// A weight tensor has the wrong shape.
    #[error("{layer}: weight \"{tensor}\" should have shape {expected} but has shape {found}")]
    WeightShape {
        /// The layer.
        layer: LayerRef,
        /// The tensor, like `kernel` or `backward.recurrent_kernel`.
        tensor: String,
        /// The shape the model implies.
        expected: Dims,
        /// The shape given.
        found: Dims,
    },
    /// A weight tensor of an LSTM or GRU has the wrong shape; the message gives the gate
    /// layout, e.g. `layer 1 (lstm): weight "kernel" must be (3, 16) = (input, 4·units) with
    /// gates i, f, c, o; found (3, 12)`.
    #[error("{layer}: weight \"{tensor}\" must be {expected} = {layout}; found {found}")]
    GateWeightShape {
        /// The layer.
        layer: LayerRef,
        /// The tensor, like `kernel` or `backward.bias`.
        tensor: String,
        /// The shape the model implies.
        expected: Dims,
        /// The shape given.
        found: Dims,
        /// The tensor's layout.
        layout: GateLayout,
    },
    /// A weight or input number is NaN or infinite (JSON cannot say that, but huge
    /// literals overflow).
    #[error("{at}: every number must be finite")]
    NotFinite {
        /// The tensor, like `inputs` or `layer 1 (dense) kernel`.
        at: String,
    },
    /// A case lacks `inputs`.
    #[error("the case has no \"inputs\"; give them as [batch][timesteps][features] numbers, or [batch][timesteps] token ids for an embedding model")]
    MissingInputs,
    /// `inputs` has the wrong shape for the model.
    #[error("\"inputs\" should have shape {expected} but has shape {found}")]
    InputShape {
        /// The expected shape, `?` for sizes the model leaves open.
        expected: String,
        /// The shape given.
        found: Dims,
    },
    /// A token id is not a whole number in `0..vocab`.
    #[error("at `inputs[{batch}][{step}]`: {value} is not a token id; token ids are whole numbers from 0 to {last} (vocab - 1)")]
    BadToken {
        /// Batch index of the token.
        batch: usize,
        /// Timestep index of the token.
        step: usize,
        /// The value given, as written.
        value: String,
        /// Largest valid id (`vocab - 1`).
        last: usize,
    },
    /// The run would take more work than [`super::limits::MAX_RUN_MULTIPLY_ADDS`].
    #[error("running this case takes about {work} multiply-adds, more than the limit of {max}; use a shorter sequence, a smaller batch or fewer units")]
    RunTooLarge {
        /// Estimated multiply-adds.
        work: u64,
        /// The limit.
        max: u64,
    },
    /// A traced run would hold more numbers than [`super::limits::MAX_TRACE_NUMBERS`].
    #[error("tracing this case gives about {numbers} numbers, more than the limit of {max}; trace a shorter sequence or a smaller batch, or run without --trace")]
    TraceTooLarge {
        /// Numbers the trace would hold.
        numbers: u64,
        /// The limit.
        max: u64,
    },
    /// Some work of the case is over the command line's budget ([`super::cost::CLI`]).
    #[error("{0}")]
    Cost(#[from] super::cost::CostError),
    /// The engine refused the case or produced NaN or infinity; its message counts layers
    /// from 0.
    #[error("the computation failed: {0}")]
    Engine(#[from] crate::rnn::RnnError),
}
