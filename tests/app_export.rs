//! Exports of the page, natively: the hidden-state CSV and JSON and the step trace.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::float_cmp,
    clippy::many_single_char_names,
    clippy::unreadable_literal,
    clippy::print_stdout,
    clippy::items_after_statements,
    reason = "tests compare exact values from fixtures, cast small sizes, use the formulas' one-letter names and print their figures"
)]

use unrolled::app::domain::export::{
    hidden_states_csv, hidden_states_json, step_trace_json, ExportError,
};
use unrolled::app::domain::labels::ChartLabels;
use unrolled::app::domain::presets::Preset;
use unrolled::app::i18n::Lang;
use unrolled::app::state::AppState;
use unrolled::rnn::Direction;

#[test]
fn csv_has_one_row_per_example_and_timestep() {
    let state = AppState::with_preset(Lang::En, Preset::ReturnSequences);
    let session = state.session.clone().unwrap();
    let csv = hidden_states_csv(&session, 0, Direction::Forward);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "example,timestep,h0,h1,h2");
    let (batch, timesteps) = session.dims();
    assert_eq!(lines.len(), 1 + batch * timesteps);
    let states = session.states(0, Direction::Forward, 1).unwrap();
    let row: Vec<f32> = lines[1 + timesteps + 1]
        .split(',')
        .skip(2)
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(row, states.row(1).to_vec());
}

#[test]
fn json_lists_every_direction_and_the_trace_has_h_t() {
    let state = AppState::with_preset(Lang::En, Preset::DeepBidirectional);
    let session = state.session.clone().unwrap();
    let json: serde_json::Value = serde_json::from_str(&hidden_states_json(&session)).unwrap();
    assert_eq!(json["layers"].as_array().unwrap().len(), 8);
    let trace: serde_json::Value =
        serde_json::from_str(&step_trace_json(&session, state.selection).unwrap()).unwrap();
    assert_eq!(trace["h_t"].as_array().unwrap().len(), 8);
}

/// The plots of what `state` shows, in its language.
fn plots_svg(state: &AppState) -> Result<String, ExportError> {
    let session = state.session.as_ref().ok_or(ExportError::NoPlots)?;
    let labels = ChartLabels::new(state.lang, state.selection.layer);
    unrolled::app::domain::export::plots_svg(session, state.selection, &labels)
}

#[test]
fn plots_svg_holds_the_three_titled_charts() {
    use unrolled::app::i18n::charts::ChartText as Text;
    for (preset, lang) in [
        (Preset::NumpyLoop, Lang::En),
        (Preset::DeepBidirectional, Lang::Ko),
    ] {
        let state = AppState::with_preset(lang, preset);
        let svg = plots_svg(&state).unwrap();
        assert!(svg.trim_start().starts_with("<svg"), "{preset:?}");
        assert!(svg.trim_end().ends_with("</svg>"), "{preset:?}");
        for title in [Text::LinesTitle, Text::HeatmapTitle, Text::SaturationTitle] {
            let title = title.text(lang);
            assert!(svg.contains(title), "{preset:?}: no title {title}");
        }
        let units = state
            .session
            .as_ref()
            .unwrap()
            .states(0, Direction::Forward, 0);
        let polylines = svg.matches("<polyline").count();
        assert!(
            polylines >= units.unwrap().ncols(),
            "{preset:?}: {polylines} polylines"
        );
    }
}

#[test]
fn exported_diagram_svg_carries_the_page_styles() {
    let svg =
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg"><rect class="cell"/></svg>"#;
    let styled = unrolled::app::domain::export::with_page_styles(svg);
    assert!(styled.starts_with(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg"><style><![CDATA["#
    ));
    assert!(
        styled.contains(".diagram-svg") || styled.contains(".cell"),
        "the diagram's rules are embedded"
    );
    assert!(styled.ends_with(r#"]]></style><rect class="cell"/></svg>"#));
    assert_eq!(
        styled.matches("]]>").count(),
        1,
        "the style sheet cannot close the CDATA section early"
    );
}
