//! The page's state: [`AppState`], what the user did ([`Action`]), the one pure reducer,
//! the messages it records ([`errors`], [`notice`]), and views in and out of links.

pub mod action;
pub mod app_state;
pub mod errors;
pub mod fields;
pub mod keys;
pub mod notice;
pub mod reduce;
pub mod view;

pub use action::Action;
pub use app_state::AppState;
pub use fields::{Field, NumberField};
