//! The Keras `SimpleRNN` layer: config, weights, `step`, and the sequence pass built on it.

use ndarray::linalg::{general_mat_mul, general_mat_vec_mul};
use ndarray::{s, Array1, Array2, Array3, ArrayView2, ArrayView3, ArrayViewMut2, Axis};
use serde::{Deserialize, Serialize};

use super::activation::Activation;
use super::error::{Direction, Result, RnnError, WeightName};
use super::init::{self, InitScheme, Prng};
use super::kernels;
use super::output::Output;

/// Settings of a `SimpleRNN` layer (Keras argument names).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SimpleRnnConfig {
    /// Size `H` of the hidden state.
    pub units: usize,
    /// Applied to the pre-activation `z_t` (Keras default `tanh`).
    pub activation: Activation,
    /// Whether the cell adds a bias.
    pub use_bias: bool,
    /// `true`: output every step `[batch, T, units]`; `false`: the last `[batch, units]`.
    pub return_sequences: bool,
}

impl Default for SimpleRnnConfig {
    /// The seed chapter's cell: 8 units, tanh, with bias, last step only.
    fn default() -> Self {
        Self {
            units: 8,
            activation: Activation::Tanh,
            use_bias: true,
            return_sequences: false,
        }
    }
}

/// Weights of a `SimpleRNN` in Keras layout (row vectors: `x_t · kernel`).
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleRnnWeights {
    /// `(input_dim, units)`.
    pub kernel: Array2<f32>,
    /// `(units, units)`.
    pub recurrent_kernel: Array2<f32>,
    /// `(units,)`, `None` when `use_bias` is off.
    pub bias: Option<Array1<f32>>,
}

impl SimpleRnnWeights {
    /// Fresh weights for an `input_dim -> units` cell, drawn as [`InitScheme`] documents;
    /// `layer` and `direction` pick the per-tensor generators (see [`init::tensor_seed`]).
    #[must_use]
    pub fn init(
        config: &SimpleRnnConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
        layer: usize,
        direction: Direction,
    ) -> Self {
        let (d, h) = (input_dim, config.units);
        let dir = usize::from(direction == Direction::Backward);
        let rng = |tensor| Prng::new(init::tensor_seed(seed, layer, dir, tensor));
        match scheme {
            InitScheme::Keras => Self {
                kernel: init::glorot_uniform(&mut rng(0), (d, h)),
                recurrent_kernel: init::orthogonal(&mut rng(1), (h, h)),
                bias: config.use_bias.then(|| Array1::zeros(h)),
            },
            InitScheme::PyTorch => {
                let k = 1.0 / (h.max(1) as f64).sqrt();
                let weight_ih = init::uniform(&mut rng(0), (h, d), -k, k);
                let weight_hh = init::uniform(&mut rng(1), (h, h), -k, k);
                let bias = config.use_bias.then(|| {
                    init::uniform_vec(&mut rng(2), h, -k, k)
                        + init::uniform_vec(&mut rng(3), h, -k, k)
                });
                Self {
                    kernel: weight_ih.t().to_owned(),
                    recurrent_kernel: weight_hh.t().to_owned(),
                    bias,
                }
            }
            InitScheme::Uniform01 => Self {
                kernel: init::uniform(&mut rng(0), (d, h), 0.0, 1.0),
                recurrent_kernel: init::uniform(&mut rng(1), (h, h), 0.0, 1.0),
                bias: config
                    .use_bias
                    .then(|| init::uniform_vec(&mut rng(2), h, 0.0, 1.0)),
            },
        }
    }
}

/// Checks that `actual` is `expected`, else a [`RnnError::WeightShape`] for layer 0.
pub(crate) fn check_shape(tensor: WeightName, expected: &[usize], actual: &[usize]) -> Result<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(RnnError::WeightShape {
            layer: 0,
            direction: None,
            tensor,
            expected: expected.to_vec(),
            actual: actual.to_vec(),
        })
    }
}

/// Up to this many batch items the recurrent product runs as one matrix-vector product per
/// item; above it, as one matrix product for the whole batch.
const MATVEC_MAX_BATCH: usize = 8;

/// A `SimpleRNN` layer with checked weights:
/// `h_t = activation(x_t · kernel + bias + h_{t-1} · recurrent_kernel)`, `h_{-1} = 0`.
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleRnn {
    config: SimpleRnnConfig,
    weights: SimpleRnnWeights,
    /// `recurrent_kernelᵀ` in standard layout, so that `h · recurrent_kernel` for one batch
    /// item is a run of contiguous dot products.
    recurrent_kernel_t: Array2<f32>,
}

