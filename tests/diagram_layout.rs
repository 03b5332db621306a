//! Geometry of the unrolled diagram: outputs, bidirectional rows, stacking, condensing, ids.
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

use std::fmt::Write as _;

use std::collections::HashSet;

use unrolled::diagram::{
    layout, ArrowKind, CellId, ColumnContent, DiagramDesc, DiagramLayout, Direction, LayerDesc,
    NodeId, RowKind, Viewport,
};

fn layer(units: usize, bidirectional: bool, return_sequences: bool) -> LayerDesc {
    LayerDesc {
        units,
        bidirectional,
        return_sequences,
    }
}

fn desc(timesteps: usize, layers: Vec<LayerDesc>) -> DiagramDesc {
    DiagramDesc {
        timesteps,
        layers,
        token_inputs: false,
        dense_head: false,
        selected: None,
    }
}

fn wide() -> Viewport {
    Viewport::new(1200.0, 600.0)
}

fn outputs(l: &DiagramLayout) -> Vec<usize> {
    l.nodes
        .iter()
        .filter_map(|n| match n.id {
            NodeId::Output(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn arrows_of(l: &DiagramLayout, kind: ArrowKind) -> Vec<&unrolled::diagram::Arrow> {
    l.arrows.iter().filter(|a| a.kind == kind).collect()
}

fn cell(layer: usize, direction: Direction, timestep: usize) -> CellId {
    CellId {
        layer,
        direction,
        timestep,
    }
}

fn assert_inside(l: &DiagramLayout) {
    for n in &l.nodes {
        let r = n.rect;
        assert!(r.x >= 0.0 && r.y >= 0.0, "{n:?}");
        assert!(
            r.x + r.width <= l.width && r.y + r.height <= l.height,
            "{n:?}"
        );
        assert!(r.width > 0.0 && r.height > 0.0, "{n:?}");
    }
}

#[test]
fn many_to_one_has_a_single_output_at_the_last_step() {
    let l = layout(&desc(5, vec![layer(3, false, false)]), &wide());
    assert_eq!(outputs(&l), vec![4]);
    let out = arrows_of(&l, ArrowKind::Output);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].from, NodeId::Cell(cell(0, Direction::Forward, 4)));
    assert_eq!(l.cells().count(), 5);
    assert_eq!(arrows_of(&l, ArrowKind::Input).len(), 5);
    assert_eq!(arrows_of(&l, ArrowKind::Recurrent).len(), 4);
    assert_inside(&l);
}

#[test]
fn many_to_many_has_one_output_per_step() {
    let l = layout(&desc(5, vec![layer(3, false, true)]), &wide());
    assert_eq!(outputs(&l), vec![0, 1, 2, 3, 4]);
    for a in arrows_of(&l, ArrowKind::Output) {
        let (NodeId::Cell(c), NodeId::Output(t)) = (a.from, a.to) else {
            panic!("{a:?}");
        };
        assert_eq!(c.timestep, t);
        // Outputs sit above their cells.
        assert!(a.points[1].y < a.points[0].y);
    }
}

#[test]
fn dense_head_sits_between_cells_and_outputs() {
    let mut d = desc(4, vec![layer(3, false, false)]);
    d.dense_head = true;
    d.token_inputs = true;
    let l = layout(&d, &wide());
    assert!(l.node(NodeId::Dense(3)).is_some());
    assert_eq!(outputs(&l), vec![3]);
    let to_output: Vec<_> = l
        .arrows
        .iter()
        .filter(|a| a.to == NodeId::Output(3))
        .collect();
    assert_eq!(to_output.len(), 1);
    assert_eq!(to_output[0].from, NodeId::Dense(3));
    // Token inputs go through the embedding.
    assert!(l
        .arrows
        .iter()
        .any(|a| a.from == NodeId::Input(0) && a.to == NodeId::Embedding(0)));
    assert!(l
        .arrows
        .iter()
        .any(|a| a.from == NodeId::Embedding(0)
            && a.to == NodeId::Cell(cell(0, Direction::Forward, 0))));
    let kinds: Vec<RowKind> = l.rows.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.first(), Some(&RowKind::Output));
    assert_eq!(kinds.last(), Some(&RowKind::Input));
    assert!(kinds.contains(&RowKind::Dense) && kinds.contains(&RowKind::Embedding));
}

#[test]
fn bidirectional_layer_has_two_rows_running_opposite_ways() {
    let l = layout(&desc(4, vec![layer(2, true, true)]), &wide());
    let layer_rows: Vec<_> = l
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Layer { .. }))
        .collect();
    assert_eq!(layer_rows.len(), 2);
    assert_eq!(l.cells().count(), 8);
    for a in arrows_of(&l, ArrowKind::Recurrent) {
        let (NodeId::Cell(from), NodeId::Cell(to)) = (a.from, a.to) else {
            panic!("{a:?}");
        };
        assert_eq!(from.direction, to.direction);
        let dx = a.points[1].x - a.points[0].x;
        match from.direction {
            Direction::Forward => assert!(to.timestep == from.timestep + 1 && dx > 0.0),
            Direction::Backward => assert!(to.timestep + 1 == from.timestep && dx < 0.0),
        }
    }
    assert_eq!(arrows_of(&l, ArrowKind::Recurrent).len(), 6);
    // Each input feeds both directions; with return_sequences each output gets both.
    assert_eq!(arrows_of(&l, ArrowKind::Input).len(), 8);
    assert_eq!(outputs(&l).len(), 4);
    assert_eq!(arrows_of(&l, ArrowKind::Output).len(), 8);
    assert_inside(&l);
}

