//! The unrolled diagram as SVG: one column per shown timestep, one row per layer
//! direction, inputs below and outputs above, each cell coloured by its hidden state.
//!
//! Geometry comes from [`diagram::layout`] at the measured width of the container; this
//! component only turns it into SVG elements and turns clicks and Enter/Space on a cell
//! into [`CellId`]s for `on_select`.

use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::Array2;
use web_sys::Element;
use yew::prelude::*;

use crate::app::domain::labels::DiagramLabels;
use crate::app::hooks::canvas::use_element_size;
use crate::app::hooks::render_count::count_render;
use crate::charts::diverging_color;
use crate::diagram::{
    self, ArrowKind, CellId, ColumnContent, DiagramDesc, DiagramLayout, Direction, Node, NodeId,
    Rect, RowKind, Viewport,
};

use super::diagram_key::diagram_key;

/// Width assumed before the container has been measured.
const DEFAULT_WIDTH: f32 = 900.0;
/// Height asked for per row; the layout keeps rows between 56 and 110 px.
const ROW_HEIGHT: f32 = 84.0;
/// Most segments in a cell's colour strip; more units are averaged into this many.
const MAX_STRIP_SEGMENTS: usize = 32;
/// Containers narrower than this (phones) get narrower columns and label gutter.
const NARROW_WIDTH: f32 = 520.0;
/// Room kept beside the active cell when scrolling it into view.
const SCROLL_MARGIN: f32 = 24.0;

/// Numbers the diagrams of a page, so that their SVG marker ids do not collide.
static NEXT_DIAGRAM: AtomicUsize = AtomicUsize::new(0);

/// Properties of [`DiagramView`].
#[derive(Properties, PartialEq)]
pub struct DiagramViewProps {
    /// The model's shape and the selected cell.
    pub desc: DiagramDesc,
    /// states[layer][d] = [timesteps, units] hidden states of the shown batch item,
    /// d = 0 forward, 1 backward (only for bidirectional layers). For colour strips.
    pub states: Rc<Vec<Vec<Array2<f32>>>>,
    /// Called with the cell the user clicked or activated with Enter/Space.
    pub on_select: Callback<CellId>,
    /// All words, translated.
    pub labels: DiagramLabels,
    /// The input batch's shape as Keras prints it, e.g. `(8, 10, 4)`, beside the inputs.
    #[prop_or_default]
    pub input_shape: AttrValue,
    /// The model's output shape, e.g. `(8, 10, 3)` or `(8, 3)`, beside the outputs.
    #[prop_or_default]
    pub output_shape: AttrValue,
}

