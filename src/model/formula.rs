//! Layers as the Keras code that builds them, and how a recurrent layer's parameter count
//! comes about in numbers — what a worked answer shows (why an LSTM has 4× a `SimpleRNN`'s
//! weights, why a GRU with `reset_after` has `3·units` more than without).

use std::fmt::Write as _;

use super::spec::{CellKind, LayerSpec, RecurrentSettings};
use super::validate::recurrent_params;

/// The bias terms of each gate block of a recurrent layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BiasTerms {
    /// `use_bias: false`.
    None,
    /// One bias vector of `units` per gate block.
    One,
    /// Two: a GRU with `reset_after` keeps an input bias and a recurrent bias per gate.
    Two,
}

/// The terms of a recurrent layer's parameter count:
/// `directions × gates × (units × (input + units) + bias)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecurrentParams {
    /// Which cell.
    pub cell: CellKind,
    /// 2 for a bidirectional layer, else 1.
    pub directions: u64,
    /// Gate blocks: 1 (`SimpleRNN`), 4 (LSTM: `i, f, c, o`), 3 (GRU: `z, r, h`), each with
    /// its own slice of the kernel, recurrent kernel and bias.
    pub gates: u64,
    /// Hidden units.
    pub units: u64,
    /// Width of the layer's input.
    pub input: u64,
    /// Bias terms per gate block.
    pub bias: BiasTerms,
    /// Keras's count (`count_params()`).
    pub keras: u64,
    /// The `PyTorch` module's count: `nn.RNN` and `nn.LSTM` keep two bias vectors where
    /// Keras keeps one; `nn.GRU`'s two are Keras's two rows.
    pub pytorch: u64,
}

impl RecurrentParams {
    /// The terms of `layer` on an input `input` wide, or `None` for a layer that is not
    /// recurrent.
    #[must_use]
    pub fn of(layer: &LayerSpec, input: usize) -> Option<Self> {
        let r = layer.recurrent()?;
        let bias = match (r.use_bias, r.cell, r.reset_after) {
            (false, _, _) => BiasTerms::None,
            (true, CellKind::Gru, true) => BiasTerms::Two,
            (true, _, _) => BiasTerms::One,
        };
        let (units, input) = (r.units as u64, input as u64);
        let directions = r.directions() as u64;
        let keras = directions * recurrent_params(r.cell, input, units, r.use_bias, r.reset_after);
        // PyTorch: two bias vectors per gate block whenever there is a bias.
        let pytorch = directions * recurrent_params(r.cell, input, units, r.use_bias, true)
            + match (r.use_bias, r.cell) {
                (true, CellKind::SimpleRnn | CellKind::Lstm) => {
                    directions * r.cell.gates() as u64 * units
                }
                _ => 0,
            };
        Some(Self {
            cell: r.cell,
            directions,
            gates: r.cell.gates() as u64,
            units,
            input,
            bias,
            keras,
            pytorch,
        })
    }

    /// The count as numbers, `2 × 4 × (8 × (3 + 8) + 8)`: the factor 2 only for two
    /// directions, the gate factor only for gated cells, `+ 2 × 8` for two bias terms.
    #[must_use]
    pub fn numbers(&self) -> String {
        let mut out = String::new();
        if self.directions > 1 {
            let _ = write!(out, "{} × ", self.directions);
        }
        if self.gates > 1 {
            let _ = write!(out, "{} × ", self.gates);
        }
        let (u, d) = (self.units, self.input);
        let _ = match self.bias {
            BiasTerms::None => write!(out, "({u} × ({d} + {u}))"),
            BiasTerms::One => write!(out, "({u} × ({d} + {u}) + {u})"),
            BiasTerms::Two => write!(out, "({u} × ({d} + {u}) + 2 × {u})"),
        };
        out
    }
}

fn quoted(name: &str) -> String {
    format!("'{name}'")
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

impl LayerSpec {
    /// The Keras call that builds this layer, naming only settings that differ from
    /// Keras's defaults, with `extra` (e.g. `", input_shape=(2, 10)"`) before the closing
    /// parenthesis: `LSTM(8, return_sequences=True)`, `Bidirectional(GRU(4,
    /// reset_after=False), merge_mode='sum')`, `Dense(1, activation='sigmoid')`.
    #[must_use]
    pub fn keras_code(&self, extra: &str) -> String {
        match self {
            Self::Embedding(e) => format!("Embedding({}, {}{extra})", e.vocab, e.dim),
            Self::Dense(d) => {
                let mut args = d.units.to_string();
                if d.activation != super::DenseActivation::Linear {
                    let _ = write!(args, ", activation={}", quoted(d.activation.keras_name()));
                }
                if !d.use_bias {
                    args.push_str(", use_bias=False");
                }
                format!("Dense({args}{extra})")
            }
            Self::SimpleRnn(_) | Self::Lstm(_) | Self::Gru(_) => {
                let Some(r) = self.recurrent() else {
                    return String::new();
                };
                let cell = self.cell_code(&r);
                match r.bidirectional {
                    Some(super::MergeMode::Concat) => format!("Bidirectional({cell}{extra})"),
                    Some(mode) => format!(
                        "Bidirectional({cell}, merge_mode={}{extra})",
                        quoted(mode.keras_name())
                    ),
                    None => {
                        let open = cell.len().saturating_sub(1);
                        format!("{}{extra})", &cell[..open])
                    }
                }
            }
        }
    }

    /// The recurrent cell's own call, `LSTM(8, recurrent_activation='hard_sigmoid')`.
    fn cell_code(&self, r: &RecurrentSettings) -> String {
        let mut args = r.units.to_string();
        let mut arg = |name: &str, value: String| {
            let _ = write!(args, ", {name}={value}");
        };
        if r.activation != super::RnnActivation::Tanh {
            arg("activation", quoted(r.activation.keras_name()));
        }
        match self {
            Self::Lstm(l) => {
                if l.recurrent_activation != super::RnnActivation::Sigmoid {
                    arg(
                        "recurrent_activation",
                        quoted(l.recurrent_activation.keras_name()),
                    );
                }
                if !l.use_bias {
                    arg("use_bias", py_bool(false).to_string());
                }
                if !l.unit_forget_bias {
                    arg("unit_forget_bias", py_bool(false).to_string());
                }
            }
            Self::Gru(g) => {
                if g.recurrent_activation != super::RnnActivation::Sigmoid {
                    arg(
                        "recurrent_activation",
                        quoted(g.recurrent_activation.keras_name()),
                    );
                }
                if !g.use_bias {
                    arg("use_bias", py_bool(false).to_string());
                }
                if !g.reset_after {
                    arg("reset_after", py_bool(false).to_string());
                }
            }
            _ => {
                if !r.use_bias {
                    arg("use_bias", py_bool(false).to_string());
                }
            }
        }
        if r.return_sequences {
            arg("return_sequences", py_bool(true).to_string());
        }
        format!("{}({args})", r.cell.keras_class())
    }
}
