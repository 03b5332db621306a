//! The selected cell: which layer, direction, step and example the page shows.

use crate::rnn::Direction;

/// The selected cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Recurrent layer, 0-based ("layer 1" on screen is 0).
    pub layer: usize,
    /// Direction (backward only on bidirectional layers).
    pub direction: Direction,
    /// Input timestep, 0-based.
    pub timestep: usize,
    /// Example of the batch.
    pub example: usize,
}

impl Default for Selection {
    /// The first step of the first layer, forward, first example.
    fn default() -> Self {
        Self {
            layer: 0,
            direction: Direction::Forward,
            timestep: 0,
            example: 0,
        }
    }
}
