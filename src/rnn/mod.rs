//! The RNN math: Keras-compatible `SimpleRNN`, `LSTM` and `GRU` cells, bidirectional layers
//! around any of them, Embedding, Dense, stacks, seeded initialisers, step traces (gate by
//! gate for the gated cells) and NaN checks, on `ndarray` only (f32).
//!
//! Layout is Keras's: row vectors, `h_t = activation(x_t · kernel + bias + h_{t-1} ·
//! recurrent_kernel)` with `kernel (D, H)`, `recurrent_kernel (H, H)`, `bias (H,)`; the
//! gated cells concatenate their gate blocks on the kernels' last axis (LSTM `i, f, c, o`,
//! see [`lstm`]; GRU `z, r, h`, see [`gru`]); inputs `[batch, T, D]`, initial state zeros.
//! [`convert`] turns the seed chapter's numpy notation and `PyTorch` weights
//! (`nn.RNN`, `nn.LSTM`, `nn.GRU`) into this layout.
//!
//! Entry point for a whole model: [`Stack`] (`Stack::init` or `Stack::new`, then
//! `forward`, `trace`, `StackOutput::check_finite`).
//!
//! Hidden states are always stored **indexed by input time**, also for the backward
//! direction of a bidirectional layer (`backward[:, t]` is the state after reading
//! `x_{T-1} … x_t`), which is how Keras aligns them before merging.

pub mod activation;
pub mod bidirectional;
pub mod cell_kind;
pub mod convert;
pub mod dense;
pub mod embedding;
pub mod error;
pub mod gate_trace;
pub(crate) mod gates;
pub mod gru;
pub mod init;
mod kernels;
pub mod lstm;
pub mod output;
mod packed;
pub mod recurrent;
pub mod sequence;
pub mod simple_rnn;
pub mod stack;
pub mod trace;

pub use activation::Activation;
pub use bidirectional::{Bidirectional, BidirectionalConfig, MergeMode};
pub use cell_kind::CellKind;
pub use dense::{Dense, DenseConfig, DenseWeights};
pub use embedding::{Embedding, EmbeddingConfig};
pub use error::{Direction, NonFinite, Result, RnnError, WeightName};
pub use gate_trace::{CellTrace, GateSeries, GateTrace, GruStepTrace, LstmStepTrace};
pub use gru::{Gru, GruConfig, GruWeights};
pub use init::{InitScheme, Prng};
pub use lstm::{Lstm, LstmConfig, LstmState, LstmWeights};
pub use output::{LayerOutput, Output, StackOutput};
pub use recurrent::{CellWeights, Recurrent, RecurrentConfig, RecurrentRef};
pub use sequence::SequenceStates;
pub use simple_rnn::{SimpleRnn, SimpleRnnConfig, SimpleRnnWeights};
pub use stack::{Input, InputBatch, Layer, LayerConfig, Stack};
pub use trace::StepTrace;
