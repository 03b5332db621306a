//! Browser tests of the diagram and the chart panel, mounted in headless Chromium
//! inside small wrapper components that hold the state the app would.
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
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use ndarray::Array2;
use unrolled::app::components::chart_panel::ChartPanel;
use unrolled::app::components::diagram_view::DiagramView;
use unrolled::app::domain::labels::{ChartLabels, DiagramLabels};
use unrolled::diagram::{CellId, DiagramDesc, Direction, LayerDesc};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, KeyboardEvent, KeyboardEventInit,
    MouseEvent, MouseEventInit,
};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render and run effects: resolves after a zero-delay timeout.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timeout");
}

async fn settle() {
    for _ in 0..4 {
        next_tick().await;
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("window")
        .document()
        .expect("document")
}

/// A fresh `<div>` of the given CSS width in the body, with the component style sheet
/// loaded once.
fn container(width_px: u32) -> Element {
    let document = document();
    if document.get_element_by_id("viz-css").is_none() {
        let style = document.create_element("style").expect("style");
        style.set_id("viz-css");
        style.set_text_content(Some(include_str!("../static/viz.css")));
        document
            .head()
            .expect("head")
            .append_child(&style)
            .expect("append style");
    }
    let root = document.create_element("div").expect("div");
    root.set_attribute("style", &format!("width: {width_px}px"))
        .expect("style");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn now() -> f64 {
    web_sys::window()
        .expect("window")
        .performance()
        .expect("performance")
        .now()
}

// ---------- Diagram ----------

fn diagram_labels() -> DiagramLabels {
    DiagramLabels {
        title: "Unrolled network".into(),
        input: "x".into(),
        output: "y".into(),
        forward: "forward".into(),
        backward: "backward".into(),
        cell_template: "Layer {layer}, {direction}, timestep {t}".into(),
        skipped_template: "{n} steps hidden".into(),
        embedding: "emb".into(),
        dense: "dense".into(),
        layer: "Layer".into(),
        input_row: "input".into(),
        output_row: "output".into(),
        embedding_row: "Embedding".into(),
        dense_row: "Dense".into(),
        key_title: "How to read the diagram".into(),
        key_values: "value of h".into(),
        key_strip: "one stripe per unit".into(),
        key_pending: "not computed yet".into(),
        key_active: "the step shown".into(),
        key_shape: "shapes".into(),
    }
}

/// Layer 0 unidirectional (8 units), layer 1 bidirectional (40 units), many-to-one.
fn desc(timesteps: usize) -> DiagramDesc {
    DiagramDesc {
        timesteps,
        layers: vec![
            LayerDesc {
                units: 8,
                bidirectional: false,
                return_sequences: true,
            },
            LayerDesc {
                units: 40,
                bidirectional: true,
                return_sequences: false,
            },
        ],
        token_inputs: false,
        dense_head: true,
        selected: None,
    }
}

fn wave(timesteps: usize, units: usize, phase: f32) -> Array2<f32> {
    Array2::from_shape_fn((timesteps, units), |(t, u)| {
        (t as f32 * 0.3 + u as f32 * 0.7 + phase).sin()
    })
}

#[derive(Properties, PartialEq)]
struct DiagramHarnessProps {
    timesteps: usize,
    /// The selection at mount.
    initial: Option<CellId>,
    /// Receives every selection.
    selections: Callback<CellId>,
}

/// Holds the selection like the app does: `on_select` updates `desc.selected`.
#[component]
fn DiagramHarness(props: &DiagramHarnessProps) -> Html {
    let selected = use_state(|| props.initial);
    let states = use_memo(props.timesteps, |&t| {
        vec![
            vec![wave(t, 8, 0.0)],
            vec![wave(t, 40, 1.0), wave(t, 40, 2.0)],
        ]
    });
    let on_select = {
        let selected = selected.clone();
        let selections = props.selections.clone();
        Callback::from(move |id: CellId| {
            selections.emit(id);
            selected.set(Some(id));
        })
    };
    let mut desc = desc(props.timesteps);
    desc.selected = *selected;
    html! {
        <DiagramView {desc} states={Rc::new((*states).clone())} {on_select} labels={diagram_labels()} />
    }
}

fn mount_diagram(width_px: u32, timesteps: usize) -> (Element, Rc<RefCell<Vec<CellId>>>) {
    mount_diagram_selected(width_px, timesteps, None)
}

fn mount_diagram_selected(
    width_px: u32,
    timesteps: usize,
    initial: Option<CellId>,
) -> (Element, Rc<RefCell<Vec<CellId>>>) {
    let root = container(width_px);
    let log = Rc::new(RefCell::new(Vec::new()));
    let selections = {
        let log = log.clone();
        Callback::from(move |id| log.borrow_mut().push(id))
    };
    yew::Renderer::<DiagramHarness>::with_root_and_props(
        root.clone(),
        DiagramHarnessProps {
            timesteps,
            initial,
            selections,
        },
    )
    .render();
    (root, log)
}

fn cell_by_label(root: &Element, label: &str) -> Element {
    all(root, ".cell")
        .into_iter()
        .find(|c| c.get_attribute("aria-label").as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no cell {label:?}"))
}

#[wasm_bindgen_test]
async fn diagram_has_one_focusable_cell_per_layer_direction_and_step() {
    let (root, _) = mount_diagram(1280, 6);
    settle().await;
    let cells = all(&root, "svg [role=button]");
    // Layer 0 forward + layer 1 forward and backward, at each of 6 steps.
    assert_eq!(cells.len(), 6 * 3);
    for cell in &cells {
        assert_eq!(cell.get_attribute("tabindex").as_deref(), Some("0"));
        assert_eq!(cell.get_attribute("aria-pressed").as_deref(), Some("false"));
    }
    let svg = root.query_selector("svg").expect("query").expect("svg");
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Unrolled network")
    );
    // Inputs x1..x6, one output (many-to-one) behind a dense box, strips in every cell.
    assert_eq!(all(&root, ".io-input").len(), 6);
    assert_eq!(all(&root, ".io-output").len(), 1);
    assert_eq!(all(&root, ".io-dense").len(), 1);
    assert_eq!(all(&root, ".cell .strip").len(), 18);
    // 40 units are averaged into at most 32 segments; 8 units get 8.
    let segments = |label: &str| {
        all(
            &cell_by_label(&root, label),
            ".strip rect:not(.strip-frame)",
        )
        .len()
    };
    assert_eq!(segments("Layer 1, forward, timestep 1"), 8);
    assert_eq!(segments("Layer 2, backward, timestep 1"), 32);
    assert!(!all(&root, ".arrow-recurrent").is_empty());
    assert!(all(&root, ".ellipsis").is_empty());
    let labels: Vec<String> = all(&root, ".row-label")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    // Every row is named in the left gutter; a bidirectional row also says its direction.
    assert_eq!(
        labels,
        [
            "output",
            "Dense",
            "Layer 2← backward",
            "Layer 2→ forward",
            "Layer 1",
            "input"
        ]
    );
}

#[wasm_bindgen_test]
async fn long_sequence_in_a_phone_wide_container_is_condensed() {
    let (root, _) = mount_diagram(390, 200);
    settle().await;
    let ellipses = all(&root, ".ellipsis");
    assert!(!ellipses.is_empty(), "no ellipsis column");
    let label = ellipses[0].get_attribute("aria-label").unwrap_or_default();
    assert!(label.ends_with("steps hidden"), "{label}");
    let cells = all(&root, "svg [role=button]");
    assert!(
        cells.len() < 200 * 3 && cells.len().is_multiple_of(3),
        "{}",
        cells.len()
    );
    // The measured width, not the 900 px default, was laid out, and the drawing fits it.
    let svg = root.query_selector("svg").expect("query").expect("svg");
    let width: f32 = svg
        .get_attribute("viewBox")
        .and_then(|v| v.split_whitespace().nth(2).and_then(|w| w.parse().ok()))
        .expect("viewBox width");
    assert!(width <= 400.0, "svg width {width}");
    assert!(svg.get_bounding_client_rect().width() <= 390.5);
}

#[wasm_bindgen_test]
async fn clicking_a_cell_selects_it() {
    let (root, log) = mount_diagram(1280, 5);
    settle().await;
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    let click = MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
    cell_by_label(&root, "Layer 2, backward, timestep 3")
        .dispatch_event(&click)
        .expect("dispatch");
    settle().await;
    let expected = CellId {
        layer: 1,
        direction: Direction::Backward,
        timestep: 2,
    };
    assert_eq!(*log.borrow(), [expected]);
    let pressed = all(&root, "[aria-pressed=true]");
    assert_eq!(pressed.len(), 1);
    assert_eq!(
        pressed[0].get_attribute("aria-label").as_deref(),
        Some("Layer 2, backward, timestep 3")
    );
    assert!(pressed[0].class_list().contains("active"));
}

#[wasm_bindgen_test]
async fn enter_and_space_select_the_focused_cell() {
    let (root, log) = mount_diagram(1280, 5);
    settle().await;
    let press = |label: &str, key: &str| {
        let init = KeyboardEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_key(key);
        let event =
            KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
        cell_by_label(&root, label)
            .dispatch_event(&event)
            .expect("dispatch");
        event.default_prevented()
    };
    assert!(press("Layer 1, forward, timestep 4", "Enter"));
    settle().await;
    assert!(!press("Layer 1, forward, timestep 2", "a"));
    assert!(press("Layer 2, forward, timestep 5", " "));
    settle().await;
    let at = |layer, timestep| CellId {
        layer,
        direction: Direction::Forward,
        timestep,
    };
    assert_eq!(*log.borrow(), [at(0, 3), at(1, 4)]);
    let pressed = all(&root, "[aria-pressed=true]");
    assert_eq!(pressed.len(), 1);
    assert_eq!(
        pressed[0].get_attribute("aria-label").as_deref(),
        Some("Layer 2, forward, timestep 5")
    );
}

#[wasm_bindgen_test]
async fn the_active_cell_stays_in_view_in_a_box_narrower_than_the_condensed_minimum() {
    // 250 px holds fewer columns than the condensed minimum (first, last, the active
    // step with its neighbours and two ellipses): the drawing is scaled down to the box
    // instead of cut off, so whichever cell is active is in view.
    let at = |timestep| CellId {
        layer: 0,
        direction: Direction::Forward,
        timestep,
    };
    let (root, _) = mount_diagram_selected(250, 200, Some(at(100)));
    settle().await;
    let scroller = root
        .query_selector(".diagram")
        .expect("query")
        .expect("div");
    assert!(scroller.scroll_width() <= scroller.client_width() + 1);
    let in_view = || {
        let active = root
            .query_selector("[aria-pressed=true]")
            .expect("query")
            .expect("active cell");
        let view = scroller.get_bounding_client_rect();
        let cell = active.get_bounding_client_rect();
        cell.left() >= view.left() - 1.0 && cell.right() <= view.right() + 1.0
    };
    assert!(in_view(), "scrolled to {}", scroller.scroll_left());
    // Walk back to the first step: the view follows.
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    for label in [
        "Layer 1, forward, timestep 100",
        "Layer 1, forward, timestep 1",
    ] {
        let click = MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("event");
        cell_by_label(&root, label)
            .dispatch_event(&click)
            .expect("dispatch");
        settle().await;
        assert!(in_view(), "{label}: scrolled to {}", scroller.scroll_left());
    }
}

// ---------- Charts ----------

fn chart_labels() -> ChartLabels {
    ChartLabels {
        lines_title: "Hidden state".into(),
        heatmap_title: "Heatmap".into(),
        saturation_title: "Saturation".into(),
        timestep: "timestep".into(),
        value: "value".into(),
        unit: "unit".into(),
        unit_prefix: "h".into(),
        colorbar: "h".into(),
        share_saturated: "saturated".into(),
        histogram: "z at t".into(),
        z_axis: "z".into(),
        count_axis: "units".into(),
        lines_description: "Hidden state of layer 1 over time".into(),
        heatmap_description: "Heatmap of layer 1".into(),
        saturation_description: "Saturation of layer 1".into(),
        draw_error: "Chart unavailable".into(),
    }
}

/// What a test asks of the chart harness.
enum ChartCommand {
    /// Move the cursor.
    Cursor(usize),
    /// Re-render with the same props.
    Rerender,
}

#[derive(Properties, PartialEq)]
struct ChartHarnessProps {
    states: Rc<Array2<f32>>,
    preacts: Option<Rc<Array2<f32>>>,
    /// Receives the callback the test drives the harness with.
    register: Callback<Callback<ChartCommand>>,
}

#[component]
fn ChartHarness(props: &ChartHarnessProps) -> Html {
    let cursor = use_state(|| 0_usize);
    let force = use_force_update();
    {
        let control = {
            let cursor = cursor.clone();
            Callback::from(move |command| match command {
                ChartCommand::Cursor(t) => cursor.set(t),
                ChartCommand::Rerender => force.force_update(),
            })
        };
        let register = props.register.clone();
        use_effect_with((), move |()| register.emit(control));
    }
    html! {
        <ChartPanel states={props.states.clone()} preacts={props.preacts.clone()}
            cursor={*cursor} bounded={true} labels={chart_labels()} lang={unrolled::app::i18n::Lang::En} />
    }
}

fn mount_charts(
    width_px: u32,
    states: Array2<f32>,
    preacts: Option<Array2<f32>>,
) -> (Element, Rc<RefCell<Option<Callback<ChartCommand>>>>) {
    let root = container(width_px);
    let control = Rc::new(RefCell::new(None));
    let register = {
        let control = control.clone();
        Callback::from(move |c| *control.borrow_mut() = Some(c))
    };
    yew::Renderer::<ChartHarness>::with_root_and_props(
        root.clone(),
        ChartHarnessProps {
            states: Rc::new(states),
            preacts: preacts.map(Rc::new),
            register,
        },
    )
    .render();
    (root, control)
}

fn send(control: &RefCell<Option<Callback<ChartCommand>>>, command: ChartCommand) {
    control.borrow().as_ref().expect("registered").emit(command);
}

fn canvases(root: &Element) -> Vec<HtmlCanvasElement> {
    all(root, "canvas")
        .into_iter()
        .filter_map(|c| c.dyn_into().ok())
        .collect()
}

fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .expect("context")
        .expect("2d")
        .dyn_into()
        .expect("2d context")
}

/// Pixels of the canvas that are not the white background.
fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
    let data = context(canvas)
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .expect("image data")
        .data();
    data.chunks_exact(4)
        .filter(|p| p[3] > 0 && (p[0] < 240 || p[1] < 240 || p[2] < 240))
        .count()
}

fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> Vec<u8> {
    context(canvas)
        .get_image_data(x, y, 1.0, 1.0)
        .expect("image data")
        .data()
        .to_vec()
}

#[wasm_bindgen_test]
async fn chart_panel_draws_three_labelled_charts() {
    let (root, _) = mount_charts(1200, wave(20, 8, 0.0), Some(wave(20, 8, 0.5) * 3.0));
    settle().await;
    let figures = all(&root, "figure");
    assert_eq!(figures.len(), 3);
    let captions: Vec<String> = all(&root, "figcaption")
        .iter()
        .filter_map(|c| c.text_content())
        .collect();
    assert_eq!(captions, ["Hidden state", "Heatmap", "Saturation"]);
    let canvases = canvases(&root);
    assert_eq!(canvases.len(), 3);
    for canvas in &canvases {
        assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
        assert!(canvas.get_attribute("aria-label").is_some());
        assert!(canvas.width() >= 200 && canvas.height() >= 100);
        let inked = inked_pixels(canvas);
        assert!(
            inked > 500,
            "{:?} has {inked} drawn pixels",
            canvas.get_attribute("aria-label")
        );
    }
    assert!(all(&root, ".chart-error").is_empty());
}

#[wasm_bindgen_test]
async fn charts_redraw_on_cursor_change_but_not_on_unrelated_renders() {
    let (root, control) = mount_charts(900, wave(30, 6, 0.0), None);
    settle().await;
    let canvas = canvases(&root).remove(0);
    // Mark a corner pixel; a redraw paints the white background over it.
    let ctx = context(&canvas);
    ctx.set_fill_style_str("rgb(0,255,0)");
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        .expect("transform");
    ctx.fill_rect(0.0, 0.0, 1.0, 1.0);
    assert_eq!(pixel(&canvas, 0.0, 0.0), [0, 255, 0, 255]);
    send(&control, ChartCommand::Rerender);
    settle().await;
    assert_eq!(
        pixel(&canvas, 0.0, 0.0),
        [0, 255, 0, 255],
        "redrawn needlessly"
    );
    send(&control, ChartCommand::Cursor(7));
    settle().await;
    assert_eq!(
        pixel(&canvas, 0.0, 0.0),
        [255, 255, 255, 255],
        "not redrawn"
    );
}

