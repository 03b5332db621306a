//! The Keras `LSTM` layer: config, weights, `step`, and the sequence pass built on it.
//!
//! Keras layout: row vectors, gate blocks concatenated on the last axis in the order
//! **i, f, c, o** — `kernel (D, 4u)`, `recurrent_kernel (u, 4u)`, `bias (4u,)`. With
//! `z = x_t · kernel + h_{t-1} · recurrent_kernel + bias` cut into `z_i, z_f, z_c, z_o`
//! (`[u]` each), `σ` the recurrent activation and `act` the activation:
//!
//! ```text
//! i = σ(z_i)    f = σ(z_f)    c̃ = act(z_c)    o = σ(z_o)
//! c_t = f ⊙ c_{t-1} + i ⊙ c̃        h_t = o ⊙ act(c_t)        (h_{-1} = c_{-1} = 0)
//! ```

use ndarray::linalg::general_mat_mul;
use ndarray::{
    s, Array1, Array2, Array3, ArrayView2, ArrayView3, ArrayViewMut1, ArrayViewMut2, Axis,
};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::error::{Direction, Result, RnnError, WeightName};
use super::gates;
use super::init::{self, InitScheme, Prng};
use super::output::Output;
use super::packed::PackedKernel;
use super::sequence::{self, SequenceStates};
use super::simple_rnn::{check_nonempty, check_shape, final_state};

/// Settings of an `LSTM` layer (Keras argument names and defaults).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LstmConfig {
    /// Size `u` of the hidden state `h_t` and of the cell state `c_t`.
    pub units: usize,
    /// Applied to the candidate `z_c` and to `c_t` before the output gate (Keras `tanh`).
    pub activation: Activation,
    /// Applied to the gates `z_i`, `z_f`, `z_o` (Keras `sigmoid`).
    pub recurrent_activation: Activation,
    /// Whether the cell adds a bias.
    pub use_bias: bool,
    /// Keras initialisation only: the forget-gate block of the bias starts at 1 instead of 0.
    pub unit_forget_bias: bool,
    /// `true`: output every step `[batch, T, units]`; `false`: the last `[batch, units]`.
    pub return_sequences: bool,
}

impl Default for LstmConfig {
    /// Keras' `LSTM(8)`: tanh, sigmoid gates, with bias, forget bias 1, last step only.
    fn default() -> Self {
        Self {
            units: 8,
            activation: Activation::Tanh,
            recurrent_activation: Activation::Sigmoid,
            use_bias: true,
            unit_forget_bias: true,
            return_sequences: false,
        }
    }
}

/// Weights of an `LSTM` in Keras layout, gate blocks `i, f, c, o` on the last axis.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmWeights {
    /// `(input_dim, 4·units)`.
    pub kernel: Array2<f32>,
    /// `(units, 4·units)`.
    pub recurrent_kernel: Array2<f32>,
    /// `(4·units,)`, `None` when `use_bias` is off.
    pub bias: Option<Array1<f32>>,
}

