//! A trainable model: any engine [`Stack`] (Embedding first, `SimpleRNN` and Bidirectional
//! layers, Dense layers), with forward, backward through every layer, and an optimizer step.

use ndarray::{Array1, Array2, ArrayD, ArrayView2, ArrayView3, ArrayViewD, ArrayViewMutD};

use super::bidirectional::bidirectional_backward;
use super::bptt::{simple_rnn_backward, OutputGrad, SimpleRnnGrads};
use super::dense::{dense_backward, DenseGrads, GradWrt};
use super::error::{Result, TrainError};
use super::loss::{loss_and_grad, Loss};
use super::optimizer::Optimizer;
use crate::rnn::{
    Dense, DenseWeights, Direction, Input, InputBatch, Layer, Output, SimpleRnn, SimpleRnnWeights,
    Stack, StackOutput,
};

/// A stack being trained. Every layer kind of the engine has a backward pass; an
/// Embedding can only be first (as in [`Stack`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    stack: Stack,
}

/// What the forward pass keeps for the backward pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Tape {
    /// The model input.
    pub input: InputBatch,
    /// Every layer's output and hidden states (see [`Stack::forward`]).
    pub outputs: StackOutput,
    /// The model's prediction (the last layer's output).
    pub prediction: Output,
}

/// Gradients of one layer's weights, in Keras `get_weights()` order.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerGrads {
    /// `dL/dembeddings`, `(V, E)`: the sum of the gradients reaching each looked-up row.
    Embedding(Array2<f32>),
    /// A one-direction `SimpleRNN`'s.
    SimpleRnn(SimpleRnnGrads),
    /// Both directions' of a Bidirectional layer.
    Bidirectional {
        /// The forward direction's.
        forward: SimpleRnnGrads,
        /// The backward direction's.
        backward: SimpleRnnGrads,
    },
    /// A Dense layer's.
    Dense(DenseGrads),
}

impl LayerGrads {
    fn push_tensors<'a>(&'a self, out: &mut Vec<ArrayViewD<'a, f32>>) {
        let mut rnn = |g: &'a SimpleRnnGrads| {
            out.push(g.kernel.view().into_dyn());
            out.push(g.recurrent_kernel.view().into_dyn());
            if let Some(b) = &g.bias {
                out.push(b.view().into_dyn());
            }
        };
        match self {
            Self::Embedding(g) => out.push(g.view().into_dyn()),
            Self::SimpleRnn(g) => rnn(g),
            Self::Bidirectional { forward, backward } => {
                rnn(forward);
                rnn(backward);
            }
            Self::Dense(g) => {
                out.push(g.kernel.view().into_dyn());
                if let Some(b) = &g.bias {
                    out.push(b.view().into_dyn());
                }
            }
        }
    }
}

/// `‖∂L/∂h_t‖` at every timestep of one recurrent cell: the Frobenius norm over batch and
/// units of the total gradient reaching `h_t` (from the layer's output and from the
/// neighbouring step), indexed by input time. This is the gradient flow through time.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowLine {
    /// Index of the layer in the stack.
    pub layer: usize,
    /// Which direction of the layer.
    pub direction: Direction,
    /// `(T,)` norms.
    pub norms: Array1<f32>,
}

/// Gradients of every weight of a [`Network`], and the gradient flow through time.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// The loss value of the batch.
    pub loss: f32,
    /// One entry per stack layer, first first.
    pub layers: Vec<LayerGrads>,
    /// One line per recurrent cell (a Bidirectional layer has two), first layer first,
    /// forward before backward.
    pub flow: Vec<FlowLine>,
}

impl Gradients {
    /// Every gradient tensor in [`Network::parameters`] order.
    #[must_use]
    pub fn tensors(&self) -> Vec<ArrayViewD<'_, f32>> {
        let mut out = Vec::new();
        for g in &self.layers {
            g.push_tensors(&mut out);
        }
        out
    }

    /// `sqrt(Σ ‖g‖²)` over every gradient tensor (what clipping by norm compares).
    #[must_use]
    pub fn global_norm(&self) -> f32 {
        self.tensors()
            .iter()
            .flat_map(|g| g.iter())
            .map(|v| v * v)
            .sum::<f32>()
            .sqrt()
    }
}

