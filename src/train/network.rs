//! A trainable model: SimpleRNN layers and an optional Dense head, with forward, backward
//! and an optimizer step.

use ndarray::{Array1, Array3, ArrayD, ArrayView3, ArrayViewD, ArrayViewMutD, Axis};

use super::bptt::{simple_rnn_backward, OutputGrad, SimpleRnnGrads};
use super::dense::{dense_backward, DenseGrads, GradWrt};
use super::error::{Result, TrainError};
use super::loss::{loss_and_grad, Loss};
use super::optimizer::Optimizer;
use crate::rnn::{
    Dense, DenseWeights, Direction, Layer, Output, SimpleRnn, SimpleRnnWeights, Stack,
};

/// SimpleRNN layers (each but the last with `return_sequences`) and an optional Dense head
/// (on the last step or on every step). Bidirectional and Embedding layers have no backward
/// pass yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    rnns: Vec<SimpleRnn>,
    head: Option<Dense>,
}

/// What the forward pass keeps for the backward pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Tape {
    /// The model input, `[batch, T, D]`.
    pub inputs: Array3<f32>,
    /// Hidden states of each SimpleRNN layer, `[batch, T, H_l]`.
    pub states: Vec<Array3<f32>>,
    /// The last SimpleRNN layer's output (the head's input).
    pub rnn_output: Output,
    /// The model's prediction (the head's output, or `rnn_output` without a head).
    pub prediction: Output,
}

/// Gradients of every weight of a [`Network`], and the gradient flow through time.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// The loss value of the batch.
    pub loss: f32,
    /// Per SimpleRNN layer, first first.
    pub layers: Vec<SimpleRnnGrads>,
    /// The Dense head's, if any.
    pub head: Option<DenseGrads>,
    /// Per SimpleRNN layer, `‖∂L/∂h_t‖` for `t = 0..T` (see
    /// [`super::SimpleRnnBackward::state_grad_norms`]).
    pub state_grad_norms: Vec<Array1<f32>>,
}

impl Gradients {
    /// Every gradient tensor in [`Network::parameters`] order.
    #[must_use]
    pub fn tensors(&self) -> Vec<ArrayViewD<'_, f32>> {
        let mut out = Vec::new();
        for g in &self.layers {
            out.push(g.kernel.view().into_dyn());
            out.push(g.recurrent_kernel.view().into_dyn());
            if let Some(b) = &g.bias {
                out.push(b.view().into_dyn());
            }
        }
        if let Some(g) = &self.head {
            out.push(g.kernel.view().into_dyn());
            if let Some(b) = &g.bias {
                out.push(b.view().into_dyn());
            }
        }
        out
    }
}

impl Network {
    /// A network from layers, checked to fit together like [`Stack::new`] does.
    ///
    /// # Errors
    /// As [`Stack::new`], wrapped in [`TrainError::Rnn`].
    pub fn new(rnns: Vec<SimpleRnn>, head: Option<Dense>) -> Result<Self> {
        let mut layers: Vec<Layer> = rnns.iter().cloned().map(Layer::SimpleRnn).collect();
        layers.extend(head.iter().cloned().map(Layer::Dense));
        Stack::new(layers)?;
        Ok(Self { rnns, head })
    }

    /// The trainable part of a stack: SimpleRNN layers, then at most one Dense layer last.
    ///
    /// # Errors
    /// [`TrainError::UnsupportedLayer`] for Embedding, Bidirectional, or a Dense that is
    /// not last.
    pub fn from_stack(stack: &Stack) -> Result<Self> {
        let count = stack.layers().len();
        let mut rnns = Vec::new();
        let mut head = None;
        for (i, layer) in stack.layers().iter().enumerate() {
            match layer {
                Layer::SimpleRnn(l) => rnns.push(l.clone()),
                Layer::Dense(d) if i + 1 == count => head = Some(d.clone()),
                Layer::Dense(_) => return Err(unsupported(i, "Dense (not last)")),
                Layer::Embedding(_) => return Err(unsupported(i, "Embedding")),
                Layer::Bidirectional(_) => return Err(unsupported(i, "Bidirectional")),
            }
        }
        Self::new(rnns, head)
    }