impl LstmWeights {
    /// Fresh weights for an `input_dim -> units` cell, per tensor from its own generator
    /// (see [`init::tensor_seed`]; `#n` is the tensor id):
    ///
    /// - `Keras`: `kernel` `(D, 4u)` `glorot_uniform` over the whole matrix #0;
    ///   `recurrent_kernel` `(u, 4u)` orthogonal over the whole matrix (its rows
    ///   orthonormal, as Keras draws it) #1; `bias` zeros, the forget block `[u, 2u)` ones
    ///   with `unit_forget_bias`.
    /// - `PyTorch`: `nn.LSTM`'s `weight_ih` `(4u, D)` #0, `weight_hh` `(4u, u)` #1, `bias_ih`
    ///   #2, `bias_hh` #3, all U(-1/√u, 1/√u), turned into Keras layout like
    ///   [`crate::rnn::convert::lstm_from_pytorch`] (transposed; `nn.LSTM`'s rows i, f, g, o
    ///   are Keras's i, f, c, o; `bias = bias_ih + bias_hh`). `unit_forget_bias` is ignored.
    /// - `Uniform01`: `kernel` #0, `recurrent_kernel` #1, `bias` #2, all U[0, 1).
    #[must_use]
    pub fn init(
        config: &LstmConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
        direction: Direction,
    ) -> Self {
        let (d, u) = (input_dim, config.units);
        let dir = usize::from(direction == Direction::Backward);
        let rng = |tensor| Prng::new(init::tensor_seed(seed, layer, dir, tensor));
        match scheme {
            InitScheme::Keras => Self {
                kernel: init::glorot_uniform(&mut rng(0), (d, 4 * u)),
                recurrent_kernel: init::orthogonal(&mut rng(1), (u, 4 * u)),
                bias: config.use_bias.then(|| {
                    let mut b = Array1::zeros(4 * u);
                    if config.unit_forget_bias {
                        b.slice_mut(s![u..2 * u]).fill(1.0);
                    }
                    b
                }),
            },
            InitScheme::PyTorch => {
                let k = 1.0 / (u.max(1) as f64).sqrt();
                let weight_ih = init::uniform(&mut rng(0), (4 * u, d), -k, k);
                let weight_hh = init::uniform(&mut rng(1), (4 * u, u), -k, k);
                let bias = config.use_bias.then(|| {
                    init::uniform_vec(&mut rng(2), 4 * u, -k, k)
                        + init::uniform_vec(&mut rng(3), 4 * u, -k, k)
                });
                Self {
                    kernel: weight_ih.t().as_standard_layout().into_owned(),
                    recurrent_kernel: weight_hh.t().as_standard_layout().into_owned(),
                    bias,
                }
            }
            InitScheme::Uniform01 => Self {
                kernel: init::uniform(&mut rng(0), (d, 4 * u), 0.0, 1.0),
                recurrent_kernel: init::uniform(&mut rng(1), (u, 4 * u), 0.0, 1.0),
                bias: config
                    .use_bias
                    .then(|| init::uniform_vec(&mut rng(2), 4 * u, 0.0, 1.0)),
            },
        }
    }
}

/// The state an LSTM carries from one step to the next: `h [batch, u]` and `c [batch, u]`.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmState {
    /// Hidden state `h_t`, `[batch, u]`.
    pub h: Array2<f32>,
    /// Cell state `c_t`, `[batch, u]`.
    pub c: Array2<f32>,
}

impl LstmState {
    /// The zero state Keras starts from, `[batch, units]` each.
    #[must_use]
    pub fn zeros(batch: usize, units: usize) -> Self {
        Self {
            h: Array2::zeros((batch, units)),
            c: Array2::zeros((batch, units)),
        }
    }
}

/// An `LSTM` layer with checked weights (see the module docs for the formulas).
#[derive(Clone, Debug, PartialEq)]
pub struct Lstm {
    config: LstmConfig,
    weights: LstmWeights,
    /// `recurrent_kernel` laid out for the batch-1 recurrent product.
    packed: PackedKernel,
}

impl Lstm {
    /// A layer from explicit Keras-layout weights. The input size is `kernel.nrows()`.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for 0 units or 0 input features, [`RnnError::WeightShape`] when
    /// a tensor does not match `config.units` (`kernel (D, 4u)`, `recurrent_kernel (u, 4u)`,
    /// `bias (4u,)`), [`RnnError::BiasPresence`] when the bias does not match `use_bias`
    /// (all with layer index 0; stacks re-label them).
    pub fn new(config: LstmConfig, weights: LstmWeights) -> Result<Self> {
        sequence::check_gated(
            config.units,
            4,
            weights.kernel.view(),
            weights.recurrent_kernel.view(),
        )?;
        let n = 4 * config.units;
        match (&weights.bias, config.use_bias) {
            (Some(b), true) => check_shape(WeightName::Bias, &[n], b.shape())?,
            (None, false) => {}
            (_, use_bias) => {
                return Err(RnnError::BiasPresence {
                    layer: 0,
                    direction: None,
                    use_bias,
                })
            }
        }
        let packed = PackedKernel::new(weights.recurrent_kernel.view());
        Ok(Self {
            config,
            weights,
            packed,
        })
    }

    /// A layer with fresh weights (see [`LstmWeights::init`], layer 0, forward).
    ///
    /// # Errors
    /// As [`Lstm::new`] for zero sizes.
    pub fn init(
        config: LstmConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
    ) -> Result<Self> {
        let weights = LstmWeights::init(&config, input_dim, scheme, seed, 0, Direction::Forward);
        Self::new(config, weights)
    }

    /// The layer's settings.
    #[must_use]
    pub fn config(&self) -> &LstmConfig {
        &self.config
    }

    /// The layer's weights (Keras layout).
    #[must_use]
    pub fn weights(&self) -> &LstmWeights {
        &self.weights
    }