impl Network {
    /// A network of `SimpleRNN` layers and an optional Dense head, checked to fit together
    /// like [`Stack::new`] does.
    ///
    /// # Errors
    /// As [`Stack::new`], wrapped in [`TrainError::Rnn`].
    pub fn new(rnns: Vec<SimpleRnn>, head: Option<Dense>) -> Result<Self> {
        let mut layers: Vec<Layer> = rnns.into_iter().map(Layer::SimpleRnn).collect();
        layers.extend(head.map(Layer::Dense));
        Ok(Self {
            stack: Stack::new(layers)?,
        })
    }

    /// A network that trains `stack`'s layers (all kinds have a backward pass).
    ///
    /// # Errors
    /// None today; kept fallible so a layer kind without a backward pass can be refused
    /// with [`TrainError::UnsupportedLayer`].
    pub fn from_stack(stack: &Stack) -> Result<Self> {
        Ok(Self {
            stack: stack.clone(),
        })
    }

    /// The layers with their current weights.
    #[must_use]
    pub fn stack(&self) -> &Stack {
        &self.stack
    }

    /// The current weights as an engine stack (for the step-through view).
    ///
    /// # Errors
    /// None today (the stack is kept valid); fallible for symmetry with [`Self::from_stack`].
    pub fn to_stack(&self) -> Result<Stack> {
        Ok(self.stack.clone())
    }

    /// Every recurrent kernel: `(stack layer, direction, (H, H))`.
    #[must_use]
    pub fn recurrent_kernels(&self) -> Vec<(usize, Direction, ArrayView2<'_, f32>)> {
        let mut out = Vec::new();
        for (i, layer) in self.stack.layers().iter().enumerate() {
            for d in [Direction::Forward, Direction::Backward] {
                if let Some(cell) = layer.cell(d) {
                    out.push((i, d, cell.weights().recurrent_kernel.view()));
                }
            }
        }
        out
    }

    /// Runs every layer on `input` (`[batch, T, D]` features or `[batch, T]` tokens) and
    /// keeps what backward needs.
    ///
    /// # Errors
    /// As [`Stack::forward`].
    pub fn forward(&self, input: Input<'_>) -> Result<Tape> {
        let outputs = self.stack.forward(input)?;
        let prediction = outputs
            .last()
            .cloned()
            .ok_or(crate::rnn::RnnError::EmptyStack)?;
        Ok(Tape {
            input: InputBatch::of(input),
            outputs,
            prediction,
        })
    }

