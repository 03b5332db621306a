//! Renders the training charts (loss, gradient flow, spectral radius) natively into SVG
//! strings and checks what was drawn, including odd data: nothing, one point, NaN, zeros.
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

use plotters::prelude::*;
use unrolled::charts::{
    draw_gradient_flow, draw_loss_curve, draw_spectral_radius, unit_color, AxisLabels, ChartError,
    ChartReport, GradientFlowOptions, LossChartOptions, LossSeries, SpectralRadiusOptions,
    TrainingSeries, NAN_COLOR,
};

// ---- helpers -------------------------------------------------------------------------

fn rgb_hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// All `<tag .../>` elements of the SVG, as their raw text.
fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| {
            let rest = &svg[i..];
            let end = rest.find('>').unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = element.find(&key)? + key.len();
    let len = element[start..].find('"')?;
    Some(&element[start..start + len])
}

/// Texts of all `<text>` elements.
fn texts(svg: &str) -> Vec<String> {
    svg.match_indices("<text ")
        .filter_map(|(i, _)| {
            let rest = &svg[i..];
            let start = rest.find('>')? + 1;
            let end = rest.find("</text>")?;
            Some(rest[start..end].trim().to_owned())
        })
        .collect()
}

/// Number of points of a polyline.
fn point_count(element: &str) -> usize {
    attr(element, "points").map_or(0, |p| p.split_whitespace().count())
}

/// Data lines stroked in series colour `i` (full opacity unless `light`): polylines of
/// three or more points (legend swatches and dashes are two-point polylines).
fn polylines_of(svg: &str, i: usize, light: bool) -> usize {
    let color = rgb_hex(unit_color(i));
    elements(svg, "polyline")
        .into_iter()
        .filter(|e| attr(e, "stroke") == Some(color.as_str()) && point_count(e) >= 3)
        .filter(|e| {
            let opacity: f64 = attr(e, "opacity")
                .and_then(|o| o.parse().ok())
                .unwrap_or(1.0);
            if light {
                opacity < 0.9
            } else {
                opacity > 0.9
            }
        })
        .count()
}

/// Two-point polylines stroked in `color`: dashes of dashed paths and legend swatches.
fn segments_of(svg: &str, color: &str) -> usize {
    elements(svg, "polyline")
        .into_iter()
        .filter(|e| attr(e, "stroke") == Some(color) && point_count(e) == 2)
        .count()
}

/// Filled circles of `color`.
fn dots_of(svg: &str, color: &str) -> usize {
    elements(svg, "circle")
        .into_iter()
        .filter(|e| attr(e, "fill") == Some(color))
        .count()
}

/// Hollow circles outlined in `color`.
fn rings_of(svg: &str, color: &str) -> usize {
    elements(svg, "circle")
        .into_iter()
        .filter(|e| attr(e, "stroke") == Some(color) && attr(e, "fill") == Some("none"))
        .count()
}

fn render<F>(size: (u32, u32), draw: F) -> (String, Result<ChartReport, ChartError>)
where
    F: FnOnce(
        &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    ) -> Result<ChartReport, ChartError>,
{
    let mut svg = String::new();
    let result = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).unwrap();
        let result = draw(&root);
        root.present().unwrap();
        result
    };
    (svg, result)
}

/// Writes the SVG to /tmp when `UNROLLED_CHART_DUMP` is set (for looking at the charts).
fn dump(name: &str, svg: &str) {
    if std::env::var_os("UNROLLED_CHART_DUMP").is_some() {
        std::fs::write(format!("/tmp/charts-{name}.svg"), svg).unwrap();
    }
}

fn labels(title: &str, x: &str, y: &str) -> AxisLabels {
    AxisLabels {
        title: title.into(),
        x: x.into(),
        y: y.into(),
    }
}

fn loss_options(log_scale: bool) -> LossChartOptions {
    LossChartOptions {
        loss: labels("Loss", "epoch", "loss"),
        accuracy: labels("Accuracy", "epoch", "accuracy"),
        log_scale,
    }
}

