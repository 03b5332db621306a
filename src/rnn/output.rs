//! What a forward pass returns: each layer's output and hidden states, and the NaN/infinity
//! check over them.

use ndarray::{Array2, Array3, ArrayView2, ArrayView3, ArrayViewD, Axis};

use super::error::{Direction, NonFinite, Result, RnnError};

/// A layer's output: a sequence `[batch, T, units]` or one vector per batch item
/// `[batch, units]`.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// `[batch, T, units]` (recurrent layers with `return_sequences`, Embedding, Dense on a
    /// sequence).
    Sequence(Array3<f32>),
    /// `[batch, units]` (recurrent layers without `return_sequences`, Dense after them).
    Last(Array2<f32>),
}

impl Output {
    /// The values as a dynamic-rank view (rank 3 or 2).
    #[must_use]
    pub fn view(&self) -> ArrayViewD<'_, f32> {
        match self {
            Self::Sequence(a) => a.view().into_dyn(),
            Self::Last(a) => a.view().into_dyn(),
        }
    }

    /// `[batch, T, units]` or `[batch, units]`.
    #[must_use]
    pub fn shape(&self) -> &[usize] {
        match self {
            Self::Sequence(a) => a.shape(),
            Self::Last(a) => a.shape(),
        }
    }

    /// Size of the last axis.
    #[must_use]
    pub fn units(&self) -> usize {
        self.shape().last().copied().unwrap_or(0)
    }

    /// The `[batch, T, units]` values, if this is a sequence.
    #[must_use]
    pub fn as_sequence(&self) -> Option<ArrayView3<'_, f32>> {
        match self {
            Self::Sequence(a) => Some(a.view()),
            Self::Last(_) => None,
        }
    }

    /// The `[batch, units]` values, if this is one vector per batch item.
    #[must_use]
    pub fn as_last(&self) -> Option<ArrayView2<'_, f32>> {
        match self {
            Self::Sequence(_) => None,
            Self::Last(a) => Some(a.view()),
        }
    }
}

/// One layer's results.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerOutput {
    /// What the layer hands to the next one (Keras's output of the layer).
    pub output: Output,
    /// Recurrent layers: the forward hidden states `[batch, T, units]`, indexed by input
    /// time (`[:, t]` = state after reading `x_0 … x_t`). `None` for Embedding and Dense.
    pub forward_states: Option<Array3<f32>>,
    /// Bidirectional layers: the backward hidden states `[batch, T, units]`, indexed by
    /// input time (`[:, t]` = state after reading `x_{T-1} … x_t`). `None` otherwise.
    pub backward_states: Option<Array3<f32>>,
    /// LSTM layers: the forward cell states `c_t` `[batch, T, units]`, indexed like
    /// `forward_states`. `None` for every other layer.
    pub forward_cells: Option<Array3<f32>>,
    /// Bidirectional LSTM layers: the backward cell states, indexed like
    /// `backward_states`. `None` otherwise.
    pub backward_cells: Option<Array3<f32>>,
}

impl LayerOutput {
    /// The output of a layer without states (Embedding, Dense).
    #[must_use]
    pub fn stateless(output: Output) -> Self {
        Self {
            output,
            forward_states: None,
            backward_states: None,
            forward_cells: None,
            backward_cells: None,
        }
    }

    /// The LSTM cell states of one direction, if the layer has them.
    #[must_use]
    pub fn cells(&self, direction: Direction) -> Option<ArrayView3<'_, f32>> {
        match direction {
            Direction::Forward => self.forward_cells.as_ref().map(Array3::view),
            Direction::Backward => self.backward_cells.as_ref().map(Array3::view),
        }
    }

    /// The hidden states of one direction, if the layer has it.
    #[must_use]
    pub fn states(&self, direction: Direction) -> Option<ArrayView3<'_, f32>> {
        match direction {
            Direction::Forward => self.forward_states.as_ref().map(Array3::view),
            Direction::Backward => self.backward_states.as_ref().map(Array3::view),
        }
    }
}

/// Every layer's results of one forward pass, first layer first.
#[derive(Clone, Debug, PartialEq)]
pub struct StackOutput {
    /// One entry per layer.
    pub layers: Vec<LayerOutput>,
}

impl StackOutput {
    /// The last layer's output (the model's prediction).
    #[must_use]
    pub fn last(&self) -> Option<&Output> {
        self.layers.last().map(|l| &l.output)
    }

    /// The first NaN or infinity, if any, so a caller can show the outputs *and* the
    /// diagnostic. "First" means: the earliest layer; within a recurrent layer the hidden
    /// states are searched before the merged output, the forward direction before the
    /// backward one, each direction in its own reading order (forward `t = 0, 1, …`;
    /// backward `t = T-1, T-2, …`), and within a step batch items in order; an LSTM's cell
    /// states after its hidden states. The reported `timestep` is always the input time
    /// index.
    #[must_use]
    pub fn check_finite(&self) -> Option<NonFinite> {
        self.layers.iter().enumerate().find_map(|(layer, out)| {
            let in_states = [Direction::Forward, Direction::Backward]
                .into_iter()
                .flat_map(|dir| [(dir, out.states(dir)), (dir, out.cells(dir))])
                .find_map(|(dir, states)| {
                    first_non_finite_in_sequence(states?, dir).map(|(batch, t, unit)| NonFinite {
                        layer,
                        direction: Some(dir),
                        batch,
                        timestep: Some(t),
                        unit,
                    })
                });
            in_states.or_else(|| match &out.output {
                Output::Sequence(a) => first_non_finite_in_sequence(a.view(), Direction::Forward)
                    .map(|(batch, t, unit)| NonFinite {
                        layer,
                        direction: None,
                        batch,
                        timestep: Some(t),
                        unit,
                    }),
                Output::Last(a) => {
                    a.indexed_iter()
                        .find(|(_, v)| !v.is_finite())
                        .map(|((batch, unit), _)| NonFinite {
                            layer,
                            direction: None,
                            batch,
                            timestep: None,
                            unit,
                        })
                }
            })
        })
    }

    /// `Ok(())` when every value is finite, else [`RnnError::NonFinite`] naming the first.
    ///
    /// # Errors
    /// [`RnnError::NonFinite`] as found by [`StackOutput::check_finite`].
    pub fn ensure_finite(&self) -> Result<()> {
        match self.check_finite() {
            None => Ok(()),
            Some(nf) => Err(RnnError::NonFinite(nf)),
        }
    }
}

/// `(batch, t, unit)` of the first non-finite value of `[batch, T, units]`, scanning time
/// in the direction's reading order.
fn first_non_finite_in_sequence(
    a: ArrayView3<'_, f32>,
    direction: Direction,
) -> Option<(usize, usize, usize)> {
    let timesteps = a.len_of(Axis(1));
    let order: Box<dyn Iterator<Item = usize>> = match direction {
        Direction::Forward => Box::new(0..timesteps),
        Direction::Backward => Box::new((0..timesteps).rev()),
    };
    for t in order {
        let step = a.index_axis(Axis(1), t);
        if let Some(((batch, unit), _)) = step.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Some((batch, t, unit));
        }
    }
    None
}
