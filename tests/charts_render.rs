//! Renders every chart natively into SVG strings and checks what was drawn.
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

use ndarray::{Array2, ArrayView2};
use plotters::prelude::*;
use unrolled::charts::{
    diverging_color, draw_hidden_state_heatmap, draw_hidden_state_lines, draw_saturation,
    saturated_share, unit_color, AxisLabels, CellDrawing, ChartError, ChartReport, HeatmapOptions,
    HiddenLinesOptions, SaturationOptions, YRange, CURSOR_COLOR, NAN_COLOR,
};

// ---- helpers -------------------------------------------------------------------------

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

fn rgb_hex(c: RGBColor) -> String {
    hex((c.0, c.1, c.2))
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

/// Polylines drawn in one of the unit colours (the data lines; axes and grid are grey or black).
fn unit_polylines(svg: &str) -> usize {
    let palette: Vec<String> = (0..8).map(|u| rgb_hex(unit_color(u))).collect();
    elements(svg, "polyline")
        .into_iter()
        .filter(|e| attr(e, "stroke").is_some_and(|s| palette.iter().any(|p| p == s)))
        .count()
}

/// Opaque filled rects of one colour.
fn filled_rects_with(svg: &str, color: &str) -> usize {
    elements(svg, "rect")
        .into_iter()
        .filter(|e| attr(e, "fill") == Some(color) && attr(e, "opacity") == Some("1"))
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

/// Deterministic values in [-1, 1) (a small LCG, so the tests need no rand crate).
fn wave(steps: usize, units: usize) -> Array2<f32> {
    Array2::from_shape_fn((steps, units), |(t, u)| {
        ((t as f32 * 0.35 + u as f32 * 0.9).sin() * 0.95).clamp(-1.0, 1.0)
    })
}

/// The seed's numpy example: W, U, b ~ uniform [0, 1), x ~ uniform [0, 1), `h_t` = `tanh(z_t)`,
/// `z_t` = `x_t` W + h_{t-1} U + b. All-positive weights push z far above 3, so h saturates at 1.
fn seed_example(steps: usize, units: usize, inputs: usize) -> (Array2<f32>, Array2<f32>) {
    let mut state = 42u64;
    let mut uniform = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 40) as f32 / (1u64 << 24) as f32
    };
    let w = Array2::from_shape_fn((inputs, units), |_| uniform());
    let u = Array2::from_shape_fn((units, units), |_| uniform());
    let b = Array2::from_shape_fn((1, units), |_| uniform());
    let x = Array2::from_shape_fn((steps, inputs), |_| uniform());
    let mut h = Array2::<f32>::zeros((1, units));
    let mut hs = Array2::<f32>::zeros((steps, units));
    let mut zs = Array2::<f32>::zeros((steps, units));
    for t in 0..steps {
        let z = x.row(t).insert_axis(ndarray::Axis(0)).dot(&w) + h.dot(&u) + &b;
        h = z.mapv(f32::tanh);
        zs.row_mut(t).assign(&z.row(0));
        hs.row_mut(t).assign(&h.row(0));
    }
    (hs, zs)
}

fn english_lines() -> HiddenLinesOptions {
    HiddenLinesOptions {
        labels: AxisLabels {
            title: "Hidden state".into(),
            x: "timestep".into(),
            y: "h".into(),
        },
        ..HiddenLinesOptions::default()
    }
}

/// Writes the SVG to /tmp when `UNROLLED_CHART_DUMP` is set (for looking at the charts).
fn dump(name: &str, svg: &str) {
    if std::env::var_os("UNROLLED_CHART_DUMP").is_some() {
        std::fs::write(format!("/tmp/charts-{name}.svg"), svg).unwrap();
    }
}

// ---- line chart ----------------------------------------------------------------------

#[test]
fn lines_one_polyline_per_unit_with_legend_and_cursor() {
    let states = wave(20, 4);
    let (svg, report) = render((640, 360), |a| {
        draw_hidden_state_lines(a, states.view(), Some(7), &english_lines())
    });
    let report = report.unwrap();
    dump("lines", &svg);
    assert_eq!(unit_polylines(&svg), 4);
    let t = texts(&svg);
    for u in 0..4 {
        assert!(
            t.contains(&format!("h[{u}]")),
            "legend h[{u}] missing: {t:?}"
        );
    }
    assert!(t.contains(&"Hidden state".to_owned()));
    assert!(t.contains(&"timestep".to_owned()));
    assert!(report.cursor_drawn);
    assert_eq!(report.legend_entries, 4);
    let cursor = rgb_hex(CURSOR_COLOR);
    let cursors = elements(&svg, "rect")
        .into_iter()
        .filter(|e| attr(e, "fill") == Some(cursor.as_str()))
        .count();
    assert_eq!(cursors, 1);
    // Each unit line has all 20 points.
    let first = elements(&svg, "polyline")
        .into_iter()
        .find(|e| attr(e, "stroke") == Some(rgb_hex(unit_color(0)).as_str()))
        .unwrap();
    assert_eq!(
        attr(first, "points").unwrap().split_whitespace().count(),
        20
    );
}