/// A falling loss over `epochs` epochs of `batches` batches, accuracy rising if `scored`.
fn run(name: &str, epochs: usize, batches: usize, scored: bool, start: f32) -> LossSeries {
    let batch_loss: Vec<(f64, f32)> = (0..epochs * batches)
        .map(|i| {
            let x = (i + 1) as f64 / batches as f64;
            let wobble = if i % 2 == 0 { 1.1 } else { 0.9 };
            (x, start * (-0.4 * x as f32).exp() * wobble)
        })
        .collect();
    let epoch_loss = (1..=epochs)
        .map(|e| (e as f64, start * (-0.4 * e as f32).exp()))
        .collect();
    let accuracy = if scored {
        (1..=epochs)
            .map(|e| (e as f64, 1.0 - 0.5 * (-0.5 * e as f32).exp()))
            .collect()
    } else {
        Vec::new()
    };
    LossSeries {
        name: name.into(),
        batch_loss,
        epoch_loss,
        accuracy,
        dashed: false,
    }
}

fn flow_options() -> GradientFlowOptions {
    GradientFlowOptions {
        labels: labels("Gradient flow", "timestep", "‖∂L/∂h_t‖"),
        log_scale: true,
    }
}

fn radius_options() -> SpectralRadiusOptions {
    SpectralRadiusOptions {
        labels: labels("Spectral radius", "epoch", "ρ"),
        reference_label: "ρ = 1".into(),
    }
}

// ---- loss curve ----------------------------------------------------------------------

#[test]
fn loss_curve_draws_batches_epochs_and_an_accuracy_panel() {
    let series = [run("orthogonal", 8, 5, true, 0.7)];
    let (svg, report) = render((640, 420), |a| {
        draw_loss_curve(a, &series, &loss_options(false))
    });
    dump("loss", &svg);
    let report = report.unwrap();
    let t = texts(&svg);
    for word in [
        "Loss",
        "Accuracy",
        "orthogonal",
        "epoch",
        "loss",
        "accuracy",
    ] {
        assert!(t.iter().any(|s| s == word), "{word} missing in {t:?}");
    }
    // Light batch line, bold epoch line (loss) and the accuracy line.
    assert_eq!(polylines_of(&svg, 0, true), 1);
    assert_eq!(polylines_of(&svg, 0, false), 2);
    // One dot per finished epoch, in both panels.
    assert_eq!(dots_of(&svg, &rgb_hex(unit_color(0))), 16);
    assert_eq!(report.legend_entries, 1);
    assert_eq!(report.non_finite_values, 0);
}

#[test]
fn loss_curve_without_accuracy_is_one_panel() {
    let series = [run("", 4, 3, false, 1.0)];
    let (svg, report) = render((640, 420), |a| {
        draw_loss_curve(a, &series, &loss_options(false))
    });
    report.unwrap();
    assert!(!texts(&svg).iter().any(|s| s == "Accuracy"));
    assert_eq!(polylines_of(&svg, 0, false), 1);
}

#[test]
fn two_models_get_two_colours_and_a_dashed_line() {
    let mut second = run("uniform [0, 1)", 6, 4, true, 2.0);
    second.dashed = true;
    let series = [run("orthogonal", 6, 4, true, 0.7), second];
    let (svg, report) = render((640, 420), |a| {
        draw_loss_curve(a, &series, &loss_options(true))
    });
    dump("loss-compare", &svg);
    let report = report.unwrap();
    assert_eq!(report.legend_entries, 2);
    assert_eq!(polylines_of(&svg, 0, false), 2);
    // The dashed model is drawn in short dashes of its colour, not as one long line.
    let second = rgb_hex(unit_color(1));
    assert!(elements(&svg, "polyline")
        .iter()
        .filter(|e| attr(e, "stroke") == Some(second.as_str()))
        .all(|e| point_count(e) <= 3));
    assert!(segments_of(&svg, &rgb_hex(unit_color(1))) > 10);
    assert!(texts(&svg).iter().any(|s| s == "uniform [0, 1)"));
}

