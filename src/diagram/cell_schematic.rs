//! Geometry of the familiar drawing of one LSTM or GRU cell: its gates, the ⊙, + and
//! 1 − operations, the cell-state lane `c` along the top (LSTM) or the hidden lane (GRU),
//! and the wires between them, as plain coordinates in a fixed 560 × 260 box (SVG
//! convention: y down). Each part has an id; [`CellSchematic::reads`] lists what a part
//! reads, which the page highlights for the selected part.

use crate::rnn::CellKind;

/// Width of the schematic's box.
pub const SCHEMATIC_WIDTH: f32 = 560.0;
/// Height of the schematic's box.
pub const SCHEMATIC_HEIGHT: f32 = 260.0;

/// One part of a cell drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The input `x_t`.
    Input,
    /// `h_{t-1}`.
    PrevHidden,
    /// LSTM `c_{t-1}`.
    PrevCell,
    /// LSTM input gate `i`.
    InputGate,
    /// LSTM forget gate `f`.
    ForgetGate,
    /// LSTM candidate `c̃`.
    CellCandidate,
    /// LSTM output gate `o`.
    OutputGate,
    /// LSTM `f ⊙ c_{t-1}`.
    Kept,
    /// LSTM `i ⊙ c̃`.
    Written,
    /// LSTM `c_t = f ⊙ c_{t-1} + i ⊙ c̃`.
    CellSum,
    /// LSTM `act(c_t)`.
    CellActivation,
    /// LSTM `h_t = o ⊙ act(c_t)`; GRU `h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃`.
    Hidden,
    /// LSTM `c_t` leaving the cell.
    Cell,
    /// `h_t` leaving the cell.
    HiddenOut,
    /// GRU update gate `z`.
    UpdateGate,
    /// GRU reset gate `r`.
    ResetGate,
    /// GRU candidate `h̃`.
    HiddenCandidate,
    /// GRU: where `r` enters (`r ⊙ (h_{t-1}·U_h + b'_h)` or `r ⊙ h_{t-1}`).
    ResetProduct,
    /// GRU `z ⊙ h_{t-1}`.
    KeptHidden,
    /// GRU `1 − z`.
    OneMinus,
    /// GRU `(1 − z) ⊙ h̃`.
    WrittenHidden,
}

/// What a node is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartShape {
    /// A gate or candidate: a box with the activation's name.
    Gate,
    /// An element-wise operation: a circle with ⊙, + or 1−.
    Operation,
    /// A value entering or leaving the cell.
    Port,
}

/// One drawn part: its box (x, y top-left, width, height) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct PartBox {
    /// Which part.
    pub part: Part,
    /// How it is drawn.
    pub kind: PartShape,
    /// Its label: `σ`, `tanh`, `⊙`, `+`, `1−`, `x_t`, ….
    pub label: String,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl PartBox {
    /// The centre of the node.
    #[must_use]
    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// A wire from one part to another, as a polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct PartWire {
    /// Where it starts.
    pub from: Part,
    /// Where it ends.
    pub to: Part,
    /// The corners, first at `from`, last at `to`.
    pub points: Vec<(f32, f32)>,
    /// Whether it is the cell-state lane (LSTM `c`) or the hidden lane (GRU `h`) that runs
    /// straight through the cell.
    pub lane: bool,
}

/// The whole drawing of one cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellSchematic {
    /// Which cell.
    pub cell: CellKind,
    /// Every part.
    pub nodes: Vec<PartBox>,
    /// Every wire.
    pub wires: Vec<PartWire>,
}

const GATE: (f32, f32) = (52.0, 30.0);
const OP: f32 = 26.0;
const PORT: (f32, f32) = (56.0, 24.0);

fn node(part: Part, kind: PartShape, label: &str, (cx, cy): (f32, f32)) -> PartBox {
    let (w, h) = match kind {
        PartShape::Gate => GATE,
        PartShape::Operation => (OP, OP),
        PartShape::Port => PORT,
    };
    PartBox {
        part,
        kind,
        label: label.to_owned(),
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        w,
        h,
    }
}