#[test]
fn lines_korean_labels_are_passed_through() {
    let opts = HiddenLinesOptions {
        labels: AxisLabels {
            title: "은닉 상태".into(),
            x: "시간 단계".into(),
            y: "값".into(),
        },
        ..HiddenLinesOptions::default()
    };
    let (svg, report) = render((640, 360), |a| {
        draw_hidden_state_lines(a, wave(5, 2).view(), Some(0), &opts)
    });
    report.unwrap();
    let t = texts(&svg);
    for word in ["은닉 상태", "시간 단계", "값"] {
        assert!(t.contains(&word.to_owned()), "{word} missing: {t:?}");
    }
}

#[test]
fn lines_many_units_keep_all_lines_but_shorten_legend() {
    let states = wave(30, 64);
    let (svg, report) = render((640, 400), |a| {
        draw_hidden_state_lines(a, states.view(), Some(29), &english_lines())
    });
    let report = report.unwrap();
    assert_eq!(unit_polylines(&svg), 64);
    assert_eq!(report.legend_entries, 12);
    let t = texts(&svg);
    assert!(t.contains(&"h[10]".to_owned()));
    assert!(!t.contains(&"h[11]".to_owned()));
    assert!(t.contains(&"… +53".to_owned()), "{t:?}");
}

#[test]
fn lines_fit_data_range_and_constant_data() {
    let opts = HiddenLinesOptions {
        y_range: YRange::FitData,
        ..english_lines()
    };
    let constant = Array2::from_elem((6, 2), 0.25f32);
    let (svg, report) = render((500, 300), |a| {
        draw_hidden_state_lines(a, constant.view(), Some(2), &opts)
    });
    report.unwrap();
    assert_eq!(unit_polylines(&svg), 2);
    // Extreme finite values do not overflow the fitted range.
    let extreme = ndarray::arr2(&[[f32::MAX], [-f32::MAX], [0.0]]);
    let (svg, report) = render((500, 300), |a| {
        draw_hidden_state_lines(a, extreme.view(), Some(1), &opts)
    });
    report.unwrap();
    assert_eq!(unit_polylines(&svg), 1);
    // With a fixed range, data far outside is clamped into the plot, not drawn off-canvas.
    let wild = Array2::from_elem((4, 1), 50.0f32);
    let (svg, report) = render((500, 300), |a| {
        draw_hidden_state_lines(a, wild.view(), None, &english_lines())
    });
    assert!(!report.unwrap().cursor_drawn);
    let line = elements(&svg, "polyline")
        .into_iter()
        .find(|e| attr(e, "stroke") == Some(rgb_hex(unit_color(0)).as_str()))
        .unwrap();
    for point in attr(line, "points").unwrap().split_whitespace() {
        let y: i32 = point.split(',').nth(1).unwrap().parse().unwrap();
        assert!((0..300).contains(&y), "{point}");
    }
}

#[test]
fn lines_nan_breaks_the_line_and_is_reported() {
    let mut states = wave(10, 2);
    states[[4, 0]] = f32::NAN;
    states[[7, 1]] = f32::INFINITY;
    let (svg, report) = render((500, 300), |a| {
        draw_hidden_state_lines(a, states.view(), Some(4), &english_lines())
    });
    let report = report.unwrap();
    assert_eq!(report.non_finite_values, 2);
    // Each unit is split in two runs.
    assert_eq!(unit_polylines(&svg), 4);
    let nan = rgb_hex(NAN_COLOR);
    let markers = elements(&svg, "circle")
        .into_iter()
        .filter(|e| attr(e, "fill") == Some(nan.as_str()))
        .count();
    assert_eq!(markers, 2);
    assert!(!svg.contains("NaN"));
}

