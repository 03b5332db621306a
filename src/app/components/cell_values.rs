//! Vectors and matrices drawn as coloured cells, and numbers as the page prints them.

use ndarray::{Array2, ArrayView1};
use yew::prelude::*;

use crate::charts::{diverging_color, text_color_on};

/// Largest vector or matrix side drawn cell by cell; longer ones end in an ellipsis.
const MAX_DRAWN: usize = 12;

/// A number as the page prints it: 4 decimals.
#[must_use]
pub fn fmt4(v: f32) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        }
    } else {
        format!("{v:.4}")
    }
}

/// The inline style of a cell showing `v` on a colour scale of ±`scale`: the diverging
/// colour, with black or white text, whichever contrasts more (at least 4.58:1).
#[must_use]
pub fn cell_style(v: f32, scale: f32) -> String {
    let background = diverging_color(if scale > 0.0 { v / scale } else { 0.0 });
    let (r, g, b) = background;
    let (tr, tg, tb) = text_color_on(background);
    format!("background: rgb({r},{g},{b}); color: rgb({tr},{tg},{tb})")
}

/// The largest finite |value| of `values` (0 when there is none).
pub fn max_abs(values: impl Iterator<Item = f32>) -> f32 {
    values
        .filter(|v| v.is_finite())
        .fold(0.0_f32, |m, v| m.max(v.abs()))
}

/// A row vector drawn as coloured cells (hover or focus shows the full value).
pub fn vector(name: &str, values: ArrayView1<'_, f32>, scale: f32) -> Html {
    let n = values.len();
    html! {
        <span class="vec" role="group" aria-label={format!("{name}: {n}")}>
            <span class="vec-name">{ name }</span>
            <span class="cells">
                { for values.iter().take(MAX_DRAWN).enumerate().map(|(i, v)| html! {
                    <span class="cell" tabindex="0" style={cell_style(*v, scale)}
                        title={format!("{name}[{i}] = {v}")}>{ format!("{v:.2}") }</span>
                }) }
                if n > MAX_DRAWN { <span class="cell more">{ format!("… +{}", n - MAX_DRAWN) }</span> }
            </span>
        </span>
    }
}

/// A matrix drawn as a grid of coloured cells, capped at [`MAX_DRAWN`] per side.
pub fn matrix(name: &str, values: &Array2<f32>) -> Html {
    let (rows, cols) = values.dim();
    let scale = max_abs(values.iter().copied());
    html! {
        <span class="mat" role="group" aria-label={format!("{name}: {rows} × {cols}")}>
            <span class="vec-name">{ format!("{name} ({rows}×{cols})") }</span>
            <span class="grid" style={format!("grid-template-columns: repeat({}, 1.1rem)", cols.min(MAX_DRAWN) + usize::from(cols > MAX_DRAWN))}>
                { for values.outer_iter().take(MAX_DRAWN).enumerate().flat_map(|(i, row)| {
                    let more = (cols > MAX_DRAWN).then(|| html! { <span class="mcell more">{ "…" }</span> });
                    row.iter().take(MAX_DRAWN).enumerate().map(move |(j, v)| html! {
                        <span class="mcell" tabindex="-1" style={cell_style(*v, scale)} title={format!("{name}[{i},{j}] = {v}")}></span>
                    }).chain(more).collect::<Vec<_>>()
                }) }
            </span>
            if rows > MAX_DRAWN { <span class="more">{ format!("… +{} rows", rows - MAX_DRAWN) }</span> }
        </span>
    }
}
