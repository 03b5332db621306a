//! Geometry of the unrolled RNN diagram: where each cell, input, output and arrow goes.
//!
//! [`layout`] turns a [`DiagramDesc`] (timesteps, layers, head, selection) and a
//! [`Viewport`] into a [`DiagramLayout`] of plain `f32` coordinates (SVG convention:
//! origin top-left, y down) and ids; the app renders it as SVG and uses the ids for
//! clicks. Rows from bottom to top: inputs, the embedding (token inputs), each layer (a
//! bidirectional layer has a forward row and, above it, a backward row), the dense head,
//! the outputs. One column per timestep, condensed with ellipsis columns when the
//! sequence does not fit (see [`visible_steps`]).

mod cell_schematic;
mod geometry;
mod steps;

pub use cell_schematic::{
    CellSchematic, Part, PartBox, PartShape, PartWire, SCHEMATIC_HEIGHT, SCHEMATIC_WIDTH,
};
pub use geometry::layout;
pub use steps::{visible_steps, Column, ColumnContent};

/// Direction in which a recurrent row runs over the sequence: `Forward` reads
/// `t = 0, 1, …` and its state flows to the right; `Backward` (the backward half of a
/// bidirectional layer) reads `t = T-1, …, 0` and its state flows left.
pub use crate::rnn::Direction;

/// Identifies one cell of the unrolled diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellId {
    /// Layer index, 0 nearest the inputs.
    pub layer: usize,
    /// Which half of the layer (always `Forward` for a unidirectional layer).
    pub direction: Direction,
    /// Input timestep the cell reads.
    pub timestep: usize,
}

/// One recurrent layer of the model, as the diagram needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerDesc {
    /// Hidden units (shown as a label and used for the cell's colour strip).
    pub units: usize,
    /// Keras `Bidirectional(...)` wrapper: a forward and a backward row.
    pub bidirectional: bool,
    /// Keras `return_sequences`: emits `h_t` at every step instead of only the last.
    pub return_sequences: bool,
}

/// What to draw: the model's shape and the selected cell.
///
/// The layout assumes a valid model (every layer below another returns sequences);
/// each layer reads the layer below step by step whatever that layer's flag says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramDesc {
    /// Sequence length `T`.
    pub timesteps: usize,
    /// Recurrent layers, bottom (nearest the inputs) first.
    pub layers: Vec<LayerDesc>,
    /// Inputs are token ids, looked up in an embedding before the first layer.
    pub token_inputs: bool,
    /// A dense layer maps the last layer's outputs to the model outputs.
    pub dense_head: bool,
    /// The cell shown in detail; it and its neighbours are always kept visible.
    pub selected: Option<CellId>,
}

/// Space available for the diagram, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Available width.
    pub width: f32,
    /// Available height (the layout grows past it rather than squash rows unreadably).
    pub height: f32,
    /// Columns are never narrower than this unless the viewport cannot even hold the
    /// condensed minimum; beyond it, steps are condensed behind an ellipsis.
    pub min_column_width: f32,
    /// Room kept free at the left edge (for row labels); the columns share the rest.
    pub left_gutter: f32,
}

impl Viewport {
    /// A viewport with the default minimum column width of 56 px.
    #[must_use]
    pub fn new(width: f32, height: f32) -> Self {
        Self {
            width,
            height,
            min_column_width: 56.0,
            left_gutter: 0.0,
        }
    }

    /// This viewport with `px` kept free at the left edge for row labels.
    #[must_use]
    pub fn with_left_gutter(self, px: f32) -> Self {
        Self {
            left_gutter: px,
            ..self
        }
    }

    /// This viewport with columns at least `px` wide.
    #[must_use]
    pub fn with_min_column_width(self, px: f32) -> Self {
        Self {
            min_column_width: px,
            ..self
        }
    }
}

/// A point in diagram coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f32,
    /// Distance from the top edge.
    pub y: f32,
}

