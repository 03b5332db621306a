//! The one error type of the Keras reader: every way a saved model can fail to open.

use crate::model::ModelError;

/// Why a file cannot be opened as a Keras model. Each variant names what was found and,
/// where there is one, what would work; the page translates them.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KerasError {
    /// The file is larger than the reader accepts.
    #[error("the file has {bytes} bytes, more than the limit of {max}")]
    FileTooLarge {
        /// Its size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// Neither a zip (`.keras`) nor an HDF5 file (`.h5`).
    #[error("this is not a Keras model: a .keras file is a zip and an .h5 file is HDF5, and this file is neither")]
    NotKeras,
    /// A zip without the `config.json` of a `.keras` file.
    #[error("this zip is not a Keras model: it has no {entry}")]
    MissingEntry {
        /// The entry looked for (`config.json`, `model.weights.h5`).
        entry: &'static str,
    },
    /// The zip's directory or an entry cannot be read.
    #[error("the zip cannot be read: {reason}")]
    Zip {
        /// What the zip reader said.
        reason: String,
    },
    /// An entry of the zip inflates to more bytes than allowed (a zip bomb, or a huge
    /// model).
    #[error("{entry} inflates to more than {max} bytes")]
    EntryTooLarge {
        /// The entry.
        entry: String,
        /// The limit.
        max: u64,
    },
    /// The HDF5 structure cannot be read (a truncated or damaged file).
    #[error("the HDF5 file cannot be read ({reason}); it may be truncated or damaged")]
    Hdf5 {
        /// What the HDF5 reader said.
        reason: String,
    },
    /// An HDF5 file without the `model_config` attribute of a saved Keras model (for
    /// example a file of `save_weights`).
    #[error("this HDF5 file is not a saved Keras model: it has no \"model_config\" attribute (a file of save_weights() holds weights only; save the whole model with model.save())")]
    NoModelConfig,
    /// The model config is not the JSON Keras writes.
    #[error("the model config cannot be read: {reason}")]
    Config {
        /// What is wrong, with its JSON path when there is one.
        reason: String,
    },
    /// A layer of a class Unrolled does not compute.
    #[error("layer \"{name}\" ({class}) is not supported; Unrolled reads InputLayer, Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Dense, TimeDistributed(Dense), Dropout, SpatialDropout1D and GaussianNoise")]
    UnsupportedLayer {
        /// The layer's name in the model.
        name: String,
        /// Its Keras class.
        class: String,
    },
    /// A custom (user-registered) layer or function, whose code is not in the file.
    #[error("layer \"{name}\" uses the custom object {object}, whose code is not in the file; Unrolled computes only Keras' own layers and activations")]
    CustomObject {
        /// The layer's name.
        name: String,
        /// The object's registered name.
        object: String,
    },
    /// A setting of a supported layer that Unrolled does not compute.
    #[error("layer \"{name}\" ({class}) has {setting}, which Unrolled does not compute; {hint}")]
    UnsupportedSetting {
        /// The layer's name.
        name: String,
        /// Its Keras class.
        class: String,
        /// The setting as written, like `stateful=True`.
        setting: String,
        /// What would work.
        hint: SettingHint,
    },
    /// A functional model that is not one chain of layers.
    #[error("the model is not one chain of layers: {reason}; Unrolled reads Sequential models and functional models where each layer feeds the next")]
    NotAChain {
        /// Where the graph branches or merges.
        reason: String,
    },
    /// A model class other than `Sequential` and `Functional`.
    #[error("the model class {class} is not supported; Unrolled reads Sequential and functional (Model) models")]
    UnsupportedModel {
        /// The class found.
        class: String,
    },
    /// A layer's weights are missing from the file.
    #[error("the weights of layer \"{name}\" are missing from the file ({detail})")]
    MissingWeights {
        /// The layer's name.
        name: String,
        /// What was looked for.
        detail: String,
    },
    /// A layer's weights in the file hold more numbers than its config allows.
    #[error("the weights of layer \"{name}\" hold {found} numbers, but its config has {expected} parameters")]
    WeightsTooLarge {
        /// The layer's name.
        name: String,
        /// Numbers declared in the file (so far).
        found: u64,
        /// Parameters the config has.
        expected: u64,
    },
    /// The model or its weights do not form a valid Unrolled model (sizes, shapes).
    #[error("{0}")]
    Model(#[from] ModelError),
}

/// What would work instead of an unsupported setting (worded in English by `Display`, in
/// Korean by the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SettingHint {
    /// `stateful=True`.
    #[error("save a copy without stateful=True (the weights are the same)")]
    Stateful,
    /// `return_state=True`.
    #[error("the chain needs one output per layer; build it without return_state=True")]
    ReturnState,
    /// `time_major=True`.
    #[error("build it with the batch first (time_major=False)")]
    TimeMajor,
    /// `go_backwards=True` outside a `Bidirectional`.
    #[error("read the sequence backwards with Bidirectional instead")]
    GoBackwards,
    /// Keras 2's `hard_sigmoid`.
    #[error("Keras 2's hard_sigmoid is clip(0.2·x + 0.5, 0, 1) and Unrolled computes Keras 3's clip(x / 6 + 1/2, 0, 1); use \"sigmoid\"")]
    Keras2HardSigmoid,
    /// An activation a recurrent layer cannot use.
    #[error("a recurrent layer can use tanh, sigmoid, hard_sigmoid, relu or linear")]
    RecurrentActivations,
    /// An activation a Dense layer cannot use.
    #[error("a Dense layer can use linear, relu, sigmoid, tanh, softmax or hard_sigmoid")]
    DenseActivations,
    /// A `Bidirectional` with a different backward layer.
    #[error("Unrolled computes a Bidirectional whose two directions have the same settings")]
    BackwardLayer,
    /// An unknown merge mode.
    #[error("use concat, sum, mul or ave")]
    MergeModes,
    /// `merge_mode=None`.
    #[error("it returns two outputs; use concat, sum, mul or ave")]
    MergeNone,
    /// `Embedding(mask_zero=True)`.
    #[error(
        "masking changes which steps a recurrent layer reads; save the model with mask_zero=False"
    )]
    MaskZero,
}
