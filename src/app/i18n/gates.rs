//! The words of the gated cells: the builder's cell type and gate options, and the step
//! panel of an LSTM or GRU (each gate's name and what it does).

use crate::app::domain::chart_data::Chart;
use crate::app::domain::gate_formulas::GateRole;
use crate::charts::gate_saturation;
use crate::diagram::Part;
use crate::model::CellKind;

use super::Lang;

/// A word of the cell options or the gate panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum GateText {
    CellType,
    RecurrentActivation,
    UnitForgetBias,
    ResetAfter,
    InputGate,
    ForgetGate,
    OutputGate,
    Candidate,
    UpdateGate,
    ResetGate,
    CellState,
    HiddenState,
    Kept,
    Written,
    ResetEntersAfter,
    ResetEntersBefore,
    GateSum,
    SelectGate,
    GateReads,
    CurrentCellState,
    Schematic,
    SchematicHint,
    GateCharts,
    GateHeatmapTitle,
    GateHeatmapDescription,
    CellLinesTitle,
    CellLinesDescription,
    GateSaturationTitle,
    GateSaturationDescription,
    ShareAxis,
    DrawError,
}

impl GateText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (GateText::CellType, En) => "Cell type",
            (GateText::CellType, Ko) => "셀 종류",
            (GateText::RecurrentActivation, En) => "Gate activation (recurrent_activation)",
            (GateText::RecurrentActivation, Ko) => "게이트 활성화 함수 (recurrent_activation)",
            (GateText::UnitForgetBias, En) => "Forget bias starts at 1 (unit_forget_bias)",
            (GateText::UnitForgetBias, Ko) => "망각 게이트 편향을 1로 시작 (unit_forget_bias)",
            (GateText::ResetAfter, En) => "Reset after the recurrent product (reset_after)",
            (GateText::ResetAfter, Ko) => "순환 곱 뒤에 리셋 적용 (reset_after)",
            (GateText::InputGate, En) => "input gate: how much of the candidate is written",
            (GateText::InputGate, Ko) => "입력 게이트: 후보 값을 얼마나 쓸지",
            (GateText::ForgetGate, En) => "forget gate: how much of c_{t-1} is kept",
            (GateText::ForgetGate, Ko) => "망각 게이트: c_{t-1}을 얼마나 남길지",
            (GateText::OutputGate, En) => "output gate: how much of tanh(c_t) is shown as h_t",
            (GateText::OutputGate, Ko) => "출력 게이트: tanh(c_t)를 h_t로 얼마나 내보낼지",
            (GateText::Candidate, En) => "candidate: the new content",
            (GateText::Candidate, Ko) => "후보 값: 새로 들어올 내용",
            (GateText::UpdateGate, En) => "update gate: how much of h_{t-1} is kept",
            (GateText::UpdateGate, Ko) => "업데이트 게이트: h_{t-1}을 얼마나 남길지",
            (GateText::ResetGate, En) => "reset gate: how much of h_{t-1} the candidate reads",
            (GateText::ResetGate, Ko) => "리셋 게이트: 후보 값이 h_{t-1}을 얼마나 읽을지",
            (GateText::CellState, En) => "cell state",
            (GateText::CellState, Ko) => "셀 상태",
            (GateText::HiddenState, En) => "hidden state",
            (GateText::HiddenState, Ko) => "은닉 상태",
            (GateText::Kept, En) => "kept",
            (GateText::Kept, Ko) => "남긴 값",
            (GateText::Written, En) => "written",
            (GateText::Written, Ko) => "새로 쓴 값",
            (GateText::ResetEntersAfter, En) => {
                "reset_after=True: r multiplies h_{t-1}·U_h + b'_h, after the recurrent product (Keras' default, as cuDNN and PyTorch)"
            }
            (GateText::ResetEntersAfter, Ko) => {
                "reset_after=True: r은 순환 곱 h_{t-1}·U_h + b'_h에 곱해집니다 (Keras 기본값, cuDNN·PyTorch와 같음)"
            }
            (GateText::ResetEntersBefore, En) => {
                "reset_after=False: r multiplies h_{t-1} before the recurrent product"
            }
            (GateText::ResetEntersBefore, Ko) => {
                "reset_after=False: r은 순환 곱 전에 h_{t-1}에 곱해집니다"
            }
            (GateText::GateSum, En) => "sum before the activation",
            (GateText::GateSum, Ko) => "활성화 함수 전의 합",
            (GateText::SelectGate, En) => "Gate",
            (GateText::SelectGate, Ko) => "게이트",
            (GateText::GateReads, En) => "reads",
            (GateText::GateReads, Ko) => "읽는 값:",
            (GateText::CurrentCellState, En) => "Current cell state",
            (GateText::CurrentCellState, Ko) => "현재 셀 상태",
            (GateText::Schematic, En) => "The cell, part by part, with this step's values",
            (GateText::Schematic, Ko) => "이 시점의 값이 담긴 셀 구조",
            (GateText::SchematicHint, En) => {
                "Click a gate or an operation to see what it reads. Each strip shows its values, unit by unit."
            }
            (GateText::GateCharts, En) => "The gates over time",
            (GateText::GateCharts, Ko) => "시간에 따른 게이트",
            (GateText::GateHeatmapTitle, En) => "How open each gate is, per step and unit",
            (GateText::GateHeatmapTitle, Ko) => "시점과 유닛마다 게이트가 열린 정도",
            (GateText::GateHeatmapDescription, En) => {
                "One heatmap per gate: steps across, units down; 1 is red, 0 white"
            }
            (GateText::GateHeatmapDescription, Ko) => {
                "게이트마다 하나씩: 가로는 시점, 세로는 유닛, 1은 빨강, 0은 흰색"
            }
            (GateText::CellLinesTitle, En) => "Cell state c_t beside hidden state h_t",
            (GateText::CellLinesTitle, Ko) => "셀 상태 c_t와 은닉 상태 h_t",
            (GateText::CellLinesDescription, En) => {
                "Lines of c_t, unit by unit, on the left; h_t on the right"
            }
            (GateText::CellLinesDescription, Ko) => {
                "왼쪽은 유닛별 c_t, 오른쪽은 h_t의 선 그래프"
            }
            (GateText::GateSaturationTitle, En) => "Saturated gates: values below 0.05 or above 0.95",
            (GateText::GateSaturationTitle, Ko) => "포화된 게이트: 0.05보다 작거나 0.95보다 큰 값",
            (GateText::GateSaturationDescription, En) => {
                "One line per gate: its share of saturated values at each step"
            }
            (GateText::GateSaturationDescription, Ko) => {
                "게이트마다 한 줄: 시점마다 포화된 값의 비율"
            }
            (GateText::ShareAxis, En) => "share",
            (GateText::ShareAxis, Ko) => "비율",
            (GateText::DrawError, En) => "This chart could not be drawn.",
            (GateText::DrawError, Ko) => "이 그래프를 그리지 못했습니다.",
            (GateText::SchematicHint, Ko) => {
                "게이트나 연산을 누르면 무엇을 읽는지 보입니다. 띠의 색은 유닛별 값입니다."
            }
        }
    }
}

