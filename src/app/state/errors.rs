//! Every message the page shows next to a control, typed. The words (English from
//! `Display`, Korean per variant) are in `i18n::errors`.

use crate::model::ModelError;

use crate::app::domain::inputs::InputError;
use crate::app::domain::session::SessionError;

/// Why the text of a numeric field is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberFieldError {
    /// The field is empty and needs a value.
    #[error("enter a whole number")]
    Empty,
    /// The text is not a whole number of 0 or more.
    #[error("\"{0}\" is not a whole number of 0 or more")]
    NotWhole(String),
}

/// Every message the page shows next to a control.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PageError {
    /// A numeric field's text does not parse.
    #[error("{0}")]
    Number(#[from] NumberFieldError),
    /// The model is invalid.
    #[error("{0}")]
    Model(#[from] ModelError),
    /// The model is valid but the page cannot compute it.
    #[error("{0}")]
    Session(#[from] SessionError),
    /// The typed input cannot be used.
    #[error("{0}")]
    Input(#[from] InputError),
    /// The last recurrent layer cannot be removed.
    #[error("a model needs at least one recurrent layer")]
    NeedsOneLayer,
}
