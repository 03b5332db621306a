//! The Yew front end, in layers. Each layer imports only the layers above it:
//!
//! - [`services`]: the browser (storage, address, clipboard, downloads, files, timing,
//!   frames, keys); the only web-sys outside hooks and components.
//! - [`domain`]: the page's logic without yew: language, selection, inputs, presets, the
//!   computed session, chart data, exports, imports, the link format, named sessions, the
//!   quiz, the tour's steps, and the training run as a pure state machine.
//! - [`state`]: [`state::AppState`], what the user did ([`state::Action`]) and the one
//!   pure reducer.
//! - [`i18n`]: every user-visible string in Korean and English.
//! - [`hooks`]: drawing on a canvas, the training frame loop, the page's effects.
//! - [`components`]: the panels, given plain props and sending `Callback<Action>`.
//!
//! Data flows one way: a control sends an `Action`, the reducer makes the next state,
//! the model and rnn code compute a session from it, and components draw the session.
//! `tests/app_layers.rs` checks that no module imports one below it or one that imports
//! it back.

pub mod components;
pub mod domain;
pub mod hooks;
pub mod i18n;
pub mod services;
pub mod state;

pub use components::app::App;
