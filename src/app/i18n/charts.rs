//! The words of the diagram and the plots, and the chart labels built from them.

use crate::app::domain::labels::{ChartLabels, DiagramLabels};

use super::page::Text;
use super::Lang;

/// A word of the diagram or the plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ChartText {
    UnrolledDiagram,
    DiagramCell,
    StepsHidden,
    Charts,
    LinesTitle,
    HeatmapTitle,
    SaturationTitle,
    Value,
    Unit,
    ColorBar,
    ShareSaturated,
    Histogram,
    LinesDescription,
    HeatmapDescription,
    SaturationDescription,
    SaturationNote,
    DrawError,
    ZAxis,
    CountAxis,
    RowInput,
    RowOutput,
    RowLayer,
    KeyTitle,
    KeyValues,
    KeyStrip,
    KeyPending,
    KeyActive,
    KeyShape,
}

impl ChartText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ChartText::UnrolledDiagram, En) => "Unrolled diagram",
            (ChartText::UnrolledDiagram, Ko) => "펼친 RNN 그림",
            (ChartText::DiagramCell, En) => "Layer {layer}, {direction}, timestep {t}",
            (ChartText::DiagramCell, Ko) => "층 {layer}, {direction}, 시점 {t}",
            (ChartText::StepsHidden, En) => "{n} steps hidden",
            (ChartText::StepsHidden, Ko) => "{n}개 시점 생략",
            (ChartText::Charts, En) => "Plots",
            (ChartText::Charts, Ko) => "그래프",
            (ChartText::LinesTitle, En) => "Hidden state over time",
            (ChartText::LinesTitle, Ko) => "시점에 따른 은닉 상태",
            (ChartText::HeatmapTitle, En) => "All hidden states (time × unit)",
            (ChartText::HeatmapTitle, Ko) => "모든 은닉 상태 (시점 × 유닛)",
            (ChartText::SaturationTitle, En) => "Saturation",
            (ChartText::SaturationTitle, Ko) => "포화",
            (ChartText::Value, En) => "value",
            (ChartText::Value, Ko) => "값",
            (ChartText::Unit, En) => "unit",
            (ChartText::Unit, Ko) => "유닛",
            (ChartText::ColorBar, En) => "h",
            (ChartText::ColorBar, Ko) => "h",
            (ChartText::ShareSaturated, En) => "share of units with |h| > 0.99",
            (ChartText::ShareSaturated, Ko) => "|h| > 0.99인 유닛 비율",
            (ChartText::Histogram, En) => "z_t at this step, with tanh(z)",
            (ChartText::Histogram, Ko) => "이 시점의 z_t와 tanh(z)",
            (ChartText::LinesDescription, En) => "One line per hidden unit over time, with a cursor at the current step",
            (ChartText::LinesDescription, Ko) => "은닉 유닛마다 시점에 따른 선, 현재 시점에 커서",
            (ChartText::HeatmapDescription, En) => "Heatmap of every hidden value, timesteps across, units down",
            (ChartText::HeatmapDescription, Ko) => "모든 은닉 값의 히트맵, 가로는 시점, 세로는 유닛",
            (ChartText::SaturationDescription, En) => {
                "Bars: share of units near ±1 at each step; histogram of pre-activations at the current step"
            }
            (ChartText::SaturationDescription, Ko) => {
                "막대: 시점마다 ±1 가까이 포화된 유닛 비율, 현재 시점의 활성화 전 값 히스토그램"
            }
            (ChartText::SaturationNote, En) => {
                "When every weight is positive (uniform [0, 1), as in the numpy example), z_t grows \
                 past 3 after a step or two and tanh(z) is then within 0.01 of 1: the units saturate, \
                 and the hidden state stops carrying information about the input."
            }
            (ChartText::SaturationNote, Ko) => {
                "가중치가 모두 양수이면 (numpy 예제처럼 균등 [0, 1)) 한두 시점 만에 z_t가 3을 넘고, \
                 tanh(z)는 1에 0.01 이내로 가까워집니다. 유닛이 포화되어 은닉 상태가 입력에 대한 정보를 \
                 더 이상 담지 못합니다."
            }
            (ChartText::DrawError, En) => "This chart could not be drawn",
            (ChartText::DrawError, Ko) => "그래프를 그리지 못했습니다",
            (ChartText::ZAxis, En) => "z_t (before tanh)",
            (ChartText::ZAxis, Ko) => "z_t (tanh 이전 값)",
            (ChartText::CountAxis, En) => "units",
            (ChartText::CountAxis, Ko) => "유닛 수",
            (ChartText::RowLayer, En) => "Layer",
            (ChartText::RowLayer, Ko) => "층",
            (ChartText::RowInput, En) => "input",
            (ChartText::RowInput, Ko) => "입력",
            (ChartText::RowOutput, En) => "output",
            (ChartText::RowOutput, Ko) => "출력",
            (ChartText::KeyTitle, En) => "How to read the diagram",
            (ChartText::KeyTitle, Ko) => "그림 읽는 법",
            (ChartText::KeyValues, En) => "value of h: −1 blue, 0 white, +1 red",
            (ChartText::KeyValues, Ko) => "h의 값 (−1 파랑, 0 흰색, +1 빨강)",
            (ChartText::KeyStrip, En) => "the strip in a cell: one stripe per hidden unit of h_t",
            (ChartText::KeyStrip, Ko) => "셀 안의 띠는 h_t의 은닉 유닛마다 한 칸",
            (ChartText::KeyPending, En) => "faded: not computed yet at this step",
            (ChartText::KeyPending, Ko) => "흐린 셀은 이 시점까지 아직 계산하지 않은 셀",
            (ChartText::KeyActive, En) => "thick blue frame: the step the equation below shows",
            (ChartText::KeyActive, Ko) => "굵은 파란 테두리는 아래 식이 보여 주는 시점",
            (ChartText::KeyShape, En) => "the shapes at the left are the input's and the output's, batch first, as Keras prints them",
            (ChartText::KeyShape, Ko) => "왼쪽 괄호는 입력과 출력의 모양입니다 (Keras처럼 배치가 먼저)",
        }
    }
}

