//! One computed forward pass: a valid model, its weights and inputs, every layer's output.
//!
//! Built whenever the model, the initializer or the inputs change; stepping through time
//! only reads it (the forward pass is never recomputed for a step), and the trace of the
//! selected cell is recomputed from the stored states in O(units × (inputs + units)).

use ndarray::{Array2, ArrayView2};
use thiserror::Error;

use crate::model::cost::{self, CostError};
use crate::model::{
    CaseInputs, CaseParameters, CaseSpec, InitScheme, ModelError, ModelInfo, ModelSpec,
};
use crate::rnn::{
    CellTrace, Direction, GateSeries, InputBatch, NonFinite, RnnError, Stack, StackOutput,
    StepTrace,
};

use crate::app::services::timing;
use crate::diagram::{CellId, DiagramDesc, LayerDesc};

use super::layers::{dense_head, embedding, recurrent_layers};
use super::selection::Selection;

/// Most multiply-adds of one forward pass in the browser ([`cost::PAGE`]).
pub const MAX_BROWSER_MULTIPLY_ADDS: u64 = cost::PAGE.forward;

/// Most kept hidden-state numbers for one model ([`cost::PAGE`]): every layer's states
/// are kept so that stepping never recomputes.
pub const MAX_BROWSER_STATE_VALUES: u64 = cost::PAGE.kept_numbers;

/// Most timesteps the page computes and draws ([`cost::PAGE`]).
pub const MAX_BROWSER_TIMESTEPS: usize = cost::PAGE.timesteps;

/// Most examples in a batch the page computes ([`cost::PAGE`]).
pub const MAX_BROWSER_BATCH: usize = cost::PAGE.batch;

