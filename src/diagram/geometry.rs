//! Places rows, columns, boxes and arrows of the unrolled diagram.

use super::steps::{visible_steps, Column, ColumnContent};
use super::{
    Arrow, ArrowKind, CellId, DiagramDesc, DiagramLayout, Direction, Node, NodeId, Point, Rect,
    Row, RowKind, Viewport,
};

/// Empty space around the drawing.
const MARGIN: f32 = 16.0;
/// Columns never get wider than this; extra width is left around the diagram.
const MAX_COLUMN_WIDTH: f32 = 140.0;
/// Rows never get lower than this; the drawing grows taller instead.
const MIN_ROW_HEIGHT: f32 = 56.0;
/// Rows never get higher than this.
const MAX_ROW_HEIGHT: f32 = 110.0;
/// Minimum column width used when the viewport's is not a usable number.
const FALLBACK_COLUMN_WIDTH: f32 = 56.0;

/// Lays out the unrolled diagram of `desc` in `viewport`.
///
/// Columns: [`visible_steps`] with as many columns as fit `viewport.width` at
/// `min_column_width` (margins excluded); the columns then share the width (at most
/// 140 px each) and are centred. Rows share the height (56–110 px each). A
/// unidirectional cell is centred on its column; the forward and backward cells of a
/// bidirectional layer sit left and right of the column centre, so that vertical
/// arrows into the upper row pass beside the lower row's cells.
///
/// Outputs: the last layer emits one output per shown step with `return_sequences`,
/// otherwise one output above the last step, fed by the forward cell at `T-1` and, for a
/// bidirectional layer, by the backward cell at `t = 0` (the backward pass ends there,
/// which is the state Keras concatenates). With `dense_head`, each output is preceded
/// by a dense box. Arrows are straight segments between box edges.
#[must_use]
pub fn layout(desc: &DiagramDesc, viewport: &Viewport) -> DiagramLayout {
    let view_w = usable(viewport.width, 0.0);
    let view_h = usable(viewport.height, 0.0);
    let min_col = usable(viewport.min_column_width, FALLBACK_COLUMN_WIDTH).max(8.0);
    let steps = desc.timesteps;

    // Columns.
    let gutter = usable(viewport.left_gutter, 0.0).min(view_w / 3.0);
    let available = (view_w - 2.0 * MARGIN - gutter).max(0.0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a non-negative whole number of columns, far below usize::MAX"
    )]
    let max_columns = ((available / min_col).floor() as usize).max(1);
    let active_step = desc.selected.map(|s| s.timestep);
    let contents = visible_steps(steps, active_step, max_columns);
    let pitch = if contents.is_empty() {
        min_col
    } else {
        (available / contents.len() as f32).clamp(min_col, MAX_COLUMN_WIDTH.max(min_col))
    };
    let content_w = contents.len() as f32 * pitch;
    let width = view_w.max(content_w + 2.0 * MARGIN + gutter);
    let left = gutter + (width - gutter - content_w) / 2.0;
    let columns: Vec<Column> = contents
        .into_iter()
        .enumerate()
        .map(|(i, content)| Column {
            x: left + (i as f32 + 0.5) * pitch,
            content,
        })
        .collect();

    // Rows, listed bottom (inputs) to top (outputs).
    let mut kinds = vec![RowKind::Input];
    if desc.token_inputs {
        kinds.push(RowKind::Embedding);
    }
    for (layer, spec) in desc.layers.iter().enumerate() {
        kinds.push(RowKind::Layer {
            layer,
            direction: Direction::Forward,
        });
        if spec.bidirectional {
            kinds.push(RowKind::Layer {
                layer,
                direction: Direction::Backward,
            });
        }
    }
    if !desc.layers.is_empty() {
        if desc.dense_head {
            kinds.push(RowKind::Dense);
        }
        kinds.push(RowKind::Output);
    }
    let row_h =
        ((view_h - 2.0 * MARGIN) / kinds.len() as f32).clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
    let content_h = kinds.len() as f32 * row_h;
    let height = view_h.max(content_h + 2.0 * MARGIN);
    let bottom = f32::midpoint(height, content_h);
    let rows: Vec<Row> = kinds
        .iter()
        .enumerate()
        .map(|(i, &kind)| Row {
            kind,
            y: bottom - (i as f32 + 0.5) * row_h,
        })
        .rev()
        .collect();

    let geo = Geometry {
        pitch,
        row_h,
        rows: &rows,
    };
    let mut nodes = Vec::new();
    let mut arrows = Vec::new();
    let shown: Vec<(usize, f32)> = columns
        .iter()
        .filter_map(|c| match c.content {
            ColumnContent::Step(t) => Some((t, c.x)),
            ColumnContent::Hidden(_) => None,
        })
        .collect();

    for &(t, x) in &shown {
        let input = geo.io_node(NodeId::Input(t), RowKind::Input, x);
        nodes.push(input);
        let mut below = vec![input];
        if desc.token_inputs {
            let embedding = geo.io_node(NodeId::Embedding(t), RowKind::Embedding, x);
            arrows.push(vertical(&input, &embedding, ArrowKind::Input));
            nodes.push(embedding);
            below = vec![embedding];
        }
        for (layer, spec) in desc.layers.iter().enumerate() {
            let mut this_layer = Vec::with_capacity(2);
            for direction in directions(spec.bidirectional) {
                let id = CellId {
                    layer,
                    direction,
                    timestep: t,
                };
                let cell = geo.cell(id, spec.bidirectional, x, desc.selected == Some(id));
                let kind = if layer == 0 {
                    ArrowKind::Input
                } else {
                    ArrowKind::Stack
                };
                let bus = geo.bus_above(&below);
                arrows.extend(below.iter().map(|source| routed(source, &cell, kind, bus)));
                nodes.push(cell);
                this_layer.push(cell);
            }
            below = this_layer;
        }
    }

    // Recurrent arrows between successive shown steps of every row.
    for (layer, spec) in desc.layers.iter().enumerate() {
        for direction in directions(spec.bidirectional) {
            for pair in shown.windows(2) {
                let (a, b) = (pair[0].0, pair[1].0);
                let cell = |timestep| {
                    let id = NodeId::Cell(CellId {
                        layer,
                        direction,
                        timestep,
                    });
                    nodes.iter().find(|n| n.id == id).copied()
                };
                let (Some(early), Some(late)) = (cell(a), cell(b)) else {
                    continue;
                };
                let (from, to, points) = match direction {
                    Direction::Forward => (early, late, vec![early.rect.right(), late.rect.left()]),
                    Direction::Backward => {
                        (late, early, vec![late.rect.left(), early.rect.right()])
                    }
                };
                arrows.push(Arrow {
                    from: from.id,
                    to: to.id,
                    kind: ArrowKind::Recurrent,
                    points,
                    skipped_steps: b - a - 1,
                });
            }
        }
    }

    // Outputs of the last layer.
    if let Some((last, spec)) = desc.layers.iter().enumerate().next_back() {
        let find = |id: CellId| nodes.iter().find(|n| n.id == NodeId::Cell(id)).copied();
        let cell_id = |direction, timestep| CellId {
            layer: last,
            direction,
            timestep,
        };
        let mut emitted: Vec<(usize, f32, Vec<Node>)> = Vec::new();
        if spec.return_sequences {
            for &(t, x) in &shown {
                let sources = directions(spec.bidirectional)
                    .filter_map(|d| find(cell_id(d, t)))
                    .collect();
                emitted.push((t, x, sources));
            }
        } else if let Some(&(t_last, x_last)) = shown.last() {
            let mut sources: Vec<Node> = find(cell_id(Direction::Forward, t_last))
                .into_iter()
                .collect();
            if spec.bidirectional {
                sources.extend(find(cell_id(Direction::Backward, 0)));
            }
            emitted.push((t_last, x_last, sources));
        }
        for (t, x, sources) in emitted {
            let output = geo.io_node(NodeId::Output(t), RowKind::Output, x);
            let target = if desc.dense_head {
                let dense = geo.io_node(NodeId::Dense(t), RowKind::Dense, x);
                arrows.push(vertical(&dense, &output, ArrowKind::Output));
                nodes.push(dense);
                dense
            } else {
                output
            };
            let bus = geo.bus_above(&sources);
            arrows.extend(
                sources
                    .iter()
                    .map(|s| routed(s, &target, ArrowKind::Output, bus)),
            );
            nodes.push(output);
        }
    }

    DiagramLayout {
        width,
        height,
        columns,
        rows,
        nodes,
        arrows,
    }
}