/// The cell's name in the builder's menu.
#[must_use]
pub fn cell_name(cell: CellKind, lang: Lang) -> &'static str {
    match (cell, lang) {
        (CellKind::SimpleRnn, _) => "SimpleRNN",
        (CellKind::Lstm, Lang::En) => "LSTM (gates i, f, o and a cell state)",
        (CellKind::Lstm, Lang::Ko) => "LSTM (게이트 i, f, o와 셀 상태)",
        (CellKind::Gru, Lang::En) => "GRU (gates z, r)",
        (CellKind::Gru, Lang::Ko) => "GRU (게이트 z, r)",
    }
}

/// What a gate does, in `lang`.
#[must_use]
pub fn gate_role_text(role: GateRole, lang: Lang) -> &'static str {
    match role {
        GateRole::Input => GateText::InputGate.text(lang),
        GateRole::Forget => GateText::ForgetGate.text(lang),
        GateRole::CellCandidate | GateRole::HiddenCandidate => GateText::Candidate.text(lang),
        GateRole::Output => GateText::OutputGate.text(lang),
        GateRole::Update => GateText::UpdateGate.text(lang),
        GateRole::Reset => GateText::ResetGate.text(lang),
    }
}

/// The name of a part of the cell drawing, in `lang`.
#[must_use]
pub fn schematic_part_text(part: Part, lang: Lang) -> &'static str {
    use Lang::{En, Ko};
    match (part, lang) {
        (Part::Input, _) => "x_t",
        (Part::PrevHidden, _) => "h_{t-1}",
        (Part::PrevCell, _) => "c_{t-1}",
        (Part::InputGate, En) => "i, input gate",
        (Part::InputGate, Ko) => "i, 입력 게이트",
        (Part::ForgetGate, En) => "f, forget gate",
        (Part::ForgetGate, Ko) => "f, 망각 게이트",
        (Part::CellCandidate, En) => "c̃, candidate",
        (Part::CellCandidate, Ko) => "c̃, 후보 값",
        (Part::OutputGate, En) => "o, output gate",
        (Part::OutputGate, Ko) => "o, 출력 게이트",
        (Part::Kept, _) => "f⊙c_{t-1}",
        (Part::Written, _) => "i⊙c̃",
        (Part::CellSum, _) => "c_t = f⊙c_{t-1} + i⊙c̃",
        (Part::CellActivation, _) => "tanh(c_t)",
        (Part::Hidden, En) => "h_t, the new hidden state",
        (Part::Hidden, Ko) => "h_t, 새 은닉 상태",
        (Part::Cell, En) => "c_t, the new cell state",
        (Part::Cell, Ko) => "c_t, 새 셀 상태",
        (Part::HiddenOut, _) => "h_t",
        (Part::UpdateGate, En) => "z, update gate",
        (Part::UpdateGate, Ko) => "z, 업데이트 게이트",
        (Part::ResetGate, En) => "r, reset gate",
        (Part::ResetGate, Ko) => "r, 리셋 게이트",
        (Part::HiddenCandidate, En) => "h̃, candidate",
        (Part::HiddenCandidate, Ko) => "h̃, 후보 값",
        (Part::ResetProduct, En) => "where r enters",
        (Part::ResetProduct, Ko) => "r이 들어가는 곳",
        (Part::KeptHidden, _) => "z⊙h_{t-1}",
        (Part::OneMinus, _) => "1 − z",
        (Part::WrittenHidden, _) => "(1 − z)⊙h̃",
    }
}