    /// Input size `D` (rows of `kernel`).
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.weights.kernel.nrows()
    }

    /// Hidden size `u`.
    #[must_use]
    pub fn units(&self) -> usize {
        self.config.units
    }

    /// Number of trainable parameters, `4·(u·(D + u) + u)` (without the last `u` when
    /// `use_bias` is off).
    #[must_use]
    pub fn param_count(&self) -> usize {
        let (d, u) = (self.input_dim(), self.units());
        4 * (u * (d + u) + if self.config.use_bias { u } else { 0 })
    }

    /// `x · kernel + bias` for `x [rows, D]` into `z [rows, 4u]`.
    fn project_inputs(&self, x: ArrayView2<'_, f32>, mut z: ArrayViewMut2<'_, f32>) {
        general_mat_mul(1.0, &x, &self.weights.kernel, 0.0, &mut z);
        if let Some(bias) = &self.weights.bias {
            z += bias;
        }
    }

    /// The recurrent half of a step, in place, for every batch row: on entry `z [batch, 4u]`
    /// holds `x_t · kernel + bias` and `c [batch, u]` holds `c_{t-1}`; on exit `z` holds the
    /// gate values `i, f, c̃, o`, `c` holds `c_t` and `h [batch, u]` holds `h_t`.
    /// `h_prev = None` is the zero state. Shapes are checked by the callers.
    fn recurrent_step(
        &self,
        h_prev: Option<ArrayView2<'_, f32>>,
        mut z: ArrayViewMut2<'_, f32>,
        mut h: ArrayViewMut2<'_, f32>,
        mut c: ArrayViewMut2<'_, f32>,
    ) {
        if let Some(h_prev) = h_prev {
            gates::add_recurrent(
                h_prev,
                self.weights.recurrent_kernel.view(),
                &self.packed,
                z.view_mut(),
            );
        }
        for ((z_row, h_row), c_row) in z
            .outer_iter_mut()
            .zip(h.outer_iter_mut())
            .zip(c.outer_iter_mut())
        {
            lstm_cell(&self.config, z_row, h_row, c_row);
        }
    }

    /// One step for a batch: `input [batch, D]` and the previous state (`h`, `c`, each
    /// `[batch, u]`) → the next state, as the module docs give it.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::WeightShape`] (tensor
    /// `recurrent_kernel`, naming the state's shape) when a state is not `[batch, u]`.
    pub fn step(&self, input: ArrayView2<'_, f32>, state: &LstmState) -> Result<LstmState> {
        sequence::check_features(self.input_dim(), input.ncols())?;
        let (batch, u) = (input.nrows(), self.units());
        check_shape(WeightName::RecurrentKernel, &[batch, u], state.h.shape())?;
        check_shape(WeightName::RecurrentKernel, &[batch, u], state.c.shape())?;
        let mut z = Array2::zeros((batch, 4 * u));
        self.project_inputs(input, z.view_mut());
        let mut next = LstmState {
            h: Array2::zeros((batch, u)),
            c: state.c.clone(),
        };
        self.recurrent_step(
            Some(state.h.view()),
            z.view_mut(),
            next.h.view_mut(),
            next.c.view_mut(),
        );
        Ok(next)
    }

    /// Runs the layer over `inputs [batch, T, D]` from the zero state and returns every
    /// hidden state `h_t` and cell state `c_t`, `[batch, T, u]` each, **indexed by input
    /// time** (`Backward` reads `x_{T-1} … x_0` and `[:, t]` is the state after reading
    /// `x_{T-1} … x_t`, as for [`crate::rnn::SimpleRnn::hidden_states`]).
    ///
    /// Built on the step: `x · kernel + bias` for all timesteps is one matrix product per
    /// batch item (`[T, D] x [D, 4u]`), then each timestep adds `h_{t-1} · recurrent_kernel`
    /// and applies the gates in place. No buffer is allocated per step.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::ZeroSize`] for an empty
    /// batch or sequence.
    pub fn hidden_states(
        &self,
        inputs: ArrayView3<'_, f32>,
        direction: Direction,
    ) -> Result<SequenceStates> {
        let (batch, timesteps, features) = inputs.dim();
        sequence::check_features(self.input_dim(), features)?;
        check_nonempty(batch, timesteps)?;
        let u = self.units();
        let mut z = Array3::<f32>::zeros((batch, timesteps, 4 * u));
        for (x, z) in inputs.outer_iter().zip(z.outer_iter_mut()) {
            self.project_inputs(x, z);
        }
        let mut hidden = Array3::<f32>::zeros((batch, timesteps, u));
        let mut cell = Array3::<f32>::zeros((batch, timesteps, u));
        for (t, prev) in sequence::reading_order(timesteps, direction) {
            let z_t = z.index_axis_mut(Axis(1), t);
            match prev {
                None => self.recurrent_step(
                    None,
                    z_t,
                    hidden.index_axis_mut(Axis(1), t),
                    cell.index_axis_mut(Axis(1), t),
                ),
                Some(p) => {
                    let (h_prev, h_t) = sequence::prev_and_current(hidden.view_mut(), p, t);
                    let (c_prev, mut c_t) = sequence::prev_and_current(cell.view_mut(), p, t);
                    c_t.assign(&c_prev);
                    self.recurrent_step(Some(h_prev.view()), z_t, h_t, c_t);
                }
            }
        }
        Ok(SequenceStates {
            hidden,
            cell: Some(cell),
        })
    }

    /// Keras's output of a one-direction layer: every `h_t` `[batch, T, u]` with
    /// `return_sequences`, else the last `[batch, u]`.
    ///
    /// # Errors
    /// As [`Lstm::hidden_states`].
    pub fn forward(&self, inputs: ArrayView3<'_, f32>) -> Result<Output> {
        let states = self.hidden_states(inputs, Direction::Forward)?;
        Ok(if self.config.return_sequences {
            Output::Sequence(states.hidden)
        } else {
            Output::Last(final_state(states.hidden.view(), Direction::Forward))
        })
    }

    /// The pre-activations `z = x_t · kernel + bias + h_{t-1} · recurrent_kernel` of every
    /// step of batch item `batch`, `[T, 4u]` in input time order, from the layer's input
    /// `inputs [batch, T, D]` and its hidden states `hidden [batch, T, u]` (two matrix
    /// products for all steps; `h_{t-1}` is the neighbouring stored state in reading order,
    /// zeros at the direction's first step).
    pub(crate) fn pre_activations(
        &self,
        inputs: ArrayView3<'_, f32>,
        hidden: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
    ) -> Array2<f32> {
        let x = inputs.index_axis(Axis(0), batch);
        let mut z = Array2::zeros((x.nrows(), 4 * self.units()));
        self.project_inputs(x, z.view_mut());
        let h_prev = sequence::previous_states(hidden.index_axis(Axis(0), batch), direction);
        general_mat_mul(1.0, &h_prev, &self.weights.recurrent_kernel, 1.0, &mut z);
        z
    }
}