impl CellSchematic {
    /// The drawing of `cell` with its gates' activation names (`recurrent`, e.g.
    /// `sigmoid`, drawn as σ) and the candidate's (`activation`); `reset_after` moves
    /// where a GRU's `r` enters. A SimpleRNN has no gates: an empty drawing.
    #[must_use]
    pub fn of(
        cell: CellKind,
        activation: &'static str,
        recurrent: &'static str,
        reset_after: bool,
    ) -> Self {
        let sigma = if recurrent == "sigmoid" {
            "σ"
        } else {
            recurrent
        };
        let (nodes, links): (Vec<PartBox>, Vec<(Part, Part, bool)>) = match cell {
            CellKind::SimpleRnn => (Vec::new(), Vec::new()),
            CellKind::Lstm => lstm(sigma, activation),
            CellKind::Gru => gru(sigma, activation, reset_after),
        };
        let center = |p: Part| {
            nodes
                .iter()
                .find(|n| n.part == p)
                .map_or((0.0, 0.0), PartBox::center)
        };
        let wires = links
            .into_iter()
            .map(|(from, to, lane)| {
                let (a, b) = (center(from), center(to));
                // Right-angled: along the source's row, then up or down to the target
                // (lanes and same-row wires are straight).
                let points = if (a.1 - b.1).abs() < 0.5 || (a.0 - b.0).abs() < 0.5 {
                    vec![a, b]
                } else if from == Part::Input || from == Part::PrevHidden {
                    vec![a, (b.0, a.1), b]
                } else {
                    vec![a, (a.0, b.1), b]
                };
                PartWire {
                    from,
                    to,
                    points,
                    lane,
                }
            })
            .collect();
        Self { cell, nodes, wires }
    }

    /// The parts `part` reads (the sources of the wires into it).
    #[must_use]
    pub fn reads(&self, part: Part) -> Vec<Part> {
        self.wires
            .iter()
            .filter(|w| w.to == part)
            .map(|w| w.from)
            .collect()
    }

    /// The node of `part`, if it is drawn.
    #[must_use]
    pub fn node(&self, part: Part) -> Option<&PartBox> {
        self.nodes.iter().find(|n| n.part == part)
    }
}

type Drawing = (Vec<PartBox>, Vec<(Part, Part, bool)>);

fn lstm(sigma: &str, act: &str) -> Drawing {
    use Part::{
        Cell, CellActivation, CellCandidate, CellSum, ForgetGate, Hidden, HiddenOut, Input,
        InputGate, Kept, OutputGate, PrevCell, PrevHidden, Written,
    };
    use PartShape::{Gate, Operation, Port};
    let nodes = vec![
        node(PrevCell, Port, "c_{t-1}", (34.0, 40.0)),
        node(PrevHidden, Port, "h_{t-1}", (34.0, 214.0)),
        node(Input, Port, "x_t", (110.0, 244.0)),
        node(ForgetGate, Gate, sigma, (150.0, 160.0)),
        node(InputGate, Gate, sigma, (230.0, 160.0)),
        node(CellCandidate, Gate, act, (310.0, 160.0)),
        node(OutputGate, Gate, sigma, (400.0, 160.0)),
        node(Kept, Operation, "⊙", (150.0, 40.0)),
        node(Written, Operation, "⊙", (270.0, 100.0)),
        node(CellSum, Operation, "+", (270.0, 40.0)),
        node(CellActivation, Gate, act, (460.0, 100.0)),
        node(Hidden, Operation, "⊙", (460.0, 160.0)),
        node(Cell, Port, "c_t", (526.0, 40.0)),
        node(HiddenOut, Port, "h_t", (526.0, 214.0)),
    ];
    let mut links = vec![
        (PrevCell, Kept, true),
        (ForgetGate, Kept, false),
        (Kept, CellSum, true),
        (InputGate, Written, false),
        (CellCandidate, Written, false),
        (Written, CellSum, false),
        (CellSum, Cell, true),
        (CellSum, CellActivation, false),
        (CellActivation, Hidden, false),
        (OutputGate, Hidden, false),
    ];
    for gate in [ForgetGate, InputGate, CellCandidate, OutputGate] {
        links.push((PrevHidden, gate, false));
        links.push((Input, gate, false));
    }
    links.push((Hidden, HiddenOut, false));
    (nodes, links)
}