/// The text alternative of a gated cell's chart at its cursor step, in `lang`.
#[must_use]
pub fn gate_chart_summary(chart: &Chart, lang: Lang) -> String {
    let at = |cursor: &Option<usize>| cursor.unwrap_or(0);
    match chart {
        Chart::GateHeatmaps { gates, cursor, .. } => {
            let t = at(cursor);
            let means: Vec<String> = gates
                .iter()
                .filter_map(|(name, v)| {
                    let row = v.outer_iter().nth(t)?;
                    Some(format!("{name} {:.3}", row.mean()?))
                })
                .collect();
            match lang {
                Lang::En => format!(
                    "One heatmap per gate, steps across and units down. At t = {} the gates' mean values are {}.",
                    t + 1,
                    means.join(", ")
                ),
                Lang::Ko => format!(
                    "게이트마다 시점을 가로로, 유닛을 세로로 칠한 그림입니다. t = {}에서 게이트 평균값은 {}입니다.",
                    t + 1,
                    means.join(", ")
                ),
            }
        }
        Chart::CellLines {
            cell,
            hidden,
            cursor,
            ..
        } => {
            let t = at(cursor);
            let range = |a: &ndarray::Array2<f32>| {
                a.outer_iter().nth(t).map_or((0.0, 0.0), |row| {
                    row.iter()
                        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
                            (lo.min(*v), hi.max(*v))
                        })
                })
            };
            let ((c0, c1), (h0, h1)) = (range(cell), range(hidden));
            match lang {
                Lang::En => format!(
                    "The cell state c_t beside the hidden state h_t. At t = {}: c from {c0:.3} to {c1:.3}, h from {h0:.3} to {h1:.3}.",
                    t + 1
                ),
                Lang::Ko => format!(
                    "셀 상태 c_t와 은닉 상태 h_t를 나란히 그렸습니다. t = {}에서 c는 {c0:.3}부터 {c1:.3}까지, h는 {h0:.3}부터 {h1:.3}까지입니다.",
                    t + 1
                ),
            }
        }
        Chart::GateSaturation { gates, cursor, .. } => {
            let t = at(cursor);
            let shares: Vec<String> = gates
                .iter()
                .filter_map(|(name, v)| {
                    let share = gate_saturation(v.view()).get(t).copied().flatten()?;
                    Some(format!("{name} {:.0}%", share * 100.0))
                })
                .collect();
            match lang {
                Lang::En => format!(
                    "Share of each gate's values below 0.05 or above 0.95 per step. At t = {}: {}.",
                    t + 1,
                    shares.join(", ")
                ),
                Lang::Ko => format!(
                    "게이트 값 가운데 0.05보다 작거나 0.95보다 큰 값의 비율입니다. t = {}에서 {}입니다.",
                    t + 1,
                    shares.join(", ")
                ),
            }
        }
        _ => String::new(),
    }
}
