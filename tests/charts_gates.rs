//! The gated cells' charts, drawn natively into SVG: a heatmap per gate, `c_t` beside
//! `h_t`, and each gate's saturated share per step, on a real LSTM's gate series.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test stops at the first broken fixture or setup, and says which"
)]

use ndarray::{array, Array2};
use plotters::prelude::*;
use unrolled::charts::{
    draw_cell_and_hidden, draw_gate_heatmaps, draw_gate_saturation, gate_saturation, AxisLabels,
    ChartError, GateValues, HeatmapOptions, HiddenLinesOptions, YRange,
};
use unrolled::model::CaseSpec;
use unrolled::rnn::{Direction, GateSeries, Input};

/// An LSTM(3) on 12 steps of 2 features: its gate series and hidden states.
fn lstm_series() -> (GateSeries, Array2<f32>) {
    let inputs: Vec<Vec<[f32; 2]>> = vec![(0..12)
        .map(|t| [(t as f32 * 0.7).sin() * 3.0, (t as f32 * 0.3).cos()])
        .collect()];
    let text = serde_json::json!({
        "input": {"features": 2},
        "layers": [{"type": "lstm", "units": 3, "return_sequences": true}],
        "init": {"scheme": "keras", "seed": 3},
        "inputs": inputs,
    })
    .to_string();
    let case = CaseSpec::from_json(&text).unwrap();
    let stack = case.stack().unwrap();
    let x = match &case.inputs {
        unrolled::model::CaseInputs::Features(x) => x.clone(),
        unrolled::model::CaseInputs::Tokens(_) => panic!("features"),
    };
    let out = stack.forward(Input::Features(x.view())).unwrap();
    let series = stack
        .gate_series(Input::Features(x.view()), &out, 0, Direction::Forward, 0)
        .unwrap();
    let h = out.layers[0]
        .states(Direction::Forward)
        .unwrap()
        .index_axis(ndarray::Axis(0), 0)
        .to_owned();
    (series, h)
}

/// Whether the SVG draws `text` as one text element.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn svg(
    size: (u32, u32),
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, plotters::coord::Shift>),
) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&root);
        root.present().unwrap();
    }
    out
}

#[test]
fn saturation_counts_values_under_005_and_over_095() {
    let values = array![
        [0.01_f32, 0.5, 0.99, 0.96],
        [0.5, 0.5, 0.5, 0.05],
        [f32::NAN, 0.0, 1.0, 0.2]
    ];
    let shares = gate_saturation(values.view());
    assert_eq!(shares, [Some(0.75), Some(0.0), Some(2.0 / 3.0)]);
    assert_eq!(gate_saturation(array![[f32::NAN]].view()), [None]);
}

#[test]
fn every_gate_gets_a_titled_heatmap_and_a_saturation_line() {
    let (series, h) = lstm_series();
    let GateSeries::Lstm {
        input_gate,
        forget_gate,
        candidate,
        output_gate,
        cell,
    } = series
    else {
        panic!("an LSTM series");
    };
    let gates = [
        GateValues {
            name: "i",
            values: input_gate.view(),
        },
        GateValues {
            name: "f",
            values: forget_gate.view(),
        },
        GateValues {
            name: "c̃",
            values: candidate.view(),
        },
        GateValues {
            name: "o",
            values: output_gate.view(),
        },
    ];
    let heat = svg((600, 800), |area| {
        let report = draw_gate_heatmaps(area, &gates, Some(4), &HeatmapOptions::default()).unwrap();
        assert!(report.cursor_drawn);
        assert_eq!(report.grid, Some((12, 3)));
    });
    for name in ["i", "f", "c̃", "o"] {
        assert!(has_text(&heat, name), "title {name}");
    }
    // 4 panels × 12 steps × 3 units cells.
    assert!(heat.matches("<rect").count() >= 4 * 12 * 3, "cells drawn");

    let labels = AxisLabels {
        title: "saturated share".into(),
        x: "timestep".into(),
        y: "share".into(),
    };
    let sat = svg((600, 300), |area| {
        let report = draw_gate_saturation(area, &gates, Some(11), &labels).unwrap();
        assert_eq!(report.legend_entries, 4);
        assert!(report.cursor_drawn);
    });
    assert!(has_text(&sat, "saturated share"));
    assert!(has_text(&sat, "f"));
    // One saturation line per gate: the shares the function computes are what is drawn.
    let f_share = gate_saturation(forget_gate.view());
    assert_eq!(f_share.len(), 12);
    assert!(f_share
        .iter()
        .all(|s| s.is_some_and(|s| (0.0..=1.0).contains(&s))));

    let lines = HiddenLinesOptions {
        labels: AxisLabels {
            title: "c_t".into(),
            ..AxisLabels::default()
        },
        y_range: YRange::FitData,
        unit_prefix: "c".into(),
        ..HiddenLinesOptions::default()
    };
    let hidden = HiddenLinesOptions {
        labels: AxisLabels {
            title: "h_t".into(),
            ..AxisLabels::default()
        },
        ..HiddenLinesOptions::default()
    };
    let both = svg((800, 300), |area| {
        let report =
            draw_cell_and_hidden(area, cell.view(), h.view(), Some(3), (&lines, &hidden)).unwrap();
        assert_eq!(report.legend_entries, 6);
        assert!(report.cursor_drawn);
    });
    assert!(has_text(&both, "c_t") && has_text(&both, "h_t"));
    assert!(has_text(&both, "c[2]") && has_text(&both, "h[2]"));
}

#[test]
fn mismatched_or_tiny_inputs_are_refused_not_drawn() {
    let (_, h) = lstm_series();
    let other = Array2::<f32>::zeros((5, 3));
    let opts = HiddenLinesOptions::default();
    svg((800, 300), |area| {
        assert!(matches!(
            draw_cell_and_hidden(area, other.view(), h.view(), None, (&opts, &opts)),
            Err(ChartError::ShapeMismatch { .. })
        ));
    });
    svg((100, 50), |area| {
        let gates = [GateValues {
            name: "f",
            values: h.view(),
        }];
        assert!(matches!(
            draw_gate_saturation(area, &gates, None, &AxisLabels::default()),
            Err(ChartError::AreaTooSmall { .. })
        ));
    });
}