#[test]
fn log_loss_handles_nan_zero_and_inf() {
    let series = [LossSeries {
        name: "run".into(),
        batch_loss: vec![
            (0.5, 1.0),
            (1.0, f32::NAN),
            (1.5, 0.0),
            (2.0, f32::INFINITY),
        ],
        epoch_loss: vec![(1.0, 0.5), (2.0, 0.1)],
        accuracy: vec![(1.0, f32::NAN), (2.0, 0.5)],
        dashed: false,
    }];
    let (svg, report) = render((640, 420), |a| {
        draw_loss_curve(a, &series, &loss_options(true))
    });
    let report = report.unwrap();
    assert_eq!(report.non_finite_values, 3);
    assert_eq!(dots_of(&svg, &rgb_hex(NAN_COLOR)), 3);
    // The zero cannot sit on a log axis: a ring on the bottom edge.
    assert_eq!(rings_of(&svg, &rgb_hex(unit_color(0))), 1);
}

#[test]
fn empty_and_single_point_losses_draw_axes_only_or_a_dot() {
    let (svg, report) = render((400, 300), |a| draw_loss_curve(a, &[], &loss_options(true)));
    report.unwrap();
    assert_eq!(
        polylines_of(&svg, 0, false) + polylines_of(&svg, 0, true),
        0
    );
    assert!(texts(&svg).iter().any(|s| s == "Loss"));

    let series = [LossSeries {
        name: "one".into(),
        batch_loss: vec![(0.1, 0.8)],
        ..LossSeries::default()
    }];
    let (svg, report) = render((400, 300), |a| {
        draw_loss_curve(a, &series, &loss_options(false))
    });
    report.unwrap();
    assert_eq!(
        polylines_of(&svg, 0, true) + polylines_of(&svg, 0, false),
        0
    );
    assert_eq!(
        elements(&svg, "circle")
            .iter()
            .filter(|e| attr(e, "fill") == Some(rgb_hex(unit_color(0)).as_str()))
            .count(),
        1
    );
}

#[test]
fn too_small_areas_are_errors() {
    let (_, report) = render((150, 90), |a| draw_loss_curve(a, &[], &loss_options(false)));
    assert!(matches!(report, Err(ChartError::AreaTooSmall { .. })));
    let (_, report) = render((150, 90), |a| draw_gradient_flow(a, &[], &flow_options()));
    assert!(matches!(report, Err(ChartError::AreaTooSmall { .. })));
    let (_, report) = render((150, 90), |a| {
        draw_spectral_radius(a, &[], &radius_options())
    });
    assert!(matches!(report, Err(ChartError::AreaTooSmall { .. })));
}

// ---- gradient flow -------------------------------------------------------------------

#[test]
fn gradient_flow_spans_decades_on_a_log_axis() {
    // Vanishing towards early steps: ‖∂L/∂h_t‖ = 0.3^(T-1-t).
    let vanishing: Vec<f32> = (0..20).map(|t| 0.3f32.powi(19 - t)).collect();
    let exploding: Vec<f32> = (0..20).map(|t| 1.4f32.powi(19 - t)).collect();
    let series = [
        TrainingSeries::indexed("layer 1 →", &vanishing),
        TrainingSeries::indexed("layer 1 ←", &exploding),
    ];
    let (svg, report) = render((640, 360), |a| {
        draw_gradient_flow(a, &series, &flow_options())
    });
    dump("flow", &svg);
    let report = report.unwrap();
    assert_eq!(report.legend_entries, 2);
    assert_eq!(polylines_of(&svg, 0, false), 1);
    assert_eq!(polylines_of(&svg, 1, false), 1);
    let t = texts(&svg);
    // 0.3^19 ≈ 1e-10 and 1.4^19 ≈ 600: whole decades are labelled as powers of ten.
    assert!(t.iter().any(|s| s == "1e-10" || s == "1e-8"), "{t:?}");
    assert!(t.iter().any(|s| s == "100" || s == "1"), "{t:?}");
    for word in ["Gradient flow", "timestep", "layer 1 →", "layer 1 ←"] {
        assert!(t.iter().any(|s| s == word), "{word} missing in {t:?}");
    }
}

