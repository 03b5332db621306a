//! Every user-visible string, in English and Korean, one file per area of the page so that
//! two changes in different areas do not meet. Words are chosen here at the edge: the
//! state keeps typed values and errors, and a language switch re-words what is on screen.
//! A missing translation does not compile.

#![allow(
    clippy::match_same_arms,
    reason = "translation tables give every language its arm, also where two write a word alike"
)]

pub mod charts;
pub mod classroom;
pub mod controls;
pub mod errors;
pub mod export;
pub mod gates;
pub mod import;
pub mod keras;
pub mod model_errors;
pub mod page;
pub mod quiz;
pub mod share;
pub mod stepper;
pub mod summary;
pub mod tour;
pub mod train;
pub mod train_errors;

pub use crate::app::domain::lang::Lang;
pub use page::Text;

/// `template` with every `{name}` replaced by its value.
#[must_use]
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
