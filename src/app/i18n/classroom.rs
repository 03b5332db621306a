//! The words of the classroom: presenting mode, the list of keys, the new-version notice
//! and the charts' text alternatives.

use crate::app::domain::chart_data::Chart;
use crate::app::domain::chart_table::Column;
use crate::app::state::keys::KeyHelp;
use crate::charts::{describe_saturation, describe_series, describe_states};

use super::Lang;

/// A word of presenting mode, the list of keys or the new-version notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "each variant's English text is its documentation"
)]
pub enum ClassroomText {
    Present,
    PresentHint,
    LeavePresenting,
    StepBar,
    Keys,
    KeysHint,
    Close,
    FieldsKeepKeys,
    UpdateReady,
    Reload,
    DataTable,
}

impl ClassroomText {
    /// This text in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        use Lang::{En, Ko};
        match (self, lang) {
            (ClassroomText::Present, En) => "Present",
            (ClassroomText::Present, Ko) => "발표",
            (ClassroomText::PresentHint, En) => "Large type for a projector; Esc leaves",
            (ClassroomText::PresentHint, Ko) => "프로젝터용 큰 화면. Esc로 끝냅니다",
            (ClassroomText::LeavePresenting, En) => "Leave presenting",
            (ClassroomText::LeavePresenting, Ko) => "발표 끝내기",
            (ClassroomText::StepBar, En) => "Step bar",
            (ClassroomText::StepBar, Ko) => "시점 이동",
            (ClassroomText::Keys, En) => "Keyboard shortcuts",
            (ClassroomText::Keys, Ko) => "단축키",
            (ClassroomText::KeysHint, En) => "Keys (?)",
            (ClassroomText::KeysHint, Ko) => "단축키 (?)",
            (ClassroomText::Close, En) => "Close",
            (ClassroomText::Close, Ko) => "닫기",
            (ClassroomText::FieldsKeepKeys, En) => {
                "In a text, number or list field the keys type as usual. On other buttons and checkboxes Space presses them; the other keys still step."
            }
            (ClassroomText::FieldsKeepKeys, Ko) => {
                "글자·숫자 입력란과 목록에서는 키가 원래대로 동작합니다. 다른 버튼과 체크박스에서는 Space가 그것을 누르고, 나머지 키는 그대로 시점을 옮깁니다."
            }
            (ClassroomText::UpdateReady, En) => {
                "A new version of Unrolled has been downloaded; it opens the next time the page loads."
            }
            (ClassroomText::UpdateReady, Ko) => {
                "Unrolled 새 버전을 내려받았습니다. 다음에 페이지를 열면 새 버전이 열립니다."
            }
            (ClassroomText::Reload, En) => "Reload now",
            (ClassroomText::Reload, Ko) => "지금 새로 고침",
            (ClassroomText::DataTable, En) => "Data table",
            (ClassroomText::DataTable, Ko) => "데이터 표",
        }
    }
}

/// What a row of the list of keys does, in `lang`.
#[must_use]
pub fn key_help(help: KeyHelp, lang: Lang) -> &'static str {
    use Lang::{En, Ko};
    match (help, lang) {
        (KeyHelp::Step, En) => "One step back or forward",
        (KeyHelp::Step, Ko) => "한 시점 앞뒤로",
        (KeyHelp::Remote, En) => "One step back or forward (presenter remotes send these)",
        (KeyHelp::Remote, Ko) => "한 시점 앞뒤로 (발표용 리모컨이 보내는 키)",
        (KeyHelp::Jump, En) => "First or last step",
        (KeyHelp::Jump, Ko) => "첫 시점, 마지막 시점",
        (KeyHelp::Play, En) => "Play or pause",
        (KeyHelp::Play, Ko) => "재생, 일시 정지",
        (KeyHelp::List, En) => "This list",
        (KeyHelp::List, Ko) => "이 목록",
        (KeyHelp::Escape, En) => "Close this list; leave presenting",
        (KeyHelp::Escape, Ko) => "이 목록 닫기, 발표 끝내기",
    }
}