impl ChartLabels {
    /// The words of the charts of recurrent layer `layer` (0-based) in `lang`.
    #[must_use]
    pub fn new(lang: Lang, layer: usize) -> Self {
        let t = |key: ChartText| key.text(lang);
        let layer_no = layer + 1;
        Self {
            lines_title: format!(
                "{} · {} {layer_no}",
                t(ChartText::LinesTitle),
                Text::Layer.text(lang)
            ),
            heatmap_title: t(ChartText::HeatmapTitle).into(),
            saturation_title: t(ChartText::SaturationTitle).into(),
            timestep: Text::Timestep.text(lang).into(),
            value: t(ChartText::Value).into(),
            unit: t(ChartText::Unit).into(),
            unit_prefix: "h".into(),
            colorbar: t(ChartText::ColorBar).into(),
            share_saturated: t(ChartText::ShareSaturated).into(),
            histogram: t(ChartText::Histogram).into(),
            z_axis: t(ChartText::ZAxis).into(),
            count_axis: t(ChartText::CountAxis).into(),
            lines_description: t(ChartText::LinesDescription).into(),
            heatmap_description: t(ChartText::HeatmapDescription).into(),
            saturation_description: t(ChartText::SaturationDescription).into(),
            draw_error: t(ChartText::DrawError).into(),
        }
    }
}

impl DiagramLabels {
    /// The diagram's words in `lang`.
    #[must_use]
    pub fn new(lang: Lang) -> Self {
        let t = |key: ChartText| key.text(lang);
        Self {
            title: t(ChartText::UnrolledDiagram).into(),
            input: "x".into(),
            output: "y".into(),
            forward: Text::Forward.text(lang).into(),
            backward: Text::Backward.text(lang).into(),
            cell_template: t(ChartText::DiagramCell).into(),
            skipped_template: t(ChartText::StepsHidden).into(),
            embedding: "e".into(),
            dense: String::new(),
            layer: t(ChartText::RowLayer).into(),
            input_row: t(ChartText::RowInput).into(),
            output_row: t(ChartText::RowOutput).into(),
            embedding_row: "Embedding".into(),
            dense_row: "Dense".into(),
            key_title: t(ChartText::KeyTitle).into(),
            key_values: t(ChartText::KeyValues).into(),
            key_strip: t(ChartText::KeyStrip).into(),
            key_pending: t(ChartText::KeyPending).into(),
            key_active: t(ChartText::KeyActive).into(),
            key_shape: t(ChartText::KeyShape).into(),
        }
    }
}