#[wasm_bindgen_test]
async fn non_finite_and_empty_data_do_not_panic() {
    let mut states = wave(12, 5, 0.0);
    states[[3, 1]] = f32::NAN;
    states[[4, 2]] = f32::INFINITY;
    states.column_mut(0).fill(f32::NAN);
    let (root, control) = mount_charts(1200, states.clone(), Some(states));
    settle().await;
    send(&control, ChartCommand::Cursor(3));
    settle().await;
    assert_eq!(canvases(&root).len(), 3);
    for canvas in canvases(&root) {
        assert!(inked_pixels(&canvas) > 0);
    }

    let (root, control) = mount_charts(1200, Array2::zeros((0, 0)), None);
    settle().await;
    send(&control, ChartCommand::Cursor(5));
    settle().await;
    assert_eq!(canvases(&root).len(), 3);
}

#[wasm_bindgen_test]
async fn too_small_a_canvas_shows_the_error_text() {
    let (root, _) = mount_charts(120, wave(10, 4, 0.0), None);
    settle().await;
    let errors = all(&root, ".chart-error");
    assert!(!errors.is_empty());
    assert_eq!(
        errors[0].text_content().as_deref(),
        Some("Chart unavailable")
    );
    assert!(errors[0].get_attribute("title").is_some());
}

