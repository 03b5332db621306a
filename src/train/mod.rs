//! Training: backpropagation through time for SimpleRNN layers, Dense backward, losses,
//! optimizers, and a [`Network`] step tying them together (f32, `ndarray` only).
//!
//! Layout follows [`crate::rnn`] (Keras): `h_t = f(x_t · kernel + h_{t-1} ·
//! recurrent_kernel + bias)`, states `[batch, T, units]`. Gradients are shaped like the
//! weights they belong to.
//!
//! Flow: [`Network::from_stack`], then per batch [`Network::train_step`] (or
//! [`Network::forward`] → [`Network::backward`] → [`Network::apply`] to look at the
//! [`Gradients`], e.g. `state_grad_norms` for the gradient flow through time). Checked
//! against f64 finite differences and a Keras 3 fixture (`tests/fixtures/train/`).
//!
//! Not yet covered: Bidirectional and Embedding layers have no backward pass
//! ([`Network::from_stack`] rejects them with [`TrainError::UnsupportedLayer`]).

pub mod activation;
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
pub use bptt::{simple_rnn_backward, OutputGrad, SimpleRnnBackward, SimpleRnnGrads};
pub use dense::{dense_backward, DenseGrads, GradWrt};
pub use error::{Result, TrainError};
pub use loss::{loss_and_grad, Loss, LossGrad};
pub use network::{Gradients, Network, Tape};
pub use optimizer::{clip_by_global_norm, global_norm, Optimizer, OptimizerConfig};
pub use spectral::{eigenvalues, spectral_radius};
pub use task::{Accuracy, Dataset, TaskInputs, TaskKind, TaskSettings};
pub use trainer::{BatchReport, EpochRecord, Evaluation, Trainer, TrainerConfig};