/// The unrolled RNN diagram; scrolls sideways when it is wider than its container and
/// keeps the selected cell in view.
#[component]
pub fn DiagramView(props: &DiagramViewProps) -> Html {
    count_render("DiagramView");
    let container = use_node_ref();
    let size = use_element_size(container.clone());
    let marker_id = use_state(|| {
        format!(
            "unrolled-arrow-{}",
            NEXT_DIAGRAM.fetch_add(1, Ordering::Relaxed)
        )
    });
    let width = size
        .map(|s| s.width as f32)
        .filter(|w| *w > 0.0)
        .unwrap_or(DEFAULT_WIDTH);
    // A phone keeps narrower columns and a narrower label gutter.
    let narrow = width < NARROW_WIDTH;
    // Rows grow with a wide screen (the layout keeps them at most 110 px).
    let row_height = (width / 11.0).clamp(ROW_HEIGHT, 110.0);
    let viewport = Viewport::new(width, row_height * row_count(&props.desc) as f32)
        .with_left_gutter(if narrow { 58.0 } else { 96.0 })
        .with_min_column_width(if narrow { 40.0 } else { 56.0 });
    let layout = diagram::layout(&props.desc, &viewport);
    let cursor = props.desc.selected;

    let active = layout.nodes.iter().find(|n| n.active).map(|n| n.rect);
    {
        let container = container.clone();
        use_effect_with(active, move |active| {
            if let (Some(rect), Some(element)) = (active, container.cast::<Element>()) {
                scroll_into_view(&element, rect);
            }
        });
    }

    let arrows = layout.arrows.iter().map(|arrow| {
        let d = arrow
            .points
            .iter()
            .enumerate()
            .fold(String::new(), |mut d, (i, p)| {
                let command = if i == 0 { "M" } else { " L" };
                // Writing to a String cannot fail.
                let _ = write!(d, "{command}{:.1} {:.1}", p.x, p.y);
                d
            });
        let (kind, marker) = match arrow.kind {
            ArrowKind::Input => ("arrow-input", "plain"),
            ArrowKind::Recurrent => ("arrow-recurrent", "recurrent"),
            ArrowKind::Stack => ("arrow-stack", "plain"),
            ArrowKind::Output => ("arrow-output", "plain"),
        };
        let skipped = (arrow.skipped_steps > 0).then_some("arrow-skipped");
        let pending = pending(cursor, arrow.to).then_some("pending");
        // The value travels along the arrows into the selected cell: the stroke is drawn
        // from its start (`pathLength` 1 lets the style sheet animate any length).
        let live = matches!(arrow.to, NodeId::Cell(id) if Some(id) == cursor);
        html! {
            <path class={classes!("arrow", kind, skipped, pending, live.then_some("arrow-live"))} d={d}
                pathLength={live.then_some("1")}
                marker-end={format!("url(#{}-{marker})", *marker_id)} />
        }
    });

    let nodes = layout.nodes.iter().map(|node| {
        let pending = pending(cursor, node.id);
        match node.id {
            NodeId::Cell(id) => cell(node, id, pending, props),
            NodeId::Input(t) => io_box(node, "io-input", &props.labels.input, Some(t), false),
            NodeId::Output(t) => io_box(node, "io-output", &props.labels.output, Some(t), pending),
            NodeId::Embedding(t) => io_box(
                node,
                "io-embedding",
                &props.labels.embedding,
                Some(t),
                false,
            ),
            NodeId::Dense(_) => io_box(node, "io-dense", &props.labels.dense, None, pending),
        }
    });
    let band = step_band(&layout, cursor);

    html! {
        <div class="diagram" ref={container}>
            // Drawn at the container's width: a layout wider than that (the condensed
            // minimum of a long sequence on a phone) is scaled down to fit, never cut off.
            <svg class="diagram-svg" role="group" aria-label={props.labels.title.clone()}
                width="100%" style={format!("max-width: {:.0}px", layout.width)}
                viewBox={format!("0 0 {:.0} {:.0}", layout.width, layout.height)}>
                <defs>
                    { marker(&format!("{}-plain", *marker_id), "arrowhead") }
                    { marker(&format!("{}-recurrent", *marker_id), "arrowhead arrowhead-recurrent") }
                </defs>
                { band }
                { row_labels(&layout, &props.desc, &props.labels, [&props.input_shape, &props.output_shape]) }
                { ellipses(&layout, &props.labels) }
                <g class="arrows">{ for arrows }</g>
                <g class="nodes">{ for nodes }</g>
            </svg>
            { diagram_key(&props.labels) }
        </div>
    }
}

/// Whether box `id` is not computed yet when the sweep stands at the cursor: a forward
/// cell (and the output, dense head above it) after the cursor's step, a backward cell
/// before it (the backward pass runs from the last step down).
fn pending(cursor: Option<CellId>, id: NodeId) -> bool {
    let Some(cursor) = cursor else {
        return false;
    };
    match id {
        NodeId::Cell(cell) => match cell.direction {
            Direction::Forward => cell.timestep > cursor.timestep,
            Direction::Backward => cell.timestep < cursor.timestep,
        },
        NodeId::Output(t) | NodeId::Dense(t) => t > cursor.timestep,
        NodeId::Input(_) | NodeId::Embedding(_) => false,
    }
}

/// A pale band behind the cursor's column, so the step stands out at a glance.
fn step_band(layout: &DiagramLayout, cursor: Option<CellId>) -> Html {
    let Some(cursor) = cursor else {
        return Html::default();
    };
    let Some(column) = layout
        .columns
        .iter()
        .find(|c| c.content == ColumnContent::Step(cursor.timestep))
    else {
        return Html::default();
    };
    let pitch = layout
        .columns
        .windows(2)
        .map(|w| w[1].x - w[0].x)
        .next()
        .unwrap_or(80.0);
    html! {
        <rect class="step-band" x={px(column.x - pitch / 2.0)} y="2" width={px(pitch)}
            height={px(layout.height - 4.0)} rx="8" />
    }
}

/// Number of diagram rows `desc` needs (inputs, embedding, layer directions, dense,
/// outputs), to ask the layout for a comfortable height.
fn row_count(desc: &DiagramDesc) -> usize {
    let layers: usize = desc
        .layers
        .iter()
        .map(|l| if l.bidirectional { 2 } else { 1 })
        .sum();
    let head = if desc.layers.is_empty() {
        0
    } else {
        1 + usize::from(desc.dense_head)
    };
    1 + usize::from(desc.token_inputs) + layers + head
}