#[test]
fn gradient_flow_marks_zeros_and_nan_and_breaks_the_line() {
    let norms = [1e-3, 0.0, 1e-2, f32::NAN, 0.1, 0.3, 1.0];
    let series = [TrainingSeries::indexed("layer 1", &norms)];
    let (svg, report) = render((640, 360), |a| {
        draw_gradient_flow(a, &series, &flow_options())
    });
    dump("flow-odd", &svg);
    let report = report.unwrap();
    assert_eq!(report.non_finite_values, 1);
    assert_eq!(rings_of(&svg, &rgb_hex(unit_color(0))), 1);
    assert_eq!(dots_of(&svg, &rgb_hex(NAN_COLOR)), 1);
    // Runs: [1e-3], [1e-2], [0.1, 0.3, 1.0]: one line, and a dot on every finite point.
    assert_eq!(polylines_of(&svg, 0, false), 1);
    assert_eq!(dots_of(&svg, &rgb_hex(unit_color(0))), 5);
}

#[test]
fn gradient_flow_of_all_zeros_one_step_or_nothing() {
    let zeros = [TrainingSeries::indexed("layer 1", &[0.0; 5])];
    let (svg, report) = render((640, 360), |a| {
        draw_gradient_flow(a, &zeros, &flow_options())
    });
    report.unwrap();
    assert_eq!(rings_of(&svg, &rgb_hex(unit_color(0))), 5);

    let one = [TrainingSeries::indexed("layer 1", &[0.5])];
    let (svg, report) = render((640, 360), |a| draw_gradient_flow(a, &one, &flow_options()));
    report.unwrap();
    assert_eq!(polylines_of(&svg, 0, false), 0);
    assert_eq!(dots_of(&svg, &rgb_hex(unit_color(0))), 1);

    let (svg, report) = render((640, 360), |a| draw_gradient_flow(a, &[], &flow_options()));
    report.unwrap();
    assert_eq!(polylines_of(&svg, 0, false), 0);

    // A linear axis too, for the same odd data.
    let linear = GradientFlowOptions {
        log_scale: false,
        ..flow_options()
    };
    let nan = [TrainingSeries::indexed("layer 1", &[f32::NAN, 1.0, 2.0])];
    let (_, report) = render((640, 360), |a| draw_gradient_flow(a, &nan, &linear));
    assert_eq!(report.unwrap().non_finite_values, 1);
}

// ---- spectral radius -----------------------------------------------------------------

#[test]
fn spectral_radius_has_the_reference_line_at_one() {
    let series = [
        TrainingSeries::indexed("layer 1", &[1.0, 0.98, 0.95, 0.93, 0.92]),
        TrainingSeries {
            dashed: true,
            ..TrainingSeries::indexed("layer 1 (uniform)", &[4.1, 4.0, 3.8, 3.5, 3.3])
        },
    ];
    let (svg, report) = render((640, 360), |a| {
        draw_spectral_radius(a, &series, &radius_options())
    });
    dump("radius", &svg);
    let report = report.unwrap();
    assert_eq!(report.legend_entries, 2);
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "ρ = 1"), "{t:?}");
    assert!(segments_of(&svg, "#5F5F5F") > 5, "dashed reference line");
    assert_eq!(polylines_of(&svg, 0, false), 1);
    assert!(segments_of(&svg, &rgb_hex(unit_color(1))) > 5);
}

#[test]
fn spectral_radius_of_odd_data() {
    let (svg, report) = render((400, 300), |a| {
        draw_spectral_radius(a, &[], &radius_options())
    });
    report.unwrap();
    // Even with no data the reference line is drawn.
    assert!(texts(&svg).iter().any(|s| s == "ρ = 1"));

    let series = [TrainingSeries::indexed(
        "layer 1",
        &[f32::NAN, 0.0, 0.5, 0.7],
    )];
    let (svg, report) = render((400, 300), |a| {
        draw_spectral_radius(a, &series, &radius_options())
    });
    let report = report.unwrap();
    assert_eq!(report.non_finite_values, 1);
    assert_eq!(polylines_of(&svg, 0, false), 1);

    let single = [TrainingSeries::indexed("layer 1", &[1.3])];
    let (svg, report) = render((400, 300), |a| {
        draw_spectral_radius(a, &single, &radius_options())
    });
    report.unwrap();
    assert_eq!(dots_of(&svg, &rgb_hex(unit_color(0))), 1);
}
