//! The Keras `GRU` layer: config, weights, `step`, and the sequence pass built on it.
//!
//! Keras layout: row vectors, gate blocks concatenated on the last axis in the order
//! **z, r, h** — `kernel (D, 3u)`, `recurrent_kernel (u, 3u)`. With `σ` the recurrent
//! activation, `act` the activation, `W_g`/`U_g` the gate's blocks of the kernels:
//!
//! ```text
//! z = σ(x_t·W_z + b_z + h_{t-1}·U_z + b'_z)       (update gate)
//! r = σ(x_t·W_r + b_r + h_{t-1}·U_r + b'_r)       (reset gate)
//! reset_after = true  (Keras' default, cuDNN's and PyTorch's GRU):
//!     h̃ = act(x_t·W_h + b_h + r ⊙ (h_{t-1}·U_h + b'_h))
//! reset_after = false (the original GRU):
//!     h̃ = act(x_t·W_h + b_h + (r ⊙ h_{t-1})·U_h)        (no b'; b' = 0 above)
//! h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃                   (h_{-1} = 0)
//! ```
//!
//! `bias` is Keras's: `(2, 3u)` with `reset_after` — row 0 the input bias `b`, row 1 the
//! recurrent bias `b'` — and `(3u,)` without it (stored here as one row, `(1, 3u)`).

use ndarray::linalg::general_mat_mul;
use ndarray::{
    s, Array1, Array2, Array3, ArrayView1, ArrayView2, ArrayView3, ArrayViewMut1, ArrayViewMut2,
    Axis,
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

/// Settings of a `GRU` layer (Keras argument names and defaults).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GruConfig {
    /// Size `u` of the hidden state.
    pub units: usize,
    /// Applied to the candidate `h̃` (Keras `tanh`).
    pub activation: Activation,
    /// Applied to the update and reset gates (Keras `sigmoid`).
    pub recurrent_activation: Activation,
    /// Whether the cell adds biases.
    pub use_bias: bool,
    /// Apply the reset gate after the recurrent product (Keras default `true`, with a
    /// second, recurrent bias) or before it (`false`, one bias).
    pub reset_after: bool,
    /// `true`: output every step `[batch, T, units]`; `false`: the last `[batch, units]`.
    pub return_sequences: bool,
}

impl Default for GruConfig {
    /// Keras' `GRU(8)`: tanh, sigmoid gates, with bias, `reset_after`, last step only.
    fn default() -> Self {
        Self {
            units: 8,
            activation: Activation::Tanh,
            recurrent_activation: Activation::Sigmoid,
            use_bias: true,
            reset_after: true,
            return_sequences: false,
        }
    }
}

/// Weights of a `GRU` in Keras layout, gate blocks `z, r, h` on the last axis.
#[derive(Clone, Debug, PartialEq)]
pub struct GruWeights {
    /// `(input_dim, 3·units)`.
    pub kernel: Array2<f32>,
    /// `(units, 3·units)`.
    pub recurrent_kernel: Array2<f32>,
    /// `(2, 3·units)` with `reset_after` (row 0 input bias, row 1 recurrent bias), `(1,
    /// 3·units)` without (Keras's `(3·units,)` as one row); `None` when `use_bias` is off.
    pub bias: Option<Array2<f32>>,
}

