//! Why a file cannot be imported, in typed parts (worded in English by `Display`, in
//! Korean by `i18n`).

use thiserror::Error;

use crate::model::ModelError;
use crate::rnn::{Direction, RnnError};

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// Larger than [`super::limits::MAX_IMPORT_BYTES`].
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
    Zip(ZipProblem),
    /// One `.npy` entry (or JSON array) is unusable.
    #[error("array \"{name}\": {problem}")]
    Npy {
        /// The array's name.
        name: String,
        /// What is wrong.
        problem: NpyProblem,
    },
    /// JSON that is not a document or a weight list.
    #[error("the JSON file is not usable: {0}")]
    Json(JsonProblem),
    /// A weight has the wrong shape or is missing.
    #[error("{0}")]
    Mismatch(Mismatch),
    /// The browser offers no way to read files.
    #[error("the browser cannot read files here")]
    NoReader,
    /// The browser could not read the file.
    #[error("the file could not be read")]
    Unreadable,
    /// A saved Keras model (`.keras`, `.h5`) that cannot be opened.
    #[error("{0}")]
    Keras(crate::keras::KerasError),
}

/// What is wrong with a zip archive's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ZipProblem {
    /// Not a zip archive the reader understands (cut off, damaged, or another format).
    #[error("it is not a readable zip archive (it may be cut off)")]
    Unreadable,
    /// More entries than [`super::limits::MAX_ARRAYS`].
    #[error("too many arrays")]
    TooManyArrays,
    /// The entries together inflate to more than [`super::limits::MAX_INFLATED_BYTES`].
    #[error("its arrays inflate to more than 128 MiB in all")]
    TotalTooLarge,
    /// Two entries share bytes of the file (how decompression bombs are made).
    #[error("two entries share the same bytes")]
    Overlapping,
    /// An entry's local header is cut off or damaged.
    #[error("short local header")]
    ShortLocalHeader,
}

/// What is wrong with one array.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NpyProblem {
    /// The directory declares more bytes than a file may have.
    #[error("declared size is larger than the file allows")]
    DeclaredTooLarge,
    /// The entry's data ends early.
    #[error("the data is cut off")]
    CutOff,
    /// The deflated data does not inflate.
    #[error("the compressed data is damaged")]
    Damaged,
    /// Neither stored nor deflated.
    #[error("compressed with an unknown method")]
    UnknownMethod,
    /// No `.npy` magic.
    #[error("not a .npy array")]
    NotNpy,
    /// A `.npy` version other than 1, 2 or 3.
    #[error("unknown .npy version")]
    UnknownVersion,
    /// The header ends early.
    #[error("the header is cut off")]
    HeaderCutOff,
    /// The header names no dtype.
    #[error("no dtype in the header")]
    NoDtype,
    /// A dtype other than `<f4` or `<f8`.
    #[error("dtype {0} is not supported; save float32 or float64 (little-endian)")]
    Dtype(String),
    /// Fortran (column-major) order.
    #[error("is in Fortran order; save it with np.ascontiguousarray")]
    FortranOrder,
    /// The header names no shape.
    #[error("no shape in the header")]
    NoShape,
    /// The shape is not a tuple.
    #[error("unreadable shape")]
    ShapeUnreadable,
    /// A dimension is not a whole number.
    #[error("unreadable shape ({0})")]
    ShapeNumbers(String),
    /// More numbers than [`super::limits::MAX_ARRAY_NUMBERS`].
    #[error("shape ({0}) is larger than the page reads")]
    ShapeTooLarge(String),
    /// Fewer bytes than the shape needs.
    #[error("the data is cut off: shape ({shape}) needs {needed} bytes, the file has {found}")]
    DataCutOff {
        /// The shape as written.
        shape: String,
        /// Bytes needed.
        needed: usize,
        /// Bytes there.
        found: usize,
    },
    /// NaN or infinity.
    #[error("value {0} is not a finite number")]
    NotFinite(usize),
    /// A JSON array too large or nested more than four deep.
    #[error("is too large or too deeply nested")]
    TooNested,
    /// A JSON array whose rows differ in length.
    #[error("is not rectangular")]
    NotRectangular,
    /// A JSON number that is not a number `f64` holds.
    #[error("holds a non-number")]
    NonNumber,
    /// A JSON value other than numbers and lists.
    #[error("holds something other than numbers")]
    NotNumbers,
}