/// Why a model cannot be shown.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SessionError {
    /// The model document is invalid.
    #[error("{0}")]
    Model(#[from] ModelError),
    /// The engine refused the model, weights or inputs.
    #[error("{0}")]
    Engine(#[from] RnnError),
    /// Some work of the view (initializing, inputs, the forward pass, kept states) is
    /// over the page's budget ([`cost::PAGE`]).
    #[error("{0}")]
    Cost(#[from] CostError),
}

/// A model with its weights, inputs and every layer's output.
///
/// A session equals only itself: every computation makes a new one, so comparing two is
/// comparing their identity (cheap, and right for NaN states, which never equal
/// themselves). `Rc<Session>` props therefore change exactly when the page recomputed.
#[derive(Debug)]
pub struct Session {
    /// The case document this session computed (model, initializer, inputs).
    pub case: CaseSpec,
    /// The model, valid.
    pub model: ModelSpec,
    /// Names, shapes and parameter counts.
    pub info: ModelInfo,
    /// The layers with their weights.
    pub stack: Stack,
    /// The input batch.
    pub inputs: SessionInputs,
    /// Every layer's output and hidden states.
    pub output: StackOutput,
    /// The first NaN or infinity, if any appeared.
    pub non_finite: Option<NonFinite>,
}

/// The input batch in the engine's types.
pub type SessionInputs = InputBatch;

/// A case document's inputs in the engine's types (ids past `i64::MAX` become `i64::MAX`,
/// which the embedding then refuses as out of range).
#[must_use]
pub fn session_inputs(inputs: &CaseInputs) -> SessionInputs {
    match inputs {
        CaseInputs::Features(values) => InputBatch::Features(values.clone()),
        CaseInputs::Tokens(ids) => {
            InputBatch::Tokens(ids.mapv(|id| i64::try_from(id).unwrap_or(i64::MAX)))
        }
    }
}

/// Checks that `model` on a `(batch, timesteps)` input, with its weights drawn by
/// `scheme` (`None`: given), fits the page's budgets ([`cost::PAGE`]), before any work
/// or allocation.
///
/// # Errors
/// The first budget exceeded.
pub fn check_budget(
    model: &ModelSpec,
    scheme: Option<InitScheme>,
    batch: usize,
    timesteps: usize,
) -> Result<(), SessionError> {
    cost::check_view(model, scheme, batch, timesteps, &cost::PAGE)?;
    Ok(())
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Session {
    /// Validates the case's model, checks the page's budgets, builds its weights (drawn
    /// by the seeded scheme or given) and runs its inputs.
    ///
    /// # Errors
    /// The model's first validation problem, a budget exceeded, or the engine's refusal.
    pub fn compute(case: &CaseSpec) -> Result<Self, SessionError> {
        timing::measure("unrolled:compute", || Self::compute_untimed(case))
    }

    fn compute_untimed(case: &CaseSpec) -> Result<Self, SessionError> {
        let info = case.model.validate()?;
        let scheme = match &case.parameters {
            CaseParameters::Init(init) => Some(init.scheme),
            CaseParameters::Weights(_) => None,
        };
        check_budget(
            &case.model,
            scheme,
            case.inputs.batch(),
            case.inputs.timesteps(),
        )?;
        let stack = case.stack()?;
        let inputs = session_inputs(&case.inputs);
        let output = stack.forward(inputs.view())?;
        let non_finite = output.check_finite();
        Ok(Self {
            case: case.clone(),
            model: case.model.clone(),
            info,
            stack,
            inputs,
            output,
            non_finite,
        })
    }

    /// `(batch, timesteps)` of the input.
    #[must_use]
    pub fn dims(&self) -> (usize, usize) {
        (self.inputs.examples(), self.inputs.timesteps())
    }

    /// Hidden states `[timesteps, units]` of one recurrent layer (index in the stack),
    /// direction and batch item, indexed by input time.
    #[must_use]
    pub fn states(
        &self,
        stack_index: usize,
        direction: Direction,
        batch: usize,
    ) -> Option<ArrayView2<'_, f32>> {
        let layer = self.output.layers.get(stack_index)?;
        let states = layer.states(direction)?;
        (batch < states.dim().0).then(|| states.index_axis_move(ndarray::Axis(0), batch))
    }

    /// The cell internals of one step.
    ///
    /// # Errors
    /// [`RnnError::TraceOutOfRange`] when the cell does not exist.
    pub fn trace(
        &self,
        stack_index: usize,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<StepTrace, RnnError> {
        self.stack.trace(
            self.inputs.view(),
            &self.output,
            stack_index,
            direction,
            batch,
            timestep,
        )
    }

    /// The inside of one step of any cell (a SimpleRNN's terms, an LSTM's or GRU's gates).
    ///
    /// # Errors
    /// [`RnnError::TraceOutOfRange`] when the cell does not exist.
    pub fn cell_trace(
        &self,
        stack_index: usize,
        direction: Direction,
        batch: usize,
        timestep: usize,
    ) -> Result<CellTrace, RnnError> {
        self.stack.cell_trace(
            self.inputs.view(),
            &self.output,
            stack_index,
            direction,
            batch,
            timestep,
        )
    }

    /// Every step's gate values of one cell, `[timesteps, units]` each (a SimpleRNN's
    /// pre-activations), computed for all steps at once.
    #[must_use]
    pub fn gate_series(
        &self,
        stack_index: usize,
        direction: Direction,
        batch: usize,
    ) -> Option<GateSeries> {
        self.stack
            .gate_series(
                self.inputs.view(),
                &self.output,
                stack_index,
                direction,
                batch,
            )
            .ok()
    }

    /// Pre-activations `z_t` of every step of one cell, `[timesteps, units]`: two matrix
    /// products over all steps (`X·kernel + bias + H_prev·recurrent_kernel`) instead of a
    /// trace per step.
    #[must_use]
    pub fn preactivations(
        &self,
        stack_index: usize,
        direction: Direction,
        batch: usize,
    ) -> Option<Array2<f32>> {
        self.stack
            .pre_activations(
                self.inputs.view(),
                &self.output,
                stack_index,
                direction,
                batch,
            )
            .ok()
    }

    /// What the unrolled diagram draws for this session with `selection` selected.
    #[must_use]
    pub fn diagram(&self, selection: Selection) -> DiagramDesc {
        DiagramDesc {
            timesteps: self.dims().1,
            layers: recurrent_layers(&self.model)
                .iter()
                .map(|l| LayerDesc {
                    units: l.units,
                    bidirectional: l.bidirectional,
                    return_sequences: l.return_sequences,
                })
                .collect(),
            token_inputs: embedding(&self.model).is_some(),
            dense_head: dense_head(&self.model).is_some(),
            selected: Some(CellId {
                layer: selection.layer,
                direction: selection.direction,
                timestep: selection.timestep,
            }),
        }
    }

    /// Every recurrent layer's states for one example: `[layer][direction] = [T, units]`
    /// (forward first), for the diagram's colour strips.
    #[must_use]
    pub fn all_states(&self, example: usize) -> Vec<Vec<Array2<f32>>> {
        recurrent_layers(&self.model)
            .iter()
            .map(|l| {
                let directions: &[Direction] = if l.bidirectional {
                    &[Direction::Forward, Direction::Backward]
                } else {
                    &[Direction::Forward]
                };
                directions
                    .iter()
                    .filter_map(|d| {
                        self.states(l.stack_index, *d, example)
                            .map(|v| v.to_owned())
                    })
                    .collect()
            })
            .collect()
    }
}