impl GruWeights {
    /// The input bias `b` (`bias` row 0), `(3u,)`.
    #[must_use]
    pub fn input_bias(&self) -> Option<ArrayView1<'_, f32>> {
        self.bias.as_ref().map(|b| b.row(0))
    }

    /// The recurrent bias `b'` (`bias` row 1, only with `reset_after`), `(3u,)`.
    #[must_use]
    pub fn recurrent_bias(&self) -> Option<ArrayView1<'_, f32>> {
        self.bias
            .as_ref()
            .filter(|b| b.nrows() > 1)
            .map(|b| b.row(1))
    }

    /// Fresh weights for an `input_dim -> units` cell, per tensor from its own generator
    /// (see [`init::tensor_seed`]; `#n` is the tensor id):
    ///
    /// - `Keras`: `kernel` `(D, 3u)` `glorot_uniform` over the whole matrix #0;
    ///   `recurrent_kernel` `(u, 3u)` orthogonal over the whole matrix #1; `bias` zeros.
    /// - `PyTorch`: `nn.GRU`'s `weight_ih` `(3u, D)` #0, `weight_hh` `(3u, u)` #1, `bias_ih`
    ///   #2, `bias_hh` #3, all U(-1/√u, 1/√u), turned into Keras layout like
    ///   [`crate::rnn::convert::gru_from_pytorch`] (transposed, `nn.GRU`'s rows r, z, n
    ///   swapped to z, r, h; `bias_ih` → row 0, `bias_hh` → row 1: `nn.GRU` keeps `b_hn`
    ///   inside the reset product, which is `reset_after`). Without `reset_after` (no
    ///   `nn.GRU` computes it) the two drawn biases are summed into one.
    /// - `Uniform01`: `kernel` #0, `recurrent_kernel` #1, `bias` #2, all U[0, 1).
    #[must_use]
    pub fn init(
        config: &GruConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
        direction: Direction,
    ) -> Self {
        let (d, u) = (input_dim, config.units);
        let rows = if config.reset_after { 2 } else { 1 };
        let dir = usize::from(direction == Direction::Backward);
        let rng = |tensor| Prng::new(init::tensor_seed(seed, layer, dir, tensor));
        match scheme {
            InitScheme::Keras => Self {
                kernel: init::glorot_uniform(&mut rng(0), (d, 3 * u)),
                recurrent_kernel: init::orthogonal(&mut rng(1), (u, 3 * u)),
                bias: config.use_bias.then(|| Array2::zeros((rows, 3 * u))),
            },
            InitScheme::PyTorch => {
                let k = 1.0 / (u.max(1) as f64).sqrt();
                let weight_ih = init::uniform(&mut rng(0), (3 * u, d), -k, k);
                let weight_hh = init::uniform(&mut rng(1), (3 * u, u), -k, k);
                let bias = config.use_bias.then(|| {
                    let b_ih =
                        swap_reset_update(init::uniform_vec(&mut rng(2), 3 * u, -k, k).view());
                    let b_hh =
                        swap_reset_update(init::uniform_vec(&mut rng(3), 3 * u, -k, k).view());
                    if config.reset_after {
                        let mut b = Array2::zeros((2, 3 * u));
                        b.row_mut(0).assign(&b_ih);
                        b.row_mut(1).assign(&b_hh);
                        b
                    } else {
                        (b_ih + b_hh).insert_axis(Axis(0))
                    }
                });
                Self {
                    kernel: swap_reset_update_columns(weight_ih.t()),
                    recurrent_kernel: swap_reset_update_columns(weight_hh.t()),
                    bias,
                }
            }
            InitScheme::Uniform01 => Self {
                kernel: init::uniform(&mut rng(0), (d, 3 * u), 0.0, 1.0),
                recurrent_kernel: init::uniform(&mut rng(1), (u, 3 * u), 0.0, 1.0),
                bias: config.use_bias.then(|| {
                    init::uniform_vec(&mut rng(2), rows * 3 * u, 0.0, 1.0)
                        .into_shape_with_order((rows, 3 * u))
                        .unwrap_or_else(|_| Array2::zeros((rows, 3 * u)))
                }),
            },
        }
    }
}

/// `(a, b, c)` blocks of a `(3u,)` vector as `(b, a, c)`: PyTorch's `r, z, n` order to
/// Keras's `z, r, h` (the swap is its own inverse).
pub(crate) fn swap_reset_update(v: ArrayView1<'_, f32>) -> Array1<f32> {
    let u = v.len() / 3;
    let mut out = v.to_owned();
    out.slice_mut(s![..u]).assign(&v.slice(s![u..2 * u]));
    out.slice_mut(s![u..2 * u]).assign(&v.slice(s![..u]));
    out
}

/// [`swap_reset_update`] on the column blocks of an `(n, 3u)` matrix, in standard layout.
pub(crate) fn swap_reset_update_columns(m: ArrayView2<'_, f32>) -> Array2<f32> {
    let u = m.ncols() / 3;
    let mut out = m.as_standard_layout().into_owned();
    out.slice_mut(s![.., ..u])
        .assign(&m.slice(s![.., u..2 * u]));
    out.slice_mut(s![.., u..2 * u])
        .assign(&m.slice(s![.., ..u]));
    out
}