impl SimpleRnn {
    /// A layer from explicit Keras-layout weights. The input size is `kernel.nrows()`.
    ///
    /// # Errors
    /// [`RnnError::ZeroSize`] for 0 units or 0 input features, [`RnnError::WeightShape`] when
    /// a tensor does not match `config.units`, [`RnnError::BiasPresence`] when the bias does
    /// not match `config.use_bias` (all with layer index 0; stacks re-label them).
    pub fn new(config: SimpleRnnConfig, weights: SimpleRnnWeights) -> Result<Self> {
        let h = config.units;
        if h == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "units",
            });
        }
        let d = weights.kernel.nrows();
        if d == 0 {
            return Err(RnnError::ZeroSize {
                layer: 0,
                what: "input features",
            });
        }
        check_shape(WeightName::Kernel, &[d, h], weights.kernel.shape())?;
        check_shape(
            WeightName::RecurrentKernel,
            &[h, h],
            weights.recurrent_kernel.shape(),
        )?;
        match (&weights.bias, config.use_bias) {
            (Some(b), true) => check_shape(WeightName::Bias, &[h], b.shape())?,
            (None, false) => {}
            (_, use_bias) => {
                return Err(RnnError::BiasPresence {
                    layer: 0,
                    direction: None,
                    use_bias,
                })
            }
        }
        let recurrent_kernel_t = weights
            .recurrent_kernel
            .t()
            .as_standard_layout()
            .into_owned();
        Ok(Self {
            config,
            weights,
            recurrent_kernel_t,
        })
    }

    /// A layer with fresh weights (see [`SimpleRnnWeights::init`], layer 0, forward).
    ///
    /// # Errors
    /// As [`SimpleRnn::new`] for zero sizes.
    pub fn init(
        config: SimpleRnnConfig,
        input_dim: usize,
        scheme: InitScheme,
        seed: u64,
    ) -> Result<Self> {
        let weights =
            SimpleRnnWeights::init(&config, input_dim, scheme, seed, 0, Direction::Forward);
        Self::new(config, weights)
    }

    /// The layer's settings.
    #[must_use]
    pub fn config(&self) -> &SimpleRnnConfig {
        &self.config
    }

    /// The layer's weights (Keras layout).
    #[must_use]
    pub fn weights(&self) -> &SimpleRnnWeights {
        &self.weights
    }

    /// Input size `D` (rows of `kernel`).
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.weights.kernel.nrows()
    }

    /// Hidden size `H`.
    #[must_use]
    pub fn units(&self) -> usize {
        self.config.units
    }

    /// Number of trainable parameters, `D·H + H·H (+ H)`.
    #[must_use]
    pub fn param_count(&self) -> usize {
        let (d, h) = (self.input_dim(), self.units());
        d * h + h * h + if self.config.use_bias { h } else { 0 }
    }

    fn check_features(&self, actual: usize) -> Result<()> {
        if actual == self.input_dim() {
            Ok(())
        } else {
            Err(RnnError::FeatureMismatch {
                layer: 0,
                expected: self.input_dim(),
                actual,
            })
        }
    }

    /// One step for a batch: `input [batch, D]`, `state = h_{t-1} [batch, H]` →
    /// `h_t = activation(input · kernel + bias + state · recurrent_kernel)`, `[batch, H]`.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::WeightShape`] (tensor
    /// `recurrent_kernel`, naming the state's shape) when `state` is not `[batch, H]`.
    pub fn step(
        &self,
        input: ArrayView2<'_, f32>,
        state: ArrayView2<'_, f32>,
    ) -> Result<Array2<f32>> {
        let mut out = Array2::zeros((input.nrows(), self.units()));
        self.step_into(input, state, out.view_mut())?;
        Ok(out)
    }

    /// [`SimpleRnn::step`] writing `h_t` into `out [batch, H]` (no allocation).
    ///
    /// # Errors
    /// As [`SimpleRnn::step`]; also when `out` is not `[batch, H]`.
    pub fn step_into(
        &self,
        input: ArrayView2<'_, f32>,
        state: ArrayView2<'_, f32>,
        mut out: ArrayViewMut2<'_, f32>,
    ) -> Result<()> {
        self.check_features(input.ncols())?;
        let expected = [input.nrows(), self.units()];
        check_shape(WeightName::RecurrentKernel, &expected, state.shape())?;
        check_shape(WeightName::RecurrentKernel, &expected, out.shape())?;
        general_mat_mul(1.0, &input, &self.weights.kernel, 0.0, &mut out);
        if let Some(bias) = &self.weights.bias {
            out += bias;
        }
        self.recurrent_step(state, out);
        Ok(())
    }

    /// The recurrent half of a step, in place: `z [batch, H]` holds `x_t · kernel + bias`
    /// on entry and `h_t = activation(z + h_prev · recurrent_kernel)` on exit.
    /// Shapes are checked by the callers.
    fn recurrent_step(&self, h_prev: ArrayView2<'_, f32>, mut z: ArrayViewMut2<'_, f32>) {
        match self.recurrent_kernel_t.as_slice() {
            Some(rt) if z.nrows() <= MATVEC_MAX_BATCH => {
                // Few batch items: one vectorised `y += Rᵀ h` per item (no packing, no
                // allocation); ndarray's product for rows that are not contiguous.
                for (h_row, mut z_row) in h_prev.outer_iter().zip(z.outer_iter_mut()) {
                    match (h_row.to_slice(), z_row.as_slice_mut()) {
                        (Some(h), Some(y)) => kernels::matvec_add(rt, h, y),
                        _ => general_mat_vec_mul(
                            1.0,
                            &self.recurrent_kernel_t,
                            &h_row,
                            1.0,
                            &mut z_row,
                        ),
                    }
                }
            }
            // Larger batches: one `[batch, H] x [H, H]` matrix product.
            _ => general_mat_mul(1.0, &h_prev, &self.weights.recurrent_kernel, 1.0, &mut z),
        }
        self.config.activation.apply_inplace(z);
    }

    /// Runs the layer over `inputs [batch, T, D]` from a zero state and returns every
    /// hidden state, `[batch, T, H]`, **indexed by input time**:
    ///
    /// - `Forward`: `states[:, t] = h` after reading `x_0 … x_t`.
    /// - `Backward` (Keras `go_backwards`, as inside `Bidirectional`): the sequence is read
    ///   from `x_{T-1}` down to `x_0`, and `states[:, t] = h` after reading
    ///   `x_{T-1} … x_t`. This is Keras's re-aligned (flipped) backward output, and the
    ///   backward layer's final state is `states[:, 0]`.
    ///
    /// Built on the step: `x · kernel + bias` for all timesteps is one matrix product per
    /// batch item (`[T, D] x [D, H]`) written straight into the result, then each timestep
    /// runs the recurrent half of [`SimpleRnn::step`] in place (`[batch, H] x [H, H]`, as one
    /// matrix-vector product per item for batches up to 8) with `h_{t-1}` read from the
    /// neighbouring row. No other buffer is allocated.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::ZeroSize`] for an empty
    /// batch or sequence.
    pub fn hidden_states(
        &self,
        inputs: ArrayView3<'_, f32>,
        direction: Direction,
    ) -> Result<Array3<f32>> {
        let (batch, timesteps, features) = inputs.dim();
        self.check_features(features)?;
        check_nonempty(batch, timesteps)?;
        let mut states = Array3::<f32>::zeros((batch, timesteps, self.units()));
        for (x, mut z) in inputs.outer_iter().zip(states.outer_iter_mut()) {
            general_mat_mul(1.0, &x, &self.weights.kernel, 0.0, &mut z);
            if let Some(bias) = &self.weights.bias {
                z += bias;
            }
        }
        let activation = self.config.activation;
        match direction {
            Direction::Forward => {
                activation.apply_inplace(states.index_axis_mut(Axis(1), 0));
                for t in 1..timesteps {
                    let (prev, mut cur) = states.view_mut().split_at(Axis(1), t);
                    self.recurrent_step(
                        prev.index_axis(Axis(1), t - 1),
                        cur.index_axis_mut(Axis(1), 0),
                    );
                }
            }
            Direction::Backward => {
                let last = timesteps - 1;
                activation.apply_inplace(states.index_axis_mut(Axis(1), last));
                for t in (0..last).rev() {
                    let (mut cur, next) = states.view_mut().split_at(Axis(1), t + 1);
                    self.recurrent_step(
                        next.index_axis(Axis(1), 0),
                        cur.index_axis_mut(Axis(1), t),
                    );
                }
            }
        }
        Ok(states)
    }

    /// Keras's output of a one-direction layer from [`SimpleRnn::hidden_states`]
    /// (`Forward`): `Output::Sequence` of all states `[batch, T, H]` with
    /// `return_sequences`, else `Output::Last(states[:, T-1]) [batch, H]`.
    ///
    /// # Errors
    /// As [`SimpleRnn::hidden_states`].
    pub fn forward(&self, inputs: ArrayView3<'_, f32>) -> Result<Output> {
        let states = self.hidden_states(inputs, Direction::Forward)?;
        Ok(self.output_from_states(states, Direction::Forward))
    }

    /// Turns states (indexed by input time) into the layer's output: everything with
    /// `return_sequences`, else the final state (`T-1` forward, `0` backward).
    pub(crate) fn output_from_states(&self, states: Array3<f32>, direction: Direction) -> Output {
        if self.config.return_sequences {
            Output::Sequence(states)
        } else {
            Output::Last(final_state(states.view(), direction))
        }
    }
}

/// The final state `[batch, H]` of states indexed by input time: `states[:, T-1]` forward,
/// `states[:, 0]` backward (zeros `[batch, H]` if the time axis is empty).
pub(crate) fn final_state(states: ArrayView3<'_, f32>, direction: Direction) -> Array2<f32> {
    let (batch, timesteps, units) = states.dim();
    let t = match direction {
        Direction::Forward => timesteps.checked_sub(1),
        Direction::Backward => (timesteps > 0).then_some(0),
    };
    match t {
        Some(t) => states.slice(s![.., t, ..]).to_owned(),
        None => Array2::zeros((batch, units)),
    }
}

/// [`RnnError::ZeroSize`] for an empty batch or sequence.
pub(crate) fn check_nonempty(batch: usize, timesteps: usize) -> Result<()> {
    if batch == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "batch",
        });
    }
    if timesteps == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "timesteps",
        });
    }
    Ok(())
}
