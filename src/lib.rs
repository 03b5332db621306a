//! Unrolled: an interactive recurrent-neural-network visualizer.
//!
//! The crate is one library with two front ends: the Yew web app (`src/main.rs`, built for
//! `wasm32-unknown-unknown`) and the native command-line tool `unrolled-cli`.
//!
//! - [`rnn`]: the math (`SimpleRNN`, LSTM and GRU cells, bidirectional layers, stacks,
//!   embedding, dense, initializers, step traces gate by gate), on `ndarray` only.
//! - [`train`]: gradients (backpropagation through time for every cell, Dense, Embedding,
//!   losses), optimizers, the built-in tasks and the trainer.
//! - [`model`]: the Keras-like model document, its validation, shapes, parameter counts and
//!   the `model.summary()` text.
//! - [`keras`]: saved Keras models (`.keras`, `.h5`) read as a model document with weights.
//! - [`charts`]: plotters drawing functions, generic over the backend.
//! - [`diagram`]: geometry of the unrolled cell diagram, as plain data.
//! - [`app`]: the Yew front end (mounted by `src/main.rs` on wasm32).
//! - [`fuzzing`]: the bodies of the fuzz targets in `fuzz/`.

pub mod app;
pub mod charts;
pub mod diagram;
pub mod fuzzing;
pub mod keras;
pub mod model;
pub mod rnn;
pub mod train;