/// A `GRU` layer with checked weights (see the module docs for the formulas).
#[derive(Clone, Debug, PartialEq)]
pub struct Gru {
    config: GruConfig,
    weights: GruWeights,
    /// `recurrent_kernel` laid out for the batch-1 recurrent product: all of it with
    /// `reset_after`, else its `z, r` columns `[:, ..2u]`.
    packed: PackedKernel,
    /// Without `reset_after`: the candidate's columns `[:, 2u..]`, packed.
    packed_candidate: Option<PackedKernel>,
}

/// Work buffers of one GRU step for a batch, reused across the steps of a sequence.
struct Scratch {
    /// `h_{t-1}·recurrent_kernel (+ b')` (`reset_after`) or `[h_{t-1}·U_z, h_{t-1}·U_r,
    /// (r ⊙ h_{t-1})·U_h]` (reset before), `[batch, 3u]`.
    recurrent: Array2<f32>,
    /// `r ⊙ h_{t-1}` (reset before only), `[batch, u]`.
    reset_state: Array2<f32>,
}

impl Scratch {
    fn new(batch: usize, units: usize) -> Self {
        Self {
            recurrent: Array2::zeros((batch, 3 * units)),
            reset_state: Array2::zeros((batch, units)),
        }
    }
}

impl Gru {
    /// A layer from explicit Keras-layout weights. The input size is `kernel.nrows()`.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for 0 units or 0 input features, [`RnnError::WeightShape`] when
    /// a tensor does not match `config.units` (`kernel (D, 3u)`, `recurrent_kernel (u, 3u)`,
    /// `bias (2, 3u)` with `reset_after`, else `(1, 3u)`), [`RnnError::BiasPresence`] when
    /// the bias does not match `use_bias` (all with layer index 0; stacks re-label them).
    pub fn new(config: GruConfig, weights: GruWeights) -> Result<Self> {
        sequence::check_gated(
            config.units,
            3,
            weights.kernel.view(),
            weights.recurrent_kernel.view(),
        )?;
        let rows = if config.reset_after { 2 } else { 1 };
        match (&weights.bias, config.use_bias) {
            (Some(b), true) => check_shape(WeightName::Bias, &[rows, 3 * config.units], b.shape())?,
            (None, false) => {}
            (_, use_bias) => {
                return Err(RnnError::BiasPresence {
                    layer: 0,
                    direction: None,
                    use_bias,
                })
            }
        }
        let u = config.units;
        let rk = weights.recurrent_kernel.view();
        let (packed, packed_candidate) = if config.reset_after {
            (PackedKernel::new(rk), None)
        } else {
            (
                PackedKernel::new(rk.slice(s![.., ..2 * u])),
                Some(PackedKernel::new(rk.slice(s![.., 2 * u..]))),
            )
        };
        Ok(Self {
            config,
            weights,
            packed,
            packed_candidate,
        })
    }

    /// A layer with fresh weights (see [`GruWeights::init`], layer 0, forward).
    ///
    /// # Errors
    /// As [`Gru::new`] for zero sizes.
    pub fn init(
        config: GruConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
    ) -> Result<Self> {
        let weights = GruWeights::init(&config, input_dim, scheme, seed, 0, Direction::Forward);
        Self::new(config, weights)
    }

    /// The layer's settings.
    #[must_use]
    pub fn config(&self) -> &GruConfig {
        &self.config
    }