/// An axis-aligned box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// A box of the given size centred on `(cx, cy)`.
    #[must_use]
    pub fn centered(cx: f32, cy: f32, width: f32, height: f32) -> Self {
        Self {
            x: cx - width / 2.0,
            y: cy - height / 2.0,
            width,
            height,
        }
    }
    /// Centre of the box.
    #[must_use]
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }
    /// Middle of the top edge.
    #[must_use]
    pub fn top(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y,
        }
    }
    /// Middle of the bottom edge.
    #[must_use]
    pub fn bottom(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height,
        }
    }
    /// Middle of the left edge.
    #[must_use]
    pub fn left(&self) -> Point {
        Point {
            x: self.x,
            y: self.y + self.height / 2.0,
        }
    }
    /// Middle of the right edge.
    #[must_use]
    pub fn right(&self) -> Point {
        Point {
            x: self.x + self.width,
            y: self.y + self.height / 2.0,
        }
    }
}

/// Identifies any box of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// Input `x_t`.
    Input(usize),
    /// Embedding lookup of token `x_t`.
    Embedding(usize),
    /// A recurrent cell.
    Cell(CellId),
    /// The dense head applied to the output placed above column `t`.
    Dense(usize),
    /// A model output, above column `t` (many-to-one: only `t = T-1`).
    Output(usize),
}

/// A box of the diagram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// What it is, for labels and click handling.
    pub id: NodeId,
    /// Where it is.
    pub rect: Rect,
    /// The selected cell.
    pub active: bool,
}

/// What an arrow carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrowKind {
    /// An input (or its embedding) into a cell or the embedding.
    Input,
    /// The hidden state to the next cell of the same row (rightwards forward,
    /// leftwards backward).
    Recurrent,
    /// A cell's output into the layer above at the same step.
    Stack,
    /// The last layer's state into the dense head or an output, and dense to output.
    Output,
}

/// An arrow between two boxes, as a polyline from `points[0]` to the last point (the
/// arrow head).
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Where the arrow starts.
    pub from: NodeId,
    /// Where the arrow ends.
    pub to: NodeId,
    /// What it carries.
    pub kind: ArrowKind,
    /// The path, at least two points.
    pub points: Vec<Point>,
    /// Recurrent steps this arrow passes over hidden behind an ellipsis (0 normally).
    pub skipped_steps: usize,
}

/// What a row of the diagram holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The inputs `x_t`.
    Input,
    /// The embedding lookups.
    Embedding,
    /// One direction of a recurrent layer.
    Layer {
        /// Layer index, 0 nearest the inputs.
        layer: usize,
        /// Which half of the layer.
        direction: Direction,
    },
    /// The dense head.
    Dense,
    /// The model outputs.
    Output,
}

/// A horizontal band of the diagram (for row labels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// What the row holds.
    pub kind: RowKind,
    /// Vertical centre of the row's boxes.
    pub y: f32,
}

/// The complete diagram geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramLayout {
    /// Width of the drawing (the viewport's, or more when even the condensed minimum
    /// does not fit); use as the SVG `viewBox` width.
    pub width: f32,
    /// Height of the drawing; use as the SVG `viewBox` height.
    pub height: f32,
    /// Columns left to right: shown steps and ellipses.
    pub columns: Vec<Column>,
    /// Rows top to bottom (outputs first, inputs last).
    pub rows: Vec<Row>,
    /// All boxes; ids are unique.
    pub nodes: Vec<Node>,
    /// All arrows.
    pub arrows: Vec<Arrow>,
}

impl DiagramLayout {
    /// The box with this id, if it is shown.
    #[must_use]
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    /// The recurrent cells, with their ids.
    pub fn cells(&self) -> impl Iterator<Item = (CellId, &Node)> {
        self.nodes.iter().filter_map(|n| match n.id {
            NodeId::Cell(id) => Some((id, n)),
            _ => None,
        })
    }
    /// The id of the cell under the point `(x, y)`, for click handling.
    #[must_use]
    pub fn cell_at(&self, x: f32, y: f32) -> Option<CellId> {
        self.cells().find_map(|(id, n)| {
            let r = n.rect;
            (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height).then_some(id)
        })
    }
}