fn gru(sigma: &str, act: &str, reset_after: bool) -> Drawing {
    use Part::{
        Hidden, HiddenCandidate, HiddenOut, Input, KeptHidden, OneMinus, PrevHidden, ResetGate,
        ResetProduct, UpdateGate, WrittenHidden,
    };
    use PartShape::{Gate, Operation, Port};
    let reset_label = if reset_after { "⊙·U" } else { "⊙" };
    let nodes = vec![
        node(PrevHidden, Port, "h_{t-1}", (34.0, 40.0)),
        node(Input, Port, "x_t", (110.0, 244.0)),
        node(ResetGate, Gate, sigma, (150.0, 170.0)),
        node(UpdateGate, Gate, sigma, (250.0, 170.0)),
        node(ResetProduct, Operation, reset_label, (150.0, 100.0)),
        node(HiddenCandidate, Gate, act, (370.0, 170.0)),
        node(KeptHidden, Operation, "⊙", (250.0, 40.0)),
        node(OneMinus, Operation, "1−", (310.0, 110.0)),
        node(WrittenHidden, Operation, "⊙", (430.0, 110.0)),
        node(Hidden, Operation, "+", (430.0, 40.0)),
        node(HiddenOut, Port, "h_t", (526.0, 40.0)),
    ];
    let links = vec![
        (PrevHidden, ResetGate, false),
        (Input, ResetGate, false),
        (PrevHidden, UpdateGate, false),
        (Input, UpdateGate, false),
        (ResetGate, ResetProduct, false),
        (PrevHidden, ResetProduct, false),
        (ResetProduct, HiddenCandidate, false),
        (Input, HiddenCandidate, false),
        (PrevHidden, KeptHidden, true),
        (UpdateGate, KeptHidden, false),
        (UpdateGate, OneMinus, false),
        (OneMinus, WrittenHidden, false),
        (HiddenCandidate, WrittenHidden, false),
        (KeptHidden, Hidden, true),
        (WrittenHidden, Hidden, false),
        (Hidden, HiddenOut, true),
    ];
    (nodes, links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lstm_gate_reads_x_and_h_and_the_c_lane_runs_through() {
        let s = CellSchematic::of(CellKind::Lstm, "tanh", "sigmoid", true);
        for gate in [
            Part::ForgetGate,
            Part::InputGate,
            Part::CellCandidate,
            Part::OutputGate,
        ] {
            assert_eq!(s.reads(gate), [Part::PrevHidden, Part::Input], "{gate:?}");
        }
        assert_eq!(s.reads(Part::Kept), [Part::PrevCell, Part::ForgetGate]);
        assert_eq!(s.reads(Part::CellSum), [Part::Kept, Part::Written]);
        let lane: Vec<_> = s
            .wires
            .iter()
            .filter(|w| w.lane)
            .map(|w| (w.from, w.to))
            .collect();
        assert_eq!(
            lane,
            [
                (Part::PrevCell, Part::Kept),
                (Part::Kept, Part::CellSum),
                (Part::CellSum, Part::Cell)
            ]
        );
        // The lane is one straight line along the top.
        for w in s.wires.iter().filter(|w| w.lane) {
            assert!(w.points.iter().all(|p| (p.1 - 40.0).abs() < 0.5), "{w:?}");
        }
    }

    #[test]
    fn every_part_lies_inside_the_box_and_every_wire_joins_drawn_parts() {
        for cell in [CellKind::Lstm, CellKind::Gru] {
            for reset_after in [true, false] {
                let s = CellSchematic::of(cell, "tanh", "hard_sigmoid", reset_after);
                for n in &s.nodes {
                    assert!(n.x >= 0.0 && n.y >= 0.0, "{n:?}");
                    assert!(
                        n.x + n.w <= SCHEMATIC_WIDTH && n.y + n.h <= SCHEMATIC_HEIGHT,
                        "{n:?}"
                    );
                }
                for w in &s.wires {
                    assert!(s.node(w.from).is_some() && s.node(w.to).is_some(), "{w:?}");
                    assert!(w.points.len() >= 2);
                }
            }
        }
    }

    #[test]
    fn the_gru_reset_gate_enters_before_the_candidate() {
        let s = CellSchematic::of(CellKind::Gru, "tanh", "sigmoid", false);
        assert_eq!(
            s.reads(Part::ResetProduct),
            [Part::ResetGate, Part::PrevHidden]
        );
        assert_eq!(
            s.reads(Part::HiddenCandidate),
            [Part::ResetProduct, Part::Input]
        );
        assert_eq!(
            s.reads(Part::Hidden),
            [Part::KeptHidden, Part::WrittenHidden]
        );
        assert!(
            CellSchematic::of(CellKind::SimpleRnn, "tanh", "sigmoid", true)
                .nodes
                .is_empty()
        );
    }
}
