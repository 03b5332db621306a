//! The colour key under the unrolled diagram: what the value colours, a cell's strip, a
//! faded cell and the thick frame mean. Its swatches are drawn with the diagram's own
//! colour scale, so the key cannot drift from the drawing.

use std::fmt::Write as _;

use yew::prelude::*;

use crate::app::domain::labels::DiagramLabels;
use crate::charts::diverging_color;

/// Stops of the value swatch's gradient, from −1 to +1.
const GRADIENT_STOPS: usize = 9;

/// A CSS `linear-gradient` through the diagram's colour scale from −1 to +1.
fn value_gradient() -> String {
    let mut css = String::from("linear-gradient(to right");
    for i in 0..GRADIENT_STOPS {
        let v = -1.0 + 2.0 * i as f32 / (GRADIENT_STOPS - 1) as f32;
        let (r, g, b) = diverging_color(v);
        // Writing to a String cannot fail.
        let _ = write!(css, ", rgb({r},{g},{b})");
    }
    css.push(')');
    css
}

/// A small cell strip of four made-up unit values, as a legend sample.
fn strip_sample() -> Html {
    let stripes = [-0.8_f32, 0.3, 0.9, -0.2].into_iter().map(|v| {
        let (r, g, b) = diverging_color(v);
        html! { <span style={format!("background: rgb({r},{g},{b})")}></span> }
    });
    html! { <span class="key-strip" aria-hidden="true">{ for stripes }</span> }
}

/// The key, as a list under the diagram.
pub fn diagram_key(labels: &DiagramLabels) -> Html {
    html! {
        <div class="diagram-key">
            <span class="key-title">{ labels.key_title.clone() }</span>
            <ul>
                <li>
                    <span class="key-gradient" aria-hidden="true" style={format!("background: {}", value_gradient())}>
                        <span>{ "−1" }</span><span>{ "0" }</span><span>{ "+1" }</span>
                    </span>
                    { labels.key_values.clone() }
                </li>
                <li>{ strip_sample() }{ labels.key_strip.clone() }</li>
                <li><span class="key-box key-pending" aria-hidden="true"></span>{ labels.key_pending.clone() }</li>
                <li><span class="key-box key-active" aria-hidden="true"></span>{ labels.key_active.clone() }</li>
                <li class="key-shape-note">{ labels.key_shape.clone() }</li>
            </ul>
        </div>
    }
}