    /// The SimpleRNN layers.
    #[must_use]
    pub fn rnns(&self) -> &[SimpleRnn] {
        &self.rnns
    }

    /// The Dense head, if any.
    #[must_use]
    pub fn head(&self) -> Option<&Dense> {
        self.head.as_ref()
    }

    /// Runs every layer on `inputs [batch, T, D]` and keeps what backward needs.
    ///
    /// # Errors
    /// As [`SimpleRnn::hidden_states`] and [`Dense::forward`].
    pub fn forward(&self, inputs: ArrayView3<'_, f32>) -> Result<Tape> {
        let mut states: Vec<Array3<f32>> = Vec::with_capacity(self.rnns.len());
        for (i, layer) in self.rnns.iter().enumerate() {
            let x = states.last().map_or(inputs.view(), Array3::view);
            let s = layer
                .hidden_states(x, Direction::Forward)
                .map_err(|e| e.at_layer(i))?;
            states.push(s);
        }
        let rnn_output = match (self.rnns.last(), states.last()) {
            (Some(l), Some(s)) if !l.config().return_sequences => {
                let t = s.len_of(Axis(1)) - 1;
                Output::Last(s.index_axis(Axis(1), t).to_owned())
            }
            (_, Some(s)) => Output::Sequence(s.clone()),
            (_, None) => Output::Sequence(inputs.to_owned()),
        };
        let prediction = match &self.head {
            Some(d) => d
                .forward(&rnn_output)
                .map_err(|e| e.at_layer(self.rnns.len()))?,
            None => rnn_output.clone(),
        };
        Ok(Tape {
            inputs: inputs.to_owned(),
            states,
            rnn_output,
            prediction,
        })
    }

    /// The loss of `tape.prediction` against `targets` (shaped like the prediction) and the
    /// gradient of every weight, back through the head and every SimpleRNN layer
    /// ([`simple_rnn_backward`], truncated to `truncation` steps if given).
    ///
    /// # Errors
    /// [`TrainError::LossActivation`] when a cross-entropy loss is not on a Dense head
    /// with sigmoid (binary) or softmax (categorical) activation; shape errors as
    /// [`loss_and_grad`], [`dense_backward`], [`simple_rnn_backward`].
    pub fn backward(
        &self,
        tape: &Tape,
        loss: Loss,
        targets: ArrayViewD<'_, f32>,
        truncation: Option<usize>,
    ) -> Result<Gradients> {
        if let Some(expected) = loss.required_activation() {
            let actual = self.head.as_ref().map(|d| d.config().activation);
            if actual != Some(expected) {
                return Err(TrainError::LossActivation { expected, actual });
            }
        }
        let lg = loss_and_grad(loss, tape.prediction.view(), targets)?;
        let (head, mut grad): (Option<DenseGrads>, ArrayD<f32>) = match &self.head {
            Some(d) => {
                let (g, dx) = dense_backward(
                    d,
                    tape.rnn_output.view(),
                    tape.prediction.view(),
                    lg.grad.view(),
                    lg.wrt,
                )?;
                (Some(g), dx)
            }
            None if lg.wrt == GradWrt::Output => (None, lg.grad),
            None => {
                return Err(TrainError::LossActivation {
                    expected: loss.required_activation().unwrap_or_default(),
                    actual: None,
                })
            }
        };
        let mut layers = Vec::with_capacity(self.rnns.len());
        let mut norms = Vec::with_capacity(self.rnns.len());
        for (i, layer) in self.rnns.iter().enumerate().rev() {
            let x = if i == 0 {
                tape.inputs.view()
            } else {
                tape.states[i - 1].view()
            };
            let g = match grad.ndim() {
                2 => OutputGrad::Last(grad.view().into_dimensionality()?),
                _ => OutputGrad::Sequence(grad.view().into_dimensionality()?),
            };
            let back = simple_rnn_backward(layer, x, tape.states[i].view(), g, truncation)?;
            grad = back.input_grad.into_dyn();
            layers.push(back.grads);
            norms.push(back.state_grad_norms);
        }
        layers.reverse();
        norms.reverse();
        Ok(Gradients {
            loss: lg.value,
            layers,
            head,
            state_grad_norms: norms,
        })
    }

