//! Which recurrent cell a layer uses: `SimpleRNN`, `LSTM` or `GRU`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which recurrent cell a layer uses (Keras's class).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// `SimpleRNN`: `h_t = act(x_t·W + h_{t-1}·U + b)`.
    #[default]
    SimpleRnn,
    /// `LSTM`: four gate blocks `i, f, c, o` and a cell state `c_t`.
    Lstm,
    /// `GRU`: three gate blocks `z, r, h`.
    Gru,
}

impl CellKind {
    /// Every cell, in menu order.
    pub const ALL: [Self; 3] = [Self::SimpleRnn, Self::Lstm, Self::Gru];

    /// Gate blocks on the kernels' last axis: 1, 4 or 3.
    #[must_use]
    pub fn gates(self) -> usize {
        match self {
            Self::SimpleRnn => 1,
            Self::Lstm => 4,
            Self::Gru => 3,
        }
    }

    /// The Keras class name: `SimpleRNN`, `LSTM`, `GRU`.
    #[must_use]
    pub fn keras_class(self) -> &'static str {
        match self {
            Self::SimpleRnn => "SimpleRNN",
            Self::Lstm => "LSTM",
            Self::Gru => "GRU",
        }
    }

    /// The name in documents and on the command line: `simple_rnn`, `lstm`, `gru`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::SimpleRnn => "simple_rnn",
            Self::Lstm => "lstm",
            Self::Gru => "gru",
        }
    }

    /// The cell with this document name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl fmt::Display for CellKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keras_class())
    }
}
