//! What the sequence passes of the three cells share: the states they return
//! ([`SequenceStates`]), their shape checks and their step order.

use ndarray::{
    s, Array2, Array3, ArrayD, ArrayView2, ArrayViewMut2, ArrayViewMut3, Axis, Ix1, Ix2,
};

use super::error::{Direction, Result, RnnError, WeightName};
use super::simple_rnn::check_shape;

/// The states of one direction over a sequence, `[batch, T, u]` each, indexed by input
/// time (see [`crate::rnn::SimpleRnn::hidden_states`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceStates {
    /// The hidden states `h_t`.
    pub hidden: Array3<f32>,
    /// The LSTM's cell states `c_t` (`None` for SimpleRNN and GRU).
    pub cell: Option<Array3<f32>>,
}

pub(crate) fn as_2d(tensor: WeightName, a: &ArrayD<f32>) -> Result<Array2<f32>> {
    a.clone()
        .into_dimensionality::<Ix2>()
        .map_err(|_| wrong_rank(tensor, a.shape(), 2))
}

pub(crate) fn as_1d(tensor: WeightName, a: &ArrayD<f32>) -> Result<ndarray::Array1<f32>> {
    a.clone()
        .into_dimensionality::<Ix1>()
        .map_err(|_| wrong_rank(tensor, a.shape(), 1))
}

fn wrong_rank(tensor: WeightName, actual: &[usize], rank: usize) -> RnnError {
    RnnError::WeightShape {
        layer: 0,
        direction: None,
        tensor,
        // The rank is what is wrong; the sizes are unknown here, shown as 0.
        expected: vec![0; rank],
        actual: actual.to_vec(),
    }
}

/// Checks a gated cell's sizes and kernels (`kernel (D, g·u)`, `recurrent_kernel (u, g·u)`).
pub(crate) fn check_gated(
    units: usize,
    gates: usize,
    kernel: ArrayView2<'_, f32>,
    recurrent_kernel: ArrayView2<'_, f32>,
) -> Result<()> {
    if units == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "units",
        });
    }
    let d = kernel.nrows();
    if d == 0 {
        return Err(RnnError::ZeroSize {
            layer: 0,
            what: "input features",
        });
    }
    let n = gates * units;
    check_shape(WeightName::Kernel, &[d, n], kernel.shape())?;
    check_shape(
        WeightName::RecurrentKernel,
        &[units, n],
        recurrent_kernel.shape(),
    )
}

/// [`RnnError::FeatureMismatch`] (layer 0) unless `actual == expected`.
pub(crate) fn check_features(expected: usize, actual: usize) -> Result<()> {
    if actual == expected {
        Ok(())
    } else {
        Err(RnnError::FeatureMismatch {
            layer: 0,
            expected,
            actual,
        })
    }
}

/// The steps of a sequence pass in reading order: `(t, previous t)`, the previous step
/// `None` at the direction's first step (`t = 0` forward, `T-1` backward).
pub(crate) fn reading_order(
    timesteps: usize,
    direction: Direction,
) -> impl Iterator<Item = (usize, Option<usize>)> {
    (0..timesteps).map(move |step| match direction {
        Direction::Forward => (step, step.checked_sub(1)),
        Direction::Backward => {
            let t = timesteps - 1 - step;
            (t, (step > 0).then_some(t + 1))
        }
    })
}

/// `(a[:, prev], a[:, t])` of `a [batch, T, u]` as two mutable views (`prev != t`).
pub(crate) fn prev_and_current(
    a: ArrayViewMut3<'_, f32>,
    prev: usize,
    t: usize,
) -> (ArrayViewMut2<'_, f32>, ArrayViewMut2<'_, f32>) {
    if prev < t {
        let (before, after) = a.split_at(Axis(1), t);
        (
            before.index_axis_move(Axis(1), prev),
            after.index_axis_move(Axis(1), 0),
        )
    } else {
        let (before, after) = a.split_at(Axis(1), prev);
        (
            after.index_axis_move(Axis(1), 0),
            before.index_axis_move(Axis(1), t),
        )
    }
}

/// `h_{t-1}` of every step of one batch item, `[T, u]` in input time order: row `t` is
/// `h[t-1]` forward, `h[t+1]` backward, zeros at the direction's first step.
pub(crate) fn previous_states(h: ArrayView2<'_, f32>, direction: Direction) -> Array2<f32> {
    let (timesteps, units) = h.dim();
    let mut prev = Array2::zeros((timesteps, units));
    if timesteps > 1 {
        match direction {
            Direction::Forward => prev
                .slice_mut(s![1.., ..])
                .assign(&h.slice(s![..timesteps - 1, ..])),
            Direction::Backward => prev
                .slice_mut(s![..timesteps - 1, ..])
                .assign(&h.slice(s![1.., ..])),
        }
    }
    prev
}