/// Scrolls `container` sideways just enough to show `rect` (diagram coordinates equal
/// the scrolled content's CSS pixels).
fn scroll_into_view(container: &Element, rect: &Rect) {
    let left = container.scroll_left() as f32;
    let visible = container.client_width() as f32;
    if visible <= 0.0 {
        return;
    }
    let start = rect.x - SCROLL_MARGIN;
    let end = rect.x + rect.width + SCROLL_MARGIN;
    if start < left {
        container.set_scroll_left(whole_px(start.max(0.0)));
    } else if end > left + visible {
        container.set_scroll_left(whole_px(end - visible));
    }
}

/// A scroll offset in whole CSS pixels.
fn whole_px(v: f32) -> i32 {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a diagram is far narrower than 2^31 px, and `as` saturates"
    )]
    let px = v.round() as i32;
    px
}

/// An arrowhead marker; its colour comes from `class` in the style sheet.
fn marker(id: &str, class: &'static str) -> Html {
    html! {
        <marker id={id.to_owned()} class={class} viewBox="0 0 10 10" refX="9" refY="5"
            markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
    }
}

/// One recurrent cell: a focusable button with its hidden-state strip. Keyed by its id,
/// so that a focused cell keeps focus when the columns around it change.
fn cell(node: &Node, id: CellId, pending: bool, props: &DiagramViewProps) -> Html {
    let r = node.rect;
    let on_click = props.on_select.reform(move |_: MouseEvent| id);
    let on_key = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(id);
            }
        })
    };
    let label = cell_label(&props.labels, id);
    let direction = match id.direction {
        Direction::Forward => "cell-forward",
        Direction::Backward => "cell-backward",
    };
    html! {
        <g key={format!("{:?}", node.id)}
            class={classes!("cell", direction, node.active.then_some("active"), pending.then_some("pending"))}
            tabindex="0" role="button" aria-label={label}
            aria-pressed={if node.active { "true" } else { "false" }}
            data-layer={id.layer.to_string()} data-timestep={id.timestep.to_string()}
            onclick={on_click} onkeydown={on_key}>
            <rect class="cell-box" x={px(r.x)} y={px(r.y)} width={px(r.width)}
                height={px(r.height)} rx="6" />
            { strip(&r, hidden_state(&props.states, id)) }
        </g>
    }
}

/// Row `t` of the hidden states of the cell `id`, if the app provided it.
fn hidden_state(states: &[Vec<Array2<f32>>], id: CellId) -> Option<ndarray::ArrayView1<'_, f32>> {
    let direction = match id.direction {
        Direction::Forward => 0,
        Direction::Backward => 1,
    };
    let layer = states.get(id.layer)?.get(direction)?;
    (id.timestep < layer.nrows()).then(|| layer.row(id.timestep))
}

/// The horizontal colour strip of a cell: one segment per unit, or per group of units
/// (their mean) when there are more than [`MAX_STRIP_SEGMENTS`].
fn strip(cell: &Rect, values: Option<ndarray::ArrayView1<'_, f32>>) -> Html {
    let Some(values) = values.filter(|v| !v.is_empty()) else {
        return Html::default();
    };
    let units = values.len();
    let segments = units.min(MAX_STRIP_SEGMENTS);
    let inset = (cell.width * 0.12).min(6.0);
    let x0 = cell.x + inset;
    let total = (cell.width - 2.0 * inset).max(1.0);
    let height = (cell.height * 0.32).clamp(4.0, 14.0);
    let y = cell.y + (cell.height - height) / 2.0;
    let seg_w = total / segments as f32;
    let rects = (0..segments).map(|i| {
        let group = values.slice(ndarray::s![
            i * units / segments..(i + 1) * units / segments
        ]);
        let (sum, n) = group
            .iter()
            .filter(|v| v.is_finite())
            .fold((0.0_f32, 0_usize), |(s, n), v| (s + v, n + 1));
        let mean = if n > 0 { sum / n as f32 } else { f32::NAN };
        let (red, green, blue) = diverging_color(mean);
        // Overlap by a hair so that anti-aliasing leaves no seams between segments.
        html! {
            <rect x={px(x0 + i as f32 * seg_w)} y={px(y)} width={px(seg_w + 0.3)}
                height={px(height)} fill={format!("rgb({red},{green},{blue})")} />
        }
    });
    html! {
        <g class="strip" aria-hidden="true">
            { for rects }
            <rect class="strip-frame" x={px(x0)} y={px(y)} width={px(total)} height={px(height)} />
        </g>
    }
}