/// What is wrong with a JSON file's structure.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum JsonProblem {
    /// Not JSON.
    #[error("{detail}")]
    Syntax {
        /// The JSON reader's explanation.
        detail: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
    },
    /// The top level is not a list.
    #[error("expected a list of layers")]
    NotLayerList,
    /// Layer `n` (1-based) is not a list of arrays.
    #[error("layer {0} is not a list of arrays")]
    LayerNotList(usize),
    /// A model or case document that is invalid.
    #[error("{0}")]
    Document(ModelError),
}

/// Which weight an array should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// The model's layer, 1-based (`None` for a PyTorch tensor).
    pub layer: Option<usize>,
    /// The direction of a bidirectional layer.
    pub direction: Option<Direction>,
    /// The tensor: `kernel`, `recurrent_kernel`, `bias`, `embeddings`, `weight_ih`, …
    pub tensor: &'static str,
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(layer) = self.layer {
            write!(f, "layer {layer} ")?;
        }
        if let Some(direction) = self.direction {
            write!(f, "{direction} ")?;
        }
        f.write_str(self.tensor)
    }
}

/// How a file's arrays do not fit the model.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Mismatch {
    /// An array of the wrong shape.
    #[error("array \"{array}\" ({role}) has shape {}; the model needs {}", shape_text(.found), shape_text(.needed))]
    Shape {
        /// The array's name in the file.
        array: String,
        /// Which weight it should be.
        role: Role,
        /// Its shape.
        found: Vec<usize>,
        /// The shape the model needs.
        needed: Vec<usize>,
    },
    /// Fewer arrays than the model has weights.
    #[error("the file has too few arrays: {0} is missing")]
    TooFewArrays(Role),
    /// More arrays than the model has weights.
    #[error("the file has more arrays than the model has weights, starting with \"{first}\" {}", shape_text(.shape))]
    TooManyArrays {
        /// The first array left over.
        first: String,
        /// Its shape.
        shape: Vec<usize>,
    },
    /// A JSON list with another number of layers than the model.
    #[error("the file has weights for {file} layers; the model has {model}")]
    LayerCount {
        /// Layers in the file.
        file: usize,
        /// Layers in the model.
        model: usize,
    },
    /// The model the weights are for is invalid.
    #[error("{0}")]
    Model(ModelError),
    /// A PyTorch `weight_ih` that is not a matrix.
    #[error("array \"{array}\" has shape {}; nn.RNN's weight_ih is (hidden_size, input_size)", shape_text(.shape))]
    PytorchShape {
        /// The array's name.
        array: String,
        /// Its shape.
        shape: Vec<usize>,
    },
    /// A PyTorch array the others need.
    #[error("array \"{0}\" is missing")]
    Missing(String),
    /// A PyTorch `weight_ih` whose direction cannot be read.
    #[error("array \"{0}\" is unusable")]
    Unusable(String),
    /// No `weight_ih_l0`.
    #[error("no weight_ih_l0 array")]
    NoPytorchLayers,
    /// The engine refused the converted weights.
    #[error("{0}")]
    Convert(RnnError),
    /// An `nn.LSTM` or `nn.GRU` `state_dict` that cannot be read.
    #[error("{0}")]
    StateDict(crate::model::StateDictError),
}

/// A shape as numpy prints it: `(4, 8)`, `(8,)`, `()`.
#[must_use]
pub fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(ToString::to_string).collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}