#[wasm_bindgen_test]
async fn cursor_step_redraw_time_at_100_steps_128_units() {
    let steps = 100;
    let (root, control) = mount_charts(
        1200,
        wave(steps, 128, 0.0),
        Some(wave(steps, 128, 0.3) * 3.0),
    );
    settle().await;
    assert!(all(&root, ".chart-error").is_empty());
    let rounds = 20;
    let mut total = 0.0;
    let mut worst = 0.0_f64;
    for t in 1..=rounds {
        let start = now();
        send(&control, ChartCommand::Cursor(t * 4));
        next_tick().await;
        let elapsed = now() - start;
        total += elapsed;
        worst = worst.max(elapsed);
    }
    let sizes: Vec<String> = canvases(&root)
        .iter()
        .map(|c| format!("{}x{}", c.width(), c.height()))
        .collect();
    console_log!(
        "ChartPanel cursor step, T={steps}, units=128, canvases {sizes:?}: mean {:.1} ms, worst {worst:.1} ms over {rounds} steps",
        total / rounds as f64
    );

    // Where the time goes: each chart function alone on a canvas of the same size, through
    // the app's backend and with the app's heatmap options.
    use plotters::prelude::IntoDrawingArea;
    use unrolled::charts::{
        draw_hidden_state_heatmap, draw_hidden_state_lines, draw_saturation, CellDrawing,
        HeatmapOptions, HiddenLinesOptions, SaturationOptions,
    };
    let states = wave(steps, 128, 0.0);
    let preacts = wave(steps, 128, 0.3) * 3.0;
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .expect("canvas")
        .dyn_into()
        .expect("canvas element");
    canvas.set_width(592);
    canvas.set_height(240);
    let area = unrolled::app::hooks::chart_canvas::ChartCanvas::new(&canvas)
        .expect("backend")
        .into_drawing_area();
    let heatmap_options = HeatmapOptions {
        cells: CellDrawing::Bitmap,
        ..HeatmapOptions::default()
    };
    let time = |draw: &dyn Fn()| {
        let start = now();
        for _ in 0..5 {
            draw();
        }
        (now() - start) / 5.0
    };
    let lines = time(&|| {
        draw_hidden_state_lines(
            &area,
            states.view(),
            Some(50),
            &HiddenLinesOptions::default(),
        )
        .expect("lines");
    });
    let heatmap = time(&|| {
        draw_hidden_state_heatmap(&area, states.view(), Some(50), &heatmap_options)
            .expect("heatmap");
    });
    let saturation = time(&|| {
        draw_saturation(
            &area,
            states.view(),
            Some(preacts.view()),
            Some(50),
            &SaturationOptions::default(),
        )
        .expect("saturation");
    });
    console_log!(
        "alone at 592x240: lines {lines:.1} ms, heatmap {heatmap:.1} ms, saturation {saturation:.1} ms"
    );
}