/// An input, output, embedding or dense box with its symbol and optional subscript.
fn io_box(
    node: &Node,
    class: &'static str,
    symbol: &str,
    step: Option<usize>,
    pending: bool,
) -> Html {
    let r = node.rect;
    let c = r.center();
    html! {
        <g key={format!("{:?}", node.id)} class={classes!("io", class, pending.then_some("pending"))}>
            <rect x={px(r.x)} y={px(r.y)} width={px(r.width)} height={px(r.height)} rx="4" />
            if !symbol.is_empty() {
                <text x={px(c.x)} y={px(c.y)} text-anchor="middle" dominant-baseline="central">
                    { symbol }
                    if let Some(t) = step {
                        <tspan class="subscript" dy="0.35em">{ t + 1 }</tspan>
                    }
                </text>
            }
        </g>
    }
}

/// The name of every row in the gutter at the left edge: input (with its shape),
/// embedding, each layer (and its direction when bidirectional), dense, output (with its
/// shape).
fn row_labels(
    layout: &DiagramLayout,
    desc: &DiagramDesc,
    labels: &DiagramLabels,
    [input_shape, output_shape]: [&AttrValue; 2],
) -> Html {
    let texts = layout.rows.iter().map(|row| {
        let (first, second): (String, String) = match row.kind {
            RowKind::Input => (labels.input_row.clone(), input_shape.to_string()),
            RowKind::Embedding => (labels.embedding_row.clone(), String::new()),
            RowKind::Dense => (labels.dense_row.clone(), String::new()),
            RowKind::Output => (labels.output_row.clone(), output_shape.to_string()),
            RowKind::Layer { layer, direction } => {
                let name = format!("{} {}", labels.layer, layer + 1);
                if desc.layers.get(layer).is_some_and(|l| l.bidirectional) {
                    let dir = match direction {
                        Direction::Forward => format!("→ {}", labels.forward),
                        Direction::Backward => format!("← {}", labels.backward),
                    };
                    (name, dir)
                } else {
                    (name, String::new())
                }
            }
        };
        let class = match row.kind {
            RowKind::Layer { .. } => "row-label row-layer",
            _ => "row-label",
        };
        let two = !second.is_empty();
        html! {
            <text class={class} x="6" y={px(row.y)} dominant-baseline="central">
                <tspan x="6" dy={if two { "-0.6em" } else { "0" }}>{ first }</tspan>
                if two {
                    <tspan class="row-sub" x="6" dy="1.25em">{ second }</tspan>
                }
            </text>
        }
    });
    html! { <g class="row-labels">{ for texts }</g> }
}

/// An "…" in every layer row of each ellipsis column and, in the input row, how many
/// steps it hides (one word per line, to fit a narrow column).
fn ellipses(layout: &DiagramLayout, labels: &DiagramLabels) -> Html {
    let layer_rows: Vec<f32> = layout
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Layer { .. }))
        .map(|r| r.y)
        .collect();
    let input_row = layout
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Input)
        .map(|r| r.y);
    let columns = layout.columns.iter().filter_map(|column| {
        let ColumnContent::Hidden(range) = &column.content else {
            return None;
        };
        let x = column.x;
        let dots = layer_rows.iter().map(|&y| {
            html! {
                <text class="ellipsis-dots" x={px(x)} y={px(y)} text-anchor="middle"
                    dominant-baseline="central">{ "…" }</text>
            }
        });
        let label = labels
            .skipped_template
            .replace("{n}", &range.len().to_string());
        let words: Vec<&str> = label.split_whitespace().collect();
        let lines = words.len().max(1) as f32;
        let text = input_row.map(|y| {
            let spans = words.iter().enumerate().map(|(i, word)| {
                let dy = if i == 0 {
                    format!("{:.2}em", -(lines - 1.0) * 0.55)
                } else {
                    "1.1em".to_owned()
                };
                html! { <tspan x={px(x)} dy={dy}>{ *word }</tspan> }
            });
            html! {
                <text class="ellipsis-label" x={px(x)} y={px(y)} text-anchor="middle"
                    dominant-baseline="central">{ for spans }</text>
            }
        });
        Some(html! {
            <g class="ellipsis" role="img" aria-label={label.clone()}>
                { for dots }
                { for text }
            </g>
        })
    });
    html! { <g class="ellipses">{ for columns }</g> }
}

/// The accessible name of cell `id` from the template.
fn cell_label(labels: &DiagramLabels, id: CellId) -> String {
    let direction = match id.direction {
        Direction::Forward => &labels.forward,
        Direction::Backward => &labels.backward,
    };
    labels
        .cell_template
        .replace("{layer}", &(id.layer + 1).to_string())
        .replace("{direction}", direction)
        .replace("{t}", &(id.timestep + 1).to_string())
}

/// A coordinate as an SVG attribute value.
fn px(v: f32) -> String {
    format!("{v:.1}")
}
