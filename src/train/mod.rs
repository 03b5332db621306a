//! Training: backpropagation through time for `SimpleRNN` and Bidirectional layers, Dense
//! and Embedding backward, losses,
//! optimizers, and a [`Network`] step tying them together (f32, `ndarray` only).
//!
//! Layout follows [`crate::rnn`] (Keras): `h_t = f(x_t · kernel + h_{t-1} ·
//! recurrent_kernel + bias)`, states `[batch, T, units]`. Gradients are shaped like the
//! weights they belong to.
//!
//! Flow: [`Network::from_stack`], then per batch [`Network::train_step`] (or
//! [`Network::forward`] → [`Network::backward`] → [`Network::apply`] to look at the
//! [`Gradients`], e.g. `flow` for the gradient flow through time). Checked
//! against f64 finite differences and a Keras 3 fixture (`tests/fixtures/train/`).
//!
//! Every layer kind of the engine trains: Embedding (first), `SimpleRNN`, Bidirectional
//! (every merge mode) and Dense, anywhere a [`crate::rnn::Stack`] allows them.

pub mod activation;
pub mod bidirectional;
pub mod bptt;
pub mod dense;
pub mod error;
pub mod loss;
pub mod network;
pub mod optimizer;
pub mod spectral;
pub mod task;
pub mod trainer;

pub use activation::{activation_backward, activation_backward_inplace};
pub use bidirectional::{bidirectional_backward, BidirectionalBackward};
pub use bptt::{simple_rnn_backward, OutputGrad, SimpleRnnBackward, SimpleRnnGrads};
pub use dense::{dense_backward, DenseGrads, GradWrt};
pub use error::{Result, TrainError};
pub use loss::{loss_and_grad, Loss, LossGrad};
pub use network::{FlowLine, Gradients, LayerGrads, Network, Tape};
pub use optimizer::{clip_by_global_norm, global_norm, Optimizer, OptimizerConfig};
pub use spectral::{eigenvalues, spectral_radius};
pub use task::{Accuracy, Dataset, TaskInputs, TaskKind, TaskSettings};
pub use trainer::{BatchReport, EpochRecord, Evaluation, Trainer, TrainerConfig};