/// Column pitch, row height and row positions, to size and place boxes.
struct Geometry<'a> {
    pitch: f32,
    row_h: f32,
    rows: &'a [Row],
}

impl Geometry<'_> {
    /// Height of the horizontal run of arrows that leave `sources` sideways: halfway
    /// between the top row of `sources` and the row above it, so that the run passes
    /// between rows and never through a box.
    fn bus_above(&self, sources: &[Node]) -> f32 {
        sources
            .iter()
            .map(|n| n.rect.center().y)
            .fold(f32::INFINITY, f32::min)
            - self.row_h / 2.0
    }

    fn row_y(&self, kind: RowKind) -> f32 {
        self.rows
            .iter()
            .find(|r| r.kind == kind)
            .map_or(0.0, |r| r.y)
    }

    /// An input, embedding, dense or output box centred on column `x`.
    fn io_node(&self, id: NodeId, row: RowKind, x: f32) -> Node {
        let width = (self.pitch * 0.5).min(44.0);
        let height = (self.row_h * 0.45).min(30.0);
        Node {
            id,
            rect: Rect::centered(x, self.row_y(row), width, height),
            active: false,
        }
    }

    /// A recurrent cell; the two halves of a bidirectional layer sit either side of `x`.
    fn cell(&self, id: CellId, bidirectional: bool, x: f32, active: bool) -> Node {
        let row = RowKind::Layer {
            layer: id.layer,
            direction: id.direction,
        };
        let height = self.row_h * 0.55;
        let (cx, width) = if bidirectional {
            let offset = match id.direction {
                Direction::Forward => -0.22,
                Direction::Backward => 0.22,
            };
            (x + offset * self.pitch, self.pitch * 0.4)
        } else {
            (x, self.pitch * 0.62)
        };
        Node {
            id: NodeId::Cell(id),
            rect: Rect::centered(cx, self.row_y(row), width, height),
            active,
        }
    }
}