    /// The loss of `tape.prediction` against `targets` (shaped like the prediction) and the
    /// gradient of every weight, back through every layer (recurrent layers by
    /// [`simple_rnn_backward`] / [`bidirectional_backward`], truncated to `truncation`
    /// steps if given; an Embedding adds each step's input gradient to its token's row).
    ///
    /// # Errors
    /// [`TrainError::LossActivation`] when a cross-entropy loss is not on a last Dense layer
    /// with sigmoid (binary) or softmax (categorical) activation;
    /// [`TrainError::ZeroTruncation`] for `Some(0)`; shape errors as [`loss_and_grad`],
    /// [`dense_backward`], [`simple_rnn_backward`]; [`TrainError::Shape`] when `tape` does
    /// not come from this network.
    pub fn backward(
        &self,
        tape: &Tape,
        loss: Loss,
        targets: ArrayViewD<'_, f32>,
        truncation: Option<usize>,
    ) -> Result<Gradients> {
        if truncation == Some(0) {
            return Err(TrainError::ZeroTruncation);
        }
        let layers = self.stack.layers();
        if let Some(expected) = loss.required_activation() {
            let actual = match layers.last() {
                Some(Layer::Dense(d)) => Some(d.config().activation),
                _ => None,
            };
            if actual != Some(expected) {
                return Err(TrainError::LossActivation { expected, actual });
            }
        }
        if tape.outputs.layers.len() != layers.len() {
            return Err(TrainError::Shape {
                what: "tape (layers)",
                expected: vec![layers.len()],
                actual: vec![tape.outputs.layers.len()],
            });
        }
        let lg = loss_and_grad(loss, tape.prediction.view(), targets)?;
        let mut grad: ArrayD<f32> = lg.grad;
        let mut wrt = lg.wrt;
        let mut grads = Vec::with_capacity(layers.len());
        let mut flow = Vec::new();
        for (i, layer) in layers.iter().enumerate().rev() {
            let out = &tape.outputs.layers[i];
            let x = layer_input(tape, i)?;
            match layer {
                Layer::Dense(d) => {
                    let x = x.ok_or_else(|| missing("Dense input"))?;
                    let (g, dx) = dense_backward(d, x, out.output.view(), grad.view(), wrt)?;
                    grads.push(LayerGrads::Dense(g));
                    grad = dx;
                }
                Layer::SimpleRnn(l) => {
                    let x = sequence(x, "SimpleRNN input")?;
                    let states = out
                        .states(Direction::Forward)
                        .ok_or_else(|| missing("hidden states"))?;
                    let g = match grad.ndim() {
                        2 => OutputGrad::Last(grad.view().into_dimensionality()?),
                        _ => OutputGrad::Sequence(grad.view().into_dimensionality()?),
                    };
                    let back = simple_rnn_backward(l, x, states, g, truncation)?;
                    flow.push(FlowLine {
                        layer: i,
                        direction: Direction::Forward,
                        norms: back.state_grad_norms,
                    });
                    grads.push(LayerGrads::SimpleRnn(back.grads));
                    grad = back.input_grad.into_dyn();
                }
                Layer::Bidirectional(l) => {
                    let x = sequence(x, "Bidirectional input")?;
                    let (Some(f), Some(b)) = (
                        out.states(Direction::Forward),
                        out.states(Direction::Backward),
                    ) else {
                        return Err(missing("hidden states"));
                    };
                    let back = bidirectional_backward(l, x, f, b, grad.view(), truncation)?;
                    flow.push(FlowLine {
                        layer: i,
                        direction: Direction::Backward,
                        norms: back.backward_norms,
                    });
                    flow.push(FlowLine {
                        layer: i,
                        direction: Direction::Forward,
                        norms: back.forward_norms,
                    });
                    grads.push(LayerGrads::Bidirectional {
                        forward: back.forward,
                        backward: back.backward,
                    });
                    grad = back.input_grad.into_dyn();
                }
                Layer::Embedding(e) => {
                    let InputBatch::Tokens(tokens) = &tape.input else {
                        return Err(missing("token ids"));
                    };
                    let g = grad.view().into_dimensionality()?;
                    grads.push(LayerGrads::Embedding(embedding_backward(
                        e.embeddings().dim(),
                        tokens.view(),
                        g,
                    )?));
                }
            }
            wrt = GradWrt::Output;
        }
        grads.reverse();
        flow.reverse();
        Ok(Gradients {
            loss: lg.value,
            layers: grads,
            flow,
        })
    }

    /// Owned copies of every weight tensor in Keras `get_weights()` order: per layer
    /// Embedding `embeddings`; `SimpleRNN` `kernel`, `recurrent_kernel`, `bias` (if any);
    /// Bidirectional the forward three then the backward three; Dense `kernel`, `bias`.
    #[must_use]
    pub fn parameters(&self) -> Vec<ArrayD<f32>> {
        self.parameter_views()
            .iter()
            .map(ndarray::ArrayBase::to_owned)
            .collect()
    }

    /// Views of every weight tensor, in [`Self::parameters`] order (no copy).
    #[must_use]
    pub fn parameter_views(&self) -> Vec<ArrayViewD<'_, f32>> {
        self.stack.layers().iter().flat_map(layer_weights).collect()
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
        self.stack = self.with_parameters(&params)?;
        Ok(())
    }

    /// The stack with every weight replaced by `params` (in [`Self::parameters`] order).
    ///
    /// # Errors
    /// [`TrainError::ParameterCount`] for a list of the wrong length; [`TrainError::Rnn`]
    /// for a tensor of the wrong shape.
    pub fn with_parameters(&self, params: &[ArrayD<f32>]) -> Result<Stack> {
        let expected: usize = self
            .stack
            .layers()
            .iter()
            .map(|l| layer_weights(l).len())
            .sum();
        if params.len() != expected {
            return Err(TrainError::ParameterCount {
                expected,
                actual: params.len(),
            });
        }
        let mut rest = params;
        let mut layers = Vec::with_capacity(self.stack.layers().len());
        for (i, layer) in self.stack.layers().iter().enumerate() {
            let (mine, tail) = rest.split_at(layer_weights(layer).len());
            rest = tail;
            layers
                .push(Layer::from_keras_weights(&layer.config(), mine).map_err(|e| e.at_layer(i))?);
        }
        Ok(Stack::new(layers)?)
    }

    /// Replaces every weight by `params` (in [`Self::parameters`] order).
    ///
    /// # Errors
    /// As [`Self::with_parameters`]; the network is unchanged on error.
    pub fn set_parameters(&mut self, params: &[ArrayD<f32>]) -> Result<()> {
        self.stack = self.with_parameters(params)?;
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
        input: Input<'_>,
        targets: ArrayViewD<'_, f32>,
        loss: Loss,
        truncation: Option<usize>,
    ) -> Result<f32> {
        let tape = self.forward(input)?;
        let grads = self.backward(&tape, loss, targets, truncation)?;
        self.apply(optimizer, &grads)?;
        Ok(grads.loss)
    }
}

