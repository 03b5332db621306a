//! Inside an LSTM or GRU step, gate by gate: each gate's input part, recurrent part, bias,
//! pre-activation and value, the LSTM's `c_{t-1}`, `c̃`, `c_t` and the GRU's reset product,
//! recomputed on demand from the layer's input and its stored states (a plain forward
//! pass never computes them); and every gate's values over all steps at once, for plots.

use ndarray::{s, Array1, Array2, ArrayView1, ArrayView3, Axis};

use super::activation::Activation;
use super::error::{Direction, Result, RnnError};
use super::gates;
use super::gru::Gru;
use super::lstm::Lstm;
use super::sequence;
use super::trace::StepTrace;

/// One gate (or the candidate) of a gated cell at one step, for one batch item, `[u]` each.
#[derive(Clone, Debug, PartialEq)]
pub struct GateTrace {
    /// `x_t · W_g`, the gate's block of `x_t · kernel`.
    pub input_part: Array1<f32>,
    /// `h_{t-1} · U_g`, the gate's block of `h_{t-1} · recurrent_kernel`; for the
    /// candidate of a GRU without `reset_after`, `(r ⊙ h_{t-1}) · U_h`.
    pub recurrent_part: Array1<f32>,
    /// The gate's block of the (input) bias `b_g`; zeros when `use_bias` is off.
    pub bias: Array1<f32>,
    /// The GRU's recurrent bias `b'_g` (`reset_after` with a bias only).
    pub recurrent_bias: Option<Array1<f32>>,
    /// What the activation is applied to: `input_part + bias + recurrent_part (+
    /// recurrent_bias)`; for a GRU candidate with `reset_after`, `input_part + bias + r ⊙
    /// (recurrent_part + recurrent_bias)`.
    pub pre_activation: Array1<f32>,
    /// The gate's value, `σ(pre_activation)` (the candidate: `act(pre_activation)`).
    pub value: Array1<f32>,
}

/// Everything inside an LSTM cell at one step, for one batch item (see [`crate::rnn::lstm`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LstmStepTrace {
    /// Which direction's cell.
    pub direction: Direction,
    /// Batch item.
    pub batch: usize,
    /// Input time index `t` of `x_t`.
    pub timestep: usize,
    /// How many steps the cell had taken before this one: `t` forward, `T-1-t` backward.
    pub step_index: usize,
    /// The input `x_t`, `[D]`.
    pub x_t: Array1<f32>,
    /// `h_{t-1}` (zeros at the first step), `[u]`.
    pub h_prev: Array1<f32>,
    /// `c_{t-1}` (zeros at the first step), `[u]`.
    pub c_prev: Array1<f32>,
    /// The input gate `i`.
    pub input_gate: GateTrace,
    /// The forget gate `f`.
    pub forget_gate: GateTrace,
    /// The candidate `c̃ = act(z_c)`.
    pub candidate: GateTrace,
    /// The output gate `o`.
    pub output_gate: GateTrace,
    /// `f ⊙ c_{t-1}`, what the cell keeps, `[u]`.
    pub kept: Array1<f32>,
    /// `i ⊙ c̃`, what the cell writes, `[u]`.
    pub written: Array1<f32>,
    /// `c_t = f ⊙ c_{t-1} + i ⊙ c̃`, `[u]`.
    pub c_t: Array1<f32>,
    /// `act(c_t)`, `[u]`.
    pub c_activated: Array1<f32>,
    /// `h_t = o ⊙ act(c_t)`, `[u]`.
    pub h_t: Array1<f32>,
}

/// Everything inside a GRU cell at one step, for one batch item (see [`crate::rnn::gru`]).
#[derive(Clone, Debug, PartialEq)]
pub struct GruStepTrace {
    /// Which direction's cell.
    pub direction: Direction,
    /// Batch item.
    pub batch: usize,
    /// Input time index `t` of `x_t`.
    pub timestep: usize,
    /// How many steps the cell had taken before this one.
    pub step_index: usize,
    /// Whether the reset gate acts after the recurrent product.
    pub reset_after: bool,
    /// The input `x_t`, `[D]`.
    pub x_t: Array1<f32>,
    /// `h_{t-1}` (zeros at the first step), `[u]`.
    pub h_prev: Array1<f32>,
    /// The update gate `z`.
    pub update_gate: GateTrace,
    /// The reset gate `r`.
    pub reset_gate: GateTrace,
    /// The candidate `h̃`.
    pub candidate: GateTrace,
    /// Where `r` enters: `r ⊙ (h_{t-1}·U_h + b'_h)` with `reset_after`, `r ⊙ h_{t-1}`
    /// without, `[u]`.
    pub reset_product: Array1<f32>,
    /// `h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃`, `[u]`.
    pub h_t: Array1<f32>,
}