#[test]
fn lines_edge_shapes_do_not_fail() {
    for (steps, units) in [(0, 0), (0, 3), (1, 1), (1, 5), (3, 0), (2, 1)] {
        let states = Array2::<f32>::zeros((steps, units));
        let (svg, report) = render((400, 240), |a| {
            draw_hidden_state_lines(a, states.view(), Some(0), &english_lines())
        });
        let report = report.unwrap_or_else(|e| panic!("{steps}x{units}: {e}"));
        assert_eq!(report.cursor_drawn, steps > 0);
        if steps > 0 {
            assert_eq!(unit_polylines(&svg), units, "{steps}x{units}");
        }
    }
}

#[test]
fn lines_too_small_area_and_bad_range_are_errors() {
    let states = wave(3, 2);
    let (_, report) = render((60, 40), |a| {
        draw_hidden_state_lines(a, states.view(), None, &english_lines())
    });
    assert!(matches!(report, Err(ChartError::AreaTooSmall { .. })));
    let opts = HiddenLinesOptions {
        y_range: YRange::Fixed {
            min: 1.0,
            max: f32::NAN,
        },
        ..english_lines()
    };
    let (_, report) = render((400, 300), |a| {
        draw_hidden_state_lines(a, states.view(), None, &opts)
    });
    assert!(matches!(report, Err(ChartError::InvalidRange { .. })));
}

// ---- heatmap -------------------------------------------------------------------------

fn heatmap_opts() -> HeatmapOptions {
    HeatmapOptions {
        labels: AxisLabels {
            title: "Hidden state heatmap".into(),
            x: "timestep".into(),
            y: "unit".into(),
        },
        ..HeatmapOptions::default()
    }
}

#[test]
fn heatmap_small_draws_every_cell_colour_bar_and_cursor() {
    let states = wave(12, 6);
    let (svg, report) = render((640, 360), |a| {
        draw_hidden_state_heatmap(a, states.view(), Some(5), &heatmap_opts())
    });
    let report = report.unwrap();
    dump("heatmap", &svg);
    assert_eq!(report.grid, Some((12, 6)));
    assert!(report.cursor_drawn);
    // The cell colours are those of the values.
    assert!(svg.contains(&format!(
        "fill=\"{}\"",
        hex(diverging_color(states[[0, 0]]))
    )));
    // Colour bar: both ends of the scale and its value labels.
    let end = 1.0 - 1.0 / 64.0;
    assert_eq!(filled_rects_with(&svg, &hex(diverging_color(-end))), 1);
    assert_eq!(filled_rects_with(&svg, &hex(diverging_color(end))), 1);
    let t = texts(&svg);
    for label in ["-1.0", "0.0", "1.0", "h", "unit", "timestep"] {
        assert!(t.contains(&label.to_owned()), "{label} missing: {t:?}");
    }
    // Cursor outline: an unfilled rect in the cursor colour.
    let cursor = rgb_hex(CURSOR_COLOR);
    let outlines = elements(&svg, "rect")
        .into_iter()
        .filter(|e| attr(e, "fill") == Some("none") && attr(e, "stroke") == Some(cursor.as_str()))
        .count();
    assert_eq!(outlines, 1);
}

#[test]
fn heatmap_large_input_stays_within_element_budget() {
    let states = wave(1000, 512);
    let opts = heatmap_opts();
    let (svg, report) = render((800, 420), |a| {
        draw_hidden_state_heatmap(a, states.view(), Some(999), &opts)
    });
    let report = report.unwrap();
    let (cols, rows) = report.grid.unwrap();
    assert!(cols * rows <= opts.max_cells, "{cols}x{rows}");
    assert!(cols < 1000 && rows < 512);
    let rects = elements(&svg, "rect").len();
    assert!(rects <= opts.max_cells + 100, "{rects} rects");
    assert!(report.cursor_drawn);
    assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
}

#[test]
fn heatmap_nan_cells_are_grey_and_counted() {
    let mut states = wave(8, 4);
    states[[2, 1]] = f32::NAN;
    states[[3, 3]] = f32::NEG_INFINITY;
    let (svg, report) = render((500, 300), |a| {
        draw_hidden_state_heatmap(a, states.view(), None, &heatmap_opts())
    });
    let report = report.unwrap();
    assert_eq!(report.non_finite_values, 2);
    assert_eq!(filled_rects_with(&svg, &rgb_hex(NAN_COLOR)), 2);
    assert!(!report.cursor_drawn);
}