    /// Owned copies of every weight tensor: per SimpleRNN layer `kernel`,
    /// `recurrent_kernel`, `bias` (if any), then the head's `kernel`, `bias` (if any).
    #[must_use]
    pub fn parameters(&self) -> Vec<ArrayD<f32>> {
        let mut out = Vec::new();
        for l in &self.rnns {
            let w = l.weights();
            out.push(w.kernel.clone().into_dyn());
            out.push(w.recurrent_kernel.clone().into_dyn());
            if let Some(b) = &w.bias {
                out.push(b.clone().into_dyn());
            }
        }
        if let Some(d) = &self.head {
            let w = d.weights();
            out.push(w.kernel.clone().into_dyn());
            if let Some(b) = &w.bias {
                out.push(b.clone().into_dyn());
            }
        }
        out
    }

    /// Applies one optimizer step with `grads` and rebuilds the layers with the new weights.
    ///
    /// # Errors
    /// As [`Optimizer::step`]; [`TrainError::Rnn`] if a rebuilt layer is rejected.
    pub fn apply(&mut self, optimizer: &mut Optimizer, grads: &Gradients) -> Result<()> {
        let mut params = self.parameters();
        {
            let mut views: Vec<ArrayViewMutD<'_, f32>> =
                params.iter_mut().map(ArrayD::view_mut).collect();
            optimizer.step(&mut views, &grads.tensors())?;
        }
        let mut it = params.into_iter();
        let mut next = || {
            it.next().ok_or(TrainError::ParameterCount {
                expected: grads.tensors().len(),
                actual: 0,
            })
        };
        let mut rnns = Vec::with_capacity(self.rnns.len());
        for l in &self.rnns {
            let kernel = next()?.into_dimensionality()?;
            let recurrent_kernel = next()?.into_dimensionality()?;
            let bias = match l.config().use_bias {
                true => Some(next()?.into_dimensionality()?),
                false => None,
            };
            rnns.push(SimpleRnn::new(
                l.config().clone(),
                SimpleRnnWeights {
                    kernel,
                    recurrent_kernel,
                    bias,
                },
            )?);
        }
        let head = match &self.head {
            Some(d) => {
                let kernel = next()?.into_dimensionality()?;
                let bias = match d.config().use_bias {
                    true => Some(next()?.into_dimensionality()?),
                    false => None,
                };
                Some(Dense::new(
                    d.config().clone(),
                    DenseWeights { kernel, bias },
                )?)
            }
            None => None,
        };
        self.rnns = rnns;
        self.head = head;
        Ok(())
    }

    /// Forward, backward and one optimizer step on a batch; returns the loss before the
    /// step.
    ///
    /// # Errors
    /// As [`Network::forward`], [`Network::backward`], [`Network::apply`].
    pub fn train_step(
        &mut self,
        optimizer: &mut Optimizer,
        inputs: ArrayView3<'_, f32>,
        targets: ArrayViewD<'_, f32>,
        loss: Loss,
        truncation: Option<usize>,
    ) -> Result<f32> {
        let tape = self.forward(inputs)?;
        let grads = self.backward(&tape, loss, targets, truncation)?;
        self.apply(optimizer, &grads)?;
        Ok(grads.loss)
    }
}

fn unsupported(layer: usize, kind: &'static str) -> TrainError {
    TrainError::UnsupportedLayer { layer, kind }
}
