//! The equations of a gated cell's step as the page prints them, in Keras notation (row
//! vectors times `kernel` blocks, as Keras computes) and in numpy notation (the Keras
//! layout split into gate blocks), for LSTM and for GRU with `reset_after` true and false.
//! Pure text: the gate panel puts the step's numbers beside each line.

use crate::model::CellKind;
use crate::rnn::{CellTrace, GateTrace};

/// Which gate (or candidate) a line is about; the page words each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateRole {
    /// LSTM `i`.
    Input,
    /// LSTM `f`.
    Forget,
    /// LSTM `c̃`.
    CellCandidate,
    /// LSTM `o`.
    Output,
    /// GRU `z`.
    Update,
    /// GRU `r`.
    Reset,
    /// GRU `h̃`.
    HiddenCandidate,
}

impl GateRole {
    /// The gates of `cell`, in Keras' block order (`i, f, c, o`; `z, r, h`); none for a
    /// SimpleRNN.
    #[must_use]
    pub fn of(cell: CellKind) -> &'static [GateRole] {
        match cell {
            CellKind::SimpleRnn => &[],
            CellKind::Lstm => &[Self::Input, Self::Forget, Self::CellCandidate, Self::Output],
            CellKind::Gru => &[Self::Update, Self::Reset, Self::HiddenCandidate],
        }
    }

    /// The gate's symbol: `i`, `f`, `c̃`, `o`, `z`, `r`, `h̃`.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Input => "i",
            Self::Forget => "f",
            Self::CellCandidate => "c̃",
            Self::Output => "o",
            Self::Update => "z",
            Self::Reset => "r",
            Self::HiddenCandidate => "h̃",
        }
    }

    /// The letter of its weight blocks: `W_i`, `U_i`, `b_i`, …
    #[must_use]
    pub fn block(self) -> &'static str {
        match self {
            Self::Input => "i",
            Self::Forget => "f",
            Self::CellCandidate => "c",
            Self::Output => "o",
            Self::Update => "z",
            Self::Reset => "r",
            Self::HiddenCandidate => "h",
        }
    }

    /// Whether the cell's `activation` (not `recurrent_activation`) makes this value.
    #[must_use]
    pub fn is_candidate(self) -> bool {
        matches!(self, Self::CellCandidate | Self::HiddenCandidate)
    }

    /// This gate's numbers in a step's trace (`None` when the trace is another cell's).
    #[must_use]
    pub fn in_trace(self, trace: &CellTrace) -> Option<&GateTrace> {
        match (self, trace) {
            (Self::Input, CellTrace::Lstm(t)) => Some(&t.input_gate),
            (Self::Forget, CellTrace::Lstm(t)) => Some(&t.forget_gate),
            (Self::CellCandidate, CellTrace::Lstm(t)) => Some(&t.candidate),
            (Self::Output, CellTrace::Lstm(t)) => Some(&t.output_gate),
            (Self::Update, CellTrace::Gru(t)) => Some(&t.update_gate),
            (Self::Reset, CellTrace::Gru(t)) => Some(&t.reset_gate),
            (Self::HiddenCandidate, CellTrace::Gru(t)) => Some(&t.candidate),
            _ => None,
        }
    }
}

/// How one step's equations are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notation<'a> {
    /// The cell's `activation` (Keras name).
    pub activation: &'a str,
    /// The gates' `recurrent_activation` (Keras name).
    pub recurrent: &'a str,
    /// GRU `reset_after`.
    pub reset_after: bool,
    /// `h_{t-1}`, or `h_{t+1}` for the backward direction.
    pub prev: &'a str,
    /// `c_{t-1}`, or `c_{t+1}`.
    pub prev_c: &'a str,
}