#[test]
fn bidirectional_many_to_one_merges_forward_last_with_backward_first() {
    let l = layout(&desc(6, vec![layer(2, true, false)]), &wide());
    assert_eq!(outputs(&l), vec![5]);
    let sources: HashSet<NodeId> = l
        .arrows
        .iter()
        .filter(|a| a.to == NodeId::Output(5))
        .map(|a| a.from)
        .collect();
    let expected: HashSet<NodeId> = [
        NodeId::Cell(cell(0, Direction::Forward, 5)),
        NodeId::Cell(cell(0, Direction::Backward, 0)),
    ]
    .into();
    assert_eq!(sources, expected);
}

#[test]
fn stacked_layers_are_wired_step_by_step() {
    let d = desc(
        3,
        vec![
            layer(4, true, true),
            layer(4, false, true),
            layer(2, false, false),
        ],
    );
    let l = layout(&d, &wide());
    let stack = arrows_of(&l, ArrowKind::Stack);
    // Layer 1 gets both halves of layer 0 at each step (6), layer 2 gets layer 1 (3).
    assert_eq!(stack.len(), 9);
    for a in &stack {
        let (NodeId::Cell(from), NodeId::Cell(to)) = (a.from, a.to) else {
            panic!("{a:?}");
        };
        assert_eq!(from.timestep, to.timestep);
        assert_eq!(from.layer + 1, to.layer);
        assert!(a.points[1].y < a.points[0].y, "stack arrows point up");
    }
    // Rows: output, l2, l1, l0 backward, l0 forward, input — from the top.
    let ys: Vec<f32> = l.rows.iter().map(|r| r.y).collect();
    assert_eq!(ys.len(), 6);
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(outputs(&l), vec![2]);
    assert_inside(&l);
}

#[test]
fn ids_are_unique_and_clicks_find_cells() {
    let mut d = desc(7, vec![layer(4, true, true), layer(4, true, false)]);
    d.token_inputs = true;
    d.dense_head = true;
    let l = layout(&d, &wide());
    let ids: HashSet<NodeId> = l.nodes.iter().map(|n| n.id).collect();
    assert_eq!(ids.len(), l.nodes.len());
    for (id, n) in l.cells() {
        let c = n.rect.center();
        assert_eq!(l.cell_at(c.x, c.y), Some(id));
    }
    // Boxes of the same row never overlap.
    for a in &l.nodes {
        for b in &l.nodes {
            if a.id != b.id {
                let (r, s) = (a.rect, b.rect);
                let overlap = r.x < s.x + s.width
                    && s.x < r.x + r.width
                    && r.y < s.y + s.height
                    && s.y < r.y + r.height;
                assert!(!overlap, "{:?} overlaps {:?}", a.id, b.id);
            }
        }
    }
    for a in &l.arrows {
        assert!(a.points.len() >= 2);
        assert!(ids.contains(&a.from) && ids.contains(&a.to), "{a:?}");
    }
}

#[test]
fn selected_cell_is_the_only_active_one() {
    let mut d = desc(5, vec![layer(3, true, true)]);
    d.selected = Some(cell(0, Direction::Backward, 2));
    let l = layout(&d, &wide());
    let active: Vec<NodeId> = l.nodes.iter().filter(|n| n.active).map(|n| n.id).collect();
    assert_eq!(active, vec![NodeId::Cell(cell(0, Direction::Backward, 2))]);
}