    /// The layer's weights (Keras layout).
    #[must_use]
    pub fn weights(&self) -> &GruWeights {
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

    /// Number of trainable parameters: `3·(u·(D + u) + 2u)` with `reset_after`,
    /// `3·(u·(D + u) + u)` without (the bias terms only with `use_bias`).
    #[must_use]
    pub fn param_count(&self) -> usize {
        let (d, u) = (self.input_dim(), self.units());
        let bias = match (self.config.use_bias, self.config.reset_after) {
            (false, _) => 0,
            (true, true) => 2 * u,
            (true, false) => u,
        };
        3 * (u * (d + u) + bias)
    }

    /// `x · kernel + b` for `x [rows, D]` into `z [rows, 3u]`.
    fn project_inputs(&self, x: ArrayView2<'_, f32>, mut z: ArrayViewMut2<'_, f32>) {
        general_mat_mul(1.0, &x, &self.weights.kernel, 0.0, &mut z);
        if let Some(bias) = self.weights.input_bias() {
            z += &bias;
        }
    }

    /// The recurrent half of a step, in place, for every batch row: on entry `z [batch,
    /// 3u]` holds `x_t · kernel + b`; on exit it holds the gate values `z, r, h̃`, and
    /// `h [batch, u]` holds `h_t`. `h_prev = None` is the zero state. Shapes are checked by
    /// the callers.
    fn recurrent_step(
        &self,
        h_prev: Option<ArrayView2<'_, f32>>,
        mut z: ArrayViewMut2<'_, f32>,
        mut h: ArrayViewMut2<'_, f32>,
        scratch: &mut Scratch,
    ) {
        let u = self.units();
        let (act, rec_act) = (self.config.activation, self.config.recurrent_activation);
        let u_all = self.weights.recurrent_kernel.view();
        let rec = &mut scratch.recurrent;
        if self.config.reset_after {
            match self.weights.recurrent_bias() {
                Some(b) => rec.assign(&b),
                None => rec.fill(0.0),
            }
            if let Some(h_prev) = h_prev {
                gates::add_recurrent(h_prev, u_all, &self.packed, rec.view_mut());
            }
            for (mut z_row, rec_row) in z.outer_iter_mut().zip(rec.outer_iter()) {
                let mut gates_zr = z_row.slice_mut(s![..2 * u]);
                gates_zr += &rec_row.slice(s![..2 * u]);
                activate(rec_act, z_row.slice_mut(s![..u]));
                activate(rec_act, z_row.slice_mut(s![u..2 * u]));
                // h̃'s pre-activation: x·W_h + b_h + r ⊙ (h·U_h + b'_h).
                let (zr, mut cand) = z_row.view_mut().split_at(Axis(0), 2 * u);
                let r = zr.slice(s![u..]);
                ndarray::Zip::from(&mut cand)
                    .and(&r)
                    .and(rec_row.slice(s![2 * u..]))
                    .for_each(|c, &r, &hh| *c += r * hh);
                activate(act, cand);
            }
        } else {
            rec.fill(0.0);
            let reset_state = &mut scratch.reset_state;
            if let Some(h_prev) = h_prev {
                gates::add_recurrent(
                    h_prev,
                    u_all.slice(s![.., ..2 * u]),
                    &self.packed,
                    rec.slice_mut(s![.., ..2 * u]),
                );
            }
            for (mut z_row, rec_row) in z.outer_iter_mut().zip(rec.outer_iter()) {
                let mut gates_zr = z_row.slice_mut(s![..2 * u]);
                gates_zr += &rec_row.slice(s![..2 * u]);
                activate(rec_act, z_row.slice_mut(s![..u]));
                activate(rec_act, z_row.slice_mut(s![u..2 * u]));
            }
            if let (Some(h_prev), Some(packed_candidate)) = (h_prev, &self.packed_candidate) {
                // (r ⊙ h_{t-1}) · U_h into the last block of `rec`.
                ndarray::Zip::from(reset_state.view_mut())
                    .and(z.slice(s![.., u..2 * u]))
                    .and(h_prev)
                    .for_each(|rh, &r, &hp| *rh = r * hp);
                gates::add_recurrent(
                    reset_state.view(),
                    u_all.slice(s![.., 2 * u..]),
                    packed_candidate,
                    rec.slice_mut(s![.., 2 * u..]),
                );
            }
            for (mut z_row, rec_row) in z.outer_iter_mut().zip(rec.outer_iter()) {
                let mut cand = z_row.slice_mut(s![2 * u..]);
                cand += &rec_row.slice(s![2 * u..]);
                activate(act, cand);
            }
        }
        // h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃.
        for (b, (z_row, mut h_row)) in z.outer_iter().zip(h.outer_iter_mut()).enumerate() {
            let update = z_row.slice(s![..u]);
            let candidate = z_row.slice(s![2 * u..]);
            match h_prev {
                Some(h_prev) => ndarray::Zip::from(&mut h_row)
                    .and(&update)
                    .and(&candidate)
                    .and(h_prev.row(b))
                    .for_each(|h, &z, &c, &hp| *h = z * hp + (1.0 - z) * c),
                None => ndarray::Zip::from(&mut h_row)
                    .and(&update)
                    .and(&candidate)
                    .for_each(|h, &z, &c| *h = (1.0 - z) * c),
            }
        }
    }

    /// One step for a batch: `input [batch, D]` and `state = h_{t-1} [batch, u]` → `h_t`
    /// `[batch, u]`, as the module docs give it.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::WeightShape`] (tensor
    /// `recurrent_kernel`, naming the state's shape) when `state` is not `[batch, u]`.
    pub fn step(
        &self,
        input: ArrayView2<'_, f32>,
        state: ArrayView2<'_, f32>,
    ) -> Result<Array2<f32>> {
        sequence::check_features(self.input_dim(), input.ncols())?;
        let (batch, u) = (input.nrows(), self.units());
        check_shape(WeightName::RecurrentKernel, &[batch, u], state.shape())?;
        let mut z = Array2::zeros((batch, 3 * u));
        self.project_inputs(input, z.view_mut());
        let mut h = Array2::zeros((batch, u));
        let mut scratch = Scratch::new(batch, u);
        self.recurrent_step(Some(state), z.view_mut(), h.view_mut(), &mut scratch);
        Ok(h)
    }

    /// Runs the layer over `inputs [batch, T, D]` from the zero state and returns every
    /// hidden state, `[batch, T, u]`, **indexed by input time** (`Backward` reads
    /// `x_{T-1} … x_0`, as for [`crate::rnn::SimpleRnn::hidden_states`]).
    ///
    /// Built on the step: `x · kernel + b` for all timesteps is one matrix product per batch
    /// item (`[T, D] x [D, 3u]`), then each timestep adds the recurrent products and applies
    /// the gates in place, with two work buffers allocated once per call.
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
        let mut z = Array3::<f32>::zeros((batch, timesteps, 3 * u));
        for (x, z) in inputs.outer_iter().zip(z.outer_iter_mut()) {
            self.project_inputs(x, z);
        }
        let mut hidden = Array3::<f32>::zeros((batch, timesteps, u));
        let mut scratch = Scratch::new(batch, u);
        for (t, prev) in sequence::reading_order(timesteps, direction) {
            let z_t = z.index_axis_mut(Axis(1), t);
            match prev {
                None => {
                    self.recurrent_step(None, z_t, hidden.index_axis_mut(Axis(1), t), &mut scratch);
                }
                Some(p) => {
                    let (h_prev, h_t) = sequence::prev_and_current(hidden.view_mut(), p, t);
                    self.recurrent_step(Some(h_prev.view()), z_t, h_t, &mut scratch);
                }
            }
        }
        Ok(SequenceStates { hidden, cell: None })
    }

    /// Keras's output of a one-direction layer: every `h_t` `[batch, T, u]` with
    /// `return_sequences`, else the last `[batch, u]`.
    ///
    /// # Errors
    /// As [`Gru::hidden_states`].
    pub fn forward(&self, inputs: ArrayView3<'_, f32>) -> Result<Output> {
        let states = self.hidden_states(inputs, Direction::Forward)?;
        Ok(if self.config.return_sequences {
            Output::Sequence(states.hidden)
        } else {
            Output::Last(final_state(states.hidden.view(), Direction::Forward))
        })
    }

    /// `x_t · kernel + b` of every step of batch item `batch`, `[T, 3u]`.
    pub(crate) fn input_parts(&self, inputs: ArrayView3<'_, f32>, batch: usize) -> Array2<f32> {
        let x = inputs.index_axis(Axis(0), batch);
        let mut z = Array2::zeros((x.nrows(), 3 * self.units()));
        self.project_inputs(x, z.view_mut());
        z
    }
}

/// [`gates::activate`] on one block of a row.
fn activate(activation: Activation, mut block: ArrayViewMut1<'_, f32>) {
    match block.as_slice_mut() {
        Some(values) => gates::activate(activation, values),
        None => activation.apply_inplace(block),
    }
}