/// Views of a layer's weights in Keras `get_weights()` order (no copy).
fn layer_weights(layer: &Layer) -> Vec<ArrayViewD<'_, f32>> {
    match layer {
        Layer::Embedding(e) => vec![e.embeddings().view().into_dyn()],
        Layer::SimpleRnn(l) => rnn_weights(l.weights()),
        Layer::Bidirectional(l) => {
            let mut out = rnn_weights(l.direction(Direction::Forward).weights());
            out.extend(rnn_weights(l.direction(Direction::Backward).weights()));
            out
        }
        Layer::Dense(d) => {
            let DenseWeights { kernel, bias } = d.weights();
            let mut out = vec![kernel.view().into_dyn()];
            out.extend(bias.as_ref().map(|b| b.view().into_dyn()));
            out
        }
    }
}

/// Views of a `SimpleRNN`'s `kernel`, `recurrent_kernel`, `bias` (if any).
fn rnn_weights(w: &SimpleRnnWeights) -> Vec<ArrayViewD<'_, f32>> {
    let mut out = vec![
        w.kernel.view().into_dyn(),
        w.recurrent_kernel.view().into_dyn(),
    ];
    out.extend(w.bias.as_ref().map(|b| b.view().into_dyn()));
    out
}

/// The input of stack layer `i`: the model's features for layer 0 (`None` for tokens),
/// else layer `i - 1`'s output.
fn layer_input(tape: &Tape, i: usize) -> Result<Option<ArrayViewD<'_, f32>>> {
    Ok(match i {
        0 => match &tape.input {
            InputBatch::Features(x) => Some(x.view().into_dyn()),
            InputBatch::Tokens(_) => None,
        },
        _ => Some(
            tape.outputs
                .layers
                .get(i - 1)
                .ok_or_else(|| missing("previous layer output"))?
                .output
                .view(),
        ),
    })
}

fn sequence<'a>(x: Option<ArrayViewD<'a, f32>>, what: &'static str) -> Result<ArrayView3<'a, f32>> {
    Ok(x.ok_or_else(|| missing(what))?.into_dimensionality()?)
}

/// `dL/dembeddings` `(V, E)` from token ids `[batch, T]` and `dL/d(output)` `[batch, T, E]`:
/// `d[tokens[b, t]] += g[b, t]`.
fn embedding_backward(
    (vocab, width): (usize, usize),
    tokens: ArrayView2<'_, i64>,
    g: ArrayView3<'_, f32>,
) -> Result<Array2<f32>> {
    let (batch, timesteps) = tokens.dim();
    super::error::check_shape(
        "Embedding output gradient",
        &[batch, timesteps, width],
        g.shape(),
    )?;
    let mut table = Array2::zeros((vocab, width));
    for ((b, t), &token) in tokens.indexed_iter() {
        // The forward pass already refused ids outside 0..V.
        if let Some(row) = usize::try_from(token).ok().filter(|&r| r < vocab) {
            let mut dst = table.row_mut(row);
            dst += &g.slice(ndarray::s![b, t, ..]);
        }
    }
    Ok(table)
}

fn missing(what: &'static str) -> TrainError {
    TrainError::Shape {
        what,
        expected: vec![],
        actual: vec![],
    }
}