impl Notation<'_> {
    /// The gate's line in Keras notation, e.g. `f = sigmoid(x_t·W_f + h_{t-1}·U_f + b_f)`.
    #[must_use]
    pub fn gate(&self, role: GateRole) -> String {
        let (g, s, prev) = (role.block(), role.symbol(), self.prev);
        let act = if role.is_candidate() {
            self.activation
        } else {
            self.recurrent
        };
        match role {
            GateRole::HiddenCandidate if self.reset_after => {
                format!("{s} = {act}(x_t·W_{g} + b_{g} + r ⊙ ({prev}·U_{g} + b'_{g}))")
            }
            GateRole::HiddenCandidate => {
                format!("{s} = {act}(x_t·W_{g} + b_{g} + (r ⊙ {prev})·U_{g})")
            }
            GateRole::Update | GateRole::Reset if self.reset_after => {
                format!("{s} = {act}(x_t·W_{g} + b_{g} + {prev}·U_{g} + b'_{g})")
            }
            _ => format!("{s} = {act}(x_t·W_{g} + {prev}·U_{g} + b_{g})"),
        }
    }

    /// The state lines after the gates: an LSTM's `c_t` and `h_t`, a GRU's `h_t`.
    #[must_use]
    pub fn states(&self, cell: CellKind) -> Vec<String> {
        let (act, prev, prev_c) = (self.activation, self.prev, self.prev_c);
        match cell {
            CellKind::SimpleRnn => Vec::new(),
            CellKind::Lstm => vec![
                format!("c_t = f ⊙ {prev_c} + i ⊙ c̃"),
                format!("h_t = o ⊙ {act}(c_t)"),
            ],
            CellKind::Gru => vec![format!("h_t = z ⊙ {prev} + (1 − z) ⊙ h̃")],
        }
    }

    /// The step in numpy on Keras' layout (`kernel (D, g·u)`, blocks in gate order).
    #[must_use]
    pub fn numpy(&self, cell: CellKind) -> Vec<String> {
        let (act, rec) = (np_fn(self.activation), np_fn(self.recurrent));
        match cell {
            CellKind::SimpleRnn => Vec::new(),
            CellKind::Lstm => vec![
                "z = x_t @ kernel + h_prev @ recurrent_kernel + bias   # (4·units,)".into(),
                "z_i, z_f, z_c, z_o = np.split(z, 4)".into(),
                format!("i, f, o = {rec}(z_i), {rec}(z_f), {rec}(z_o)"),
                format!("c_hat = {act}(z_c)"),
                "c_t = f * c_prev + i * c_hat".into(),
                format!("h_t = o * {act}(c_t)"),
            ],
            CellKind::Gru if self.reset_after => vec![
                "x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3)".into(),
                "h_z, h_r, h_h = np.split(h_prev @ recurrent_kernel + bias[1], 3)".into(),
                format!("z, r = {rec}(x_z + h_z), {rec}(x_r + h_r)"),
                format!("h_hat = {act}(x_h + r * h_h)"),
                "h_t = z * h_prev + (1 - z) * h_hat".into(),
            ],
            CellKind::Gru => vec![
                "x_z, x_r, x_h = np.split(x_t @ kernel + bias, 3)".into(),
                "U_z, U_r, U_h = np.split(recurrent_kernel, 3, axis=1)".into(),
                format!("z, r = {rec}(x_z + h_prev @ U_z), {rec}(x_r + h_prev @ U_r)"),
                format!("h_hat = {act}(x_h + (r * h_prev) @ U_h)"),
                "h_t = z * h_prev + (1 - z) * h_hat".into(),
            ],
        }
    }
}

/// The numpy spelling of an activation.
fn np_fn(keras: &str) -> &'static str {
    match keras {
        "tanh" => "np.tanh",
        "sigmoid" => "sigmoid",
        "relu" => "relu",
        "hard_sigmoid" => "hard_sigmoid",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notation(reset_after: bool) -> Notation<'static> {
        Notation {
            activation: "tanh",
            recurrent: "sigmoid",
            reset_after,
            prev: "h_{t-1}",
            prev_c: "c_{t-1}",
        }
    }

    #[test]
    fn the_gru_candidate_shows_where_r_enters() {
        assert_eq!(
            notation(true).gate(GateRole::HiddenCandidate),
            "h̃ = tanh(x_t·W_h + b_h + r ⊙ (h_{t-1}·U_h + b'_h))"
        );
        assert_eq!(
            notation(false).gate(GateRole::HiddenCandidate),
            "h̃ = tanh(x_t·W_h + b_h + (r ⊙ h_{t-1})·U_h)"
        );
        assert_eq!(
            notation(true).gate(GateRole::Update),
            "z = sigmoid(x_t·W_z + b_z + h_{t-1}·U_z + b'_z)"
        );
    }

    #[test]
    fn lstm_lines_use_the_candidate_activation_and_the_gate_activation() {
        let n = Notation {
            activation: "relu",
            recurrent: "hard_sigmoid",
            ..notation(true)
        };
        assert_eq!(
            n.gate(GateRole::Forget),
            "f = hard_sigmoid(x_t·W_f + h_{t-1}·U_f + b_f)"
        );
        assert_eq!(
            n.gate(GateRole::CellCandidate),
            "c̃ = relu(x_t·W_c + h_{t-1}·U_c + b_c)"
        );
        assert_eq!(
            n.states(CellKind::Lstm),
            ["c_t = f ⊙ c_{t-1} + i ⊙ c̃", "h_t = o ⊙ relu(c_t)"]
        );
        assert_eq!(n.numpy(CellKind::Lstm)[5], "h_t = o * relu(c_t)");
    }
}