/// The one or two sentences a chart's text alternative says, in `lang`: what it shows
/// and its main numbers at the selected step.
#[must_use]
pub fn chart_summary(chart: &Chart, lang: Lang) -> String {
    use Lang::{En, Ko};
    let n = |v: f32| format!("{v:.3}");
    match chart {
        Chart::Lines { states, cursor, .. } => {
            let f = describe_states(states.view(), cursor.unwrap_or(0));
            let (Some(hi), Some(lo)) = (f.highest, f.lowest) else {
                return String::new();
            };
            let (t, hi_v, hi_u, lo_v, lo_u) = (f.step + 1, n(hi.value), hi.at, n(lo.value), lo.at);
            match lang {
                En => format!(
                    "{} units over {} steps. At t = {t} the highest is h[{hi_u}] = {hi_v}, the lowest h[{lo_u}] = {lo_v}.",
                    f.units, f.timesteps
                ),
                Ko => format!(
                    "유닛 {}개, 시점 {}개. t = {t}에서 가장 큰 값은 h[{hi_u}] = {hi_v}, 가장 작은 값은 h[{lo_u}] = {lo_v}입니다.",
                    f.units, f.timesteps
                ),
            }
        }
        Chart::Heatmap { states: None, .. } => String::new(),
        Chart::Heatmap {
            states: Some(states),
            ..
        } => {
            let f = describe_states(states.view(), 0);
            let Some((lo, hi)) = f.range else {
                return String::new();
            };
            match lang {
                En => format!(
                    "Every hidden value, {} steps across and {} units down: from {} to {} (negative blue, 0 white, positive red).",
                    f.timesteps, f.units, n(lo), n(hi)
                ),
                Ko => format!(
                    "모든 은닉 값을 가로로 시점 {}개, 세로로 유닛 {}개씩 칠했습니다. 값은 {}부터 {}까지입니다(음수는 파랑, 0은 흰색, 양수는 빨강).",
                    f.timesteps, f.units, n(lo), n(hi)
                ),
            }
        }
        Chart::Saturation {
            states,
            cursor,
            options,
            ..
        } => {
            let t = cursor.unwrap_or(0);
            let f = describe_saturation(states.view(), t, options.threshold);
            let pct =
                |s: Option<f32>| s.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0));
            let threshold = options.threshold;
            match lang {
                En => format!(
                    "At t = {}, {} of the units are saturated (|h| > {threshold}); {} on average over all steps.",
                    t + 1,
                    pct(f.at_step),
                    pct(f.mean)
                ),
                Ko => format!(
                    "t = {}에서 유닛의 {}가 포화 상태입니다(|h| > {threshold}). 모든 시점의 평균은 {}입니다.",
                    t + 1,
                    pct(f.at_step),
                    pct(f.mean)
                ),
            }
        }
        Chart::Loss { series, .. } => series_summary(
            series
                .iter()
                .map(|s| (s.name.as_str(), s.epoch_loss.as_slice())),
            SeriesWords::Loss,
            lang,
        ),
        // A flow chart on a linear axis draws plain values (the prediction and target).
        Chart::Flow { series, options } => series_summary(
            series
                .iter()
                .map(|s| (s.name.as_str(), s.points.as_slice())),
            if options.log_scale {
                SeriesWords::Flow
            } else {
                SeriesWords::Values
            },
            lang,
        ),
        Chart::Radius { series, .. } => series_summary(
            series
                .iter()
                .map(|s| (s.name.as_str(), s.points.as_slice())),
            SeriesWords::Radius,
            lang,
        ),
        Chart::GateHeatmaps { .. } | Chart::CellLines { .. } | Chart::GateSaturation { .. } => {
            super::gates::gate_chart_summary(chart, lang)
        }
    }
}

#[derive(Clone, Copy)]
enum SeriesWords {
    Loss,
    Flow,
    Values,
    Radius,
}

fn series_summary<'a>(
    series: impl Iterator<Item = (&'a str, &'a [(f64, f32)])>,
    words: SeriesWords,
    lang: Lang,
) -> String {
    use Lang::{En, Ko};
    let sentences: Vec<String> = series
        .filter_map(|(name, points)| {
            let f = describe_series(points);
            let (first, last) = (f.first?, f.last?);
            let name = if name.is_empty() {
                String::new()
            } else {
                format!("{name}: ")
            };
            let (a, b) = (format!("{:.3}", first.value), format!("{:.3}", last.value));
            Some(match (words, lang) {
                (SeriesWords::Loss, En) => format!(
                    "{name}loss {a} after epoch {}, {b} after epoch {}.",
                    first.at + 1.0,
                    last.at + 1.0
                ),
                (SeriesWords::Loss, Ko) => format!(
                    "{name}에포크 {} 뒤 손실 {a}, 에포크 {} 뒤 {b}.",
                    first.at + 1.0,
                    last.at + 1.0
                ),
                (SeriesWords::Flow, En) => {
                    format!("{name}‖∂L/∂h_t‖ is {a} at the first step and {b} at the last.")
                }
                (SeriesWords::Flow, Ko) => {
                    format!("{name}‖∂L/∂h_t‖는 첫 시점에서 {a}, 마지막 시점에서 {b}입니다.")
                }
                (SeriesWords::Values, En) => {
                    format!("{name}{a} at the first step and {b} at the last.")
                }
                (SeriesWords::Values, Ko) => {
                    format!("{name}첫 시점에서 {a}, 마지막 시점에서 {b}입니다.")
                }
                (SeriesWords::Radius, En) => {
                    format!("{name}spectral radius {a} at first, {b} now.")
                }
                (SeriesWords::Radius, Ko) => {
                    format!("{name}스펙트럼 반경은 처음 {a}, 지금 {b}입니다.")
                }
            })
        })
        .collect();
    if sentences.is_empty() {
        match lang {
            En => "Nothing drawn yet.".to_owned(),
            Ko => "아직 그린 값이 없습니다.".to_owned(),
        }
    } else {
        sentences.join(" ")
    }
}

/// A column header of a chart's data table.
#[must_use]
pub fn column_header(column: &Column, lang: Lang) -> String {
    match (column, lang) {
        (Column::Step, _) => "t".to_owned(),
        (Column::Unit(i), _) => format!("h[{i}]"),
        (Column::SaturatedShare, Lang::En) => "saturated (%)".to_owned(),
        (Column::SaturatedShare, Lang::Ko) => "포화 (%)".to_owned(),
        (Column::X, Lang::En) => "x".to_owned(),
        (Column::X, Lang::Ko) => "x".to_owned(),
        (Column::Series(name), _) => name.clone(),
    }
}

/// The note under a thinned table.
#[must_use]
pub fn left_out_text((rows, columns): (usize, usize), lang: Lang) -> Option<String> {
    (rows + columns > 0).then(|| match lang {
        Lang::En => format!("Evenly thinned: {rows} rows and {columns} columns are not printed."),
        Lang::Ko => {
            format!("고르게 골라 실었습니다. 행 {rows}개와 열 {columns}개는 싣지 않았습니다.")
        }
    })
}