/// The inside of one step of any recurrent cell.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "traces are made one step at a time for display; boxing adds nothing"
)]
pub enum CellTrace {
    /// A `SimpleRNN` step.
    SimpleRnn(StepTrace),
    /// An `LSTM` step.
    Lstm(LstmStepTrace),
    /// A `GRU` step.
    Gru(GruStepTrace),
}

impl CellTrace {
    /// `h_t`, `[u]`.
    #[must_use]
    pub fn h_t(&self) -> &Array1<f32> {
        match self {
            Self::SimpleRnn(t) => &t.h_t,
            Self::Lstm(t) => &t.h_t,
            Self::Gru(t) => &t.h_t,
        }
    }

    /// Input time index of the step.
    #[must_use]
    pub fn timestep(&self) -> usize {
        match self {
            Self::SimpleRnn(t) => t.timestep,
            Self::Lstm(t) => t.timestep,
            Self::Gru(t) => t.timestep,
        }
    }
}

/// Every step's gate values of one (layer, direction, batch item), `[T, u]` each, rows in
/// input time order: what gate heatmaps and saturation plots draw.
#[derive(Clone, Debug, PartialEq)]
pub enum GateSeries {
    /// `SimpleRNN`: the pre-activations `z_t`.
    SimpleRnn {
        /// `z_t`, `[T, u]`.
        pre_activation: Array2<f32>,
    },
    /// `LSTM`: `i, f, c̃, o` and the cell state.
    Lstm {
        /// Input gate `i`.
        input_gate: Array2<f32>,
        /// Forget gate `f`.
        forget_gate: Array2<f32>,
        /// Candidate `c̃`.
        candidate: Array2<f32>,
        /// Output gate `o`.
        output_gate: Array2<f32>,
        /// `c_t`.
        cell: Array2<f32>,
    },
    /// `GRU`: `z, r, h̃`.
    Gru {
        /// Update gate `z`.
        update_gate: Array2<f32>,
        /// Reset gate `r`.
        reset_gate: Array2<f32>,
        /// Candidate `h̃`.
        candidate: Array2<f32>,
    },
}