#[test]
fn long_sequences_condense_but_keep_the_active_step_visible() {
    let mut d = desc(500, vec![layer(8, true, false)]);
    d.selected = Some(cell(0, Direction::Forward, 250));
    let view = Viewport::new(800.0, 400.0);
    let l = layout(&d, &view);
    assert!(l.columns.len() <= ((800.0 - 32.0) / 56.0) as usize);
    assert!(
        (l.width - 800.0).abs() < 1e-3,
        "fits the viewport: {}",
        l.width
    );
    let shown: Vec<usize> = l
        .columns
        .iter()
        .filter_map(|c| match c.content {
            ColumnContent::Step(t) => Some(t),
            ColumnContent::Hidden(_) => None,
        })
        .collect();
    for t in [0, 249, 250, 251, 499] {
        assert!(shown.contains(&t), "step {t} hidden: {shown:?}");
    }
    // Every step is either shown or in exactly one ellipsis.
    let hidden: usize = l
        .columns
        .iter()
        .map(|c| match &c.content {
            ColumnContent::Step(_) => 0,
            ColumnContent::Hidden(r) => r.len(),
        })
        .sum();
    assert_eq!(shown.len() + hidden, 500);
    assert!(
        l.node(NodeId::Cell(cell(0, Direction::Forward, 250)))
            .unwrap()
            .active
    );
    // Recurrent arrows cross the ellipses and say how many steps they skip.
    let skipped: usize = arrows_of(&l, ArrowKind::Recurrent)
        .iter()
        .filter(|a| matches!(a.from, NodeId::Cell(c) if c.direction == Direction::Forward))
        .map(|a| a.skipped_steps + 1)
        .sum();
    assert_eq!(skipped, 499);
    // The backward final state at t = 0 still reaches the single output.
    assert!(l
        .arrows
        .iter()
        .any(|a| a.from == NodeId::Cell(cell(0, Direction::Backward, 0))
            && a.to == NodeId::Output(499)));
    // Columns are left to right, at least the minimum width apart.
    assert!(l.columns.windows(2).all(|w| w[1].x - w[0].x >= 56.0 - 1e-3));
    assert_inside(&l);
}

#[test]
fn active_step_near_an_end_and_moving_cursor() {
    for active in [0, 1, 2, 97, 98, 99, 40] {
        let mut d = desc(100, vec![layer(2, false, true)]);
        d.selected = Some(cell(0, Direction::Forward, active));
        let l = layout(&d, &Viewport::new(600.0, 300.0));
        let active_node = l.node(NodeId::Cell(cell(0, Direction::Forward, active)));
        assert!(active_node.is_some_and(|n| n.active), "active {active}");
        assert!(l.columns.len() <= 10);
    }
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let cases = [
        (
            desc(0, vec![layer(2, true, false)]),
            Viewport::new(800.0, 400.0),
        ),
        (desc(3, vec![]), Viewport::new(800.0, 400.0)),
        (
            desc(1, vec![layer(1, true, false)]),
            Viewport::new(0.0, 0.0),
        ),
        (
            desc(50, vec![layer(1, false, false)]),
            Viewport {
                width: f32::NAN,
                height: -5.0,
                min_column_width: f32::INFINITY,
                left_gutter: f32::NAN,
            },
        ),
    ];
    for (d, v) in cases {
        let l = layout(&d, &v);
        assert!(l.width.is_finite() && l.height.is_finite());
        assert_inside(&l);
    }
    let l = layout(&desc(1, vec![layer(1, true, false)]), &wide());
    assert_eq!(outputs(&l), vec![0]);
    assert_eq!(arrows_of(&l, ArrowKind::Output).len(), 2);
}

/// Writes a plain SVG of a layout to /tmp when `UNROLLED_CHART_DUMP` is set (to look at it).
#[test]
fn dump_svg_for_inspection() {
    if std::env::var_os("UNROLLED_CHART_DUMP").is_none() {
        return;
    }
    let mut d = desc(40, vec![layer(4, true, true), layer(3, true, false)]);
    d.token_inputs = true;
    d.dense_head = true;
    d.selected = Some(cell(1, Direction::Backward, 20));
    let l = layout(&d, &Viewport::new(900.0, 520.0));
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
        l.width, l.height, l.width, l.height
    );
    for a in &l.arrows {
        let pts: Vec<String> = a
            .points
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect();
        let dash = if a.skipped_steps > 0 {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#555\"{dash}/>",
            pts.join(" ")
        );
    }
    for n in &l.nodes {
        let r = n.rect;
        let fill = if n.active { "#f4a582" } else { "#d1e5f0" };
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#333\"/>",
            r.x, r.y, r.width, r.height
        );
    }
    for c in &l.columns {
        if let ColumnContent::Hidden(_) = c.content {
            for row in &l.rows {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">…</text>",
                    c.x, row.y
                );
            }
        }
    }
    svg += "</svg>";
    std::fs::write("/tmp/charts-diagram.svg", svg).unwrap();
}
