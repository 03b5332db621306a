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
//!     {"type": "dense", "units": 1, "activation": "sigmoid"}
//!   ]
//! }
//! ```
//!
//! - [`ModelSpec::from_json`] reads and validates a model document;
//!   [`ModelSpec::validate`] checks a spec built in code and returns its [`ModelInfo`]
//!   (names, shapes, Keras and `PyTorch` parameter counts), whose
//!   [`ModelInfo::summary_text`] is Keras' `model.summary()`.
//! - [`CaseSpec::from_json`] reads a case document: a model plus `weights` or `init`,
//!   and `inputs`, all checked against the model's shapes.
//! - [`Document::from_json`] reads either kind.
//!
//! - [`CaseSpec::run`] computes a case on the engine ([`crate::rnn`]): every layer's
//!   output, the weights used and, if asked, each step's cell internals.
//!
//! Nothing here touches files, processes or the browser, so the module builds for wasm32.
//! Every failure is a [`ModelError`]; sizes are capped by the constants in [`limits`].

mod case;
pub mod codegen;
mod error;
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
pub use error::{Dims, LayerRef, ModelError};
pub use run::{CaseRun, LayerTrace};
pub use shape::Shape;
pub use spec::{
    DenseActivation, DenseSpec, EmbeddingSpec, InitScheme, InitSpec, InputSpec, LayerSpec,
    MergeMode, ModelSpec, RnnActivation, SimpleRnnSpec,
};
pub use summary::group_thousands;
pub use validate::{LayerInfo, ModelInfo, PytorchNote};

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