#[test]
fn heatmap_edge_shapes_do_not_fail() {
    for (steps, units) in [(0, 0), (0, 4), (1, 1), (1, 64), (300, 1)] {
        let states = Array2::from_elem((steps, units), 0.5f32);
        let (_, report) = render((400, 240), |a| {
            draw_hidden_state_heatmap(a, states.view(), Some(0), &heatmap_opts())
        });
        let report = report.unwrap_or_else(|e| panic!("{steps}x{units}: {e}"));
        if steps > 0 && units > 0 {
            let (c, r) = report.grid.unwrap();
            assert!(c >= 1 && r >= 1 && c <= steps && r <= units);
        }
    }
}

/// What a heatmap sent to the backend: filled rectangles and blitted bitmaps, in pixels.
#[derive(Default)]
struct Recorded {
    filled: Vec<FilledRect>,
    blits: Vec<Blit>,
}

/// A filled rectangle: upper left, bottom right, colour.
type FilledRect = ((i32, i32), (i32, i32), (u8, u8, u8));
/// A blitted bitmap: position, size, RGB bytes.
type Blit = ((i32, i32), (u32, u32), Vec<u8>);

/// A backend that only records into a shared [`Recorded`].
struct Recorder(std::rc::Rc<std::cell::RefCell<Recorded>>);

impl DrawingBackend for Recorder {
    type ErrorType = std::fmt::Error;
    fn get_size(&self) -> (u32, u32) {
        (640, 360)
    }
    fn ensure_prepared(
        &mut self,
    ) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: (i32, i32),
        _: plotters_backend::BackendColor,
    ) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }
    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        upper_left: (i32, i32),
        bottom_right: (i32, i32),
        style: &S,
        fill: bool,
    ) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        if fill {
            self.0
                .borrow_mut()
                .filled
                .push((upper_left, bottom_right, style.color().rgb));
        }
        Ok(())
    }
    fn draw_text<S: plotters_backend::BackendTextStyle>(
        &mut self,
        _: &str,
        _: &S,
        _: (i32, i32),
    ) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        Ok(())
    }
    fn estimate_text_size<S: plotters_backend::BackendTextStyle>(
        &self,
        text: &str,
        _: &S,
    ) -> Result<(u32, u32), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        Ok((7 * text.len() as u32, 13))
    }
    fn blit_bitmap(
        &mut self,
        pos: (i32, i32),
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), plotters_backend::DrawingErrorKind<std::fmt::Error>> {
        self.0.borrow_mut().blits.push((pos, size, src.to_vec()));
        Ok(())
    }
}

fn record_heatmap(states: &Array2<f32>, cells: CellDrawing) -> (Recorded, ChartReport) {
    let log = std::rc::Rc::new(std::cell::RefCell::new(Recorded::default()));
    let report = {
        let area = Recorder(log.clone()).into_drawing_area();
        let opts = HeatmapOptions {
            cells,
            ..heatmap_opts()
        };
        let report = draw_hidden_state_heatmap(&area, states.view(), Some(3), &opts).unwrap();
        area.present().unwrap();
        report
    };
    (log.take(), report)
}

#[test]
fn heatmap_bitmap_matches_the_rectangles() {
    let mut states = wave(13, 7);
    states[[4, 2]] = f32::NAN;
    let (rects, rect_report) = record_heatmap(&states, CellDrawing::Rectangles);
    let (bitmap, bitmap_report) = record_heatmap(&states, CellDrawing::Bitmap);
    assert_eq!(rect_report, bitmap_report);
    assert!(rects.blits.is_empty());
    assert_eq!(bitmap.blits.len(), 1, "one bitmap for all cells");
    let ((x0, y0), (w, h), rgb) = &bitmap.blits[0];
    assert_eq!(rgb.len(), (*w * *h * 3) as usize);
    // Every cell rectangle of the vector drawing (those inside the bitmap; the colour bar
    // lies beside it) has its colour at its centre pixel in the bitmap.
    let inside: Vec<_> = rects
        .filled
        .iter()
        .filter(|((l, t), (r, b), _)| {
            *l >= *x0 && *t >= *y0 && *r <= x0 + *w as i32 && *b <= y0 + *h as i32 && r > l
        })
        .collect();
    assert_eq!(inside.len(), 13 * 7, "one rectangle per cell");
    for ((l, t), (r, b), color) in inside {
        let (cx, cy) = ((l + r) / 2 - x0, (t + b) / 2 - y0);
        let at = ((cy as u32 * w + cx as u32) * 3) as usize;
        assert_eq!(
            (rgb[at], rgb[at + 1], rgb[at + 2]),
            *color,
            "cell at ({l},{t})-({r},{b})"
        );
    }
    // The NaN cell is grey, and so exactly one cell's worth of the image is.
    let grey = rgb
        .chunks_exact(3)
        .filter(|p| (p[0], p[1], p[2]) == (NAN_COLOR.0, NAN_COLOR.1, NAN_COLOR.2))
        .count();
    let cell_px = (*w as usize * *h as usize) / (13 * 7);
    assert!(
        grey > cell_px / 2 && grey < cell_px * 2,
        "{grey} grey pixels"
    );
    // The rest of the chart (colour bar, cursor) is the same in both.
    let outside = |r: &Recorded| r.filled.len() - 13 * 7 * usize::from(r.blits.is_empty());
    assert_eq!(outside(&rects), outside(&bitmap));
}

