//! Cell internals of one `SimpleRNN` step, recomputed on demand from the layer's input and
//! its stored hidden states (a plain forward pass never computes them).

use ndarray::{s, Array1, Array2, ArrayView3, Axis};

use super::error::{Direction, Result, RnnError};
use super::simple_rnn::SimpleRnn;

/// Everything inside the cell at one step, for one batch item (all vectors 1-D):
/// `z_t = (x_t · kernel + bias) + h_{t-1} · recurrent_kernel`, `h_t = activation(z_t)`.
#[derive(Clone, Debug, PartialEq)]
pub struct StepTrace {
    /// Which direction's cell.
    pub direction: Direction,
    /// Batch item.
    pub batch: usize,
    /// Input time index `t` of `x_t` (for the backward direction too).
    pub timestep: usize,
    /// How many steps the cell had taken before this one: `t` forward, `T-1-t` backward.
    pub step_index: usize,
    /// The input `x_t`, `[D]`.
    pub x_t: Array1<f32>,
    /// The previous state `h_{t-1}` (forward: state at `t-1`; backward: state at `t+1`;
    /// zeros at the first step), `[H]`.
    pub h_prev: Array1<f32>,
    /// `x_t · kernel`, `[H]`.
    pub input_projection: Array1<f32>,
    /// `h_{t-1} · recurrent_kernel`, `[H]`.
    pub recurrent_projection: Array1<f32>,
    /// `bias` (zeros when `use_bias` is off), `[H]`.
    pub bias: Array1<f32>,
    /// `z_t = input_projection + bias + recurrent_projection`, `[H]`.
    pub pre_activation: Array1<f32>,
    /// `h_t = activation(z_t)`, `[H]`.
    pub h_t: Array1<f32>,
}

impl SimpleRnn {
    /// Recomputes step `timestep` (input time index) of batch item `batch` from the layer's
    /// input `inputs [batch, T, D]` and its hidden states `states [batch, T, H]` as returned
    /// by [`SimpleRnn::hidden_states`] for the same `direction`. Cost: one `[D]x[D,H]` and
    /// one `[H]x[H,H]` product.
    ///
    /// `h_{t-1}` is `states[batch, t-1]` forward and `states[batch, t+1]` backward (zeros at
    /// the direction's first step).
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::TraceOutOfRange`] when
    /// `batch` or `timestep` is out of range or `states` does not fit `inputs`.
    pub fn trace_step(
        &self,
        inputs: ArrayView3<'_, f32>,
        states: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<StepTrace> {
        let timesteps = self.check_trace_arrays(inputs, states, batch)?;
        if timestep >= timesteps {
            return Err(RnnError::TraceOutOfRange {
                what: "timestep",
                index: timestep,
                available: timesteps,
            });
        }
        let (prev_t, step_index) = match direction {
            Direction::Forward => (timestep.checked_sub(1), timestep),
            Direction::Backward => (
                (timestep + 1 < timesteps).then_some(timestep + 1),
                timesteps - 1 - timestep,
            ),
        };
        let units = self.units();
        let x_t = inputs.slice(ndarray::s![batch, timestep, ..]).to_owned();
        let h_prev = match prev_t {
            Some(p) => states.slice(ndarray::s![batch, p, ..]).to_owned(),
            None => Array1::zeros(units),
        };
        let weights = self.weights();
        let input_projection = x_t.dot(&weights.kernel);
        let recurrent_projection = h_prev.dot(&weights.recurrent_kernel);
        let bias = weights.bias.clone().unwrap_or_else(|| Array1::zeros(units));
        let pre_activation = &input_projection + &bias + &recurrent_projection;
        let mut h_t = pre_activation.clone();
        self.config().activation.apply_inplace(h_t.view_mut());
        Ok(StepTrace {
            direction,
            batch,
            timestep,
            step_index,
            x_t,
            h_prev,
            input_projection,
            recurrent_projection,
            bias,
            pre_activation,
            h_t,
        })
    }

    /// The pre-activations `z_t` of every step of batch item `batch`, `[T, H]` in input
    /// time order, from the layer's input `inputs [batch, T, D]` and its hidden states
    /// `states [batch, T, H]` (as for [`SimpleRnn::trace_step`]), with two matrix products
    /// for all steps at once:
    /// `Z = X · kernel + bias + H_prev · recurrent_kernel`, where row `t` of `H_prev` is
    /// `h_{t-1}` (forward: `states[batch, t-1]`; backward: `states[batch, t+1]`; zeros at
    /// the direction's first step). Row `t` equals `trace_step(.., t).pre_activation` up to
    /// float rounding.
    ///
    /// # Errors
    /// As [`SimpleRnn::trace_step`] (the timestep cannot be out of range).
    pub fn pre_activations(
        &self,
        inputs: ArrayView3<'_, f32>,
        states: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
    ) -> Result<Array2<f32>> {
        let timesteps = self.check_trace_arrays(inputs, states, batch)?;
        let x = inputs.index_axis(Axis(0), batch);
        let h = states.index_axis(Axis(0), batch);
        let weights = self.weights();
        let mut z = x.dot(&weights.kernel);
        if let Some(bias) = &weights.bias {
            z += bias;
        }
        let mut h_prev = Array2::zeros((timesteps, self.units()));
        if timesteps > 1 {
            match direction {
                Direction::Forward => h_prev
                    .slice_mut(s![1.., ..])
                    .assign(&h.slice(s![..timesteps - 1, ..])),
                Direction::Backward => h_prev
                    .slice_mut(s![..timesteps - 1, ..])
                    .assign(&h.slice(s![1.., ..])),
            }
        }
        z += &h_prev.dot(&weights.recurrent_kernel);
        Ok(z)
    }
}

impl SimpleRnn {
    /// Checks the arrays a trace reads: `inputs [B, T, D]` with this layer's `D`, `states`
    /// `[B, T, H]`, and `batch < B`; returns `T`.
    fn check_trace_arrays(
        &self,
        inputs: ArrayView3<'_, f32>,
        states: ArrayView3<'_, f32>,
        batch: usize,
    ) -> Result<usize> {
        let (batches, timesteps, features) = inputs.dim();
        if features != self.input_dim() {
            return Err(RnnError::FeatureMismatch {
                layer: 0,
                expected: self.input_dim(),
                actual: features,
            });
        }
        if states.dim() != (batches, timesteps, self.units()) {
            return Err(RnnError::TraceOutOfRange {
                what: "outputs",
                index: states.len_of(Axis(1)),
                available: timesteps,
            });
        }
        if batch >= batches {
            return Err(RnnError::TraceOutOfRange {
                what: "batch",
                index: batch,
                available: batches,
            });
        }
        Ok(timesteps)
    }
}
