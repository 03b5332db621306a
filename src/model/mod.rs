//! The Keras-like model description: document, validation, shapes, parameter counts and
//! the `model.summary()` text.
//!
//! One [`ModelSpec`] drives the engine, the UI, the URL state, exports and the CLI.
//! Documents are JSON:
//!
//! ```json
//! {
//!   "input": {"timesteps": 10, "features": 4, "batch": null},
//!   "layers": [
//!     {"type": "simple_rnn", "units": 8, "return_sequences": true},
//!     {"type": "lstm", "units": 8, "recurrent_activation": "sigmoid", "return_sequences": true},
//!     {"type": "gru", "units": 8, "reset_after": true, "bidirectional": "concat"},
//!     {"type": "dense", "units": 1, "activation": "sigmoid"}
//!   ]
//! }
//! ```
//!
//! Layer types: `embedding` (`vocab`, `dim`), `simple_rnn`, `lstm`, `gru` (`units`,
//! `activation`, `use_bias`, `return_sequences`, `bidirectional`; LSTM and GRU also
//! `recurrent_activation`, the LSTM `unit_forget_bias`, the GRU `reset_after`) and `dense`
//! (`units`, `activation`, `use_bias`), each with Keras's defaults when a field is omitted.
//! `hard_sigmoid` is Keras 3's, `relu6(z + 3) / 6` (Keras 2's was `clip(0.2·z + 0.5, 0, 1)`).
//!
//! - [`ModelSpec::from_json`] reads and validates a model document;
//!   [`ModelSpec::validate`] checks a spec built in code and returns its [`ModelInfo`]
//!   (names, shapes, Keras and `PyTorch` parameter counts), whose
//!   [`ModelInfo::summary_text`] is Keras' `model.summary()`.
//! - [`CaseSpec::from_json`] reads a case document: a model plus `weights` or `init`,
//!   and `inputs`, all checked against the model's shapes.
//! - [`Document::from_json`] reads either kind.
//!
//! - [`layer_weights_from_keras`] and [`from_pytorch_state_dict`] turn a layer's Keras
//!   `get_weights()` list and a `PyTorch` `nn.RNN`/`nn.LSTM`/`nn.GRU` `state_dict` into
//!   checked weights (the page's file import wires them).
//! - [`CaseSpec::run`] computes a case on the engine ([`crate::rnn`]): every layer's
//!   output, the weights used and, if asked, each step's cell internals.
//!
//! Nothing here touches files, processes or the browser, so the module builds for wasm32.
//! Every failure is a [`ModelError`]; sizes are capped by the constants in [`limits`].

mod case;
pub mod codegen;
pub mod cost;
mod error;
mod formula;
mod import;
mod json;
pub mod limits;
mod run;
mod shape;
mod spec;
mod summary;
mod validate;

pub use case::{
    weight_count, weights_from_json, CaseInputs, CaseParameters, CaseSpec, LayerWeights,
    NestedArray, RnnWeights,
};
pub use error::{Dims, GateLayout, GateTensor, LayerRef, ModelError};
pub use formula::{BiasTerms, RecurrentParams};
pub use import::{
    from_pytorch_state_dict, keras_names, layer_weights_from_keras, NamedTensor, StateDictError,
    StateDictImport,
};
pub use run::{document_layer, CaseRun, LayerTrace, StepJson};
pub use shape::Shape;
pub use spec::{
    CellKind, DenseActivation, DenseSpec, EmbeddingSpec, GruSpec, InitScheme, InitSpec, InputSpec,
    LayerSpec, LstmSpec, MergeMode, ModelSpec, RecurrentSettings, RnnActivation, SimpleRnnSpec,
};
pub use summary::{group_thousands, summary_table};
pub use validate::{recurrent_params, LayerInfo, ModelInfo, PytorchNote};

/// A document of either kind, as the CLI's `summary` accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// Only a model.
    Model(ModelSpec),
    /// A model with weights (or an initializer) and inputs.
    Case(CaseSpec),
}

impl Document {
    /// Reads and validates a model or case document; it is a case when it has any of
    /// `weights`, `init` or `inputs`.
    ///
    /// # Errors
    /// A [`ModelError`] naming the JSON path or layer and what would fix it.
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        let raw = json::read_document(text)?;
        let model = validate::spec_from_raw(&raw)?;
        let info = model.validate()?;
        if raw.weights.is_none() && raw.init.is_none() && raw.inputs.is_none() {
            Ok(Self::Model(model))
        } else {
            case::case_from_raw(model, &info, raw).map(Self::Case)
        }
    }

    /// The model, whichever kind the document is.
    #[must_use]
    pub fn model(&self) -> &ModelSpec {
        match self {
            Self::Model(model) => model,
            Self::Case(case) => &case.model,
        }
    }
}

impl ModelSpec {
    /// Reads and validates a model document.
    ///
    /// # Errors
    /// A [`ModelError`] naming the JSON path or layer and what would fix it; a case
    /// document is refused (read it with [`CaseSpec::from_json`] or [`Document::from_json`]).
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        match Document::from_json(text)? {
            Document::Model(model) => Ok(model),
            Document::Case(_) => Err(ModelError::WrongDocumentKind(
                "this is a case document (it has \"weights\", \"init\" or \"inputs\"); read it as a case, or remove those fields",
            )),
        }
    }

    /// The `model.summary()` text tf.keras 2 prints for this model.
    ///
    /// # Errors
    /// The model's first validation problem.
    pub fn summary_text(&self) -> Result<String, ModelError> {
        self.validate().map(|info| info.summary_text())
    }
}

impl CaseSpec {
    /// Reads and validates a case document.
    ///
    /// # Errors
    /// A [`ModelError`] naming the JSON path, layer or tensor and what would fix it; a
    /// model document without `weights`/`init` and `inputs` is refused.
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        match Document::from_json(text)? {
            Document::Case(case) => Ok(case),
            Document::Model(_) => Err(ModelError::WrongDocumentKind(
                "this is a model document; a case also needs \"weights\" or \"init\", and \"inputs\"",
            )),
        }
    }
}