// ---- saturation ----------------------------------------------------------------------

fn saturation_opts() -> SaturationOptions {
    SaturationOptions {
        bars: AxisLabels {
            title: "Saturated units".into(),
            x: "timestep".into(),
            y: "|h| > 0.99".into(),
        },
        histogram: AxisLabels {
            title: "z at the current step".into(),
            x: "z".into(),
            y: "units".into(),
        },
        ..SaturationOptions::default()
    }
}

#[test]
fn seed_example_saturates() {
    let (hs, zs) = seed_example(10, 16, 4);
    let share = saturated_share(hs.view(), 0.99);
    // From the second step on, the recurrent sum pushes every unit past 0.99.
    assert!(share[1..].iter().all(|s| s.unwrap() > 0.9), "{share:?}");
    assert!(zs.row(9).iter().all(|&z| z > 3.0));
}

#[test]
fn saturation_bars_and_histogram_with_tanh() {
    let (hs, zs) = seed_example(10, 16, 4);
    let (svg, report) = render((900, 360), |a| {
        draw_saturation(a, hs.view(), Some(zs.view()), Some(3), &saturation_opts())
    });
    let report = report.unwrap();
    dump("saturation", &svg);
    assert_eq!(report.grid, Some((10, 1)));
    assert!(report.cursor_drawn);
    let t = texts(&svg);
    for label in [
        "Saturated units",
        "z at the current step",
        "tanh(z)",
        "100%",
    ] {
        assert!(t.contains(&label.to_owned()), "{label} missing: {t:?}");
    }
    // One highlighted bar (the cursor step), nine ordinary ones.
    assert_eq!(filled_rects_with(&svg, "#D6604D"), 1);
    assert_eq!(filled_rects_with(&svg, "#4393C3"), 9);
    // The tanh curve is one long polyline in the cursor colour.
    let cursor = rgb_hex(CURSOR_COLOR);
    assert!(elements(&svg, "polyline")
        .into_iter()
        .any(|e| attr(e, "stroke") == Some(cursor.as_str())
            && attr(e, "points").unwrap().split_whitespace().count() > 100));
}

#[test]
fn saturation_without_preacts_and_edge_cases() {
    let (svg, report) = render((500, 300), |a| {
        draw_saturation(a, wave(1000, 8).view(), None, Some(10), &saturation_opts())
    });
    let (bars, _) = report.unwrap().grid.unwrap();
    assert!(bars < 1000 && bars > 50, "{bars}");
    assert!(elements(&svg, "rect").len() < 400);
    for (steps, units) in [(0, 0), (0, 3), (1, 1), (4, 0)] {
        let h = Array2::<f32>::zeros((steps, units));
        let (_, report) = render((600, 300), |a| {
            draw_saturation(a, h.view(), Some(h.view()), Some(0), &saturation_opts())
        });
        report.unwrap_or_else(|e| panic!("{steps}x{units}: {e}"));
    }
}

#[test]
fn saturation_nan_and_shape_mismatch() {
    let mut h = wave(5, 3);
    h.row_mut(2).fill(f32::NAN);
    let mut z = h.clone();
    z[[4, 0]] = f32::INFINITY;
    let (svg, report) = render((700, 300), |a| {
        draw_saturation(a, h.view(), Some(z.view()), None, &saturation_opts())
    });
    let report = report.unwrap();
    // Three NaN in h, one inf in z at the shown (last) step.
    assert_eq!(report.non_finite_values, 4);
    assert_eq!(filled_rects_with(&svg, &rgb_hex(NAN_COLOR)), 1);
    let other: ArrayView2<f32> = h.slice(ndarray::s![..4, ..]);
    let (_, report) = render((700, 300), |a| {
        draw_saturation(a, h.view(), Some(other), None, &saturation_opts())
    });
    assert!(matches!(report, Err(ChartError::ShapeMismatch { .. })));
}
