//! The words a drawing needs, already in the page's language (`i18n` fills them in), so
//! the drawings themselves hold no words.

/// All words of the chart panel, already translated (`i18n` fills them in).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ChartLabels {
    /// Caption of the hidden-state line chart.
    pub lines_title: String,
    /// Caption of the heatmap.
    pub heatmap_title: String,
    /// Caption of the saturation chart.
    pub saturation_title: String,
    /// Description of the time axis.
    pub timestep: String,
    /// Description of the value axis of the line chart.
    pub value: String,
    /// Description of the unit axis of the heatmap.
    pub unit: String,
    /// Symbol before a unit's index in the legend (`h` gives `h[0]`).
    pub unit_prefix: String,
    /// Text under the heatmap's colour bar.
    pub colorbar: String,
    /// Description of the saturation bars' axis (share of saturated units).
    pub share_saturated: String,
    /// Caption of the pre-activation histogram.
    pub histogram: String,
    /// Description of the histogram's x axis (the pre-activation `z_t`).
    pub z_axis: String,
    /// Description of the histogram's y axis (how many units).
    pub count_axis: String,
    /// Accessible description (`aria-label`) of the line chart's canvas.
    pub lines_description: String,
    /// Accessible description of the heatmap's canvas.
    pub heatmap_description: String,
    /// Accessible description of the saturation chart's canvas.
    pub saturation_description: String,
    /// Shown in place of a chart that could not be drawn (e.g. "Chart unavailable").
    /// The technical reason goes into the message's tooltip.
    pub draw_error: String,
}

/// All words of the unrolled diagram, already translated.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DiagramLabels {
    /// Accessible name of the diagram.
    pub title: String,
    /// Symbol of an input, drawn with the 1-based timestep as subscript (`x₁`).
    pub input: String,
    /// Symbol of an output, drawn with the 1-based timestep as subscript (`y₁`).
    pub output: String,
    /// Name of the forward row of a bidirectional layer (also `{direction}`).
    pub forward: String,
    /// Name of the backward row of a bidirectional layer (also `{direction}`).
    pub backward: String,
    /// Accessible name of a cell: `{layer}` (1-based), `{direction}` and `{t}` (1-based,
    /// as on screen) are filled in, e.g. "Layer {layer}, {direction}, timestep {t}".
    pub cell_template: String,
    /// Label of an ellipsis column; `{n}` is the number of hidden steps.
    pub skipped_template: String,
    /// Symbol of the embedding boxes (token inputs), drawn with the 1-based timestep as
    /// subscript; empty draws plain boxes.
    pub embedding: String,
    /// Text of the dense-head boxes; empty draws plain boxes.
    pub dense: String,
    /// The word before a layer's number in its row label (`Layer` 1, `층` 1).
    pub layer: String,
    /// Row label of the inputs.
    pub input_row: String,
    /// Row label of the outputs.
    pub output_row: String,
    /// Row label of the embedding lookups.
    pub embedding_row: String,
    /// Row label of the dense head.
    pub dense_row: String,
    /// Heading of the colour key under the diagram.
    pub key_title: String,
    /// What the value colours mean.
    pub key_values: String,
    /// What a cell's strip shows.
    pub key_strip: String,
    /// What a faded cell means.
    pub key_pending: String,
    /// What the thick frame means.
    pub key_active: String,
    /// What the shapes beside the rows are.
    pub key_shape: String,
}
