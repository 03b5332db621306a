//! What a gated layer's charts draw: each gate's values over time (for the per-gate
//! heatmaps and the saturation chart) and an LSTM's cell state beside its hidden state,
//! computed once per layer, direction and example (a step only moves the cursor).

use ndarray::Array2;

use crate::model::CellKind;
use crate::rnn::GateSeries;

use super::chart_data::{NamedSeries, Same};
use super::layers::recurrent_layers;
use super::selection::Selection;
use super::session::Session;

/// The gate charts' data of one gated layer, direction and example.
#[derive(Debug, Clone, PartialEq)]
pub struct GateChartData {
    /// Every gate and candidate: `i, f, c̃, o` or `z, r, h̃`.
    pub gates: Same<NamedSeries>,
    /// The gates a `recurrent_activation` makes (`i, f, o` or `z, r`): what saturates.
    pub sigmoid_gates: Same<NamedSeries>,
    /// An LSTM's `c_t`, `[timesteps, units]`.
    pub cell: Option<Same<Array2<f32>>>,
    /// `h_t`, `[timesteps, units]`.
    pub hidden: Same<Array2<f32>>,
}

impl GateChartData {
    /// The data of the selected layer when it is an LSTM or GRU; `None` otherwise.
    #[must_use]
    pub fn of(session: &Session, selection: Selection) -> Option<Self> {
        let layer = *recurrent_layers(&session.model).get(selection.layer)?;
        if layer.cell == CellKind::SimpleRnn {
            return None;
        }
        let series =
            session.gate_series(layer.stack_index, selection.direction, selection.example)?;
        let hidden = session
            .states(layer.stack_index, selection.direction, selection.example)?
            .to_owned();
        let named = |list: Vec<(&str, &Array2<f32>)>| -> NamedSeries {
            list.into_iter()
                .map(|(n, v)| (n.to_owned(), v.clone()))
                .collect()
        };
        let (gates, sigmoid_gates, cell) = match &series {
            GateSeries::Lstm {
                input_gate,
                forget_gate,
                candidate,
                output_gate,
                cell,
            } => (
                named(vec![
                    ("i", input_gate),
                    ("f", forget_gate),
                    ("c̃", candidate),
                    ("o", output_gate),
                ]),
                named(vec![
                    ("i", input_gate),
                    ("f", forget_gate),
                    ("o", output_gate),
                ]),
                Some(Same::new(cell.clone())),
            ),
            GateSeries::Gru {
                update_gate,
                reset_gate,
                candidate,
            } => (
                named(vec![
                    ("z", update_gate),
                    ("r", reset_gate),
                    ("h̃", candidate),
                ]),
                named(vec![("z", update_gate), ("r", reset_gate)]),
                None,
            ),
            GateSeries::SimpleRnn { .. } => return None,
        };
        Some(Self {
            gates: Same::new(gates),
            sigmoid_gates: Same::new(sigmoid_gates),
            cell,
            hidden: Same::new(hidden),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CaseSpec;

    #[test]
    fn an_lstm_layer_gives_four_gates_and_its_cell_state() {
        let text = r#"{"input": {"features": 2}, "layers": [{"type": "lstm", "units": 3, "return_sequences": true}],
            "init": {"scheme": "keras", "seed": 1}, "inputs": [[[1, 2], [3, 4], [0.5, -1]]]}"#;
        let case = CaseSpec::from_json(text).unwrap_or_else(|e| panic!("{e}"));
        let session = Session::compute(&case).unwrap_or_else(|e| panic!("{e}"));
        let data =
            GateChartData::of(&session, Selection::default()).unwrap_or_else(|| panic!("data"));
        let names: Vec<&str> = data.gates.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["i", "f", "c̃", "o"]);
        assert_eq!(data.sigmoid_gates.len(), 3);
        let cell = data.cell.unwrap_or_else(|| panic!("c_t"));
        assert_eq!(cell.dim(), (3, 3));
        // c_t at step 2 equals the step's trace.
        let trace = session.cell_trace(0, crate::rnn::Direction::Forward, 0, 2);
        let Ok(crate::rnn::CellTrace::Lstm(t)) = trace else {
            panic!("an LSTM step");
        };
        for (a, b) in cell.row(2).iter().zip(&t.c_t) {
            assert!((a - b).abs() < 1e-6);
        }
    }
}