/// `(timesteps, previous t, steps taken)` of a trace request, checked.
fn locate(
    inputs: ArrayView3<'_, f32>,
    hidden: ArrayView3<'_, f32>,
    input_dim: usize,
    units: usize,
    batch: usize,
    timestep: Option<usize>,
    direction: Direction,
) -> Result<(Option<usize>, usize)> {
    let (batches, timesteps, features) = inputs.dim();
    sequence::check_features(input_dim, features)?;
    if hidden.dim() != (batches, timesteps, units) {
        return Err(RnnError::TraceOutOfRange {
            what: "outputs",
            index: hidden.len_of(Axis(1)),
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
    let Some(t) = timestep else {
        return Ok((None, 0));
    };
    if t >= timesteps {
        return Err(RnnError::TraceOutOfRange {
            what: "timestep",
            index: t,
            available: timesteps,
        });
    }
    Ok(match direction {
        Direction::Forward => (t.checked_sub(1), t),
        Direction::Backward => ((t + 1 < timesteps).then_some(t + 1), timesteps - 1 - t),
    })
}

/// The stored state `a[batch, t]`, or zeros.
fn state_at(a: ArrayView3<'_, f32>, batch: usize, t: Option<usize>, units: usize) -> Array1<f32> {
    t.map_or_else(
        || Array1::zeros(units),
        |t| a.slice(s![batch, t, ..]).to_owned(),
    )
}

/// `act(v)` as the engine computes it.
fn activated(activation: Activation, v: &Array1<f32>) -> Array1<f32> {
    let mut out = v.to_vec();
    gates::activate(activation, &mut out);
    Array1::from(out)
}

/// Block `g` of width `u`.
fn block(v: ArrayView1<'_, f32>, g: usize, u: usize) -> Array1<f32> {
    v.slice(s![g * u..(g + 1) * u]).to_owned()
}

impl Lstm {
    /// Recomputes step `timestep` (input time index) of batch item `batch` from the layer's
    /// input `inputs [batch, T, D]` and its states `hidden`, `cell` (`[batch, T, u]`, as
    /// [`Lstm::hidden_states`] returns them for `direction`). Cost: one `[D]x[D,4u]` and one
    /// `[u]x[u,4u]` product.
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::TraceOutOfRange`] when
    /// `batch` or `timestep` is out of range or the states do not fit `inputs`.
    pub fn trace_step(
        &self,
        inputs: ArrayView3<'_, f32>,
        hidden: ArrayView3<'_, f32>,
        cell: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<LstmStepTrace> {
        let u = self.units();
        let (prev, step_index) = locate(
            inputs,
            hidden,
            self.input_dim(),
            u,
            batch,
            Some(timestep),
            direction,
        )?;
        if cell.dim() != hidden.dim() {
            return Err(RnnError::TraceOutOfRange {
                what: "outputs",
                index: cell.len_of(Axis(1)),
                available: hidden.len_of(Axis(1)),
            });
        }
        let config = self.config();
        let weights = self.weights();
        let x_t = inputs.slice(s![batch, timestep, ..]).to_owned();
        let h_prev = state_at(hidden, batch, prev, u);
        let c_prev = state_at(cell, batch, prev, u);
        let x_part = x_t.dot(&weights.kernel);
        let h_part = h_prev.dot(&weights.recurrent_kernel);
        let bias = weights.bias.clone().unwrap_or_else(|| Array1::zeros(4 * u));
        let gate = |g: usize, activation: Activation| {
            let input_part = block(x_part.view(), g, u);
            let recurrent_part = block(h_part.view(), g, u);
            let bias = block(bias.view(), g, u);
            let pre_activation = &input_part + &bias + &recurrent_part;
            let value = activated(activation, &pre_activation);
            GateTrace {
                input_part,
                recurrent_part,
                bias,
                recurrent_bias: None,
                pre_activation,
                value,
            }
        };
        let input_gate = gate(0, config.recurrent_activation);
        let forget_gate = gate(1, config.recurrent_activation);
        let candidate = gate(2, config.activation);
        let output_gate = gate(3, config.recurrent_activation);
        let kept = &forget_gate.value * &c_prev;
        let written = &input_gate.value * &candidate.value;
        let c_t = &kept + &written;
        let c_activated = activated(config.activation, &c_t);
        let h_t = &output_gate.value * &c_activated;
        Ok(LstmStepTrace {
            direction,
            batch,
            timestep,
            step_index,
            x_t,
            h_prev,
            c_prev,
            input_gate,
            forget_gate,
            candidate,
            output_gate,
            kept,
            written,
            c_t,
            c_activated,
            h_t,
        })
    }

    /// Every step's gate values of batch item `batch`, `[T, u]` each in input time order,
    /// with two matrix products for all steps (see [`GateSeries::Lstm`]); `cell` is the
    /// stored `c_t`.
    ///
    /// # Errors
    /// As [`Lstm::trace_step`] (the timestep cannot be out of range).
    #[allow(
        clippy::many_single_char_names,
        reason = "u, z, i, f, c, o are the gates' names in the formulas"
    )]
    pub fn gate_series(
        &self,
        inputs: ArrayView3<'_, f32>,
        hidden: ArrayView3<'_, f32>,
        cell: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
    ) -> Result<GateSeries> {
        let u = self.units();
        locate(inputs, hidden, self.input_dim(), u, batch, None, direction)?;
        if cell.dim() != hidden.dim() {
            return Err(RnnError::TraceOutOfRange {
                what: "outputs",
                index: cell.len_of(Axis(1)),
                available: hidden.len_of(Axis(1)),
            });
        }
        let config = self.config();
        let mut z = self.pre_activations(inputs, hidden, direction, batch);
        for mut row in z.rows_mut() {
            if let Some(values) = row.as_slice_mut() {
                let (if_gates, rest) = values.split_at_mut(2 * u);
                let (i, f) = if_gates.split_at_mut(u);
                let (c, o) = rest.split_at_mut(u);
                gates::activate(config.recurrent_activation, i);
                gates::activate(config.recurrent_activation, f);
                gates::activate(config.activation, c);
                gates::activate(config.recurrent_activation, o);
            }
        }
        Ok(GateSeries::Lstm {
            input_gate: z.slice(s![.., ..u]).to_owned(),
            forget_gate: z.slice(s![.., u..2 * u]).to_owned(),
            candidate: z.slice(s![.., 2 * u..3 * u]).to_owned(),
            output_gate: z.slice(s![.., 3 * u..]).to_owned(),
            cell: cell.index_axis(Axis(0), batch).to_owned(),
        })
    }
}

impl Gru {
    /// Recomputes step `timestep` (input time index) of batch item `batch` from the layer's
    /// input `inputs [batch, T, D]` and its hidden states `hidden [batch, T, u]` (as
    /// [`Gru::hidden_states`] returns them for `direction`).
    ///
    /// # Errors
    /// [`RnnError::FeatureMismatch`] when `D` is wrong, [`RnnError::TraceOutOfRange`] when
    /// `batch` or `timestep` is out of range or `hidden` does not fit `inputs`.
    pub fn trace_step(
        &self,
        inputs: ArrayView3<'_, f32>,
        hidden: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<GruStepTrace> {
        let u = self.units();
        let (prev, step_index) = locate(
            inputs,
            hidden,
            self.input_dim(),
            u,
            batch,
            Some(timestep),
            direction,
        )?;
        let config = self.config();
        let weights = self.weights();
        let x_t = inputs.slice(s![batch, timestep, ..]).to_owned();
        let h_prev = state_at(hidden, batch, prev, u);
        let x_part = x_t.dot(&weights.kernel);
        let rk = &weights.recurrent_kernel;
        let h_part = h_prev.dot(rk);
        let bias = weights
            .input_bias()
            .map_or_else(|| Array1::zeros(3 * u), |b| b.to_owned());
        let recurrent_bias = weights.recurrent_bias().map(|b| b.to_owned());
        let gate = |g: usize| {
            let input_part = block(x_part.view(), g, u);
            let recurrent_part = block(h_part.view(), g, u);
            let bias = block(bias.view(), g, u);
            let recurrent_bias = recurrent_bias.as_ref().map(|b| block(b.view(), g, u));
            let mut pre_activation = &input_part + &bias + &recurrent_part;
            if let Some(b) = &recurrent_bias {
                pre_activation += b;
            }
            let value = activated(config.recurrent_activation, &pre_activation);
            GateTrace {
                input_part,
                recurrent_part,
                bias,
                recurrent_bias,
                pre_activation,
                value,
            }
        };
        let update_gate = gate(0);
        let reset_gate = gate(1);
        let input_part = block(x_part.view(), 2, u);
        let cand_bias = block(bias.view(), 2, u);
        let cand_recurrent_bias = recurrent_bias.as_ref().map(|b| block(b.view(), 2, u));
        let (recurrent_part, reset_product, pre_activation) = if config.reset_after {
            let recurrent_part = block(h_part.view(), 2, u);
            let inner = match &cand_recurrent_bias {
                Some(b) => &recurrent_part + b,
                None => recurrent_part.clone(),
            };
            let reset_product = &reset_gate.value * &inner;
            let pre = &input_part + &cand_bias + &reset_product;
            (recurrent_part, reset_product, pre)
        } else {
            let reset_product = &reset_gate.value * &h_prev;
            let recurrent_part = reset_product.dot(&rk.slice(s![.., 2 * u..]));
            let pre = &input_part + &cand_bias + &recurrent_part;
            (recurrent_part, reset_product, pre)
        };
        let value = activated(config.activation, &pre_activation);
        let candidate = GateTrace {
            input_part,
            recurrent_part,
            bias: cand_bias,
            recurrent_bias: cand_recurrent_bias,
            pre_activation,
            value,
        };
        let z = &update_gate.value;
        let h_t = z * &h_prev + &(z.mapv(|z| 1.0 - z) * &candidate.value);
        Ok(GruStepTrace {
            direction,
            batch,
            timestep,
            step_index,
            reset_after: config.reset_after,
            x_t,
            h_prev,
            update_gate,
            reset_gate,
            candidate,
            reset_product,
            h_t,
        })
    }

    /// Every step's gate values of batch item `batch`, `[T, u]` each in input time order,
    /// with three matrix products for all steps (see [`GateSeries::Gru`]).
    ///
    /// # Errors
    /// As [`Gru::trace_step`] (the timestep cannot be out of range).
    pub fn gate_series(
        &self,
        inputs: ArrayView3<'_, f32>,
        hidden: ArrayView3<'_, f32>,
        direction: Direction,
        batch: usize,
    ) -> Result<GateSeries> {
        let u = self.units();
        locate(inputs, hidden, self.input_dim(), u, batch, None, direction)?;
        let config = self.config();
        let weights = self.weights();
        let rk = &weights.recurrent_kernel;
        let x = self.input_parts(inputs, batch);
        let h_prev = sequence::previous_states(hidden.index_axis(Axis(0), batch), direction);
        let mut hz = h_prev.dot(rk);
        if let Some(b) = weights.recurrent_bias() {
            hz += &b;
        }
        let activate_rows = |m: &mut Array2<f32>, activation: Activation| {
            for mut row in m.rows_mut() {
                if let Some(values) = row.as_slice_mut() {
                    gates::activate(activation, values);
                }
            }
        };
        let mut update = &x.slice(s![.., ..u]) + &hz.slice(s![.., ..u]);
        let mut reset = &x.slice(s![.., u..2 * u]) + &hz.slice(s![.., u..2 * u]);
        activate_rows(&mut update, config.recurrent_activation);
        activate_rows(&mut reset, config.recurrent_activation);
        let mut candidate = if config.reset_after {
            &x.slice(s![.., 2 * u..]) + &(&reset * &hz.slice(s![.., 2 * u..]))
        } else {
            &x.slice(s![.., 2 * u..]) + &(&reset * &h_prev).dot(&rk.slice(s![.., 2 * u..]))
        };
        activate_rows(&mut candidate, config.activation);
        Ok(GateSeries::Gru {
            update_gate: update,
            reset_gate: reset,
            candidate,
        })
    }
}
