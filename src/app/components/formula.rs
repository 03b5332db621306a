//! The step's equation typeset as `MathML` (Chromium, Firefox and Safari draw it), with the
//! step's own numbers as subscripts: `h₃ = tanh(x₃W_x + h₂W_h + b)` in Keras' row-vector
//! notation, and `h₃ = tanh(Wx·x₃ + Wh·h₂ + b)` in the numpy loop's column notation.

use yew::prelude::*;

/// A symbol with a subscript: `<msub><mi>h</mi><mn>3</mn></msub>`.
fn sub(symbol: &str, index: &str) -> Html {
    let index = if index.chars().all(|c| c.is_ascii_digit()) {
        html! { <mn>{ index.to_owned() }</mn> }
    } else {
        html! { <mi>{ index.to_owned() }</mi> }
    };
    html! { <msub><mi>{ symbol.to_owned() }</mi>{ index }</msub> }
}

/// An operator.
fn op(text: &'static str) -> Html {
    html! { <mo>{ text }</mo> }
}

/// Where the step's previous state comes from, 1-based: `h₂` for step 3 forward, `h₄`
/// for step 3 backward; `h₀` (zeros) before the first step of either direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepIndices {
    /// The step, 1-based.
    pub t: usize,
    /// The step the previous state is read from, 1-based (0 for the zero state).
    pub prev: usize,
}

/// `h_t = act(x_t W_x + h_prev W_h + b)`, Keras' notation (row vectors, kernels on the
/// right).
pub fn keras_formula(act: &str, at: StepIndices) -> Html {
    let (t, prev) = (at.t.to_string(), at.prev.to_string());
    html! {
        <math display="block">
            <mrow>
                { sub("h", &t) }{ op("=") }<mi>{ act.to_owned() }</mi>{ op("(") }
                { sub("x", &t) }{ sub("W", "x") }{ op("+") }
                { sub("h", &prev) }{ sub("W", "h") }{ op("+") }<mi>{ "b" }</mi>{ op(")") }
            </mrow>
        </math>
    }
}

/// `h_t = act(Wx·x_t + Wh·h_prev + b)`, the numpy loop's notation (column vectors,
/// `Wx = W_xᵀ` of shape units × features).
pub fn numpy_formula(act: &str, at: StepIndices) -> Html {
    let (t, prev) = (at.t.to_string(), at.prev.to_string());
    let transposed = |index: &str| {
        html! { <msubsup><mi>{ "W" }</mi><mi>{ index.to_owned() }</mi><mi>{ "⊤" }</mi></msubsup> }
    };
    html! {
        <math display="block">
            <mrow>
                { sub("h", &t) }{ op("=") }<mi>{ act.to_owned() }</mi>{ op("(") }
                { transposed("x") }{ op("·") }{ sub("x", &t) }{ op("+") }
                { transposed("h") }{ op("·") }{ sub("h", &prev) }{ op("+") }<mi>{ "b" }</mi>{ op(")") }
            </mrow>
        </math>
    }
}