/// The gates of one batch row, in place (see [`Lstm::recurrent_step`]): `z [4u]`,
/// `h [u]`, `c [u]` (holding `c_{t-1}` on entry).
fn lstm_cell(
    config: &LstmConfig,
    mut z: ArrayViewMut1<'_, f32>,
    mut h: ArrayViewMut1<'_, f32>,
    mut c: ArrayViewMut1<'_, f32>,
) {
    if let (Some(z), Some(h), Some(c)) = (z.as_slice_mut(), h.as_slice_mut(), c.as_slice_mut()) {
        lstm_cell_slices(config, z, h, c);
        return;
    }
    // Rows that are not contiguous (not produced by this module): through copies.
    let (mut zv, mut hv, mut cv) = (z.to_vec(), h.to_vec(), c.to_vec());
    lstm_cell_slices(config, &mut zv, &mut hv, &mut cv);
    z.assign(&Array1::from(zv));
    h.assign(&Array1::from(hv));
    c.assign(&Array1::from(cv));
}

/// [`lstm_cell`] on contiguous slices.
fn lstm_cell_slices(config: &LstmConfig, z: &mut [f32], h: &mut [f32], c: &mut [f32]) {
    let u = h.len();
    let (gates_if, rest) = z.split_at_mut(2 * u);
    let (candidate, output) = rest.split_at_mut(u);
    let (input, forget) = gates_if.split_at_mut(u);
    gates::activate(config.recurrent_activation, input);
    gates::activate(config.recurrent_activation, forget);
    gates::activate(config.activation, candidate);
    gates::activate(config.recurrent_activation, output);
    for (((c, h), (&i, &f)), &g) in c
        .iter_mut()
        .zip(h.iter_mut())
        .zip(input.iter().zip(forget.iter()))
        .zip(candidate.iter())
    {
        *c = f * *c + i * g;
        *h = *c;
    }
    gates::activate(config.activation, h);
    for (h, &o) in h.iter_mut().zip(output.iter()) {
        *h *= o;
    }
}