/// Forward, then backward when the layer is bidirectional.
fn directions(bidirectional: bool) -> impl Iterator<Item = Direction> {
    std::iter::once(Direction::Forward).chain(bidirectional.then_some(Direction::Backward))
}

/// An upward arrow from the top of `from` to the bottom of `to`: straight when the two
/// are one above the other, else up to `bus`, across, and up again, so that the arrows
/// between the halves of bidirectional layers run at right angles between the rows
/// instead of crossing cells diagonally.
fn routed(from: &Node, to: &Node, kind: ArrowKind, bus: f32) -> Arrow {
    let (start, end) = (from.rect.top(), to.rect.bottom());
    if (start.x - end.x).abs() < 0.5 || !(end.y..start.y).contains(&bus) {
        return vertical(from, to, kind);
    }
    Arrow {
        from: from.id,
        to: to.id,
        kind,
        points: vec![
            start,
            Point { x: start.x, y: bus },
            Point { x: end.x, y: bus },
            end,
        ],
        skipped_steps: 0,
    }
}

/// An upward arrow from the top of `from` to the bottom of `to`.
fn vertical(from: &Node, to: &Node, kind: ArrowKind) -> Arrow {
    Arrow {
        from: from.id,
        to: to.id,
        kind,
        points: vec![from.rect.top(), to.rect.bottom()],
        skipped_steps: 0,
    }
}

/// `value` when it is a finite non-negative number, else `fallback`.
fn usable(value: f32, fallback: f32) -> f32 {
    if value.is_finite() && value >= 0.0 {
        value
    } else {
        fallback
    }
}
