//! The terms of a gated step as coloured vectors: one gate's parts (input part,
//! recurrent part, biases, sum, value) and the state update (`c_t`, `h_t`).

use ndarray::ArrayView1;
use yew::prelude::*;

use crate::app::domain::gate_formulas::{GateRole, Notation};
use crate::app::i18n::gates::{gate_role_text, GateText};
use crate::app::i18n::Lang;
use crate::rnn::{CellTrace, GateTrace};

use super::cell_values::{max_abs, vector};

/// The scale of a vector's colours: its largest |value|, at least 1.
pub fn scale_of<'a>(parts: impl IntoIterator<Item = ArrayView1<'a, f32>>) -> f32 {
    max_abs(parts.into_iter().flat_map(|p| p.into_iter().copied())).max(1.0)
}

/// One gate: its line, and its numbers term by term.
pub fn gate_block(lang: Lang, role: GateRole, gate: &GateTrace, line: String, prev: &str) -> Html {
    let g = role.block();
    let s = role.symbol();
    let mut parts = vec![
        gate.input_part.view(),
        gate.recurrent_part.view(),
        gate.bias.view(),
    ];
    parts.extend(gate.recurrent_bias.as_ref().map(ndarray::ArrayBase::view));
    parts.push(gate.pre_activation.view());
    let scale = scale_of(parts);
    let recurrent_name = if role == GateRole::HiddenCandidate && !line.contains("b'_") {
        format!("(r⊙{prev})·U_{g}")
    } else {
        format!("{prev}·U_{g}")
    };
    let id = format!("gate-{g}");
    html! {
        <section class="gate" aria-labelledby={id.clone()} data-gate={g}>
            <h3 id={id} class={classes!("gate-name", format!("gate-{g}"))}>
                <code>{ s }</code>{ " " }{ gate_role_text(role, lang) }
            </h3>
            <p class="formula"><code>{ line }</code></p>
            <div class="terms">
                { vector(&format!("x_t·W_{g}"), gate.input_part.view(), scale) }
                { vector(&recurrent_name, gate.recurrent_part.view(), scale) }
                { vector(&format!("b_{g}"), gate.bias.view(), scale) }
                if let Some(b) = &gate.recurrent_bias { { vector(&format!("b'_{g}"), b.view(), scale) } }
                { vector(&format!("z_{g} ({})", GateText::GateSum.text(lang)), gate.pre_activation.view(), scale) }
                { vector(s, gate.value.view(), 1.0) }
            </div>
        </section>
    }
}

/// How the gates make the new state: an LSTM's `c_t` and `h_t`, a GRU's `h_t`.
pub fn state_block(lang: Lang, trace: &CellTrace, n: &Notation<'_>, lines: &[String]) -> Html {
    let (prev, prev_c) = (n.prev, n.prev_c);
    let t = |k: GateText| k.text(lang);
    let rows = match trace {
        CellTrace::Lstm(l) => {
            let scale = scale_of([
                l.c_prev.view(),
                l.kept.view(),
                l.written.view(),
                l.c_t.view(),
            ]);
            html! { <>
                { vector(prev_c, l.c_prev.view(), scale) }
                { vector(&format!("f⊙{prev_c} ({})", t(GateText::Kept)), l.kept.view(), scale) }
                { vector(&format!("i⊙c̃ ({})", t(GateText::Written)), l.written.view(), scale) }
                { vector(&format!("c_t ({})", t(GateText::CellState)), l.c_t.view(), scale) }
                { vector(&format!("{}(c_t)", n.activation), l.c_activated.view(), 1.0) }
                { vector(&format!("h_t ({})", t(GateText::HiddenState)), l.h_t.view(), 1.0) }
            </> }
        }
        CellTrace::Gru(g) => {
            let reset = if g.reset_after {
                format!("r⊙({prev}·U_h + b'_h)")
            } else {
                format!("r⊙{prev}")
            };
            let note = if g.reset_after {
                GateText::ResetEntersAfter
            } else {
                GateText::ResetEntersBefore
            };
            html! { <>
                <p class="note reset-note">{ t(note) }</p>
                { vector(&reset, g.reset_product.view(), scale_of([g.reset_product.view()])) }
                { vector(prev, g.h_prev.view(), 1.0) }
                { vector(&format!("h_t ({})", t(GateText::HiddenState)), g.h_t.view(), 1.0) }
            </> }
        }
        CellTrace::SimpleRnn(_) => html! {},
    };
    html! {
        <section class="gate state-update" aria-label={t(GateText::CellState)}>
            { for lines.iter().map(|l| html! { <p class="formula"><code>{ l.clone() }</code></p> }) }
            <div class="terms">{ rows }</div>
        </section>
    }
}
